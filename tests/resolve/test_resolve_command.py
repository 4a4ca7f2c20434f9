"""``paipian solve NEW --previous OLD/solution.json`` as a school runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from paipian.generator import generate, write_instance
from paipian.io import load_instance
from paipian.io.solution_json import read_solution, write_solution
from paipian.resolve.changes import compare
from paipian.solver import SolveParams, solve

PAIPIAN = [sys.executable, "-c", "from paipian.cli import main; main()"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PAIPIAN, *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated school on disk and a previous round's solution.json."""
    root = tmp_path_factory.mktemp("rounds")
    data, _ = generate("tiny", 2)
    write_instance(data, root / "school")
    params = SolveParams(
        time_limit=2, workers=1, seed=0, deterministic=True, first_solution=True
    )
    result = solve(data, params)
    assert result.feasible
    write_solution(result.solution, root / "round1" / "solution.json")
    return root / "school" / "instance.yaml", root / "round1" / "solution.json"


def test_resolve_writes_changes_ledger_and_counts(rounds, tmp_path: Path) -> None:
    instance, previous = rounds
    # Next survey: the first student leaves on Friday.
    students = instance.parent / "students.csv"
    lines = students.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("fri")] = ""
    (tmp_path / "school").mkdir()
    for f in instance.parent.iterdir():
        (tmp_path / "school" / f.name).write_bytes(f.read_bytes())
    (tmp_path / "school" / "students.csv").write_text(
        "\n".join([lines[0], ",".join(row), *lines[2:]]) + "\n", encoding="utf-8"
    )
    out = tmp_path / "round2"
    proc = _run(
        "solve",
        str(tmp_path / "school" / "instance.yaml"),
        "--previous",
        str(previous),
        "--keep",
        "clubs",
        "--out",
        str(out),
        "--deterministic",
        "--time-limit",
        "2",
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "与上一轮" in proc.stderr and "公平台账" in proc.stderr
    doc = json.loads((out / "solution.json").read_text(encoding="utf-8"))
    assert doc["previous"] == str(previous)
    assert set(doc["changes"]) == {
        "students",
        "staff",
        "rooms",
        "sessions_added",
        "sessions_removed",
    }
    # Leaving on Friday moves nobody else: at most that student changes, and
    # a carried student who takes a seat they freed.
    data, _ = load_instance(tmp_path / "school" / "instance.yaml")
    changes = compare(
        read_solution(previous), read_solution(out / "solution.json"), data
    )
    assert doc["changes"] == changes.counts()
    leaver = row[header.index("id")]
    for c in changes.students:
        if c.counted and c.student != leaver:
            assert not c.clubs_before and c.clubs_after, c
    ledger = json.loads((out / "公平台账.json").read_text(encoding="utf-8"))
    assert ledger["round"] == 2
    wb = load_workbook(out / "变更清单.xlsx")
    assert wb.sheetnames == ["汇总", "学生家长", "教师", "场地", "通知"]
    assert (out / "变更通知.txt").is_file()


def test_resolve_pins_in_the_instance_load(rounds, tmp_path: Path) -> None:
    instance, _ = rounds
    folder = tmp_path / "pinned"
    folder.mkdir()
    for f in instance.parent.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    doc = yaml.safe_load((folder / "instance.yaml").read_text(encoding="utf-8"))
    club = next(a for a in doc["activities"] if a.get("mode") == "club")
    club["meets"] = ["mon:B9"]
    (folder / "instance.yaml").write_text(
        yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8"
    )
    proc = _run("validate", str(folder / "instance.yaml"))
    assert proc.returncode == 2
    assert "meets" in proc.stderr and "未知的时段" in proc.stderr


def test_bad_keep_or_previous_is_bad_input(rounds, tmp_path: Path) -> None:
    instance, previous = rounds
    proc = _run("solve", str(instance), "--previous", str(previous), "--keep", "x")
    assert proc.returncode == 2 and "--keep" in proc.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    proc = _run("solve", str(instance), "--previous", str(broken), "--out", "x")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
