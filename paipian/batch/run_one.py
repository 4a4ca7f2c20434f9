"""Solve one school of a batch, on whatever process or machine runs it.

``solve_school(task)`` never raises: bad input, infeasibility and crashes all
come back as an ``Outcome`` whose record says so. The model is built here,
on the worker, from the shipped instance files (CP-SAT models do not pickle).
Its outputs come back as bytes, so the machine that owns the output folder
writes them; the figures are the independent checker's, computed on the
solution as written to ``solution.json`` (what ``paipian check`` reads).
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paipian.batch.discover import SchoolTask

# The statuses of summary.json; the first three are finished for good.
SOLVED = ("OPTIMAL", "FEASIBLE", "INFEASIBLE")
STATUSES = (*SOLVED, "UNKNOWN", "INPUT_ERROR", "FAILED")
STATUS_ZH = {
    "OPTIMAL": "最优",
    "FEASIBLE": "可行",
    "INFEASIBLE": "不可行",
    "UNKNOWN": "超时未得解",
    "INPUT_ERROR": "数据有误",
    "FAILED": "运行失败",
}
MAX_ERROR_LINES = 20


@dataclass
class Outcome:
    """What a worker sends back: the school's record and its output files."""

    record: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)


def empty_record(task: SchoolTask, status: str, error: str | None) -> dict[str, Any]:
    """A record with every field present; the figures empty (None)."""
    return {
        "name": task.name,
        "instance": task.instance,
        "school": task.name,
        "district": None,
        "status": status,
        "students": None,
        "coverage_pct": None,
        "hard_violations": None,
        "clubs_running": None,
        "clubs_closed": None,
        "workload_sd": None,
        "workload_max": None,
        "room_use_pct": None,
        "first_choice_pct": None,
        "objective": None,
        "bound": None,
        "seconds": 0.0,
        "error": error,
        "reason": error.splitlines()[0] if error else None,
        "participating_students": None,
        "participating_staff": None,
        "staff_hours": [],
        "digest": task.digest,
        "worker": f"{socket.gethostname()}:{os.getpid()}",
    }


def failed(task: SchoolTask, error: str, seconds: float = 0.0) -> Outcome:
    """A FAILED outcome (a crash, a worker lost too often)."""
    record = empty_record(task, "FAILED", error)
    record["seconds"] = round(seconds, 2)
    return Outcome(record)


@contextlib.contextmanager
def instance_on_disk(task: SchoolTask) -> Iterator[tuple[Path, str | None]]:
    """The instance as a path this process can read, and the temp folder to
    hide in messages when the shipped bytes had to be written out.

    The original path is used when it still holds the shipped bytes (a shared
    disk, the usual case), so error messages name the district's own files.
    """
    original = Path(task.instance)
    folder = original.parent
    try:
        same = bool(task.files) and all(
            (folder / name).read_bytes() == payload
            for name, payload in task.files.items()
        )
    except OSError:
        same = False
    if same or not task.files:
        yield original, None
        return
    with tempfile.TemporaryDirectory(prefix="paipian-batch-") as tmp:
        root = Path(tmp) / folder.name
        for name, payload in task.files.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(payload)
        yield root / task.yaml_name, str(root)


def solve_school(task: SchoolTask) -> Outcome:
    """Load, solve, write and grade one school; every outcome is an Outcome."""
    started = time.monotonic()
    try:
        outcome = _solve_school(task)
    except Exception as exc:  # a crash is this school's result, not the batch's
        tb = traceback.format_exc(limit=-3).strip().splitlines()
        outcome = failed(
            task, f"{type(exc).__name__}: {exc}\n" + "\n".join(tb[-6:]), 0.0
        )
    outcome.record["seconds"] = round(time.monotonic() - started, 2)
    return outcome


