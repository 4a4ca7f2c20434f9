"""`paipian batch` with local processes: nothing lost, figures = the checker's,
a second run re-solves nothing unchanged."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from paipian.batch import BatchRun, run_batch
from paipian.batch.events import Event, Lost, Started
from paipian.batch.summary import SUMMARY_FIELDS
from paipian.checker import check
from paipian.io import load_instance
from paipian.io.solution_json import read_solution

from .conftest import OPTIONS, SOLVABLE

KILL_AFTER_SECONDS = 0.3  # well inside the tiny school's load and solve (1 s limit)


class KillFirstSolve:
    """Kills the process solving ``target`` once, while it is solving."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.killed: int | None = None
        self.events: list[Event] = []

    def __call__(self, event: Event) -> None:
        self.events.append(event)
        if (
            isinstance(event, Started)
            and event.task.name == self.target
            and self.killed is None
            and event.pid is not None
        ):
            self.killed = event.pid
            threading.Timer(KILL_AFTER_SECONDS, self._kill, (event.pid,)).start()

    @staticmethod
    def _kill(pid: int) -> None:
        with contextlib.suppress(ProcessLookupError):  # finished first
            os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def first_run(
    district: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[BatchRun, Path, KillFirstSolve]:
    out = tmp_path_factory.mktemp("out")
    killer = KillFirstSolve(SOLVABLE[0])
    run = run_batch([district], out, OPTIONS, jobs=2, on_event=killer)
    return run, out, killer


def _by_name(run: BatchRun) -> dict[str, dict[str, Any]]:
    return {r["name"]: r for r in run.records}


def test_every_school_has_its_result_despite_a_killed_worker(
    first_run: tuple[BatchRun, Path, KillFirstSolve],
) -> None:
    run, out, killer = first_run
    records = _by_name(run)
    assert set(records) == {*SOLVABLE, "nohealth", "broken"}
    # The killed process was noticed and the school solved again elsewhere.
    lost = [e for e in killer.events if isinstance(e, Lost)]
    assert [e.task.name for e in lost] == [SOLVABLE[0]] and lost[0].retry
    assert records[SOLVABLE[0]]["worker"].split(":")[-1] != str(killer.killed)
    for name in SOLVABLE:
        assert records[name]["status"] in ("OPTIMAL", "FEASIBLE")
        assert (out / name / "排片表.xlsx").is_file()
    # Infeasible: its report, and the reason in one line.
    assert records["nohealth"]["status"] == "INFEASIBLE"
    assert "H11" in (out / "nohealth" / "不可行报告.md").read_text("utf-8")
    assert records["nohealth"]["reason"].startswith("[H11]")
    # Bad input: INPUT_ERROR with the located message, nothing else written.
    broken = records["broken"]
    assert broken["status"] == "INPUT_ERROR"
    assert "broken/instance.yaml" in broken["error"] and "第 3 行" in broken["error"]
    assert not (out / "broken" / "solution.json").exists()


def test_summary_has_exactly_the_format_fields_and_the_checkers_figures(
    first_run: tuple[BatchRun, Path, KillFirstSolve], district: Path
) -> None:
    _, out, _ = first_run
    rows = json.loads((out / "summary.json").read_text("utf-8"))
    assert len(rows) == 4
    assert all(tuple(row) == SUMMARY_FIELDS for row in rows)
    for row in rows:
        if row["status"] not in ("OPTIMAL", "FEASIBLE"):
            continue
        name = Path(row["instance"]).parent.name
        data, _ = load_instance(district / name / "instance.yaml")
        report = check(data, read_solution(out / name / "solution.json"))
        m = report.metrics
        assert row["hard_violations"] == sum(report.by_rule.values()) == 0
        assert row["coverage_pct"] == m.coverage_pct
        assert row["workload_sd"] == m.load_sd
        assert row["room_use_pct"] == m.seat_use_pct
        assert row["first_choice_pct"] == m.first_choice_pct
        assert row["clubs_running"] == m.clubs_opened
        assert row["students"] == len(data.students)


def test_district_report_opens_with_every_school(
    first_run: tuple[BatchRun, Path, KillFirstSolve],
) -> None:
    _, out, _ = first_run
    wb = openpyxl.load_workbook(out / "区汇总.xlsx")
    schools = wb["学校一览"]
    assert schools.auto_filter.ref == "A1:Q5"
    assert schools.cell(1, 1).value == "学校"
    statuses = [schools.cell(r, 3).value for r in range(2, 6)]
    assert statuses[:2] == ["数据有误", "不可行"]  # attention first
    assert len(wb["图表"]._charts) == 2
    oversight = dict(wb["监管数据"].iter_rows(min_row=2, values_only=True))
    assert oversight["学校数"] == 4 and oversight["参与教师数（带班或助教）"] > 0
    page = (out / "区汇总.html").read_text("utf-8")
    assert page.count("<svg") == 2 and "<script>" in page
    assert "src=" not in page and "https://" not in page  # self-contained


def test_a_second_run_resolves_nothing_unchanged(
    first_run: tuple[BatchRun, Path, KillFirstSolve], district: Path
) -> None:
    _, out, _ = first_run
    stamp = (out / SOLVABLE[1] / "solution.json").stat().st_mtime_ns
    again = run_batch([district], out, OPTIONS, jobs=2)
    # Solved and infeasible schools are taken as they are; the broken one,
    # which has no result to keep, is read again (no solve).
    assert sorted(again.skipped) == sorted([*SOLVABLE, "nohealth"])
    assert again.solved == ["broken"]
    assert (out / SOLVABLE[1] / "solution.json").stat().st_mtime_ns == stamp
    assert [r["status"] for r in again.records] == [
        r["status"] for r in first_run[0].records
    ]
