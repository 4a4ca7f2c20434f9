"""H04 2–3 时段: a load-time rule. ``solve`` refuses a hand-built ProblemData
whose calendar breaks it, naming H04 in the infeasibility core."""

from __future__ import annotations

import pytest
from factories import make_data, student
from solver.helpers import run, solve_graded

BROKEN = {
    "overlapping": [("B1", "15:30", "16:40"), ("B2", "16:30", "17:30")],
    "one block": [("B1", "15:30", "17:30")],
    "four blocks": [
        ("B1", "15:30", "16:00"),
        ("B2", "16:00", "16:30"),
        ("B3", "16:30", "17:00"),
        ("B4", "17:00", "17:30"),
    ],
    "before dismissal": [("B1", "15:00", "16:30"), ("B2", "16:30", "17:30")],
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_calendar_is_refused_with_an_h04_core(case: str) -> None:
    # The default grade is dismissed at 15:20. The default students book Monday
    # through B2; with one block they can book only B1.
    blocks = BROKEN[case]
    students = (
        None
        if any(b == "B2" for b, _, _ in blocks)
        else [student(s, 3, mon="B1") for s in ("s1", "s2", "s3", "s4")]
    )
    data = make_data(blocks=blocks, students=students)
    result = run(data, time_limit=2)
    assert result.status == "INFEASIBLE"
    assert result.feasible is False
    assert not result.solution.sessions
    inf = result.solution.infeasibility
    assert inf is not None and inf.core
    assert {item.rule for item in inf.core} == {"H04"}


def test_blocks_ending_before_parents_finish_work_are_refused() -> None:
    data = make_data(parent_off_work="18:00")
    result = run(data, time_limit=2)
    assert result.status == "INFEASIBLE"
    inf = result.solution.infeasibility
    assert inf is not None and {item.rule for item in inf.core} == {"H04"}


def test_control_the_default_calendar_is_accepted() -> None:
    solve_graded(make_data())
