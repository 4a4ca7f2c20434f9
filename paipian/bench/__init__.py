"""Measuring the solver against references: shared by ``benchmarks/`` and
``paipian bench``.

A school (``SchoolSpec``: a generated profile/seed/tightness or a folder with
``instance.yaml``) is run by several *methods*, each giving one row of the
same shape (``runs.Row``): ``fcfs`` (the first-come-first-served baseline),
``planted`` (the generator's or the folder's valid, never optimised
timetable), and solver runs (``engine``, ``heuristic``), each in a fresh
subprocess. Every timetable is graded by ``paipian.checker.check``.
``tables`` turns the rows into pandas tables and lists what must not happen
(a hard violation in a valid timetable, a bound above a valid objective).
"""

from paipian.bench.runs import (
    Row,
    SolveJob,
    grade_rows,
    run_benchmark,
    run_school,
    run_solve,
)
from paipian.bench.schools import SchoolSpec

__all__ = [
    "Row",
    "SchoolSpec",
    "SolveJob",
    "grade_rows",
    "run_benchmark",
    "run_school",
    "run_solve",
]
