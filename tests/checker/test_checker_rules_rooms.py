"""H10 and H14: one violating timetable and one control each."""

from __future__ import annotations

from dataclasses import replace

import pytest
from factories import (
    activity,
    assert_only,
    club,
    make_data,
    replace_session,
    room,
)

from paipian.checker import check

READ_B1 = "mon-B1-READ-R2"
BALL_B1 = "mon-B1-BALL-GYM"


def _rooms(tiny, *extra, activities=None):
    """tiny with rooms ``extra`` replacing same-id rooms or added."""
    by_id = {r.id: r for r in extra}
    rooms = [by_id.pop(r.id, r) for r in tiny.rooms] + list(by_id.values())
    return replace(
        make_data(rooms=rooms),
        activities=tuple(activities) if activities is not None else tiny.activities,
    )


@pytest.mark.parametrize(
    ("rooms", "room_id", "why"),
    [
        ((), "R9", "unknown room"),
        ((room("R2", closed="mon:B1"),), "R2", "closed in mon B1"),
        ((room("R2", capacity=1),), "R2", "2 students, 1 seat: 1 over"),
        ((room("LIB", "library"),), "LIB", "READ does not list library"),
        ((room("ART", "special", tags=["art"]),), "ART", "not a classroom"),
    ],
)
def test_h10_one_unit_each(tiny, tiny_solution, rooms, room_id, why):
    data = _rooms(tiny, *rooms)
    sol = replace_session(tiny_solution, READ_B1, room=room_id)
    assert_only(check(data, sol), "H10", 1)


def test_h10_tags_and_forbidden_kinds(tiny, tiny_solution):
    # READ needs tag "quiet": R2 lacks it → 1. Then READ allowing canteens, in
    # the canteen → 1 (forbidden kind, whatever the activity lists).
    quiet = activity("READ", "reading", form="grade_mixed", room_tags=["quiet"])
    acts = [quiet if a.id == "READ" else a for a in tiny.activities]
    assert_only(check(_rooms(tiny, activities=acts), tiny_solution), "H10", 1)
    canteen_ok = activity(
        "READ", "reading", form="grade_mixed", room_kinds=["classroom", "canteen"]
    )
    acts = [canteen_ok if a.id == "READ" else a for a in tiny.activities]
    data = _rooms(tiny, room("CANT", "canteen", 200), activities=acts)
    sol = replace_session(tiny_solution, READ_B1, room="CANT")
    assert_only(check(data, sol), "H10", 1)


def test_h10_room_clash(tiny, tiny_solution):
    # READ moves into R1 while BALL (indoors, needing none) names R1 as backup.
    sol = replace_session(tiny_solution, READ_B1, room="R1")
    sol = replace_session(sol, BALL_B1, backup_room="R1")
    # R1 in mon B1: READ's room + BALL's backup → 2 uses − 1 = 1.
    report = check(tiny, sol)
    assert_only(report, "H10", 1)
    assert dict(report.of("H10")[0].where) == {
        "day": "mon",
        "block": "B1",
        "room": "R1",
    }


@pytest.mark.parametrize(
    ("backup", "rooms", "amount"),
    [
        (None, (), 1),  # no backup named
        ("R9", (), 1),  # unknown
        ("FIELD2", (room("FIELD2", "field", 100, outdoor=True),), 1),  # outdoor
        ("R1", (room("R1", closed="mon:B1"),), 1),  # closed
        ("CANT", (room("CANT", "canteen", 200),), 1),  # forbidden kind
        ("SMALL", (room("SMALL", capacity=1),), 1),  # 2 students, 1 seat: 1 short
    ],
)
def test_h14_backup_room(tiny, tiny_solution, backup, rooms, amount):
    data = _rooms(tiny, *rooms)
    sol = replace_session(tiny_solution, BALL_B1, room="FIELD", backup_room=backup)
    assert_only(check(data, sol), "H14", amount)
    good = replace_session(tiny_solution, BALL_B1, room="FIELD", backup_room="R1")
    assert_only(check(tiny, good), None)


def test_h14_shared_backup(tiny, tiny_solution):
    # BALL on FIELD and READ on FIELD2 in mon B1 both hold R1 as backup, and R1
    # holds no session then: 2 − 1 = 1 (H14, not H10).
    read = activity(
        "READ", "reading", form="grade_mixed", room_kinds=["classroom", "field"]
    )
    data = _rooms(
        tiny,
        room("FIELD2", "field", 100, outdoor=True),
        activities=[tiny.activities[0], read, tiny.activities[2]],
    )
    sol = replace_session(tiny_solution, BALL_B1, room="FIELD", backup_room="R1")
    sol = replace_session(sol, READ_B1, room="FIELD2", backup_room="R1")
    report = check(data, sol)
    assert_only(report, "H14", 1)
    assert report.of("H14")[0].where["room"] == "R1"
    ok = replace_session(sol, READ_B1, room="FIELD2", backup_room="R2")
    assert_only(check(data, ok), None)


def test_h14_not_needed_without_rain_backup(tiny, tiny_solution):
    # An activity with rain_backup false may use the field with no backup.
    no_rain = club(
        "BALL", capacity=(2, 10), room_kinds=["gym", "field"], rain_backup=False
    )
    data = _rooms(tiny, activities=[*tiny.activities[:2], no_rain])
    sol = replace_session(tiny_solution, BALL_B1, room="FIELD")
    assert_only(check(data, sol), None)
    assert_only(check(tiny, sol), "H14", 1)
