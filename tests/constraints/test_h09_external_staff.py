"""H09 校外人员: an external works only when verified, background-checked and
qualified through term end, and every session they lead has a school-teacher
assistant (助教) who offered that slot."""

from __future__ import annotations

from datetime import date

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
from solver.helpers import assert_no_timetable, run, sessions, solve_graded

from paipian.data import ProblemData, Staff


def _coached_school(
    coach: Staff, *, t1_available: str = "*", t2_available: str = "*"
) -> ProblemData:
    """s1, s2 (grade 3, through B2) rank BALL, a required club only X1 may lead;
    T1 (homework) and T2 (no skills) offer ``t1_available``/``t2_available``."""
    return make_data(
        students=[
            student("s1", 3, prefs=["BALL"], mon="B2"),
            student("s2", 3, prefs=["BALL"], mon="B2"),
        ],
        activities=[
            activity("HW", "homework"),
            club(
                "BALL",
                "sports",
                capacity=(2, 10),
                room_kinds=["gym"],
                staff=["X1"],
                staff_skills=[],
                required=True,
            ),
        ],
        staff=[
            teacher("T1", t1_available, skills=["homework"]),
            teacher("T2", t2_available, skills=[]),
            coach,
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("GYM", "gym")],
    )


def test_a_cleared_external_leads_with_a_free_school_teacher_assisting() -> None:
    data = _coached_school(external("X1", "mon:B1"))
    result = solve_graded(data)
    (meeting,) = sessions(result, "BALL")
    assert meeting.staff == ("X1",)
    assert meeting.block == "B1"
    assert meeting.assistant is not None
    helper = data.staff_by_id[meeting.assistant]
    assert helper.kind == "teacher"
    assert helper.is_available(meeting.day, meeting.block)
    # The 助教 works no other session at that time.
    others = [s for s in sessions(result, block="B1") if s is not meeting]
    assert all(meeting.assistant not in (*s.staff, s.assistant) for s in others)


def test_an_external_without_background_check_may_not_lead() -> None:
    data = _coached_school(external("X1", "mon:B1", cleared=False))
    assert_no_timetable(run(data, time_limit=2))


def test_an_external_whose_qualification_expires_before_term_end_may_not_lead() -> None:
    # TERM_END is 2027-01-20; the qualification lapses a month earlier.
    data = _coached_school(external("X1", "mon:B1", expires=date(2026, 12, 20)))
    assert_no_timetable(run(data, time_limit=2))


def test_no_school_teacher_free_to_assist_means_no_timetable() -> None:
    # X1 coaches in mon B1 only; T1 and T2 are the only teachers and neither
    # offers B1 (T1 holds HW in B2). Nobody can be the 助教.
    data = _coached_school(
        external("X1", "mon:B1"), t1_available="mon:B2", t2_available="mon:B2"
    )
    assert_no_timetable(run(data, time_limit=2))


def test_control_a_teacher_offering_the_slot_becomes_the_assistant() -> None:
    data = _coached_school(
        external("X1", "mon:B1"), t1_available="mon:B2", t2_available="mon:B1"
    )
    result = solve_graded(data)
    (meeting,) = sessions(result, "BALL")
    assert meeting.assistant == "T2"
