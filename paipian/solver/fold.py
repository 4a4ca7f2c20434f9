"""Drop-in groups folded into others of the same slot before rooms and staff
are found.

The drop-in plan is improved slot by slot in seconds per slot, and on a
large school its groups are often more than the students need: nine
one-student homework groups in one slot of nine_year_11 (one per class),
and dozens of groups whose students would fit in the others' empty seats.
Each is a room whose seats count in S2 and a leader taken from elsewhere.
Smallest first, a group closes when other groups of its slot can take every
one of its students (on nine_year_11 70–95 of about 680 groups, 0.1 s), and
nothing a rule protects moves —

- each student goes to a group of the **same category** (H05's quality
  activity and H03's daily offer are kept; S4 does not change), and a
  school-wide group, H03's offer to every grade, only to one of its own
  activity;
- of an activity open to their grade (H12) and allowed by H06, in the same
  pool (``pool_of``: the same class for admin_class, the same grade for
  grade_mixed — H12's forms);
- within that group's size limit (H13, H07's ``max_group``) and the seats of
  its planned room and rain backup (H10, H14);
- and not the day's last group in a facility kind (a gym, a library …):
  S2 counts that facility-day unused at more than a small room's seats.

Rooms and staff are then found for the groups that remain, so S1 is
balanced on them. A re-solve keeps last round's groups instead (S6).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from paipian.constraints import h06_no_homework_lower, h07_no_curriculum
from paipian.data import ProblemData, Slot
from paipian.domain import FACILITY_KINDS
from paipian.model.plans import PlannedSession
from paipian.solver.dropins import Formed, pool_of


def fold_small_groups(data: ProblemData, formed: Formed) -> Formed:
    """``formed`` with each group whose students all fit in other groups of
    their slot dealt into them, the smallest first; indices kept."""
    members = {s.index: list(s.students) for s in formed.sessions}
    by_slot: dict[Slot, list[PlannedSession]] = defaultdict(list)
    for s in formed.sessions:
        by_slot[s.slot].append(s)
    # drop-in groups per (day, facility kind): the last one of a day stays
    # (S2 counts an unused facility-day at more than a small room's seats)
    facility: Counter[tuple[str, str] | None] = Counter(
        _facility(data, formed, s) for s in formed.sessions
    )
    closed: set[int] = set()
    for group in by_slot.values():
        for small in sorted(group, key=lambda s: (len(s.students), s.index)):
            day_kind = _facility(data, formed, small)
            if day_kind is not None and facility[day_kind] < 2:
                continue
            moves = _fold(data, formed, small, group, members, closed)
            if moves is None:
                continue
            for sid, into in moves:
                members[into].append(sid)
            members[small.index] = []
            closed.add(small.index)
            facility[day_kind] -= 1
    if not closed:
        return formed
    out = Formed([], {}, {})
    for s in formed.sessions:
        if s.index in closed:
            continue
        students = tuple(members[s.index])
        classes = tuple(sorted({data.student_by_id[sid].class_id for sid in students}))
        out.sessions.append(
            PlannedSession(s.index, s.day, s.block, s.activity, students, classes)
        )
        out.rooms[s.index] = formed.rooms[s.index]
        if s.index in formed.backups:
            out.backups[s.index] = formed.backups[s.index]
    return out


def _fold(
    data: ProblemData,
    formed: Formed,
    small: PlannedSession,
    group: list[PlannedSession],
    members: dict[int, list[str]],
    closed: set[int],
) -> list[tuple[str, int]] | None:
    """Where each student of ``small`` goes, or None unless all of them fit."""
    act = data.activity_by_id[small.activity]
    if act.category == "remedial" or small.index not in formed.rooms:
        return None  # 补差 groups are chosen by need, not by seats
    # a school-wide group is H03's offer to every grade it is open to: only
    # a group of the same activity may take it over
    same_activity = act.form not in ("admin_class", "grade_mixed")
    seats = {
        t.index: _seats(data, formed, t) - len(members[t.index])
        for t in group
        if t.index != small.index
        and t.index not in closed
        and t.index in formed.rooms
        and data.activity_by_id[t.activity].category == act.category
        and (t.activity == act.id or not same_activity)
        and members[t.index]
    }
    moves: list[tuple[str, int]] = []
    for sid in members[small.index]:
        st = data.student_by_id[sid]
        fits = [
            t
            for t in group
            if seats.get(t.index, 0) > 0 and _may_join(data, t, members, st.id)
        ]
        if not fits:
            return None
        into = min(fits, key=lambda t: (seats[t.index], t.index))  # the fullest
        seats[into.index] -= 1
        moves.append((sid, into.index))
    return moves


def _facility(
    data: ProblemData, formed: Formed, s: PlannedSession
) -> tuple[str, str] | None:
    """(day, kind) when ``s`` is planned in a facility room (S2's facility-day)."""
    kind = (
        data.room_by_id[formed.rooms[s.index]].kind if s.index in formed.rooms else ""
    )
    return (s.day, kind) if kind in FACILITY_KINDS else None


def _seats(data: ProblemData, formed: Formed, t: PlannedSession) -> int:
    """Students ``t`` may hold: its size limit, its planned room and backup."""
    act = data.activity_by_id[t.activity]
    limit = min(
        h07_no_curriculum.max_group(data, act),
        data.room_by_id[formed.rooms[t.index]].capacity,
    )
    if t.index in formed.backups:
        limit = min(limit, data.room_by_id[formed.backups[t.index]].capacity)
    return limit


def _may_join(
    data: ProblemData, t: PlannedSession, members: dict[int, list[str]], sid: str
) -> bool:
    """Whether student ``sid`` may be in group ``t`` (H12 grade and form, H06)."""
    act = data.activity_by_id[t.activity]
    st = data.student_by_id[sid]
    if st.grade not in act.grades or not h06_no_homework_lower.allows(
        data, st.grade, act
    ):
        return False
    other = data.student_by_id[members[t.index][0]]
    return pool_of(act, st.grade, st.class_id) == pool_of(
        act, other.grade, other.class_id
    )
