"""H05 每周一项素质活动: every student present in the week takes at least
``min_quality_per_week`` quality sessions (clubs and drop-ins count)."""

from __future__ import annotations

from factories import activity, admin, club, health, make_data, room, student, teacher
from solver.helpers import assert_no_timetable, placements, run, sessions, solve_graded

from paipian.data import ProblemData, Rules
from paipian.solver import Result


def _school(
    min_quality: int = 1,
    *,
    last: str = "B2",
    fans: tuple[str, ...] = (),
    disabled: frozenset[str] = frozenset({"H03"}),
) -> ProblemData:
    """Grade-3 students s1, s2 on Monday; homework HW seats everyone, reading READ
    seats one student a session (so every READ place costs a session). H03 is
    off, so only H05 asks for quality."""
    return make_data(
        students=[
            student(s, 3, prefs=["ART"] if s in fans else (), mon=last)
            for s in ("s1", "s2")
        ],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading", capacity=1),
            club("ART", "arts", capacity=(1, 10)),
        ],
        staff=[
            teacher("T1", skills=["homework", "reading", "arts"]),
            teacher("T2", skills=["homework", "reading", "arts"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2")],
        rules=Rules(min_quality_per_week=min_quality, disabled=disabled),
    )


def _quality_places(data: ProblemData, result: Result, sid: str) -> int:
    """How many quality-category sessions hold ``sid`` in the week."""
    return sum(
        1
        for _, _, aid in placements(result, sid)
        if data.activity_by_id[aid].is_quality
    )


def test_each_student_gets_a_quality_session_although_homework_is_cheaper() -> None:
    data = _school()
    result = solve_graded(data)
    for sid in ("s1", "s2"):
        assert _quality_places(data, result, sid) >= 1, placements(result, sid)


def test_control_with_no_weekly_minimum_nobody_needs_reading() -> None:
    # READ groups of one only add sessions: without H05 none is opened.
    result = solve_graded(_school(min_quality=0))
    assert not sessions(result, "READ")


def test_two_quality_sessions_a_week_fill_both_blocks_with_reading() -> None:
    data = _school(min_quality=2)
    result = solve_graded(data)
    for sid in ("s1", "s2"):
        assert _quality_places(data, result, sid) == 2
    assert not sessions(result, "HW")


def test_a_week_too_short_for_the_minimum_means_no_timetable() -> None:
    # Present in mon B1 only, nobody can take two quality sessions.
    assert_no_timetable(run(_school(min_quality=2, last="B1"), time_limit=2))


def test_a_quality_club_meeting_counts_towards_the_week() -> None:
    # s1 and s2 rank ART: its meeting is their quality session, so no READ group.
    result = solve_graded(_school(fans=("s1", "s2")))
    (meeting,) = sessions(result, "ART")
    assert sorted(meeting.students) == ["s1", "s2"]
    assert not sessions(result, "READ")
