"""``write_instance`` writes FORMAT.md files that load back to the same data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from gen_cache import school
from typer.testing import CliRunner

from paipian.checker import check
from paipian.cli import app
from paipian.generator import write_instance
from paipian.io import load_instance
from paipian.io.solution_json import read_solution

FIELDS = (
    "school",
    "term",
    "calendar",
    "grades",
    "rooms",
    "staff",
    "activities",
    "students",
    "rules",
    "weights",
)
TOP_KEYS = {
    "schema_version",
    "school",
    "term",
    "calendar",
    "grades",
    "rooms",
    "staff",
    "activities",
    "students",
    "rules",
    "weights",
}


@pytest.mark.parametrize("profile", ["tiny", "nine_year_2100"])
def test_round_trip(profile: str, tmp_path: Path) -> None:
    data, solution = school(profile, 2)
    path = write_instance(data, tmp_path)
    loaded, warnings = load_instance(path)
    for name in FIELDS:
        assert getattr(loaded, name) == getattr(data, name), name
    assert check(loaded, solution).ok
    # The only warning is the volunteer whose qualification lapses (H09).
    assert all(w.rule == "H09" for w in warnings)


def test_only_keys_the_format_defines(tmp_path: Path) -> None:
    data, _ = school("primary_600", 1)
    path = write_instance(data, tmp_path)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(doc) == TOP_KEYS
    assert doc["calendar"]["blocks"][0] == {
        "id": "B1",
        "start": "15:30",
        "end": "16:30",
    }
    header = (tmp_path / "students.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header == "id,name,grade,class,mon,tue,wed,thu,fri,prefs,needs_remedial"


def test_cli_generate_writes_instance_and_solution(tmp_path: Path) -> None:
    out = tmp_path / "school"
    result = CliRunner().invoke(
        app,
        [
            "generate",
            "--profile",
            "tiny",
            "--seed",
            "3",
            "--out",
            str(out),
            "--tightness",
            "0.5",
            "--with-solution",
        ],
    )
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert names == {
        "instance.yaml",
        "rooms.csv",
        "staff.csv",
        "students.csv",
        "solution.json",
    }
    data, _ = load_instance(out / "instance.yaml")
    assert check(data, read_solution(out / "solution.json")).ok


def test_cli_generate_refuses_unknown_profile(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["generate", "--profile", "mega", "--out", str(tmp_path / "x")]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists()
