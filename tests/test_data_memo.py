"""``ProblemData.memo``: answers to pure questions (who may lead, which rooms
fit, when a student is present) are kept per instance. A kept answer must
equal a fresh one, belong to its own instance only, and never be served for
a student object the instance does not hold."""

from __future__ import annotations

from dataclasses import replace

from factories import make_data

from paipian.constraints import h08_staff_willingness, h10_rooms
from paipian.data import ProblemData


def _fresh_leaders(data: ProblemData, act, slot) -> list[str]:
    return [
        p.id
        for p in data.schedulable_staff()
        if act.may_lead(p) and p.is_available(*slot) and p.max_per_week > 0
    ]


def test_kept_answers_equal_fresh_ones() -> None:
    data = make_data()
    for _ in range(2):  # the second round is served from the memo
        for act in data.activities:
            for slot in data.calendar.slots:
                leaders = h08_staff_willingness.candidate_leaders(data, act, slot)
                assert [p.id for p in leaders] == _fresh_leaders(data, act, slot)
                for size in (0, 20, 10_000):
                    rooms = h10_rooms.candidate_rooms(data, act, slot, size)
                    assert [r.id for r in rooms] == [
                        r.id
                        for r in data.rooms
                        if act.fits_room(r)
                        and r.kind not in data.rules.forbidden_room_kinds
                        and r.is_open(*slot)
                        and r.capacity >= size
                    ]
    assert data.memo  # the answers were kept


def test_a_changed_instance_does_not_inherit_answers() -> None:
    data = make_data()
    act = data.activity_by_id["HW"]
    slot = data.calendar.slots[0]
    before = h08_staff_willingness.candidate_leaders(data, act, slot)
    assert before  # control: someone may lead homework
    nobody = replace(
        data,
        staff=tuple(
            replace(p, available=frozenset()) if p.kind == "teacher" else p
            for p in data.staff
        ),
    )
    assert [
        p.id
        for p in h08_staff_willingness.candidate_leaders(nobody, act, slot)
        if p.kind == "teacher"
    ] == []


def test_present_slots_of_a_student_the_instance_does_not_hold() -> None:
    data = make_data()
    st = data.students[0]
    held = data.present_slots(st)
    assert held  # control, and now kept
    gone = replace(st, last_block=())  # same id, another object: not served
    assert data.present_slots(gone) == ()
    assert data.present_slots(st) == held
