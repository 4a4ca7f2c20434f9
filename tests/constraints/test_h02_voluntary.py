"""H02 自愿/弹性预约: a student is never placed in a (day, block) the survey did
not book, and a club member must be present at every meeting."""

from __future__ import annotations

from factories import activity, admin, club, health, make_data, room, student, teacher
from solver.helpers import placements, sessions, solve_graded

from paipian.data import ProblemData


def _chess_school(coach_available: str) -> ProblemData:
    """Everyone ranks CHESS first; s4 leaves after B1, s5 comes only on Tuesday.
    The only coach, T2, is available in ``coach_available``."""
    return make_data(
        students=[
            student("s1", 3, prefs=["CHESS"], mon="B2", tue="B2"),
            student("s2", 3, prefs=["CHESS"], mon="B2", tue="B2"),
            student("s4", 3, prefs=["CHESS"], mon="B1", tue="B1"),
            student("s5", 3, tue="B2"),
        ],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading"),
            club("CHESS", "other_quality", capacity=(1, 10)),
        ],
        staff=[
            teacher("T1", skills=["homework", "reading"]),
            teacher("T3", skills=["homework", "reading"]),
            teacher("T2", coach_available, skills=["other_quality"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2"), room("R3")],
        days=("mon", "tue"),
    )


def test_a_student_is_only_placed_in_booked_slots() -> None:
    data = _chess_school("*")
    result = solve_graded(data)
    for st in data.students:
        booked = set(data.present_slots(st))
        assert {(d, b) for d, b, _ in placements(result, st.id)} == booked
    assert all(day == "tue" for day, _, _ in placements(result, "s5"))


def test_a_club_meeting_after_a_member_leaves_cannot_take_them() -> None:
    # The coach only offers mon B2, when s4 has gone home: CHESS meets then with
    # s1 and s2; s4 gets no ranked club, S3 = 4 (s1, s2 first choice: 0).
    data = _chess_school("mon:B2")
    result = solve_graded(data)
    (meeting,) = sessions(result, "CHESS")
    assert (meeting.day, meeting.block) == ("mon", "B2")
    assert sorted(meeting.students) == ["s1", "s2"]
    assert ("mon", "B2") not in {(d, b) for d, b, _ in placements(result, "s4")}
    assert result.raw_terms["S3"] == 4


def test_control_a_meeting_while_all_fans_are_there_takes_them_all() -> None:
    # The coach also offers mon B1, when all three fans are present: S3 = 0.
    data = _chess_school("mon:B1,B2")
    result = solve_graded(data)
    (meeting,) = sessions(result, "CHESS")
    assert sorted(meeting.students) == ["s1", "s2", "s4"]
    assert result.raw_terms["S3"] == 0
