"""Reference schools tightened around their valid timetable
(``paipian/bench/tighten.py``): the reference stays valid, what it leaves
unused is gone, and the solver still finds a timetable (graded)."""

from __future__ import annotations

from solver.helpers import solve_graded

from paipian.bench.tighten import tighten
from paipian.checker import check
from paipian.generator import generate


def test_a_tightened_school_keeps_its_reference_valid_and_nothing_spare() -> None:
    data, planted = generate("tiny", 2, 0.5)
    assert planted is not None
    tight = tighten(data, planted)
    assert check(tight, planted).violations == ()
    works = {pid for s in planted.sessions for pid in (*s.staff, s.assistant) if pid}
    for person in tight.staff:
        if person.is_duty:
            continue
        worked = {
            s.slot for s in planted.sessions if person.id in (*s.staff, s.assistant)
        }
        assert person.available == worked
        assert (person.max_per_week > 0) == (person.id in works)
    for r in tight.rooms:
        used = {s.slot for s in planted.sessions if r.id in (s.room, s.backup_room)}
        assert set(tight.calendar.slots) - r.closed == used
    for club in tight.clubs:
        members = {
            st for s in planted.sessions if s.activity == club.id for st in s.students
        }
        if members:
            assert club.capacity.max == max(club.capacity.min, len(members))
    solve_graded(tight, time_limit=15)


def test_control_share_zero_takes_nothing_away() -> None:
    data, planted = generate("tiny", 2, 0.5)
    assert planted is not None
    same = tighten(data, planted, share=0.0)
    assert (same.staff, same.rooms, same.activities) == (
        data.staff,
        data.rooms,
        data.activities,
    )
