"""`paipian solve` as a school's staff run it: files, exit codes, Ctrl-C."""

from __future__ import annotations

import dataclasses
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from paipian.checker import check
from paipian.generator import generate, write_instance
from paipian.io import load_instance
from paipian.io.solution_json import read_solution

PAIPIAN = [sys.executable, "-c", "from paipian.cli import main; main()"]


def _run(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PAIPIAN, *args], capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def small_school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("school")
    data, _ = generate("tiny", 1)
    write_instance(data, folder)
    return folder / "instance.yaml"


def test_solve_writes_a_timetable_the_checker_accepts(
    small_school: Path, tmp_path: Path
) -> None:
    out = tmp_path / "排片结果"
    proc = _run(
        "solve", str(small_school), "--out", str(out), "--time-limit", "6", "--json"
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "排片完成" in proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["status"] == "FEASIBLE"
    # 6 s leave no time to improve the first timetable: the run says so, and
    # what a school of this size needs
    assert summary["more_time_helps"] is True
    assert "建议 --time-limit 30" in proc.stderr
    for name in (
        "solution.json",
        "排片表.xlsx",
        "排片表.csv",
        "分批离校表.csv",
        "排片表.html",
        "学生安排.xlsx",
        "学生安排.csv",
    ):
        assert (out / name).is_file(), name
    data, _ = load_instance(small_school)
    solution = read_solution(out / "solution.json")
    report = check(data, solution)
    assert report.ok, report.violations[:3]
    for rule_id, weighted in solution.objective.terms.items():
        assert report.objective.weighted[rule_id] == weighted, rule_id
    assert report.objective.value == solution.objective.value
    # The independent grader agrees through the command line too.
    graded = _run("check", str(small_school), str(out / "solution.json"))
    assert graded.returncode == 0, graded.stderr


def test_ctrl_c_stops_the_search_and_keeps_the_best_timetable(
    small_school: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [
            *PAIPIAN,
            "solve",
            str(small_school),
            "--out",
            str(out),
            "--time-limit",
            "300",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(6)  # well into the search (a 300 s limit would run far longer)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr
    assert "Ctrl-C" in stderr
    data, _ = load_instance(small_school)
    assert check(data, read_solution(out / "solution.json")).ok


def test_bad_input_is_exit_2_with_a_located_message(tmp_path: Path) -> None:
    bad = tmp_path / "instance.yaml"
    bad.write_text("schema_version: 1\nschool: [oops\n", encoding="utf-8")
    proc = _run("solve", str(bad), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert "instance.yaml" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "solution.json").exists()


def _without_a_health_officer(folder: Path) -> Path:
    """A tiny school no timetable exists for: H11 cannot hold on any day with
    students (the run ends at the necessary checks, before any search)."""
    data, _ = generate("tiny", 1)
    staff = tuple(p for p in data.staff if p.kind != "health")
    write_instance(dataclasses.replace(data, staff=staff), folder)
    return folder / "instance.yaml"


def test_without_a_limit_the_run_takes_the_one_its_size_needs(
    tmp_path: Path,
) -> None:
    instance = _without_a_health_officer(tmp_path / "school")
    students = len(load_instance(instance)[0].students)
    assert students <= 600  # 30 s up to 600 students (recommended_limit)
    proc = _run("solve", str(instance), "--out", str(tmp_path / "out"))
    assert "时间上限 30 秒（按学校规模）" in proc.stderr, proc.stderr
    proc = _run("--lang", "en", "solve", str(instance), "--out", str(tmp_path / "o"))
    assert "limit 30s (by the school's size)" in proc.stderr, proc.stderr


def test_control_a_limit_given_is_kept_as_given(tmp_path: Path) -> None:
    instance = _without_a_health_officer(tmp_path / "school")
    proc = _run(
        "solve", str(instance), "--out", str(tmp_path / "out"), "--time-limit", "5"
    )
    assert "时间上限 5 秒" in proc.stderr, proc.stderr
    assert "按学校规模" not in proc.stderr


def test_a_school_without_a_timetable_is_exit_3_with_a_report(
    small_school: Path, tmp_path: Path
) -> None:
    instance = _without_a_health_officer(tmp_path / "school")
    proc = _run("solve", str(instance), "--out", str(tmp_path / "out"))
    assert proc.returncode == 3, proc.stderr
    report = (tmp_path / "out" / "不可行报告.md").read_text(encoding="utf-8")
    assert "H11" in report
    solution = json.loads((tmp_path / "out" / "solution.json").read_text("utf-8"))
    assert solution["status"] == "INFEASIBLE"
    assert solution["sessions"] == []
    assert any(item["rule"] == "H11" for item in solution["infeasibility"]["core"])


def test_loading_and_writing_come_off_the_search_time() -> None:
    from paipian.solver.result import WRITE_SECONDS_PER_STUDENT, search_share

    # 2,145 students loaded in 1 s: the search stops in time for the files
    expected = 60 - 1.0 - 2145 * WRITE_SECONDS_PER_STUDENT
    assert search_share(60, 2145, 1.0) == pytest.approx(expected)
    assert expected < 57


def test_control_a_short_limit_keeps_half_of_it_for_the_search() -> None:
    from paipian.solver.result import search_share

    assert search_share(2, 3000, 1.5) == 1.0
