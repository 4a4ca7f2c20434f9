"""What a failing room or staff assignment tells the plan (solver/hall.py and the
pipeline's cuts), and the matching/flow constructions that fill in for the
greedies: each with a shortage and a control."""

from __future__ import annotations

from factories import activity, admin, health, make_data, room, student, teacher

from paipian.model.plans import PlannedSession
from paipian.solver.hall import deficits, max_matching
from paipian.solver.rooms import matched_rooms
from paipian.solver.staffing import flow_staff


def _session(index: int, activity_id: str, day: str = "mon", block: str = "B1"):
    return PlannedSession(index, day, block, activity_id, ("s1",), ("3-1",))


def test_two_activities_sharing_one_leader_are_one_short() -> None:
    # HW and READ in mon B1, both only T1's: 2 sessions, 1 candidate.
    found = deficits(
        [_session(0, "HW"), _session(1, "READ")],
        lambda activity, slot: ["T1"],
    )
    assert len(found) == 1
    (d,) = found
    assert d.activities == frozenset({"HW", "READ"})
    assert (d.capacity, d.sessions) == (1, 2)


def test_control_a_leader_each_is_no_deficit() -> None:
    leaders = {"HW": ["T1"], "READ": ["T1", "T2"]}
    found = deficits(
        [_session(0, "HW"), _session(1, "READ")],
        lambda activity, slot: leaders[activity],
    )
    assert found == []


def test_only_the_activities_short_of_candidates_are_named() -> None:
    # HW needs T1 twice; READ has T2 and T3 for itself: only HW is cut.
    leaders = {"HW": ["T1"], "READ": ["T2", "T3"]}
    sessions = [_session(0, "HW"), _session(1, "HW"), _session(2, "READ")]
    (d,) = deficits(sessions, lambda activity, slot: leaders[activity])
    assert d.activities == frozenset({"HW"})
    assert (d.capacity, d.sessions) == (1, 2)


def test_a_maximum_matching_finds_what_first_come_misses() -> None:
    # Item 0 could take a or b; item 1 only a. Greedy 0→a would strand 1.
    holder = max_matching({0: ["a", "b"], 1: ["a"]})
    assert holder == {"a": 1, "b": 0}


def _school(max_per_week: int):
    return make_data(
        students=[student("s1", 3, mon="B2")],
        activities=[activity("HW", "homework"), activity("READ", "reading")],
        staff=[
            teacher("T1", skills=["homework"], max_per_week=max_per_week),
            teacher("T2", skills=["homework", "reading"], max_per_week=1),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2")],
    )


def test_the_week_flow_staffs_what_slot_by_slot_leaves_out() -> None:
    # B1: HW; B2: HW and READ. T2 may lead once a week and is READ's only
    # leader; T1 must take both HW sessions.
    data = _school(max_per_week=2)
    sessions = [
        _session(0, "HW"),
        _session(1, "HW", block="B2"),
        _session(2, "READ", block="B2"),
    ]
    lead_of, _, unstaffed = flow_staff(data, sessions)
    assert unstaffed == []
    assert lead_of == {0: "T1", 1: "T1", 2: "T2"}


def test_control_a_weekly_limit_too_low_leaves_a_session_without_a_leader() -> None:
    data = _school(max_per_week=1)
    sessions = [
        _session(0, "HW"),
        _session(1, "HW", block="B2"),
        _session(2, "READ", block="B2"),
    ]
    lead_of, _, unstaffed = flow_staff(data, sessions)
    assert len(unstaffed) == 1
    assert len(lead_of) == 2


def test_rooms_by_matching_house_every_session_when_rooms_suffice() -> None:
    data = _school(max_per_week=2)
    sessions = [_session(0, "HW"), _session(1, "READ")]
    chosen, _, unhoused = matched_rooms(data, sessions)
    assert unhoused == []
    assert sorted(chosen.values()) == ["R1", "R2"]


def test_control_three_sessions_for_two_rooms_leave_one_out() -> None:
    data = _school(max_per_week=2)
    sessions = [_session(0, "HW"), _session(1, "READ"), _session(2, "HW")]
    _, _, unhoused = matched_rooms(data, sessions)
    assert len(unhoused) == 1
