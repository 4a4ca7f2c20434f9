"""Helpers of the solver and per-rule tests: solve a tiny instance in
deterministic mode and grade every timetable it returns with the checker.

Every solution a test obtains goes through ``assert_graded``: the checker finds
no hard violation, and its recomputed objective equals the solver's, term by
term (weighted and raw) and in total.
"""

from __future__ import annotations

from collections.abc import Iterable

from paipian.checker import CheckReport, check
from paipian.data import ProblemData
from paipian.solution import Session
from paipian.solver import Result, SolveParams, solve

NO_TIMETABLE = frozenset({"INFEASIBLE", "UNKNOWN"})


def params(time_limit: float = 5.0, seed: int = 0) -> SolveParams:
    """One worker, deterministic time, a fixed seed."""
    return SolveParams(time_limit=time_limit, workers=1, seed=seed, deterministic=True)


def run(data: ProblemData, time_limit: float = 5.0) -> Result:
    """``solve`` under the test parameters."""
    return solve(data, params(time_limit))


def _why(result: Result) -> str:
    inf = result.solution.infeasibility
    core = [(c.rule, c.message) for c in inf.core] if inf is not None else []
    return f"{result.status} in phase {result.message!r}: {core}"


def assert_graded(data: ProblemData, result: Result) -> CheckReport:
    """The solver found a timetable, the checker passes it, and both agree on
    every objective term the solver reports (and on the total)."""
    assert result.feasible, _why(result)
    report = check(data, result.solution)
    assert report.ok, [(v.rule, v.amount, v.message) for v in report.violations]
    for rule, weighted in result.terms.items():
        assert report.objective.weighted[rule] == weighted, (
            rule,
            weighted,
            report.objective.weighted[rule],
        )
        assert report.objective.raw[rule] == result.raw_terms[rule], rule
    # A term the solver does not report must be 0 for the checker too.
    for rule, weighted in report.objective.weighted.items():
        if rule not in result.terms:
            assert weighted == 0, (rule, weighted)
    assert result.objective == report.objective.value
    assert result.bound is not None and result.bound <= result.objective
    return report


def solve_graded(data: ProblemData, time_limit: float = 5.0) -> Result:
    """``run`` then ``assert_graded``."""
    result = run(data, time_limit)
    assert_graded(data, result)
    return result


def assert_no_timetable(result: Result) -> None:
    """The solver returned no timetable (and did not crash or mis-model)."""
    print(_why(result))  # shown when a test fails: which rules the diagnosis blames
    assert result.feasible is False
    assert result.status in NO_TIMETABLE, _why(result)
    assert not result.solution.sessions


def sessions(
    result: Result,
    activity: str | None = None,
    day: str | None = None,
    block: str | None = None,
) -> list[Session]:
    """The result's sessions, filtered by activity, day and block."""
    return [
        s
        for s in result.solution.sessions
        if (activity is None or s.activity == activity)
        and (day is None or s.day == day)
        and (block is None or s.block == block)
    ]


def placements(result: Result, student_id: str) -> list[tuple[str, str, str]]:
    """(day, block, activity) of every session holding ``student_id``."""
    return [
        (s.day, s.block, s.activity)
        for s in result.solution.sessions
        if student_id in s.students
    ]


def activities_of(result: Result, student_ids: Iterable[str]) -> set[str]:
    """The activities any of ``student_ids`` is placed in."""
    ids = set(student_ids)
    return {s.activity for s in result.solution.sessions if ids & set(s.students)}
