"""H10 场地: a room holds at most one session at a time, only when open, never
above capacity, only for activities whose kinds and tags it fits; canteens and
guard rooms are never used."""

from __future__ import annotations

from collections import Counter

from factories import activity, admin, club, health, make_data, room, student, teacher
from solver.helpers import assert_no_timetable, run, sessions, solve_graded

from paipian.data import Activity, ProblemData, Room, Rules


def _school(
    rooms: list[Room],
    *,
    last: str = "B2",
    activities: list[Activity] | None = None,
    rules: Rules | None = None,
) -> ProblemData:
    """Grade-3 students s1, s2 through ``last``; HW and READ, two teachers."""
    return make_data(
        students=[student(s, 3, mon=last) for s in ("s1", "s2")],
        activities=activities
        or [activity("HW", "homework"), activity("READ", "reading")],
        staff=[
            teacher("T1", skills=["homework", "reading", "arts"]),
            teacher("T3", skills=["homework", "reading", "arts"]),
            health(),
            admin(),
        ],
        rooms=rooms,
        rules=rules,
    )


# Present in mon B1 only: H03 puts HW and READ both in B1 (H05 off, or the
# student in HW would have no quality session).
ONE_SLOT = Rules(disabled=frozenset({"H05"}))


def test_two_sessions_in_one_slot_cannot_share_the_only_room() -> None:
    data = _school([room("R1")], last="B1", rules=ONE_SLOT)
    assert_no_timetable(run(data, time_limit=2))


def test_control_two_sessions_in_one_slot_take_two_rooms() -> None:
    data = _school([room("R1"), room("R2")], last="B1", rules=ONE_SLOT)
    result = solve_graded(data)
    in_b1 = sessions(result, day="mon", block="B1")
    assert sorted(s.activity for s in in_b1) == ["HW", "READ"]
    assert sorted(s.room for s in in_b1) == ["R1", "R2"]


def test_a_canteen_is_never_used_even_as_the_only_room() -> None:
    assert_no_timetable(
        run(_school([room("CANTEEN", "canteen", 200)], activities=_any_room()), 2)
    )


def test_control_a_school_that_allows_its_canteen_may_use_it() -> None:
    data = _school(
        [room("CANTEEN", "canteen", 200)],
        activities=_any_room(),
        rules=Rules(forbidden_room_kinds=frozenset({"guard_room"})),
    )
    result = solve_graded(data)
    assert {s.room for s in result.solution.sessions} == {"CANTEEN"}


def _any_room() -> list[Activity]:
    kinds = ["classroom", "canteen", "guard_room"]
    return [
        activity("HW", "homework", room_kinds=kinds),
        activity("READ", "reading", room_kinds=kinds),
    ]


def _music(tags: list[str]) -> list[Activity]:
    kinds = ["classroom", "special"]
    return [
        activity("HW", "homework"),
        activity("MUSIC", "arts", room_kinds=kinds, room_tags=tags),
    ]


def test_a_tagged_activity_goes_to_the_room_with_the_tag() -> None:
    # S2 would rather use the 4-seat R1 (2 empty seats) than the 40-seat piano
    # room, but only the piano room carries the tag.
    rooms = [room("R1", capacity=4), room("PIANO", "special", tags=["piano"])]
    result = solve_graded(_school(rooms, activities=_music(["piano"])))
    assert {s.room for s in sessions(result, "MUSIC")} == {"PIANO"}


def test_control_an_untagged_activity_takes_the_fuller_classroom() -> None:
    rooms = [room("R1", capacity=4), room("PIANO", "special", tags=["piano"])]
    result = solve_graded(_school(rooms, activities=_music([])))
    assert {s.room for s in result.solution.sessions} == {"R1"}


def test_a_closed_room_is_not_used_in_that_slot() -> None:
    # R1 (4 seats) would be S2's choice in both blocks but is closed in mon B1.
    rooms = [room("R1", capacity=4, closed="mon:B1"), room("R2")]
    result = solve_graded(_school(rooms))
    by_block = {s.block: s.room for s in result.solution.sessions}
    assert by_block == {"B1": "R2", "B2": "R1"}


def test_a_group_larger_than_a_room_goes_elsewhere() -> None:
    # Three club members: the 2-seat gym cannot hold them, whatever S2 prefers.
    data = make_data(
        students=[student(s, 3, prefs=["BALL"], mon="B2") for s in ("s1", "s2", "s3")],
        activities=[
            activity("HW", "homework"),
            club("BALL", "sports", capacity=(1, 10), room_kinds=["gym"]),
        ],
        staff=[teacher("T1"), teacher("T2", skills=["sports"]), health(), admin()],
        rooms=[room("R1"), room("SMALL", "gym", 2), room("BIG", "gym", 60)],
    )
    result = solve_graded(data)
    (meeting,) = sessions(result, "BALL")
    assert meeting.room == "BIG"
    assert len(meeting.students) == 3


def test_no_room_holds_two_sessions_at_once() -> None:
    data = _school([room("R1"), room("R2"), room("R3")], last="B1", rules=ONE_SLOT)
    result = solve_graded(data)
    held = Counter((s.day, s.block, s.room) for s in result.solution.sessions)
    assert set(held.values()) == {1}
