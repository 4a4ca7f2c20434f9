"""H06 低年级无书面作业: no homework or Q&A session holds a student of a grade in
``grades_without_homework`` (default 1 and 2)."""

from __future__ import annotations

from factories import activity, admin, club, health, make_data, room, student, teacher
from solver.helpers import sessions, solve_graded

from paipian.data import ProblemData


def _school(grade: int) -> ProblemData:
    """Two students of ``grade`` through B2 on Monday. HW (homework) seats both
    in one group; READ (reading) seats one student a group, so every READ place
    costs a session of its own (the drop-in phase opens as few as it can)."""
    return make_data(
        students=[student(s, grade, mon="B2") for s in ("s1", "s2")],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading", capacity=1),
        ],
        staff=[
            teacher("T1", skills=["homework", "reading"]),
            teacher("T2", skills=["homework", "reading"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2")],
    )


def test_grade_1_never_does_homework_even_when_it_is_cheaper() -> None:
    # One HW group per block would do; grade 1 must read, one group per student
    # per block: 4 READ sessions.
    result = solve_graded(_school(grade=1))
    assert not sessions(result, "HW")
    assert len(sessions(result, "READ")) == 4


def test_control_grade_3_is_sent_to_the_cheaper_homework_group() -> None:
    # Grade 3 reads once each (H05) and does homework together once (H03):
    # HW holds both in one block, READ one each in the other.
    data = _school(grade=3)
    result = solve_graded(data)
    (hw,) = sessions(result, "HW")
    assert hw.students == ("s1", "s2")
    assert len(sessions(result, "READ")) == 2
    assert {data.student_by_id[s].grade for s in hw.students} == {3}


def _qa_club_school() -> ProblemData:
    """Grade-1 students a1, a2 rank QAC, a club of category qa (答疑)."""
    return make_data(
        students=[
            student("a1", 1, prefs=["QAC"], mon="B2"),
            student("a2", 1, prefs=["QAC"], mon="B2"),
        ],
        activities=[activity("READ", "reading"), club("QAC", "qa", capacity=(1, 10))],
        staff=[
            teacher("T1", skills=["qa", "reading"]),
            teacher("T2", skills=["qa", "reading"]),
            health(),
            admin(),
        ],
    )


def test_grade_1_students_never_join_a_qa_club() -> None:
    # Regression: the clubs phase once let a1 and a2 join QAC (S3 = 0) and the
    # checker counted H06 = 2.
    data = _qa_club_school()
    result = solve_graded(data)
    assert not sessions(result, "QAC")
