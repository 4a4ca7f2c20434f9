"""H12 年级与形式: a session holds only grades its activity admits; admin_class
sessions hold one class, grade_mixed one grade; a running club meets exactly
``sessions_per_week`` times, always with all its members; a required club runs."""

from __future__ import annotations

from factories import activity, admin, club, health, make_data, room, student, teacher
from solver.helpers import activities_of, sessions, solve_graded

from paipian.data import ProblemData


def test_a_session_holds_only_grades_its_activity_admits() -> None:
    # PLAY (sport, free for S4) admits grade 3 only, so grade-1 a1 and a2 go to
    # ART in both blocks: 2 × 2 = 4 non-sport places; c1 does HW once (H03)
    # and PLAY once: + 1. S4 = 5.
    data = make_data(
        students=[
            student("a1", 1, mon="B2"),
            student("a2", 1, mon="B2"),
            student("c1", 3, mon="B2"),
        ],
        activities=[
            activity("HW", "homework", grades=[3]),
            activity("PLAY", "sports", grades=[3], room_kinds=["gym"]),
            activity("ART", "arts", grades=[1]),
        ],
        staff=[
            teacher("T1", skills=["homework", "sports", "arts"]),
            teacher("T2", skills=["homework", "sports", "arts"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2"), room("GYM", "gym")],
    )
    result = solve_graded(data)
    assert activities_of(result, ["a1", "a2"]) == {"ART"}
    for s in result.solution.sessions:
        act = data.activity_by_id[s.activity]
        assert {data.student_by_id[x].grade for x in s.students} <= act.grades
    assert result.raw_terms["S4"] == 4 + 1


def _two_classes(form: str) -> ProblemData:
    """Classes 3-1 and 3-2, two students each, through B2; HW and a PLAY of
    ``form`` that S4 would send everyone to; two gyms."""
    return make_data(
        students=[
            student("p1", 3, "3-1", mon="B2"),
            student("p2", 3, "3-1", mon="B2"),
            student("q1", 3, "3-2", mon="B2"),
            student("q2", 3, "3-2", mon="B2"),
        ],
        activities=[
            activity("HW", "homework"),
            activity("PLAY", "sports", form=form, room_kinds=["gym"]),
        ],
        staff=[
            teacher("T1", skills=["homework", "sports"]),
            teacher("T2", skills=["homework", "sports"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("GYM1", "gym"), room("GYM2", "gym")],
    )


def _classes(data: ProblemData, students: tuple[str, ...]) -> set[str]:
    return {data.student_by_id[s].class_id for s in students}


def test_an_admin_class_session_holds_one_class() -> None:
    # One PLAY group of all four would save a session; admin_class forbids it.
    data = _two_classes("admin_class")
    result = solve_graded(data)
    play = sessions(result, "PLAY")
    assert play
    assert all(len(_classes(data, s.students)) == 1 for s in play)
    assert set().union(*(_classes(data, s.students) for s in play)) == {"3-1", "3-2"}


def test_control_a_school_mixed_session_may_mix_classes() -> None:
    data = _two_classes("school_mixed")
    result = solve_graded(data)
    assert any(len(_classes(data, s.students)) == 2 for s in sessions(result, "PLAY"))


def test_a_grade_mixed_session_holds_one_grade() -> None:
    data = make_data(
        students=[student("c1", 3, mon="B2"), student("d1", 4, mon="B2")],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading", form="grade_mixed"),
        ],
        staff=[
            teacher("T1", skills=["homework", "reading"]),
            teacher("T2", skills=["homework", "reading"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2")],
    )
    result = solve_graded(data)
    read = sessions(result, "READ")
    assert len(read) == 2
    for s in read:
        assert len({data.student_by_id[x].grade for x in s.students}) == 1


def test_a_club_meets_sessions_per_week_times_with_the_same_members() -> None:
    # BALL meets twice a week; c3 comes on Monday only, so cannot be a member.
    data = make_data(
        students=[
            student("c1", 3, prefs=["BALL"], mon="B2", tue="B2"),
            student("c2", 3, prefs=["BALL"], mon="B2", tue="B2"),
            student("c3", 3, prefs=["BALL"], mon="B2"),
        ],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading"),
            club("BALL", "sports", capacity=(2, 10), sessions_per_week=2),
        ],
        staff=[
            teacher("T1", skills=["homework", "reading"]),
            teacher("T2", skills=["sports"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2")],
        days=("mon", "tue"),
    )
    result = solve_graded(data)
    meetings = sessions(result, "BALL")
    assert len(meetings) == 2
    assert {m.students for m in meetings} == {("c1", "c2")}
    # c3 ranked only BALL and gets nothing: S3 = 4.
    assert result.raw_terms["S3"] == 4


def _rival_clubs(*, chess_required: bool) -> ProblemData:
    """s1, s2 rank BALL first, CHESS second; both clubs can only meet in mon B1
    (their coaches offer nothing else) and need two members."""
    return make_data(
        students=[
            student("s1", 3, prefs=["BALL", "CHESS"], mon="B2"),
            student("s2", 3, prefs=["BALL", "CHESS"], mon="B2"),
            student("s3", 3, mon="B2"),
            student("s4", 3, mon="B2"),
        ],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading"),
            club("BALL", "sports", capacity=(2, 10)),
            club("CHESS", "other_quality", capacity=(2, 10), required=chess_required),
        ],
        staff=[
            teacher("T1", skills=["homework", "reading"]),
            teacher("T3", skills=["homework", "reading"]),
            teacher("T2", "mon:B1", skills=["sports"]),
            teacher("T4", "mon:B1", skills=["other_quality"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2"), room("R3"), room("R4")],
    )


def test_a_required_club_runs_even_against_first_choices() -> None:
    # CHESS must run with ≥ 2 members: s1 and s2 leave BALL, which closes.
    # S3 = 2 students × (4 − 2 points for a second choice) = 4.
    data = _rival_clubs(chess_required=True)
    result = solve_graded(data)
    (chess,) = sessions(result, "CHESS")
    assert chess.students == ("s1", "s2")
    assert not sessions(result, "BALL")
    assert "BALL" in result.solution.closed_clubs
    assert result.raw_terms["S3"] == 4


def test_control_an_optional_club_closes_for_first_choices() -> None:
    data = _rival_clubs(chess_required=False)
    result = solve_graded(data)
    (ball,) = sessions(result, "BALL")
    assert ball.students == ("s1", "s2")
    assert "CHESS" in result.solution.closed_clubs
    assert result.raw_terms["S3"] == 0
