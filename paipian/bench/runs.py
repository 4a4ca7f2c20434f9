"""One row per (school, method): run, grade with the checker, report.

Methods: ``fcfs`` (``paipian.baseline``), ``planted`` (the school's valid
reference timetable), and solver runs — ``engine`` (the full solve) and
``heuristic`` (``SolveParams(first_solution=True)``: the construction alone).
Each solver run happens in a fresh subprocess (``python -m
paipian.bench.worker``), so its time and peak memory are its own and a crash
or a hang costs one row, not the benchmark.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from paipian.bench.schools import SchoolSpec
from paipian.data import ProblemData
from paipian.solution import Solution
from paipian.solver.result import recommended_limit

SOLVER_METHODS = ("heuristic", "engine")


@dataclass
class Row:
    """What one method achieved on one school. ``seconds``: wall-clock time of
    the method (for a solve, around ``solve()``, so it shows a limit overrun
    whatever the solver counts). Metrics are the checker's:
    ``load_sd`` in 课时/week over S1's teachers, ``first_choice`` and
    ``room_use`` (seats used ÷ seats of rooms used) and ``coverage`` in %."""

    school: str
    group: str
    method: str
    students: int = 0
    limit: float | None = None
    status: str = ""
    found: bool = False
    seconds: float | None = None
    first_feasible: float | None = None
    objective: float | None = None  # the checker's value
    solver_objective: float | None = None  # what the solver claimed
    bound: float | None = None
    violations: int | None = None
    violated: str = ""  # "H05:2 H08:5"
    load_sd: float | None = None
    first_choice: float | None = None
    room_use: float | None = None
    coverage: float | None = None
    peak_mb: float | None = None
    error: str = ""
    solver_seconds: float | None = None  # Result.runtime, as the solver counts

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def graded(
    spec: SchoolSpec, data: ProblemData, solution: Solution, method: str, **extra: Any
) -> Row:
    """A row for ``solution``, graded by the independent checker."""
    from paipian.checker import check

    report = check(data, solution)
    m = report.metrics
    row = Row(
        school=spec.label,
        group=spec.group,
        method=method,
        students=len(data.students),
        status=solution.status,
        found=True,
        objective=report.objective.value,
        violations=sum(report.by_rule.values()),
        violated=" ".join(f"{r}:{n}" for r, n in report.by_rule.items() if n),
        load_sd=m.load_sd,
        first_choice=m.first_choice_pct,
        room_use=m.seat_use_pct,
        coverage=m.coverage_pct,
    )
    for key, value in extra.items():
        setattr(row, key, value)
    return row


def grade_rows(spec: SchoolSpec) -> tuple[ProblemData, list[Row]]:
    """The school's data, and the rows of the first-come-first-served
    baseline and of the reference timetable (when the school has one)."""
    from paipian.baseline import fcfs_timetable

    data, planted = spec.load()
    started = time.perf_counter()
    fcfs = fcfs_timetable(data)
    seconds = round(time.perf_counter() - started, 2)
    rows = [graded(spec, data, fcfs, "fcfs", seconds=seconds)]
    if planted is not None:
        rows.append(graded(spec, data, planted, "planted"))
    return data, rows


@dataclass(frozen=True)
class SolveJob:
    """One solver run: a school, a method, the solver's parameters."""

    spec: SchoolSpec
    method: str = "engine"  # engine | heuristic
    time_limit: float | None = None  # None: recommended_limit(students)
    workers: int = 2
    seed: int = 0
    env: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["spec"] = self.spec.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SolveJob:
        return cls(**{**d, "spec": SchoolSpec.from_dict(d["spec"])})


def run_solve(job: SolveJob, students: int | None = None) -> Row:
    """Run ``job`` in a fresh Python process and return its row. A crash, a
    hang (beyond 3 × the limit + 2 min) or unreadable output is a row whose
    ``error`` says so, never an exception."""
    limit = job.time_limit
    if limit is None:
        limit = recommended_limit(students or 0)
    job = SolveJob(job.spec, job.method, limit, job.workers, job.seed)
    failed = Row(job.spec.label, job.spec.group, job.method, students or 0, limit)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "paipian.bench.worker", json.dumps(job.to_dict())],
            capture_output=True,
            text=True,
            timeout=3 * limit + 120,
        )
    except subprocess.TimeoutExpired:
        failed.error = f"no answer after {3 * limit + 120:.0f}s"
        return failed
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
        failed.error = tail[0][:300]
        return failed
    try:
        return Row(**json.loads(lines[-1]))
    except (ValueError, TypeError) as exc:
        failed.error = f"unreadable worker output: {exc}"
        return failed


def run_school(
    spec: SchoolSpec,
    methods: tuple[str, ...] = ("engine",),
    *,
    time_limit: float | None = None,
    workers: int = 2,
    seed: int = 0,
) -> list[Row]:
    """Every row of one school: fcfs, planted, then each solver method."""
    data, rows = grade_rows(spec)
    for method in methods:
        job = SolveJob(spec, method, time_limit, workers, seed)
        rows.append(run_solve(job, students=len(data.students)))
    return rows


def run_benchmark(
    specs: list[SchoolSpec],
    methods: tuple[str, ...] = ("engine",),
    *,
    time_limit: float | None = None,
    workers: int = 2,
    seed: int = 0,
    progress: Callable[[Row], None] | None = None,
) -> list[Row]:
    """``run_school`` over ``specs``, in order; ``progress`` sees each row."""
    rows: list[Row] = []
    for spec in specs:
        for row in run_school(
            spec, methods, time_limit=time_limit, workers=workers, seed=seed
        ):
            rows.append(row)
            if progress is not None:
                progress(row)
    return rows
