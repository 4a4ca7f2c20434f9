"""The drop-in plan houses its groups by room class and staffs them per (slot,
activity) exactly (solver/housing.py, solver/pair_staffing.py), and the week's
staff shortage is found by a maximum flow (solver/hall.py): each with a case
the plan must get right and a control. Every timetable is graded by the checker."""

from __future__ import annotations

import pytest
from factories import (
    activity,
    admin,
    external,
    health,
    make_data,
    room,
    student,
    teacher,
)

from paipian.data import Rules
from paipian.model.plans import ClubPlan, PlannedSession, Reservations
from paipian.solver.dropins import build_dropin_model, form_sessions
from paipian.solver.hall import week_deficit
from paipian.solver.housing import group_sizes
from paipian.solver.pair_staffing import deal_staff
from paipian.solver.runtime import run_phase
from solver.helpers import sessions, solve_graded

# One activity per slot is enough here: the daily offer (H03) and the weekly
# quality activity (H05) are another test's business.
FEW = Rules(disabled=frozenset({"H03", "H05"}))


# ---- water-filling -----------------------------------------------------------
def test_groups_fill_as_evenly_as_their_seats_allow() -> None:
    assert group_sizes([40, 40], 61) == [31, 30]
    # the 20-seat room holds its group back; the others share the rest evenly
    assert group_sizes([20, 60, 60], 120) == [20, 50, 50]
    assert sum(group_sizes([45, 48, 80], 150)) == 150


def test_students_beyond_the_seats_are_an_error_not_a_silent_loss() -> None:
    with pytest.raises(ValueError):
        group_sizes([20, 20], 41)


# ---- housing ---------------------------------------------------------------
def _students(n: int, grade: int = 3) -> list:
    return [student(f"s{i:03d}", grade, mon="B1") for i in range(n)]


def _rooms_school(rooms: list, n: int = 70, capacity: int = 60):
    return make_data(
        students=_students(n),
        activities=[activity("HW", "homework", capacity=capacity)],
        staff=[teacher(f"T{i}") for i in range(4)] + [health(), admin()],
        rooms=rooms,
        rules=FEW,
    )


def _plan(data):
    """The drop-in plan alone (no clubs), solved, and its groups dealt."""
    plan = ClubPlan({}, {})
    held = Reservations.empty()
    pm, v = build_dropin_model(data, plan, held)
    solver, outcome = run_phase(pm, time_limit=5, workers=1, seed=0, deterministic=True)
    assert outcome.status in ("OPTIMAL", "FEASIBLE"), outcome.status
    return v, solver, form_sessions(data, plan, v, solver.value)


def test_groups_never_outgrow_the_rooms_drawn_for_them() -> None:
    # 70 students, rooms of 20, 20 and 60: a "typical" room (20) would need
    # four groups for three rooms; the plan puts one group in the big room.
    data = _rooms_school(
        [room("S1", capacity=20), room("S2", capacity=20), room("BIG", capacity=60)]
    )
    _, _, formed = _plan(data)
    cap = {r.id: r.capacity for r in data.rooms}
    assert len(set(formed.rooms.values())) == len(formed.sessions)
    for s in formed.sessions:
        assert len(s.students) <= cap[formed.rooms[s.index]]
    assert sum(len(s.students) for s in formed.sessions) == 70
    solve_graded(data)


def test_control_rooms_enough_for_even_groups() -> None:
    data = _rooms_school([room(f"R{i}", capacity=60) for i in range(3)])
    _, _, formed = _plan(data)
    sizes = sorted(len(s.students) for s in formed.sessions)
    assert sizes == [35, 35]  # two full-enough rooms, not three half-empty
    solve_graded(data)


def test_an_outdoor_group_holds_an_indoor_backup_that_seats_it() -> None:
    # SUN (outdoor, rain_backup) for 50 students: the only indoor room seating
    # 50 is the hall, so at most one outdoor group may be as big as 50.
    data = make_data(
        students=_students(50),
        activities=[
            activity("SUN", "sports", capacity=50, room_kinds=("field", "classroom"))
        ],
        staff=[
            teacher("T1", skills=["sports"]),
            teacher("T2", skills=["sports"]),
            health(),
            admin(),
        ],
        rooms=[
            room("F1", "field", 200, outdoor=True),
            room("HALL", "hall", 60),
            room("C1", "classroom", 30),
        ],
        rules=FEW,
    )
    _, _, formed = _plan(data)
    cap = {r.id: r.capacity for r in data.rooms}
    for s in formed.sessions:
        where = formed.rooms[s.index]
        if data.room_by_id[where].outdoor:
            backup = formed.backups[s.index]
            assert not data.room_by_id[backup].outdoor
            assert len(s.students) <= cap[backup]
    result = solve_graded(data)
    assert sessions(result, "SUN")


