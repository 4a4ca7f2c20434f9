"""H08 教师意愿: staff work only in (day, block)s they offered, lead only what
they may lead, one session at a time, at most ``max_per_week`` sessions; every
session has a leader; health and admin staff never lead."""

from __future__ import annotations

from collections import Counter

from factories import activity, admin, health, make_data, room, student, teacher
from solver.helpers import assert_no_timetable, run, sessions, solve_graded

from paipian.data import ProblemData, Rules, Staff
from paipian.model.plans import PlannedSession
from paipian.solver.runtime import run_phase
from paipian.solver.staffing import build_staff_model


def _school(
    staff: list[Staff], *, last: str = "B2", days: tuple[str, ...] = ("mon",)
) -> ProblemData:
    """Grade-3 students s1, s2 on ``days`` through ``last``; HW and READ.

    With ``last="B1"`` H03 needs HW and READ both in mon B1; H05 is then off,
    since the student in HW could get no quality session that week.
    """
    rules = Rules(disabled=frozenset({"H05"})) if last == "B1" else None
    return make_data(
        students=[student(s, 3, **dict.fromkeys(days, last)) for s in ("s1", "s2")],
        activities=[activity("HW", "homework"), activity("READ", "reading")],
        staff=[*staff, health(), admin()],
        rooms=[room("R1"), room("R2")],
        days=days,
        rules=rules,
    )


def _every_session_led_once(result) -> None:
    for s in result.solution.sessions:
        assert len(s.staff) == 1, s


def test_homework_lands_where_its_only_teacher_offered() -> None:
    # T1 alone may lead HW and offers mon B2 only: HW can only be held then.
    data = _school([teacher("T1", "mon:B2"), teacher("T3", skills=["reading"])])
    result = solve_graded(data)
    _every_session_led_once(result)
    assert {(s.block, s.staff) for s in sessions(result, "HW")} == {("B2", ("T1",))}


def test_a_teacher_who_offers_no_service_slot_leaves_homework_unled() -> None:
    # T1 offered Tuesday only; the school runs on Monday, so T1 has no slot
    # (the loader drops days that are not service days).
    data = _school([teacher("T1", ""), teacher("T3", skills=["reading"])])
    assert_no_timetable(run(data, time_limit=2))


def test_one_session_at_a_time_two_offers_in_one_slot_need_two_leaders() -> None:
    # Present in mon B1 only: HW and READ must both run then (H03). T1 may lead
    # both but not at once.
    alone = [teacher("T1", skills=["homework", "reading"])]
    assert_no_timetable(run(_school(alone, last="B1"), time_limit=2))


def test_control_a_second_teacher_takes_the_second_session() -> None:
    staff = [
        teacher("T1", skills=["homework", "reading"]),
        teacher("T3", skills=["homework", "reading"]),
    ]
    result = solve_graded(_school(staff, last="B1"))
    _every_session_led_once(result)
    leaders = [s.staff[0] for s in sessions(result, block="B1")]
    assert sorted(leaders) == ["T1", "T3"]


def test_max_per_week_caps_the_sessions_a_teacher_leads() -> None:
    # HW is needed on mon and tue (H03) and only T1 may lead it.
    staff = [teacher("T1", max_per_week=1), teacher("T3", skills=["reading"])]
    assert_no_timetable(run(_school(staff, days=("mon", "tue")), time_limit=2))


def test_control_max_per_week_of_two_covers_both_days() -> None:
    staff = [teacher("T1", max_per_week=2), teacher("T3", skills=["reading"])]
    result = solve_graded(_school(staff, days=("mon", "tue")))
    per_teacher = Counter(p for s in result.solution.sessions for p in s.staff)
    assert per_teacher["T1"] <= 2
    assert {s.day for s in sessions(result, "HW")} == {"mon", "tue"}


def test_health_staff_never_lead_even_with_the_skill() -> None:
    # The only person with the reading skill is the school nurse.
    staff = [
        teacher("T1"),
        teacher("H2", skills=["reading"], kind="health"),
        teacher("A2", skills=["reading"], kind="admin"),
    ]
    assert_no_timetable(run(_school(staff), time_limit=2))


def test_an_activity_listing_its_staff_is_led_only_by_them() -> None:
    # READ lists T4 and no skills: T3's reading skill does not qualify T3.
    data = make_data(
        students=[student(s, 3, mon="B2") for s in ("s1", "s2")],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading", staff=["T4"], staff_skills=[]),
        ],
        staff=[
            teacher("T1"),
            teacher("T3", skills=["reading"]),
            teacher("T4", skills=[]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2")],
    )
    result = solve_graded(data)
    assert {s.staff for s in sessions(result, "READ")} == {("T4",)}


def test_staff_phase_alone_one_teacher_cannot_lead_two_sessions_at_once() -> None:
    # Phase level: two planned sessions in mon B1, T1 the only candidate.
    data = _school([teacher("T1", skills=["homework", "reading"])], last="B1")
    planned = [
        PlannedSession(0, "mon", "B1", "HW", ("s1",), ("3-1",)),
        PlannedSession(1, "mon", "B1", "READ", ("s2",), ("3-1",)),
    ]
    pm, _ = build_staff_model(data, planned)
    _, outcome = run_phase(pm, time_limit=2, workers=1, seed=0, deterministic=True)
    assert outcome.status == "INFEASIBLE"
