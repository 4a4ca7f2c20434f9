"""Club meeting slots (``choose_meetings``): each club takes its best-scored
slots whose leader and room can be held — a leader's weekly maximum (H08)
counted — and otherwise its next best; a required club runs even when none can
be held; a meeting whose leader the slot's drop-ins cannot spare moves to
another slot rather than the club closing, and so does one without which
the drop-in plan would be feasible (the room it holds). Every timetable is
graded by the checker."""

from __future__ import annotations

from dataclasses import replace

from factories import (
    ALL,
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
from paipian.model.plans import ClubPlan, Reservations
from paipian.solver.clubs import choose_meetings, reserve_for
from paipian.solver.cuts import crowded_meetings
from solver.helpers import sessions, solve_graded


def _school(v1_per_week: int) -> ProblemData:
    # A's fans come on Monday only, B's on Tuesday through B2. Only two
    # volunteers may lead science: V1 in B1 of both days, V2 in B2 of both.
    # A takes Monday B1 and V1; B scores Tuesday B1 and B2 alike and takes
    # the first, B1 — unless V1's week is already full.
    fans_a = [student(f"a{i}", 3, prefs=["A"], mon="B2") for i in range(3)]
    fans_b = [student(f"b{i}", 3, prefs=["B"], tue="B2") for i in range(3)]
    return make_data(
        students=fans_a + fans_b,
        activities=[
            activity("HW", "homework"),
            club("A", "science", capacity=(1, 10), required=True),
            club("B", "science", capacity=(1, 10), required=True),
        ],
        staff=[
            external(
                "V1",
                "mon:B1;tue:B1",
                ["science"],
                kind="volunteer",
                max_per_week=v1_per_week,
            ),
            external(
                "V2", "mon:B2;tue:B2", ["science"], kind="volunteer", max_per_week=1
            ),
            teacher("T1"),
            teacher("T2"),
            teacher("T3"),
            health(),
            admin(),
        ],
        rooms=[room(f"R{i}") for i in range(4)],
        days=("mon", "tue"),
    )


def test_a_club_whose_leader_has_no_session_left_meets_where_another_can_lead() -> None:
    data = _school(v1_per_week=1)
    meetings = choose_meetings(data, Reservations.empty())
    assert meetings["A"] == (("mon", "B1"),)
    assert meetings["B"] == (("tue", "B2"),)  # V1's one session went to A
    result = solve_graded(data)
    assert {(s.day, s.block) for s in sessions(result, "B")} == {("tue", "B2")}
    assert sessions(result, "A")


def test_control_a_leader_with_sessions_left_keeps_the_best_slot() -> None:
    data = _school(v1_per_week=2)
    meetings = choose_meetings(data, Reservations.empty())
    assert meetings["B"] == (("tue", "B1"),)
    assert sessions(solve_graded(data), "B")


def _one_class(staff: list, rooms: list) -> ProblemData:
    """Twelve children of one class stay on both days; two of them want to
    dance. Drop-in groups hold at most six."""
    kids = [
        student(f"s{i}", 3, prefs=["DANCE"] if i < 2 else [], mon="B2", tue="B2")
        for i in range(12)
    ]
    return make_data(
        students=kids,
        activities=[
            activity("HW", "homework", form="admin_class", capacity=6),
            activity("READ", "reading", form="grade_mixed", capacity=6),
            club("DANCE", "arts", capacity=(2, 6)),
        ],
        staff=[*staff, health(), admin()],
        rooms=rooms,
        days=("mon", "tue"),
    )


def _crowded_school(t3_available: str) -> ProblemData:
    # Only T2 may lead dancing, and it scores Monday B1 first (all slots
    # alike, the first wins). T1 and T2 may both lead the drop-ins; T3 only
    # where ``t3_available`` says. With T2 at the dance on Monday, T1 alone
    # cannot lead ten children.
    return _one_class(
        [
            teacher("T1", skills=["homework", "reading"]),
            teacher("T2", skills=["arts", "reading"]),
            teacher("T3", t3_available, skills=["homework", "reading"]),
        ],
        [room(f"R{i}") for i in range(4)],
    )


def _plan_and_held(data: ProblemData) -> tuple[ClubPlan, Reservations]:
    meetings = choose_meetings(data, Reservations.empty())
    plan = ClubPlan(meetings, {"DANCE": ("s0", "s1")})
    return plan, reserve_for(data, meetings, {"DANCE": 2})


def test_a_meeting_whose_leader_the_dropins_need_moves_instead_of_closing() -> None:
    data = _crowded_school("tue")
    plan, held = _plan_and_held(data)
    assert plan.meetings["DANCE"] == (("mon", "B1"),)
    # T1 alone seats 6 of the 10 left on Monday B1; with T2 they would fit
    assert crowded_meetings(data, plan, held) == {("mon", "B1"): ["DANCE"]}
    result = solve_graded(data)
    (meeting,) = sessions(result, "DANCE")  # it runs, on Tuesday (T3 there)
    assert meeting.day == "tue"
    assert set(meeting.students) == {"s0", "s1"}  # both first choices kept


def test_control_with_leaders_to_spare_the_meeting_keeps_its_best_slot() -> None:
    data = _crowded_school(ALL)
    plan, held = _plan_and_held(data)
    assert crowded_meetings(data, plan, held) == {}
    (meeting,) = sessions(solve_graded(data), "DANCE")
    assert (meeting.day, meeting.block) == ("mon", "B1")


def test_a_meeting_the_school_pinned_stays_where_it_is_pinned() -> None:
    data = _crowded_school("tue")
    pinned = [
        replace(a, meets=(("mon", "B1"),)) if a.id == "DANCE" else a
        for a in data.activities
    ]
    data = replace(data, activities=tuple(pinned))
    result = solve_graded(data)
    # never moved to Tuesday: on Monday B1, or not at all (the drop-ins
    # there need its leader)
    assert all(s.day == "mon" for s in sessions(result, "DANCE"))


def _blocking_school(room_for_all: bool) -> ProblemData:
    # Leaders to spare (T1 and T3 lead the drop-ins, T2 the dance), but on
    # Monday B1 only R0 and R1 are open (R2 is closed there unless
    # ``room_for_all``). The dance there holds one, and the ten children
    # left, in groups of at most six, need the other two.
    return _one_class(
        [
            teacher("T1", skills=["homework", "reading"]),
            teacher("T2", skills=["arts", "reading"]),
            teacher("T3", skills=["homework", "reading"]),
        ],
        [
            room("R0"),
            room("R1"),
            room("R2", closed=None if room_for_all else "mon:B1"),
        ],
    )


def test_a_meeting_the_dropins_cannot_do_without_moves_instead_of_closing() -> None:
    data = _blocking_school(room_for_all=False)
    plan, held = _plan_and_held(data)
    assert plan.meetings["DANCE"] == (("mon", "B1"),)
    assert crowded_meetings(data, plan, held) == {}  # leaders are not short
    (meeting,) = sessions(solve_graded(data), "DANCE")  # it runs elsewhere
    assert (meeting.day, meeting.block) != ("mon", "B1")
    assert set(meeting.students) == {"s0", "s1"}  # both first choices kept


def test_control_with_a_room_to_spare_the_meeting_keeps_its_best_slot() -> None:
    data = _blocking_school(room_for_all=True)
    (meeting,) = sessions(solve_graded(data), "DANCE")
    assert (meeting.day, meeting.block) == ("mon", "B1")
