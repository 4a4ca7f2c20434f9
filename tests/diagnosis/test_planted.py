"""One planted-infeasible school per rule that can cause infeasibility.

Each test asserts that the report names the rule and the planted place, that
the quantities (need vs have) are right, and that applying every suggestion
makes the school pass the diagnosis (the aggregated model is feasible).
"""

from __future__ import annotations

from dataclasses import replace

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

from paipian.data import ProblemData
from paipian.diagnosis import apply_suggestion, diagnose
from paipian.solution import CoreItem, Infeasibility

DAYS = ("mon", "tue")


def school(
    *,
    extra_students=(),
    staff=None,
    rooms=None,
    activities=None,
    days=DAYS,
) -> ProblemData:
    """Feasible base: grade 1 (1-1) and grade 3 (3-1), 20 students each, in
    every slot of mon/tue; 4 classrooms of 30 seats; 4 teachers; H1, A1."""
    students = [student(f"a{i:02d}", 1, "1-1", mon="B2", tue="B2") for i in range(20)]
    students += [student(f"c{i:02d}", 3, "3-1", mon="B2", tue="B2") for i in range(20)]
    students += list(extra_students)
    staff = staff or [
        teacher("T1", skills=["homework", "care"]),
        teacher("T2", skills=["reading", "care"]),
        teacher("T3", skills=["sports", "care"]),
        teacher("T4", skills=["homework", "reading"]),
        health("H1"),
        admin("A1"),
    ]
    rooms = rooms or [room(f"R{i}", capacity=30) for i in range(1, 5)]
    activities = activities or [
        activity("HW", "homework", form="admin_class", grades=[3]),
        activity("READ", "reading", form="grade_mixed", grades=[1, 3]),
        activity("PLAY", "sports", form="admin_class", grades=[1, 3]),
        activity("CARE", "care", grades=[1, 3]),
    ]
    return make_data(students, staff, rooms, activities, days=days)


def items(report: Infeasibility | None, rule: str) -> list[CoreItem]:
    assert report is not None, "expected an infeasibility report"
    return [i for i in report.core if i.rule == rule]


def fixed(data: ProblemData, report: Infeasibility) -> ProblemData:
    """Apply every suggestion of the report."""
    assert report.suggestions, "expected at least one suggestion"
    for s in report.suggestions:
        data = apply_suggestion(data, s)
    return data


def assert_repaired(data: ProblemData, report: Infeasibility) -> None:
    assert diagnose(fixed(data, report), time_limit=5, workers=1) is None


def test_base_school_is_feasible() -> None:
    assert diagnose(school(), time_limit=5, workers=1) is None


def test_h01_grade_with_no_open_activity() -> None:
    grade2 = [student(f"b{i}", 2, "2-1", mon="B2", tue="B2") for i in range(10)]
    data = school(extra_students=grade2)
    report = diagnose(data, time_limit=5, workers=1)
    h01 = [i for i in items(report, "H01") if i.where.get("grade") == "2"]
    assert h01, report
    assert {i.where["day"] for i in h01} <= {"mon", "tue"}
    assert all(i.need == 10 and i.have == 0 for i in h01)
    assert_repaired(data, report)


def test_h10_seats_short_when_rooms_closed() -> None:
    rooms = [room("R1", capacity=30)] + [
        room(f"R{i}", capacity=30, closed="tue:B2") for i in range(2, 5)
    ]
    data = school(rooms=rooms)
    report = diagnose(data, time_limit=5, workers=1)
    (h10,) = items(report, "H10")
    assert dict(h10.where) == {"day": "tue", "block": "B2"}
    assert (h10.need, h10.have) == (40, 30)
    assert "周二第2时段" in h10.message
    assert report.suggestions[0].change == "open_room"
    assert_repaired(data, report)


def test_h08_too_few_leaders_in_a_slot() -> None:
    late = "mon:B2;tue"
    staff = [
        teacher("T1", skills=["homework", "care"]),
        teacher("T2", late, skills=["reading", "care"]),
        teacher("T3", late, skills=["sports", "care"]),
        teacher("T4", late, skills=["homework", "reading"]),
        health("H1"),
        admin("A1"),
    ]
    data = school(staff=staff)
    report = diagnose(data, time_limit=5, workers=1)
    (h08,) = items(report, "H08")
    assert dict(h08.where) == {"day": "mon", "block": "B1"}
    assert (h08.need, h08.have) == (2, 1)
    assert report.suggestions[0].change == "add_staff_availability"
    assert_repaired(data, report)


def test_h09_externals_need_a_school_teacher() -> None:
    late = "mon:B2;tue"
    staff = [
        teacher("T1", skills=["homework", "care"]),
        teacher("T2", late, skills=["reading", "care"]),
        teacher("T3", late, skills=["sports", "care"]),
        external("X1", skills=["sports", "care"]),
        health("H1"),
        admin("A1"),
    ]
    data = school(staff=staff)
    report = diagnose(data, time_limit=5, workers=1)
    (h09,) = items(report, "H09")
    assert dict(h09.where) == {"day": "mon", "block": "B1"}
    assert (h09.need, h09.have) == (2, 1)
    assert "助教" in h09.message
    assert_repaired(data, report)


def test_h11_no_health_staff_on_tuesday() -> None:
    staff = [*school().staff[:4], health("H1", "mon"), admin("A1")]
    data = school(staff=staff)
    report = diagnose(data, time_limit=5, workers=1)
    (h11,) = items(report, "H11")
    assert dict(h11.where) == {"day": "tue"}
    assert (h11.need, h11.have) == (1, 0)
    assert report.suggestions[0].params["staff"] == ["H1"]
    assert_repaired(data, report)


