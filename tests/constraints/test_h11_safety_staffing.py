"""H11 安全值守: every service day with students has a health officer and an
administrative duty officer on duty, each available in every block of that day
in which any student is present."""

from __future__ import annotations

from factories import activity, admin, health, make_data, room, student, teacher
from solver.helpers import assert_no_timetable, run, solve_graded

from paipian.data import ProblemData, Rules, Staff


def _school(duty_staff: list[Staff], *, last: str = "B2") -> ProblemData:
    """Grade-3 students s1, s2 on mon and tue through ``last`` (tue through B2)."""
    return make_data(
        students=[student(s, 3, mon=last, tue="B2") for s in ("s1", "s2")],
        activities=[activity("HW", "homework"), activity("READ", "reading")],
        staff=[
            teacher("T1", skills=["homework", "reading"]),
            teacher("T3", skills=["homework", "reading"]),
            *duty_staff,
        ],
        rooms=[room("R1"), room("R2")],
        days=("mon", "tue"),
    )


def _on_duty(result, day: str) -> dict[str, str]:
    return {d.kind: d.staff for d in result.solution.duty if d.day == day}


def test_every_day_has_a_health_and_an_admin_officer() -> None:
    data = _school([health("H1"), admin("A1", "mon"), admin("A2", "tue")])
    result = solve_graded(data)
    assert _on_duty(result, "mon") == {"health": "H1", "admin": "A1"}
    assert _on_duty(result, "tue") == {"health": "H1", "admin": "A2"}


def test_no_health_staff_on_a_day_means_no_timetable() -> None:
    # The nurse works Mondays only; students come on Tuesday too.
    assert_no_timetable(run(_school([health("H1", "mon"), admin("A1")]), 2))


def test_no_admin_officer_means_no_timetable() -> None:
    # A teacher cannot stand in for the administrative duty officer.
    data = _school([health("H1"), teacher("A1", skills=[])])
    assert_no_timetable(run(data, 2))


def test_an_officer_must_cover_every_block_with_students() -> None:
    # H1 is there on Monday's B1 only, but s1 and s2 stay through B2.
    nurse = health("H1", "mon:B1;tue")
    assert_no_timetable(run(_school([nurse, admin("A1")]), 2))


def test_control_an_officer_need_not_cover_a_block_without_students() -> None:
    # Everyone leaves after B1 on Monday: H1's Monday B1 is enough.
    nurse = health("H1", "mon:B1;tue")
    data = _school([nurse, admin("A1")], last="B1")
    result = solve_graded(data)
    assert _on_duty(result, "mon") == {"health": "H1", "admin": "A1"}


def test_control_a_school_without_the_health_requirement_needs_no_nurse() -> None:
    data = make_data(
        students=[student(s, 3, mon="B2") for s in ("s1", "s2")],
        activities=[activity("HW", "homework"), activity("READ", "reading")],
        staff=[teacher("T1", skills=["homework", "reading"]), admin("A1")],
        rules=Rules(require_health_staff=False),
    )
    result = solve_graded(data)
    assert _on_duty(result, "mon") == {"admin": "A1"}
