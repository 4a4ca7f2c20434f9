"""The previous timetable matched to new data by id; pins not held; the
fairness ledger across rounds."""

from __future__ import annotations

from dataclasses import replace

from factories import club, make_data, make_solution, room, session, student

from paipian.resolve import fairness
from paipian.resolve.previous import build_previous, parse_keep, pins_not_held


def _previous_solution():
    return make_solution(
        [
            session("HW", "R1", "T1", ["s1", "s2", "gone"], block="B1", id="a"),
            session("BALL", "GYM", "T3", ["s3", "s4"], block="B1", id="b"),
            session("READ", "R2", "T2", ["s1", "s2", "s3", "s4"], block="B2", id="c"),
            session("OLD", "R9", "T9", ["s1"], day="sat", block="B1", id="d"),
        ]
    )


def test_unknown_ids_are_dropped_and_never_crash() -> None:
    data = make_data()
    prev = build_previous(_previous_solution(), data, keep={"clubs"})
    assert "gone" not in prev.student_slots
    assert prev.dropped["students"] == 1
    assert prev.dropped["slots"] == 1  # sat is not a service day any more
    assert prev.student_clubs["s3"] == frozenset({"BALL"})
    assert prev.club_meetings["BALL"] == (("mon", "B1"),)
    assert prev.sessions[("mon", "B1", "HW", 0)].room == "R1"
    assert prev.staff_work["T1"] == frozenset({("mon", "B1", "HW")})
    assert "T9" not in prev.staff_work
    assert prev.keeps("clubs") and not prev.keeps("rooms")


def test_parse_keep() -> None:
    assert parse_keep("clubs, staff") == {"clubs", "staff"}
    assert parse_keep("all") == {"clubs", "staff", "rooms"}
    assert parse_keep(None) == frozenset()
    try:
        parse_keep("clubs,teachers")
    except ValueError as exc:
        assert "teachers" in str(exc)
    else:
        raise AssertionError("an unknown part must be refused")


def test_a_kept_club_whose_rooms_close_is_reported() -> None:
    gym = room("GYM", kind="gym", capacity=30, closed="mon:B1")
    data = make_data(
        rooms=[room("R1"), room("R2"), gym],
        activities=None,
    )
    prev = build_previous(_previous_solution(), data, keep={"clubs", "rooms"})
    found = pins_not_held(data, prev)
    messages = [p.message for p in found]
    assert any("社团 BALL 原周一第1时段：新数据中该时段场地关闭" in m for m in messages)
    assert any(p.kind == "keep_rooms" and p.where["room"] == "GYM" for p in found)


def test_instance_pins_checked_without_a_previous_round() -> None:
    # H1 is health staff (never leads); R1 is a classroom, not a gym or field.
    # (Pins naming staff or rooms that do not exist never get this far:
    # ProblemData refuses them.)
    pinned = replace(
        club("BALL", capacity=(2, 10), room_kinds=["gym", "field"]),
        meets=(("mon", "B1"),),
        leaders=("H1",),
        room="R1",
    )
    data = make_data(activities=[pinned])
    kinds = {p.kind for p in pins_not_held(data, None)}
    assert {"leader", "room", "meets"} <= kinds  # meets: no room R1 fits


def test_fairness_ledger_round_trip(tmp_path) -> None:
    data = make_data(
        students=[
            student("s1", 3, mon="B2", prefs=("BALL",)),
            student("s2", 3, mon="B2", prefs=("BALL",)),
            student("s3", 3, mon="B2"),
        ]
    )
    round1 = make_solution(
        [
            session("BALL", "GYM", "T3", ["s1"], block="B1"),
            session("HW", "R1", "T1", ["s2", "s3"], block="B1"),
        ]
    )
    assert fairness.unserved(data, round1) == {"s2"}
    ledger, counts = fairness.update(None, data, round1)
    assert dict(ledger.carry) == {"s2": 1} and counts.carrying_on == 1
    path = fairness.write_ledger(ledger, tmp_path)
    again = fairness.read_ledger(path)
    assert again is not None and dict(again.carry) == {"s2": 1}
    round2 = make_solution([session("BALL", "GYM", "T3", ["s1", "s2"], block="B1")])
    ledger2, counts2 = fairness.update(again, data, round2)
    assert (counts2.carried, counts2.served, counts2.carrying_on) == (1, 1, 0)
    assert ledger2.round == 2
    # A damaged ledger is derived again, never an error.
    path.write_text("{not json", encoding="utf-8")
    assert fairness.read_ledger(path) is None
    derived = fairness.ledger_for_previous(path, data, round1)
    assert derived.carried == {"s2"}
    assert replace(derived, round=5).round == 5
