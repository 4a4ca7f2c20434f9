"""Club meeting slots (``choose_meetings``): each club takes its best-scored
slots whose leader and room can be held — a leader's weekly maximum (H08)
counted — and otherwise its next best; a club that can hold nothing anywhere
takes the slot of a club placed before it, which moves to its next best; a
required club runs even when none can be held; a meeting whose leader the
slot's drop-ins cannot spare (or rooms, or as many groups as they need)
moves to another slot rather than the club closing, and so does one without
which the drop-in plan would be feasible (the room it holds). Every
timetable is graded by the checker."""

from __future__ import annotations

from dataclasses import replace

import pytest
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


def _one_class(
    staff: list,
    rooms: list,
    prefs: list[list[str]] | None = None,
    clubs: list | None = None,
) -> ProblemData:
    """Twelve children of one class stay on both days, the first with
    ``prefs`` (by default two of them want to dance); drop-in groups hold
    at most six."""
    prefs = [["DANCE"], ["DANCE"]] if prefs is None else prefs
    kids = [
        student(f"s{i}", 3, prefs=wants, mon="B2", tue="B2")
        for i, wants in enumerate(prefs + [[]] * (12 - len(prefs)))
    ]
    return make_data(
        students=kids,
        activities=[
            activity("HW", "homework", form="admin_class", capacity=6),
            activity("READ", "reading", form="grade_mixed", capacity=6),
            *(clubs or [club("DANCE", "arts", capacity=(2, 6))]),
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
    # Leaders and seats to spare, but reading (every child's one quality
    # activity of the week, H05) needs a library, open on Monday B1 only.
    # The dance takes the smallest room that fits it there — the library —
    # unless ``room_for_all`` opens a second. No count of leaders, rooms or
    # groups sees it; the drop-in plan is infeasible.
    kids = [
        student(f"s{i}", 3, prefs=["DANCE"] if i < 2 else [], mon="B2")
        for i in range(12)
    ]
    libraries = ["LIB", "LIB2"] if room_for_all else ["LIB"]
    return make_data(
        students=kids,
        activities=[
            activity("HW", "homework", form="admin_class", capacity=12),
            activity(
                "READ",
                "reading",
                form="grade_mixed",
                capacity=12,
                room_kinds=["library"],
            ),
            club("DANCE", "arts", capacity=(2, 6), room_kinds=["classroom", "library"]),
        ],
        staff=[
            teacher("T1", skills=["homework", "reading"]),
            teacher("T2", skills=["arts", "reading"]),
            teacher("T3", skills=["homework", "reading"]),
            health(),
            admin(),
        ],
        rooms=[
            room("R0"),
            room("R1"),
            *(room(r, "library", capacity=20, closed="mon:B2") for r in libraries),
        ],
        days=("mon",),
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


def _one_lab(b_leader: str) -> ProblemData:
    # One laboratory for two science clubs. A has more fans, so it is placed
    # first and takes Monday B1 (all slots score alike, the first wins); B's
    # only own leader, V, comes ``b_leader``.
    fans = [student(f"a{i}", 3, prefs=["A"], mon="B2", tue="B2") for i in range(4)]
    fans += [student(f"b{i}", 3, prefs=["B"], mon="B2", tue="B2") for i in range(3)]
    lab = {"room_kinds": ["special"], "room_tags": ["lab"], "capacity": (1, 10)}
    return make_data(
        students=fans,
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading"),
            club("A", "science", **lab),
            club("B", "science", staff=["V"], staff_skills=[], **lab),
        ],
        staff=[
            teacher("T1", skills=["homework", "reading"]),
            teacher("T2", skills=["homework", "reading"]),
            teacher("TA", skills=["science"]),
            teacher("V", b_leader, skills=["science"]),
            health(),
            admin(),
        ],
        rooms=[room("R0"), room("R1"), room("LAB", "special", tags=["lab"])],
        days=("mon", "tue"),
    )


def test_a_club_that_can_meet_only_where_another_sits_takes_its_place() -> None:
    data = _one_lab(b_leader="mon:B1")
    meetings = choose_meetings(data, Reservations.empty())
    assert meetings["B"] == (("mon", "B1"),)  # before: no meeting, B closed
    assert meetings["A"] != (("mon", "B1"),)  # A moved on: it can meet anywhere
    result = solve_graded(data)
    assert {st for s in sessions(result, "B") for st in s.students} == {
        "b0",
        "b1",
        "b2",
    }
    assert {st for s in sessions(result, "A") for st in s.students} == {
        f"a{i}" for i in range(4)
    }


def test_control_a_club_that_can_meet_elsewhere_leaves_the_first_in_place() -> None:
    data = _one_lab(b_leader=ALL)
    meetings = choose_meetings(data, Reservations.empty())
    assert meetings["A"] == (("mon", "B1"),)
    assert meetings["B"] != (("mon", "B1"),)
    result = solve_graded(data)
    assert sessions(result, "A") and sessions(result, "B")


def test_control_a_pinned_meeting_is_not_moved_for_another_club() -> None:
    data = _one_lab(b_leader="mon:B1")
    meetings = choose_meetings(
        data, Reservations.empty(), preferred={"A": (("mon", "B1"),)}
    )
    assert meetings["A"] == (("mon", "B1"),)
    assert "B" not in meetings


def _dance_and_robots(
    prefs: list[list[str]], staff: list, rooms: list, dance_min: int = 1
) -> ProblemData:
    """``_one_class`` with a dance club and a robotics club."""
    robots = club("ROBOT", "science", capacity=(1, 6))
    dance = club("DANCE", "arts", capacity=(dance_min, 6))
    return _one_class(staff, rooms, prefs, [dance, robots])


def _dance_once_a_week(dance_leader: str) -> ProblemData:
    # s0 wants to dance, s1 and s2 to build robots. Only T2 may lead
    # dancing, and only ``dance_leader``; only T4 may lead robotics. Both
    # clubs score every slot alike and take Monday B1 first, where T1 alone
    # is left for the nine others (groups of six): one of them must move,
    # and the dance has nowhere else to go.
    return _dance_and_robots(
        [["DANCE"], ["ROBOT"], ["ROBOT"]],
        [
            teacher("T1", skills=["homework", "reading"]),
            teacher("T2", dance_leader, skills=["arts", "reading"]),
            teacher("T3", "tue", skills=["homework", "reading"]),
            teacher("T4", skills=["science", "reading"]),
        ],
        [room(f"R{i}") for i in range(5)],
    )


def test_a_club_with_one_possible_slot_stays_and_another_moves() -> None:
    data = _dance_once_a_week("mon:B1")
    meetings = choose_meetings(data, Reservations.empty())
    plan = ClubPlan(meetings, {"DANCE": ("s0",), "ROBOT": ("s1", "s2")})
    held = reserve_for(data, meetings, {"DANCE": 1, "ROBOT": 2})
    assert plan.meetings["DANCE"] == plan.meetings["ROBOT"] == (("mon", "B1"),)
    assert crowded_meetings(data, plan, held) == {("mon", "B1"): ["DANCE", "ROBOT"]}
    result = solve_graded(data)
    # the least wanted club, the dance, used to move — to nowhere: it closed
    (dance,) = sessions(result, "DANCE")
    assert (dance.day, dance.block, dance.students) == ("mon", "B1", ("s0",))
    (robots,) = sessions(result, "ROBOT")
    assert (robots.day, robots.block) != ("mon", "B1")
    assert set(robots.students) == {"s1", "s2"}


def test_control_a_club_that_can_meet_elsewhere_is_the_one_to_move() -> None:
    data = _dance_once_a_week("mon:B1;tue:B1")
    result = solve_graded(data)
    (dance,) = sessions(result, "DANCE")  # the least wanted moves
    assert (dance.day, dance.block) != ("mon", "B1")
    (robots,) = sessions(result, "ROBOT")
    assert (robots.day, robots.block) == ("mon", "B1")


def test_a_club_whose_only_slot_the_dropins_need_is_the_one_to_close() -> None:
    # Monday B1 has two rooms for the drop-ins and the dance, which T2 can
    # lead only then; a robotics club with fewer fans meets on Tuesday. The
    # dance is to blame: it closes, not robotics.
    data = _dance_and_robots(
        [["DANCE"], ["DANCE"], ["ROBOT"]],
        [
            teacher("T1", skills=["homework", "reading"]),
            teacher("T2", "mon:B1", skills=["arts"]),
            teacher("T3", skills=["homework", "reading"]),
            teacher("T4", "tue", skills=["science"]),
        ],
        [room("R0"), room("R1"), room("R2", closed="mon:B1")],
        dance_min=2,
    )
    result = solve_graded(data)
    assert not sessions(result, "DANCE")
    assert result.solution.closed_clubs == ("DANCE",)
    (robots,) = sessions(result, "ROBOT")
    assert robots.students == ("s2",)


def _two_grades(free_leaders: int, rooms: int) -> ProblemData:
    # Eight children in each of grades 3 and 4, groups of at most six, one
    # grade each: four groups — seats enough for them with three leaders or
    # rooms, but not groups. The dance (a grade-3 fan) scores every slot
    # alike and takes Monday B1 first, holding T2 and a room (T5 may lead
    # it on Tuesday).
    kids = [
        student(f"s{g}{i}", g, prefs=["DANCE"] if (g, i) == (3, 0) else [], mon="B2")
        for g in (3, 4)
        for i in range(8)
    ]
    kids = [replace(k, last_block=(("mon", "B2"), ("tue", "B2"))) for k in kids]
    both = ["homework", "reading"]
    return make_data(
        students=kids,
        activities=[
            activity("HW", "homework", form="grade_mixed", capacity=6),
            activity("READ", "reading", form="grade_mixed", capacity=6),
            club("DANCE", "arts", capacity=(1, 6)),
        ],
        staff=[
            teacher("T2", skills=["arts", *both]),
            teacher("T5", "tue", skills=["arts", "reading"]),
            *(teacher(f"T{i}", skills=both) for i in range(10, 10 + free_leaders)),
            health(),
            admin(),
        ],
        rooms=[
            room(f"R{i}", closed="mon:B1" if i >= rooms else None) for i in range(6)
        ],
        days=("mon", "tue"),
    )


@pytest.mark.parametrize(
    ("free_leaders", "rooms"), [(3, 6), (4, 4)], ids=["leaders", "rooms"]
)
def test_a_meeting_that_leaves_too_few_groups_moves(free_leaders, rooms) -> None:
    data = _two_grades(free_leaders, rooms)
    meetings = choose_meetings(data, Reservations.empty())
    assert meetings["DANCE"] == (("mon", "B1"),)
    plan = ClubPlan(meetings, {"DANCE": ("s30",)})
    held = reserve_for(data, meetings, {"DANCE": 1})
    # 15 children, 18 seats free: only the count of groups (4) is short
    assert crowded_meetings(data, plan, held) == {("mon", "B1"): ["DANCE"]}
    (dance,) = sessions(solve_graded(data), "DANCE")  # it runs elsewhere
    assert (dance.day, dance.block) != ("mon", "B1")
    assert dance.students == ("s30",)


def test_control_with_a_fourth_leader_and_room_the_meeting_stays() -> None:
    data = _two_grades(4, 5)
    meetings = choose_meetings(data, Reservations.empty())
    plan = ClubPlan(meetings, {"DANCE": ("s30",)})
    held = reserve_for(data, meetings, {"DANCE": 1})
    assert crowded_meetings(data, plan, held) == {}
    (dance,) = sessions(solve_graded(data), "DANCE")
    assert (dance.day, dance.block) == ("mon", "B1")
