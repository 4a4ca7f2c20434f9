"""H03 每日双开: every service day, every grade with present students is offered
homework tutoring (unless exempt) and a quality activity."""

from __future__ import annotations

from factories import activity, admin, health, make_data, room, student, teacher
from solver.helpers import assert_no_timetable, run, sessions, solve_graded

from paipian.data import ProblemData, Rules


def _sporty_school(
    *, rules: Rules | None = None, hw_grades: tuple[int, ...] = (3,)
) -> ProblemData:
    """Two grade-3 students on mon and tue through B2; homework HW (admin_class)
    and sports PLAY in the gym. S4 alone would send everyone to PLAY."""
    return make_data(
        students=[student(s, 3, mon="B2", tue="B2") for s in ("s1", "s2")],
        activities=[
            activity("HW", "homework", form="admin_class", grades=hw_grades),
            activity("PLAY", "sports", room_kinds=["gym"]),
        ],
        staff=[teacher("T1", skills=["homework", "sports"]), health(), admin()],
        rooms=[room("R1"), room("GYM", "gym")],
        days=("mon", "tue"),
        rules=rules,
    )


def test_homework_is_offered_every_day_although_sport_is_cheaper() -> None:
    data = _sporty_school()
    result = solve_graded(data)
    for day in ("mon", "tue"):
        assert sessions(result, "HW", day), day
        assert sessions(result, "PLAY", day), day
    # S4 counts the homework student-sessions: at least one per day.
    assert result.raw_terms["S4"] >= 2


def test_control_without_h03_nobody_does_homework() -> None:
    # Only S4 (and H05, met by PLAY) is left: every place is a sports place.
    data = _sporty_school(rules=Rules(disabled=frozenset({"H03"})))
    result = solve_graded(data)
    assert not sessions(result, "HW")
    assert result.raw_terms["S4"] == 0


def test_control_grades_without_homework_need_only_quality() -> None:
    data = _sporty_school(rules=Rules(grades_without_homework=frozenset({3})))
    result = solve_graded(data)
    assert not sessions(result, "HW")
    assert result.raw_terms["S4"] == 0


def test_no_homework_activity_open_to_the_grade_means_no_timetable() -> None:
    # HW is for grade 4 only; grade 3 cannot be offered homework tutoring.
    assert_no_timetable(run(_sporty_school(hw_grades=(4,)), time_limit=2))


def test_an_admin_class_offer_counts_only_for_its_own_grade() -> None:
    # Grades 3 and 4 each stay one day through B2 with one student; HW is
    # admin_class, so each grade needs its own HW session that day.
    data = make_data(
        students=[student("c1", 3, mon="B2"), student("d1", 4, mon="B2")],
        activities=[
            activity("HW", "homework", form="admin_class"),
            activity("PLAY", "sports", room_kinds=["gym"]),
        ],
        staff=[
            teacher("T1", skills=["homework", "sports"]),
            teacher("T2", skills=["homework", "sports"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2"), room("GYM", "gym")],
    )
    result = solve_graded(data)
    hw_students = {sid for s in sessions(result, "HW") for sid in s.students}
    assert hw_students == {"c1", "d1"}
