"""H01 愿留尽留: every present student is in exactly one session of each
(day, block) the survey books them for."""

from __future__ import annotations

from collections import Counter

from factories import activity, admin, club, health, make_data, room, student, teacher
from solver.helpers import assert_no_timetable, run, solve_graded

from paipian.data import ProblemData


def _one_group_school(cap: int) -> ProblemData:
    """Three grade-3 students through B2; every activity holds at most ``cap``;
    one classroom, so each slot can hold a single session."""
    return make_data(
        students=[student(f"s{i}", 3, mon="B2") for i in (1, 2, 3)],
        activities=[
            activity("HW", "homework", capacity=cap),
            activity("READ", "reading", capacity=cap),
        ],
        staff=[teacher("T1", skills=["homework", "reading"]), health(), admin()],
        rooms=[room("R1")],
    )


def test_students_that_cannot_all_be_placed_mean_no_timetable() -> None:
    # One room and one teacher: one session per slot, at most 2 of the 3
    # present students fit; leaving the third out would break H01.
    assert_no_timetable(run(_one_group_school(cap=2), time_limit=2))


def test_every_present_student_is_in_exactly_one_session_per_slot() -> None:
    data = _one_group_school(cap=3)
    result = solve_graded(data)
    held = Counter(
        (sid, s.day, s.block) for s in result.solution.sessions for sid in s.students
    )
    wanted = {(st.id, d, b) for st in data.students for d, b in data.present_slots(st)}
    assert set(held) == wanted
    assert set(held.values()) == {1}


def _two_clubs(*, stays_for_b2: bool) -> ProblemData:
    """s1 ranks NOPE (no room of its kind: it can never meet), then A (2 points),
    then B (1 point). Joining both A and B lowers S3 for s1 from 2 to 1."""
    s1 = student("s1", 3, prefs=["NOPE", "A", "B"], mon="B2" if stays_for_b2 else "B1")
    return make_data(
        students=[s1, student("s2", 3, mon="B2"), student("s3", 3, mon="B2")],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading"),
            club("NOPE", "sports", capacity=(1, 10), room_kinds=["hall"]),
            club("A", "sports", capacity=(1, 10), room_kinds=["gym"]),
            club("B", "arts", capacity=(1, 10), room_kinds=["gym"]),
        ],
        staff=[
            teacher("T1", skills=["homework", "reading"]),
            teacher("T2", skills=["sports"]),
            teacher("T3", skills=["arts"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2"), room("GYM1", "gym"), room("GYM2", "gym")],
    )


def test_a_student_joins_one_of_two_clubs_meeting_in_the_same_slot() -> None:
    # s1 is only there in mon B1, so both clubs meet then; H01 lets s1 join one:
    # A (rank 2, 2 points) → S3 = 4 − 2 = 2 instead of 1 for both.
    data = _two_clubs(stays_for_b2=False)
    result = solve_graded(data)
    held = [s.activity for s in result.solution.sessions if "s1" in s.students]
    assert held == ["A"]
    assert result.raw_terms["S3"] == 2


def test_control_clubs_in_different_slots_can_both_be_joined() -> None:
    # s1 stays through B2: A meets in B1, B in B2, and s1 joins both: S3 = 1.
    data = _two_clubs(stays_for_b2=True)
    result = solve_graded(data)
    held = sorted(s.activity for s in result.solution.sessions if "s1" in s.students)
    assert held == ["A", "B"]
    assert result.raw_terms["S3"] == 1