def _solve_school(task: SchoolTask) -> Outcome:
    from paipian.errors import InstanceError
    from paipian.io import load_instance
    from paipian.solver import SolveParams, solve
    from paipian.solver.result import recommended_limit, search_share

    started = time.monotonic()
    opts = task.options
    with instance_on_disk(task) as (path, hidden):
        try:
            data, _warnings = load_instance(path)
        except InstanceError as exc:
            lines = [p.message() for p in exc.problems[:MAX_ERROR_LINES]]
            if len(exc.problems) > MAX_ERROR_LINES:
                more = len(exc.problems) - MAX_ERROR_LINES
                lines.append(f"…… 另有 {more} 处 / {more} more")
            text = "\n".join(lines)
            if hidden:
                text = text.replace(hidden, str(Path(task.instance).parent))
            return Outcome(empty_record(task, "INPUT_ERROR", text))
    limit = opts.time_limit
    if limit is None:  # the limit the school's size needs, as ``solve`` gives
        limit = recommended_limit(len(data.students))
    # the school's run keeps the limit: its loading and writing come off the
    # search, as in ``solve``
    limit = search_share(limit, len(data.students), time.monotonic() - started)
    params = SolveParams(time_limit=limit, workers=opts.workers, seed=opts.seed)
    result = solve(data, params)
    return _grade_and_pack(task, data, result)


def _grade_and_pack(task: SchoolTask, data: Any, result: Any) -> Outcome:
    from paipian.checker import check
    from paipian.checker.objectives import s1_population, staff_loads
    from paipian.commands.solve import write_result
    from paipian.io.solution_json import read_solution
    from paipian.solver.result import recommended_limit

    record = empty_record(task, result.status, None)
    record.update(
        school=data.school.name,
        district=data.school.district,
        students=len(data.students),
        objective=result.objective,
        bound=result.bound,
    )
    with tempfile.TemporaryDirectory(prefix="paipian-out-") as tmp:
        written = write_result(data, result, Path(tmp), task.options.lang)
        files = {p.name: p.read_bytes() for p in written}
        solution = read_solution(Path(tmp) / "solution.json")
    if result.status not in STATUSES:  # MODEL_INVALID: a bug, not the school's
        record["status"] = "FAILED"
        record["error"] = record["reason"] = (
            f"求解器返回 {result.status} / solver returned {result.status}: "
            f"{result.message}"
        )
    if solution.has_timetable:
        report = check(data, solution)
        m = report.metrics
        loads = staff_loads(data, solution)
        kinds = {p.id: p.kind for p in data.staff}
        for teacher in s1_population(data):
            loads.setdefault(teacher.id, 0)
        record.update(
            coverage_pct=m.coverage_pct,
            hard_violations=sum(report.by_rule.values()),
            clubs_running=m.clubs_opened,
            clubs_closed=m.clubs_closed,
            workload_sd=m.load_sd,
            workload_max=m.load_max,
            room_use_pct=m.seat_use_pct,
            first_choice_pct=m.first_choice_pct,
            participating_students=len(
                {sid for s in solution.sessions for sid in s.students}
            ),
            participating_staff=sum(1 for v in loads.values() if v > 0),
            staff_hours=[
                [pid, kinds.get(pid, ""), round(minutes / 60, 2)]
                for pid, minutes in sorted(loads.items())
            ],
        )
        if result.short_of_time:  # figures of a first timetable, not a searched one
            advised = recommended_limit(len(data.students))
            record["reason"] = (
                f"时间上限只够排出第一版排片表，建议 --time-limit {advised:g} / "
                f"the limit ended the search at its first timetable; "
                f"try --time-limit {advised:g}"
            )
    elif solution.infeasibility is not None:
        core = solution.infeasibility.core
        if core:
            more = f"（共 {len(core)} 条）" if len(core) > 1 else ""
            record["reason"] = f"[{core[0].rule}] {core[0].message}{more}"
    elif result.status == "UNKNOWN":
        record["reason"] = "时间上限内未找到排片表 / no timetable found in time"
    return Outcome(record, files)