# ---- staffing per (slot, activity) --------------------------------------------
def test_an_external_leader_brings_a_teacher_as_assistant() -> None:
    # Only the coach (external) may lead sport; T1 assists, T2 leads homework.
    data = make_data(
        students=_students(60),
        activities=[
            activity("BALL", "sports", capacity=30),
            activity("HW", "homework", capacity=40),
        ],
        staff=[external("X1"), teacher("T1"), teacher("T2"), health(), admin()],
        rooms=[room(f"R{i}", capacity=40) for i in range(4)],
        rules=FEW,
    )
    v, solver, formed = _plan(data)
    dealt = deal_staff(data, v, solver.value, formed.sessions)
    assert dealt is not None
    lead_of, assist_of = dealt
    # two school teachers and one coach: at most three sessions, and a
    # coach-led one takes a teacher too
    people = list(lead_of.values()) + list(assist_of.values())
    assert len(people) == len(set(people))
    for s in formed.sessions:
        if data.staff_by_id[lead_of[s.index]].is_external:
            assert data.staff_by_id[assist_of[s.index]].kind == "teacher"
    solve_graded(data)


def test_control_no_external_no_assistant() -> None:
    data = make_data(
        students=_students(60),
        activities=[activity("HW", "homework", capacity=40)],
        staff=[teacher("T1"), teacher("T2"), health(), admin()],
        rooms=[room(f"R{i}", capacity=40) for i in range(3)],
        rules=FEW,
    )
    v, solver, formed = _plan(data)
    dealt = deal_staff(data, v, solver.value, formed.sessions)
    assert dealt is not None and dealt[1] == {}
    solve_graded(data)


# ---- the week's shortage by maximum flow -------------------------------------------
def _session(index: int, activity_id: str, block: str) -> PlannedSession:
    return PlannedSession(index, "mon", block, activity_id, ("s1",), ("3-1",))


def test_the_week_flow_names_what_weekly_limits_cannot_carry() -> None:
    # TEAM in B1, B2 and B3, only T1 may lead it, at most twice a week: one
    # short; HW (T2's) is not part of the shortage.
    leaders = {"TEAM": ["T1"], "HW": ["T2"]}
    weekly = {"T1": 2, "T2": 5}
    planned = [_session(i, "TEAM", b) for i, b in enumerate(("B1", "B2", "B3"))]
    planned.append(_session(3, "HW", "B1"))
    found = week_deficit(planned, lambda a, t: leaders[a], weekly.__getitem__)
    assert found is not None
    assert {a for _, a in found.pairs} == {"TEAM"}
    assert (found.sessions, found.capacity) == (3, 2)


def test_control_the_week_flow_finds_nothing_when_all_can_be_led() -> None:
    leaders = {"TEAM": ["T1", "T2"], "HW": ["T2"]}
    weekly = {"T1": 2, "T2": 2}
    planned = [_session(0, "TEAM", "B1"), _session(1, "TEAM", "B2")]
    planned.append(_session(2, "HW", "B1"))
    assert week_deficit(planned, lambda a, t: leaders[a], weekly.__getitem__) is None


def test_a_weekly_limit_shapes_the_plan_not_the_repair() -> None:
    # Three blocks, sport only by T1 (twice a week): the plan itself keeps
    # sport to two blocks; the timetable is valid.
    data = make_data(
        students=[student(f"s{i}", 3, mon="B3") for i in range(20)],
        activities=[
            activity("BALL", "sports", capacity=30),
            activity("HW", "homework", capacity=30),
        ],
        staff=[
            teacher("T1", skills=["sports"], max_per_week=2),
            teacher("T2"),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2")],
        blocks=(
            ("B1", "15:30", "16:10"),
            ("B2", "16:10", "16:50"),
            ("B3", "16:50", "17:30"),
        ),
        rules=FEW,
    )
    result = solve_graded(data)
    assert 1 <= len(sessions(result, "BALL")) <= 2
