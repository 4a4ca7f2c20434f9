"""H14 户外与天气: a session in an outdoor room of an activity with
``rain_backup`` names a free, open, large enough indoor backup room that is not
of a forbidden kind."""

from __future__ import annotations

from factories import activity, admin, health, make_data, room, student, teacher
from solver.helpers import assert_no_timetable, run, sessions, solve_graded

from paipian.data import ProblemData, Room, Rules


def _field_school(
    rooms: list[Room], *, last: str = "B2", rain_backup: bool = True
) -> ProblemData:
    """Grade-3 students s1, s2 through ``last``; HW in a classroom and PLAY
    (sports) only on the outdoor FIELD."""
    return make_data(
        students=[student(s, 3, mon=last) for s in ("s1", "s2")],
        activities=[
            activity("HW", "homework"),
            activity("PLAY", "sports", room_kinds=["field"], rain_backup=rain_backup),
        ],
        staff=[
            teacher("T1", skills=["homework", "sports"]),
            teacher("T2", skills=["homework", "sports"]),
            health(),
            admin(),
        ],
        rooms=[room("FIELD", "field", 100, outdoor=True), *rooms],
        # In mon B1 only, HW and PLAY share the slot (H03); H05 off so the
        # student in HW needs no quality session.
        rules=Rules(disabled=frozenset({"H05"})) if last == "B1" else None,
    )


def test_an_outdoor_session_names_a_free_indoor_backup_big_enough() -> None:
    # TINY (a 1-seat library) is indoor and free but cannot seat the group.
    data = _field_school([room("R1"), room("TINY", "library", 1)])
    result = solve_graded(data)
    play = sessions(result, "PLAY")
    assert play
    for s in play:
        assert s.room == "FIELD"
        assert s.backup_room == "R1"
        others = sessions(result, day=s.day, block=s.block)
        assert all(o.room != s.backup_room for o in others)
    assert all(s.backup_room is None for s in sessions(result, "HW"))


def test_no_free_indoor_room_for_the_backup_means_no_timetable() -> None:
    # In mon B1 HW takes R1, the only indoor room: PLAY has no backup.
    data = _field_school([room("R1")], last="B1")
    assert_no_timetable(run(data, time_limit=2))


def test_a_canteen_is_no_backup() -> None:
    data = _field_school([room("R1"), room("CANTEEN", "canteen", 200)], last="B1")
    assert_no_timetable(run(data, time_limit=2))


def test_control_a_second_classroom_becomes_the_backup() -> None:
    data = _field_school([room("R1"), room("R2")], last="B1")
    result = solve_graded(data)
    (play,) = sessions(result, "PLAY")
    (hw,) = sessions(result, "HW")
    assert play.room == "FIELD"
    assert {play.backup_room, hw.room} == {"R1", "R2"}


def test_control_an_activity_without_rain_backup_needs_none() -> None:
    data = _field_school([room("R1")], last="B1", rain_backup=False)
    result = solve_graded(data)
    (play,) = sessions(result, "PLAY")
    assert play.room == "FIELD"
    assert play.backup_room is None
