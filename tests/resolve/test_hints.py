"""Where a re-solve's plan starts (``resolve/hints``): last round's drop-in
plan read onto this round — head counts, groups, H05 slots — and its
staffing per (slot, activity), each with the case that changes it."""

from __future__ import annotations

from factories import (
    activity,
    make_data,
    make_solution,
    room,
    session,
    student,
    teacher,
)

from paipian.model.vars import Pool
from paipian.resolve.hints import dropin_plan, pair_staffing
from paipian.resolve.previous import build_previous

SLOT = ("mon", "B1")
HW = (SLOT, Pool("class", "3-1"), "HW")
READ = (SLOT, Pool("school", "*"), "READ")


def _school(extra: int = 0):  # type: ignore[no-untyped-def]
    """Four students of 3-1 (plus ``extra`` newcomers), HW in a 3-seat room,
    READ (quality) in a 10-seat one; last round s1 s2 had HW, s3 s4 READ."""
    students = [student(f"s{i}", 3, mon="B1") for i in range(1, 5)]
    students += [student(f"n{i}", 3, mon="B1") for i in range(extra)]
    data = make_data(
        students,
        staff=[
            teacher("T1", skills=["homework"]),
            teacher("T2", skills=["homework"]),
            teacher("T3", skills=["reading"]),
        ],
        rooms=[room("R1", capacity=3), room("R2", capacity=10)],
        activities=[
            activity("HW", "homework", form="admin_class", capacity=(1, 40)),
            activity("READ", "reading", capacity=(1, 40)),
        ],
        blocks=(("B1", "15:30", "16:30"),),
    )
    last = make_solution(
        [
            session("HW", "R1", "T1", ["s1", "s2"]),
            session("READ", "R2", "T3", ["s3", "s4"]),
        ]
    )
    return data, build_previous(last, data)


def _plan(data, previous, need=None):  # type: ignore[no-untyped-def]
    ids = [s.id for s in data.students]
    return dropin_plan(
        data,
        previous,
        {(SLOT, "3-1"): ids},
        [(SLOT, "3-1", "HW"), (SLOT, "3-1", "READ")],
        {HW: ["3-1"], READ: ["3-1"]},
        [(sid, SLOT) for sid in ids],
        need or {},
    )


def test_last_round_is_read_back_unchanged() -> None:
    data, previous = _school()
    head, groups, quality = _plan(data, previous)
    assert head == {(SLOT, "3-1", "HW"): 2, (SLOT, "3-1", "READ"): 2}
    assert groups == {HW: 1, READ: 1}
    assert quality == dict.fromkeys(quality, 0)  # nobody owed H05 here


def test_newcomers_take_free_seats_of_last_rounds_rooms() -> None:
    # HW's room seats 3 (one free), READ's 10: the first newcomer could sit in
    # either, the next ones only in READ; no group is added.
    data, previous = _school(extra=3)
    head, groups, _ = _plan(data, previous)
    assert head[(SLOT, "3-1", "HW")] + head[(SLOT, "3-1", "READ")] == 7
    assert head[(SLOT, "3-1", "HW")] <= 3
    assert groups == {HW: 1, READ: 1}


def test_a_group_is_added_where_last_rounds_rooms_are_full() -> None:
    # Control of the above: READ gone from the class, so the three newcomers
    # must join HW, whose one room seats 3: a second HW group.
    data, previous = _school(extra=3)
    ids = [s.id for s in data.students]
    head, groups, _ = dropin_plan(
        data,
        previous,
        {(SLOT, "3-1"): ids},
        [(SLOT, "3-1", "HW")],
        {HW: ["3-1"]},
        [],
        {},
    )
    assert head == {(SLOT, "3-1", "HW"): 7}
    assert groups[HW] == 3  # 2 + 3 newcomers … 7 students, 3 seats a group


def test_a_student_owed_quality_takes_a_quality_seat() -> None:
    # s1 had HW but now owes a quality activity: flagged in READ's slot (the
    # class has quality seats there), while s3 and s4 keep theirs unflagged.
    data, previous = _school()
    _, _, quality = _plan(data, previous, need={"s1": 1})
    assert quality[("s1", SLOT)] == 1
    _, _, nobody = _plan(data, previous)
    assert nobody[("s1", SLOT)] == 0


def test_staffing_keeps_last_rounds_leaders_where_they_may_serve() -> None:
    data, previous = _school()
    lead = [(SLOT, "HW", "T1"), (SLOT, "HW", "T2"), (SLOT, "READ", "T3")]
    leads, assists = pair_staffing(
        data, previous, {(SLOT, "HW"): 1, (SLOT, "READ"): 1}, lead, []
    )
    assert leads == {lead[0]: 1, lead[1]: 0, lead[2]: 1}
    assert assists == {}
    # T1 is no candidate any more (say, off on Mondays): T2 leads HW instead
    leads, _ = pair_staffing(
        data, previous, {(SLOT, "HW"): 1, (SLOT, "READ"): 1}, lead[1:], []
    )
    assert leads == {lead[1]: 1, lead[2]: 1}
    # a second HW group: T1 keeps theirs, T2 takes the new one
    leads, _ = pair_staffing(
        data, previous, {(SLOT, "HW"): 2, (SLOT, "READ"): 1}, lead, []
    )
    assert leads == {lead[0]: 1, lead[1]: 1, lead[2]: 1}
