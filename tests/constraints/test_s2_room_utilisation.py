"""S2 场地利用: S2 = Σ empty seats of used rooms + 60 × sessions of activities
without room tags in special rooms + 60 × facility-days left unused
(docs/objective.md)."""

from __future__ import annotations

from factories import activity, admin, club, health, make_data, room, student, teacher
from solver.helpers import solve_graded

from paipian.data import Activity, ProblemData, Room


def _school(rooms: list[Room], extra: tuple[Activity, ...] = ()) -> ProblemData:
    """Two grade-3 students through B2 on Monday: one HW and one READ session of
    two students each (H03). READ may also use a library or special room."""
    return make_data(
        students=[student(s, 3, mon="B2") for s in ("s1", "s2")],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading", room_kinds=["classroom", "library", "special"]),
            *extra,
        ],
        staff=[
            teacher("T1", skills=["homework", "reading", "sports"]),
            teacher("T3", skills=["homework", "reading", "sports"]),
            health(),
            admin(),
        ],
        rooms=rooms,
    )


def _rooms_of(result) -> dict[str, str]:
    return {s.activity: s.room for s in result.solution.sessions}


def test_sessions_take_the_smallest_room_that_seats_them() -> None:
    # R2 seats 5: 3 empty seats per session, twice: S2 = 6 (R1 would be 38).
    result = solve_graded(_school([room("R1"), room("R2", capacity=5)]))
    assert _rooms_of(result) == {"HW": "R2", "READ": "R2"}
    assert result.raw_terms["S2"] == 6


def test_a_facility_open_that_day_is_used_rather_than_left_idle() -> None:
    # LIB (30 seats) is a facility: READ there costs 28 empty seats, READ in R2
    # would cost 3 + 60 for a library-day left unused. S2 = 3 + 28 = 31.
    result = solve_graded(
        _school([room("R1"), room("R2", capacity=5), room("LIB", "library", 30)])
    )
    assert _rooms_of(result) == {"HW": "R2", "READ": "LIB"}
    assert result.raw_terms["S2"] == 31


def test_control_a_facility_closed_all_day_is_no_facility_day() -> None:
    rooms = [room("R1"), room("R2", capacity=5), room("LIB", "library", closed="mon")]
    result = solve_graded(_school(rooms))
    assert _rooms_of(result) == {"HW": "R2", "READ": "R2"}
    assert result.raw_terms["S2"] == 6


def test_a_facility_no_session_can_use_costs_a_constant() -> None:
    # The GYM is listed by club BALL, which nobody ranked: it cannot be used
    # on Monday. S2 = 6 + 60 = 66.
    extra = (club("BALL", "sports", room_kinds=["gym"]),)
    rooms = [room("R1"), room("R2", capacity=5), room("GYM", "gym", 60)]
    result = solve_graded(_school(rooms, extra))
    assert result.raw_terms["S2"] == 66


def test_a_special_room_used_without_need_costs_60() -> None:
    # SP (special, 2 seats) seats READ with no empty seat, but READ needs no
    # tag: + 60. Left idle, SP's special-day costs 60 as well. READ in SP and
    # HW in R2: 0 + 60 + 3 = 63; both in R2: 3 + 3 + 60 = 66. S2 = 63.
    rooms = [room("R1"), room("R2", capacity=5), room("SP", "special", 2)]
    result = solve_graded(_school(rooms))
    assert _rooms_of(result) == {"HW": "R2", "READ": "SP"}
    assert result.raw_terms["S2"] == 63
