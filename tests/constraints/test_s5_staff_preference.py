"""S5 教师偏好: for staff with ``prefers``, each session they lead or assist that
is neither on a preferred day nor of a preferred activity costs 1."""

from __future__ import annotations

from factories import (
    activity,
    admin,
    club,
    external,
    health,
    make_data,
    room,
    student,
    teacher,
)
from solver.helpers import sessions, solve_graded

from paipian.data import ProblemData, Staff, Weights


def _school(t1_prefers: list[str], weights: Weights | None = None) -> ProblemData:
    """Two students through B2 on Monday: one HW and one READ session (H03).
    T1 and T3 may lead both; S1 makes each lead one."""
    able = ["homework", "reading"]
    return make_data(
        students=[student(s, 3, mon="B2") for s in ("s1", "s2")],
        activities=[activity("HW", "homework"), activity("READ", "reading")],
        staff=[
            teacher("T1", skills=able, prefers=t1_prefers),
            teacher("T3", skills=able),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2")],
        weights=weights,
    )


def _leader(result, activity: str) -> str:
    (s,) = sessions(result, activity)
    return s.staff[0]


def test_a_teacher_gets_the_activity_they_prefer() -> None:
    result = solve_graded(_school(["READ"]))
    assert _leader(result, "READ") == "T1"
    assert result.raw_terms.get("S5", 0) == 0


def test_control_the_other_preference_flips_the_choice() -> None:
    result = solve_graded(_school(["HW"]))
    assert _leader(result, "HW") == "T1"
    assert result.raw_terms.get("S5", 0) == 0


def test_a_preference_nothing_can_meet_costs_one_per_session() -> None:
    # T1 prefers Tuesday; the school runs on Monday. S1 (weight 10) makes T1
    # lead one of the two sessions, which costs S5 = 1.
    result = solve_graded(_school(["tue"]))
    assert result.raw_terms["S5"] == 1


def test_a_preferred_day_makes_every_session_that_day_free() -> None:
    result = solve_graded(_school(["mon"]))
    assert result.raw_terms.get("S5", 0) == 0


def test_assisting_counts_too() -> None:
    # X1 (external) leads BALL with a 助教; T2 is the only teacher free for it
    # and prefers only Tuesday: assisting costs 1. T1 leads HW (no preferences).
    staff: list[Staff] = [
        teacher("T1", "mon:B2", skills=["homework"]),
        teacher("T2", "mon:B1", skills=[], prefers=["tue"]),
        external("X1", "mon:B1", skills=["sports"]),
        health(),
        admin(),
    ]
    data = make_data(
        students=[student(s, 3, prefs=["BALL"], mon="B2") for s in ("s1", "s2")],
        activities=[
            activity("HW", "homework"),
            club("BALL", "sports", capacity=(2, 10), room_kinds=["gym"], required=True),
        ],
        staff=staff,
        rooms=[room("R1"), room("GYM", "gym")],
        weights=Weights(balance=0),
    )
    result = solve_graded(data)
    (meeting,) = sessions(result, "BALL")
    assert (meeting.staff, meeting.assistant) == (("X1",), "T2")
    assert result.raw_terms["S5"] == 1
