"""`paipian bench`: the side-by-side table and its JSON, from canned rows
(the solver runs themselves are the harness test's business)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paipian.bench import SchoolSpec, tables
from paipian.bench.runs import Row
from paipian.cli import app
from paipian.commands import bench

ROOT = Path(__file__).resolve().parents[2]


def _canned(
    specs: list[SchoolSpec], methods: tuple[str, ...], **_: object
) -> list[Row]:
    """fcfs and both solver methods for every school; the heuristic finds no
    timetable on the second school."""
    out = []
    for i, spec in enumerate(specs):
        base = {"school": spec.label, "group": spec.group, "students": 100}
        out.append(
            Row(
                **base,
                method="fcfs",
                found=True,
                seconds=0.1,
                violations=7,
                load_sd=2.0,
                first_choice=50.0,
                room_use=40.0,
                objective=1000,
            )
        )
        for method in methods:
            found = not (method == "heuristic" and i == 1)
            out.append(
                Row(
                    **base,
                    method=method,
                    found=found,
                    seconds=2.0,
                    violations=0 if found else None,
                    load_sd=1.0 if found else None,
                    first_choice=75.0 if found else None,
                    room_use=60.0 if found else None,
                    objective=500 if found else None,
                    solver_objective=500 if found else None,
                )
            )
    return out


@pytest.fixture
def canned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("paipian.bench.run_benchmark", _canned)


def test_samples_are_the_bundled_folders() -> None:
    names = {p.name for p in bench.sample_folders()}
    assert {"tiny", "primary_600", "nine_year", "tight"} <= names


def test_json_side_by_side_with_ratios_and_totals(canned: None) -> None:
    result = CliRunner().invoke(app, ["bench", "--json", "--time-limit", "1"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    table = payload["side_by_side"]
    schools = len(bench.sample_folders()) + len(bench.GENERATED)
    assert len(table) == 3 * (schools + 1)
    engine = next(r for r in table if r["method"] == "engine")
    assert engine["load_sd/fcfs"] == 0.5 and engine["first_choice/fcfs"] == 1.5
    assert engine["time_s/fcfs"] == pytest.approx(20.0)
    total = {r["method"]: r for r in table if r["school"] == tables.TOTAL}
    assert total["fcfs"]["violations"] == 7 * schools
    assert total["heuristic"]["found"] == schools - 1
    assert total["engine"]["runs"] == schools
    assert payload["problems"] == []


def test_rich_table_names_every_method(canned: None) -> None:
    result = CliRunner().invoke(
        app, ["bench", "--no-generated", str(ROOT / "instances" / "tiny")]
    )
    assert result.exit_code == 0, result.output
    for word in ("先到先得", "启发式", "完整求解", "tiny", "全部 / total"):
        assert word in result.stdout


def test_a_missing_school_is_bad_input() -> None:
    result = CliRunner().invoke(app, ["bench", "no/such/school"])
    assert result.exit_code == 2


def test_a_violation_in_a_solver_timetable_exits_1(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(
        specs: list[SchoolSpec], methods: tuple[str, ...], **kw: object
    ) -> list[Row]:
        rows = _canned(specs, methods, **kw)
        rows[-1].violations = 3
        return rows

    monkeypatch.setattr("paipian.bench.run_benchmark", broken)
    result = CliRunner().invoke(app, ["bench", "--no-generated", "--json"])
    assert result.exit_code == 1
