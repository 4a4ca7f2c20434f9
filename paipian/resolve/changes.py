"""What changed between two timetables, counted exactly as FORMAT.md's *Re-solve*
section says, and listed per audience (families, teachers, the office).

A pure function of two ``Solution``s and the new instance: no ortools, no
solver. It is the independent recount of the ``changes`` field:

- a **student** changed when they appear in both solutions and, in some
  (day, block) in which they are present in both, their activity differs, or
  their set of clubs differs;
- a **staff** member changed when the set of (day, block, activity) they lead
  or assist differs (everyone who works in either solution is compared);
- a **room** change is a session of the new solution whose (day, block,
  activity) existed in the previous one in another room, groups matched one by
  one in solution order (the k-th group of a key with the k-th);
- sessions added / removed: groups of a (day, block, activity) present in only
  one of the two (the surplus when one side has more groups of a key).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from paipian.data import ProblemData, Slot
from paipian.solution import Session, Solution

SessionKey = tuple[str, str, str]
"""(day, block, activity)."""


@dataclass(frozen=True)
class Placement:
    """Where a student is in one (day, block): activity and room."""

    activity: str
    room: str


@dataclass(frozen=True)
class StudentChange:
    """One student whose week differs (activity or room in a slot, or clubs).

    ``slots`` maps every (day, block) where something differs to (before,
    after); a side is ``None`` where the student is not placed in that slot.
    ``counted`` says whether FORMAT.md counts the student as changed (a room
    alone, or a day added or dropped by the family, is listed but not counted).
    """

    student: str
    slots: Mapping[Slot, tuple[Placement | None, Placement | None]]
    clubs_before: frozenset[str]
    clubs_after: frozenset[str]
    counted: bool


@dataclass(frozen=True)
class StaffChange:
    """One staff member whose (day, block, activity) set differs.

    ``slots`` maps each differing (day, block) to (before, after) texts made of
    activity ids with the role: ``BB``, ``BB(助教)``; ``""`` = free.
    """

    staff: str
    slots: Mapping[Slot, tuple[str, str]]


@dataclass(frozen=True)
class RoomChange:
    """A session of the new timetable whose group used another room before."""

    day: str
    block: str
    activity: str
    group: int  # 1-based, in solution order within (day, block, activity)
    before: str
    after: str


@dataclass(frozen=True)
class Changes:
    """The counts of FORMAT.md and the lists behind them."""

    students: tuple[StudentChange, ...] = ()
    staff: tuple[StaffChange, ...] = ()
    rooms: tuple[RoomChange, ...] = ()
    sessions_added: int = 0
    sessions_removed: int = 0
    newcomers: tuple[str, ...] = ()  # students only in the new solution
    leavers: tuple[str, ...] = ()  # students only in the previous one

    def counts(self) -> dict[str, int]:
        """The ``changes`` object of the solution JSON (FORMAT.md key order)."""
        return {
            "students": sum(1 for c in self.students if c.counted),
            "staff": len(self.staff),
            "rooms": len(self.rooms),
            "sessions_added": self.sessions_added,
            "sessions_removed": self.sessions_removed,
        }


def placements(solution: Solution) -> dict[str, dict[Slot, Placement]]:
    """Student id → (day, block) → where they are (the first session naming
    them, should a broken timetable name them twice)."""
    out: dict[str, dict[Slot, Placement]] = defaultdict(dict)
    for s in solution.sessions:
        for sid in s.students:
            out[sid].setdefault(s.slot, Placement(s.activity, s.room))
    return out


def club_sets(solution: Solution, clubs: Iterable[str]) -> dict[str, frozenset[str]]:
    """Student id → the club ids they are in (any session of the club)."""
    club_ids = set(clubs)
    out: dict[str, set[str]] = defaultdict(set)
    for s in solution.sessions:
        if s.activity in club_ids:
            for sid in s.students:
                out[sid].add(s.activity)
    return {sid: frozenset(c) for sid, c in out.items()}


def work_sets(solution: Solution) -> dict[str, dict[Slot, set[str]]]:
    """Staff id → (day, block) → activity ids they lead (``BB``) or assist
    (``BB(助教)``) there."""
    out: dict[str, dict[Slot, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s in solution.sessions:
        for pid in s.staff:
            out[pid][s.slot].add(s.activity)
        if s.assistant:
            out[s.assistant][s.slot].add(f"{s.activity}(助教)")
    return out


def groups(solution: Solution) -> dict[SessionKey, list[Session]]:
    """(day, block, activity) → its sessions in solution order."""
    out: dict[SessionKey, list[Session]] = defaultdict(list)
    for s in solution.sessions:
        out[(s.day, s.block, s.activity)].append(s)
    return out


def _activity_triples(work: Mapping[Slot, set[str]]) -> set[tuple[str, str, str]]:
    """(day, block, activity) a person works, the role dropped (FORMAT.md)."""
    return {
        (day, block, a.removesuffix("(助教)"))
        for (day, block), acts in work.items()
        for a in acts
    }


def compare(
    previous: Solution, new: Solution, data: ProblemData | None = None
) -> Changes:
    """Every change from ``previous`` to ``new``. ``data`` (the new instance)
    says which activity ids are clubs; without it club sets are not compared."""
    clubs = {a.id for a in data.clubs} if data is not None else set()
    before, after = placements(previous), placements(new)
    clubs_before, clubs_after = club_sets(previous, clubs), club_sets(new, clubs)
    student_changes: list[StudentChange] = []
    for sid in sorted(set(before) & set(after)):
        b, a = before[sid], after[sid]
        differ = {
            slot: (b.get(slot), a.get(slot))
            for slot in sorted(set(b) | set(a))
            if b.get(slot) != a.get(slot)
        }
        cb = clubs_before.get(sid, frozenset())
        ca = clubs_after.get(sid, frozenset())
        counted = cb != ca or any(
            slot in b and slot in a and b[slot].activity != a[slot].activity
            for slot in differ
        )
        if differ or counted:
            student_changes.append(
                StudentChange(sid, MappingProxyType(differ), cb, ca, counted)
            )

    work_before, work_after = work_sets(previous), work_sets(new)
    staff_changes: list[StaffChange] = []
    for pid in sorted(set(work_before) | set(work_after)):
        wb = work_before.get(pid, {})
        wa = work_after.get(pid, {})
        if _activity_triples(wb) == _activity_triples(wa):
            continue
        slots = {
            slot: (
                "、".join(sorted(wb.get(slot, ()))),
                "、".join(sorted(wa.get(slot, ()))),
            )
            for slot in sorted(set(wb) | set(wa))
        }
        staff_changes.append(
            StaffChange(
                pid, MappingProxyType({k: v for k, v in slots.items() if v[0] != v[1]})
            )
        )

    old_groups, new_groups = groups(previous), groups(new)
    room_changes: list[RoomChange] = []
    added = removed = 0
    for key in sorted(set(old_groups) | set(new_groups)):
        olds, news = old_groups.get(key, []), new_groups.get(key, [])
        for i, (o, n) in enumerate(zip(olds, news, strict=False)):
            if o.room != n.room:
                room_changes.append(RoomChange(*key, i + 1, o.room, n.room))
        added += max(0, len(news) - len(olds))
        removed += max(0, len(olds) - len(news))

    return Changes(
        students=tuple(student_changes),
        staff=tuple(staff_changes),
        rooms=tuple(room_changes),
        sessions_added=added,
        sessions_removed=removed,
        newcomers=tuple(sorted(set(after) - set(before))),
        leavers=tuple(sorted(set(before) - set(after))),
    )


def count_changes(
    previous: Solution, new: Solution, data: ProblemData | None = None
) -> dict[str, int]:
    """FORMAT.md's ``changes`` counts from the two solutions."""
    return compare(previous, new, data).counts()


def unchanged_rows(old: ProblemData, new: ProblemData) -> frozenset[str]:
    """Ids of students present in both instances with the same survey row
    (grade, class, days, preferences): the families who asked for nothing new."""
    old_by_id = old.student_by_id
    same = set()
    for st in new.students:
        prev = old_by_id.get(st.id)
        if prev is not None and (
            prev.grade,
            prev.class_id,
            tuple(sorted(prev.last_block)),
            prev.prefs,
            prev.needs_remedial,
        ) == (
            st.grade,
            st.class_id,
            tuple(sorted(st.last_block)),
            st.prefs,
            st.needs_remedial,
        ):
            same.add(st.id)
    return frozenset(same)
