"""H13 开班人数: a session holds between its activity's ``capacity.min`` and
``capacity.max`` students (clubs and drop-in groups alike)."""

from __future__ import annotations

from factories import activity, admin, club, health, make_data, room, student, teacher
from solver.helpers import assert_no_timetable, run, sessions, solve_graded

from paipian.data import ProblemData


def _club_school(n_fans: int, capacity: tuple[int, int]) -> ProblemData:
    """``n_fans`` grade-3 students rank BALL first; two more have no club."""
    fans = [student(f"f{i}", 3, prefs=["BALL"], mon="B2") for i in range(n_fans)]
    return make_data(
        students=[*fans, student("o1", 3, mon="B2"), student("o2", 3, mon="B2")],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading"),
            club("BALL", "sports", capacity=capacity, room_kinds=["gym"]),
        ],
        staff=[
            teacher("T1", skills=["homework", "reading"]),
            teacher("T3", skills=["homework", "reading"]),
            teacher("T2", skills=["sports"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2"), room("GYM", "gym")],
    )


def test_a_club_short_of_its_minimum_does_not_run() -> None:
    # Two fans, minimum three: BALL closes; each fan loses a first choice,
    # S3 = 2 × 4 = 8.
    result = solve_graded(_club_school(2, (3, 10)))
    assert not sessions(result, "BALL")
    assert result.solution.closed_clubs == ("BALL",)
    assert result.raw_terms["S3"] == 8


def test_control_a_club_at_its_minimum_runs() -> None:
    result = solve_graded(_club_school(2, (2, 10)))
    (meeting,) = sessions(result, "BALL")
    assert meeting.students == ("f0", "f1")
    assert result.raw_terms["S3"] == 0


def test_a_club_takes_no_more_than_its_maximum() -> None:
    # Three fans, room for two: one fan misses a first choice, S3 = 4.
    result = solve_graded(_club_school(3, (1, 2)))
    (meeting,) = sessions(result, "BALL")
    assert len(meeting.students) == 2
    assert result.raw_terms["S3"] == 4


def _dropin_school(read_capacity: tuple[int, int], hw_max: int = 40) -> ProblemData:
    """Three grade-3 students through B2; READ is the only quality activity."""
    return make_data(
        students=[student(s, 3, mon="B2") for s in ("s1", "s2", "s3")],
        activities=[
            activity("HW", "homework", capacity=hw_max),
            activity("READ", "reading", capacity=read_capacity),
        ],
        staff=[
            teacher("T1", skills=["homework", "reading"]),
            teacher("T3", skills=["homework", "reading"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2")],
    )


def test_a_drop_in_group_stays_within_its_capacity() -> None:
    # HW and READ hold at most two: three students need two groups a block.
    data = _dropin_school((1, 2), hw_max=2)
    result = solve_graded(data)
    for s in result.solution.sessions:
        assert 1 <= len(s.students) <= 2, s
    for block in ("B1", "B2"):
        assert len(sessions(result, block=block)) == 2


def test_a_quality_group_that_can_never_fill_means_no_timetable() -> None:
    # READ opens only for four or more; three students never fill it, and
    # without it there is no quality activity at all (H03, H05).
    assert_no_timetable(run(_dropin_school((4, 10)), time_limit=2))


def test_control_a_reachable_minimum_is_met() -> None:
    # READ needs three: all three read together once (H05 for each of them).
    result = solve_graded(_dropin_school((3, 10)))
    read = sessions(result, "READ")
    assert read
    assert all(len(s.students) >= 3 for s in read)
