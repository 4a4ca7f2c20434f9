"""`paipian report` / `paipian ledger`: exit codes, located messages, no traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "instances" / "tiny"
INSTANCE = str(EXAMPLE / "instance.yaml")


def paipian(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "paipian.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8"},
    )


def test_report_defaults_to_the_solution_folder(tmp_path: Path) -> None:
    solution = tmp_path / "solution.json"
    shutil.copy(EXAMPLE / "solution.json", solution)
    run = paipian("report", str(solution), "--instance", INSTANCE, "--lang", "en")
    assert run.returncode == 0, run.stderr
    for name in ("排片表.xlsx", "排片表.csv", "分批离校表.csv", "排片表.html"):
        assert (tmp_path / name).stat().st_size > 0
    header = (tmp_path / "排片表.csv").read_text(encoding="utf-8-sig").split(",")[0]
    assert header == "Day"


def test_missing_solution_is_exit_2_with_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    run = paipian("report", str(missing), "--instance", INSTANCE)
    assert run.returncode == 2
    assert str(missing) in run.stderr and "无法读取" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"sessions": [1,\n 2', "第 2 行"),
        ('{"sessions": [{"id": "x"}]}', "sessions[0]"),
        (b"\xff\xfe\x00garbage".decode("latin-1"), "solution.json"),
    ],
)
def test_garbled_solution_is_exit_2_located(
    tmp_path: Path, text: str, where: str
) -> None:
    bad = tmp_path / "solution.json"
    bad.write_text(text, encoding="latin-1" if "garbage" in text else "utf-8")
    run = paipian("report", str(bad), "--instance", INSTANCE, "--out", str(tmp_path))
    assert run.returncode == 2
    assert where in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "排片表.xlsx").exists()


def test_solution_of_another_school_is_exit_2(tmp_path: Path) -> None:
    solution = json.loads((EXAMPLE / "solution.json").read_text(encoding="utf-8"))
    solution["sessions"][0]["activity"] = "NO_SUCH_CLUB"
    path = tmp_path / "solution.json"
    path.write_text(json.dumps(solution), encoding="utf-8")
    run = paipian("report", str(path), "--instance", INSTANCE)
    assert run.returncode == 2
    assert "sessions[0].activity" in run.stderr and "NO_SUCH_CLUB" in run.stderr


def test_infeasible_solution_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "solution.json"
    path.write_text('{"status": "INFEASIBLE", "sessions": []}', encoding="utf-8")
    run = paipian("report", str(path), "--instance", INSTANCE)
    assert run.returncode == 3
    assert "INFEASIBLE" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["solution.json"]


def test_ledger_command(tmp_path: Path) -> None:
    solution = str(EXAMPLE / "solution.json")
    args = ("ledger", solution, "--instance", INSTANCE, "--out", str(tmp_path))
    run = paipian(*args, "--month", "2026-10", "--rate", "50", "--json")
    assert run.returncode == 0, run.stderr
    files = json.loads(run.stdout)["files"]
    assert files == [str(tmp_path / "工作量台账.xlsx")]
    bad_month = paipian(*args, "--month", "十月")
    assert bad_month.returncode == 2 and "--month" in bad_month.stderr
    no_rates = paipian(*args, "--month", "2026-10", "--rates", str(tmp_path / "x.csv"))
    assert no_rates.returncode == 2 and "x.csv" in no_rates.stderr
    assert "Traceback" not in bad_month.stderr + no_rates.stderr


def test_instance_defaults_to_the_one_the_solution_names(tmp_path: Path) -> None:
    # The example's solution.json names "instance.yaml", beside it.
    solution = str(EXAMPLE / "solution.json")
    run = paipian("report", solution, "--out", str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "排片表.xlsx").exists()
    alone = tmp_path / "alone.json"
    alone.write_text('{"instance": "gone.yaml", "sessions": []}', encoding="utf-8")
    run = paipian("report", str(alone))
    assert run.returncode == 2 and "--instance" in run.stderr