def test_h11_no_admin_at_all_suggests_a_new_one() -> None:
    data = school(staff=[*school().staff[:4], health("H1")])
    report = diagnose(data, time_limit=5, workers=1)
    assert {i.where["day"] for i in items(report, "H11")} == {"mon", "tue"}
    assert {s.change for s in report.suggestions} == {"add_duty_staff"}
    assert any("行政值班人员" in s.detail for s in report.suggestions)
    assert_repaired(data, report)


def test_h03_no_homework_teacher_on_tuesday() -> None:
    staff = [
        teacher("T1", "mon", skills=["homework", "care"]),
        teacher("T2", skills=["reading", "care"]),
        teacher("T3", skills=["sports", "care"]),
        teacher("T4", "mon", skills=["homework", "reading"]),
        health("H1"),
        admin("A1"),
    ]
    data = school(staff=staff)
    report = diagnose(data, time_limit=5, workers=1)
    (h03,) = items(report, "H03")
    assert dict(h03.where) == {"grade": "3", "day": "tue"}
    assert (h03.need, h03.have) == (1, 0)
    assert "作业辅导" in h03.message
    assert report.suggestions[0].params["staff"][0] in {"T1", "T4"}
    assert_repaired(data, report)


def test_h05_student_booked_only_when_no_quality_runs() -> None:
    late = "mon:B2;tue"
    staff = [
        teacher("T1", skills=["homework", "care"]),
        teacher("T2", late, skills=["reading", "care"]),
        teacher("T3", late, skills=["sports", "care"]),
        teacher("T4", skills=["homework", "care"]),
        health("H1"),
        admin("A1"),
    ]
    solo = student("solo", 3, "3-1", mon="B1")
    data = school(extra_students=[solo], staff=staff)
    report = diagnose(data, time_limit=5, workers=1)
    (h05,) = items(report, "H05")
    assert h05.where["student"] == "solo"
    assert (h05.need, h05.have) == (1, 0)
    rep = report.suggestions[0]
    assert rep.params["day"] == "mon" and rep.params["block"] == "B1"
    assert_repaired(data, report)


def test_h12_required_club_too_few_members() -> None:
    fans = [
        student(f"f{i}", 3, "3-1", prefs=["CH"], mon="B2", tue="B2") for i in range(8)
    ]
    base = school()
    acts = [
        *base.activities,
        club("CH", "arts", grades=[3], capacity=(10, 30), required=True),
    ]
    staff = [*base.staff, teacher("T5", skills=["arts"])]
    data = school(extra_students=fans, staff=staff, activities=acts)
    report = diagnose(data, time_limit=5, workers=1)
    (h12,) = items(report, "H12")
    assert dict(h12.where) == {"activity": "CH"}
    assert (h12.need, h12.have) == (10, 8)
    assert items(report, "H13")
    assert report.suggestions[0].params == {"activity": "CH", "min": 8}
    assert_repaired(data, report)


def test_h13_group_minimum_above_class_size() -> None:
    acts = [
        activity("HW", "homework", form="admin_class", grades=[3]),
        activity(
            "READ", "reading", form="grade_mixed", grades=[1, 3], capacity=(25, 40)
        ),
        activity(
            "PLAY", "sports", form="admin_class", grades=[1, 3], capacity=(25, 40)
        ),
        activity("CARE", "care", grades=[3]),
    ]
    data = school(activities=acts)
    report = diagnose(data, time_limit=5, workers=1)
    h13 = [i for i in items(report, "H13") if "block" in i.where]
    assert h13 and all(i.where["class"] == "1-1" for i in h13)
    assert {(i.need, i.have) for i in h13} == {(25, 20)}
    assert {s.change for s in report.suggestions} == {"relax_capacity"}
    assert_repaired(data, report)


def test_h14_outdoor_sessions_need_indoor_backup() -> None:
    rooms = [
        room("R1", capacity=30),
        *[room(f"R{i}", capacity=30, closed="mon:B2") for i in range(2, 5)],
        room("FIELD", "field", 100, outdoor=True),
    ]
    acts = [
        *school().activities[:2],
        activity(
            "PLAY",
            "sports",
            form="admin_class",
            grades=[1, 3],
            room_kinds=["classroom", "field"],
        ),
        school().activities[3],
    ]
    data = school(rooms=rooms, activities=acts)
    report = diagnose(data, time_limit=5, workers=1)
    (h14,) = items(report, "H14")
    assert dict(h14.where) == {"day": "mon", "block": "B2"}
    assert (h14.need, h14.have) == (40, 30)
    assert not items(report, "H10") or items(report, "H10")[0].have == 30
    # without H14 the same rooms would do: the rule is the cause
    relaxed = replace(data, rules=replace(data.rules, disabled=frozenset({"H14"})))
    assert diagnose(relaxed, time_limit=5, workers=1) is None
    assert_repaired(data, report)


def test_h08_weekly_limits_too_low_for_the_week() -> None:
    staff = [
        teacher(t.id, skills=t.skills, max_per_week=1) if t.kind == "teacher" else t
        for t in school().staff
    ]
    data = school(staff=staff)
    report = diagnose(data, time_limit=5, workers=1)
    (h08,) = items(report, "H08")
    assert dict(h08.where) == {}
    # 4 slots x 2 sessions (40 students, 30-seat rooms) vs 4 teachers x 1
    assert (h08.need, h08.have) == (8, 4)
    (fix,) = report.suggestions
    assert fix.change == "raise_max_per_week" and fix.params["value"] == 2
    assert_repaired(data, report)
