"""A reference school tightened around its valid timetable.

The independent generator's schools come with a timetable that breaks no
hard rule (``witness.json``). Taking away what that timetable does not use
keeps it valid and leaves the solver less room than any generated school:
``share`` of the staff offer only the slots they work there, at most as
many sessions as they work (none: they offer nothing); ``share`` of the
rooms close wherever it leaves them empty; ``share`` of the clubs hold at
most the members it gives them. At ``share`` 1 every resource is exactly
what the reference uses — schools "within ~5 % of need" are looser. Which
ones, below 1, is drawn with ``seed``. Duty staff (H11) are left as they are.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import replace

from paipian.data import ProblemData, Slot
from paipian.solution import Solution


def tighten(
    data: ProblemData, reference: Solution, share: float = 1.0, seed: int = 1
) -> ProblemData:
    """``data`` with what ``reference`` leaves unused taken away (see above)."""
    rng = random.Random(seed)
    works: dict[str, set[Slot]] = defaultdict(set)
    sessions: Counter[str] = Counter()
    used: dict[str, set[Slot]] = defaultdict(set)
    members: dict[str, set[str]] = defaultdict(set)
    for s in reference.sessions:
        for pid in (*s.staff, s.assistant):
            if pid:
                works[pid].add(s.slot)
                sessions[pid] += 1
        for rid in (s.room, s.backup_room):
            if rid:
                used[rid].add(s.slot)
        members[s.activity].update(s.students)
    staff = tuple(
        replace(p, available=frozenset(works[p.id]), max_per_week=sessions[p.id])
        if not p.is_duty and rng.random() < share
        else p
        for p in data.staff
    )
    every = frozenset(data.calendar.slots)
    rooms = tuple(
        replace(r, closed=every - used[r.id]) if rng.random() < share else r
        for r in data.rooms
    )
    activities = tuple(
        replace(
            a,
            capacity=replace(a.capacity, max=max(a.capacity.min, len(members[a.id]))),
        )
        if a.is_club and members[a.id] and rng.random() < share
        else a
        for a in data.activities
    )
    return replace(data, staff=staff, rooms=rooms, activities=activities)
