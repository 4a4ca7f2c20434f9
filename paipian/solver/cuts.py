"""What a plan lacked, as cuts on the drop-in plan: when the rooms or staff
cannot follow a plan (a club room or leader that could not be held, a
re-solve's pins), these say which activities outnumber what they may use,
and by how much — valid for every assignment where they can be (a per-slot
matching or a week-long max flow, ``solver/hall.py``), else "fewer groups
where the assignment failed". ``blamed`` collects clubs a cut found short on
their own (they close first). ``crowded_meetings`` looks before the
drop-in plan is built: where the staff the club meetings hold leave too few
to lead the drop-ins, a meeting moves to another slot (rather than a club
closing).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from paipian.constraints import (
    h07_no_curriculum,
    h08_staff_willingness,
    h09_external_staff,
    h10_rooms,
    h14_outdoor,
)
from paipian.data import Activity, ProblemData, Slot
from paipian.model.phase_model import PhaseModel
from paipian.model.plans import ClubPlan, PlannedSession, Reservations
from paipian.solver.dropins import DropInCuts
from paipian.solver.hall import deficits, week_deficit
from paipian.solver.runtime import run_phase


def room_candidates(data: ProblemData) -> Callable[[str, Slot], list[str]]:
    """Rooms that may hold an activity in a slot (H10's own test) — except for
    an activity that may go outdoors but then needs an indoor backup (H14):
    its session holds one indoor room either way (its own or the backup), so
    its candidates are every indoor room a backup may be."""
    cache: dict[tuple[str, Slot], list[str]] = {}

    def rooms(activity: str, slot: Slot) -> list[str]:
        if (activity, slot) not in cache:
            act = data.activity_by_id[activity]
            if h14_outdoor.needs_backup_possible(data, act):
                fits = h14_outdoor.candidate_backups(data, slot, 1)
            else:
                fits = h10_rooms.candidate_rooms(data, act, slot, 1)
            cache[(activity, slot)] = [r.id for r in fits]
        return cache[(activity, slot)]

    return rooms


def leader_candidates(data: ProblemData) -> Callable[[str, Slot], list[str]]:
    """Staff who may lead an activity in a slot (H08's and H09's own test)."""
    return _staff_by_pair(data, h08_staff_willingness.candidate_leaders)


def server_candidates(data: ProblemData) -> Callable[[str, Slot], list[str]]:
    """School staff of whom a session takes one, as leader or 助教 (H09)."""
    return _staff_by_pair(data, h09_external_staff.candidate_servers)


def _staff_by_pair(
    data: ProblemData, who: Callable[[ProblemData, Any, Slot], list[Any]]
) -> Callable[[str, Slot], list[str]]:
    """``who``'s staff ids per (activity, slot), cached."""
    cache: dict[tuple[str, Slot], list[str]] = {}

    def ids(activity: str, slot: Slot) -> list[str]:
        if (activity, slot) not in cache:
            act = data.activity_by_id[activity]
            cache[(activity, slot)] = [p.id for p in who(data, act, slot)]
        return cache[(activity, slot)]

    return ids


def crowded_meetings(
    data: ProblemData, plan: ClubPlan, held: Reservations
) -> dict[Slot, list[str]]:
    """Slots whose drop-ins cannot be led or housed with the staff and rooms
    the club meetings there leave free, and the clubs that meet in each.

    A necessary condition of the drop-in plan (H01, H08, H10, H12): every
    student present and in no meeting is in a drop-in group, each group has
    a leader who leads nothing else then and a room of its own, neither held
    by a club, and holds at most its activity's maximum and, by its form,
    one class or one grade of those students. So the free leaders (and the
    free rooms), each counted at the largest group they may take, must seat
    them all, and be as many as the groups they need at least
    (``_groups_needed``). Slots short even with what the meetings hold free
    are not the meetings' doing and are left out. (A tiny
    school, seed 42: three teachers on Monday B1, one held for dancing, two
    groups of at most 45 for 96 children — the drop-in plan was infeasible,
    and four other clubs closed before the one to blame.)"""
    in_meeting = plan.in_meeting()
    meeting_at: dict[Slot, list[str]] = defaultdict(list)
    for cid, slots in plan.meetings.items():
        for slot in slots:
            meeting_at[slot].append(cid)
    crowded: dict[Slot, list[str]] = {}
    for slot, clubs in sorted(meeting_at.items()):
        rest = [
            st for st in data.students_present(*slot) if st.id not in in_meeting[slot]
        ]
        if not rest or not (held.staff[slot] or held.rooms[slot]):
            continue
        per_class = Counter(st.class_id for st in rest)
        per_grade = Counter(st.grade for st in rest)
        seats: dict[str, int] = {}  # leader → the largest group they may lead
        room_seats: dict[str, int] = {}  # room → … it may hold (one a slot, H10)
        for act in _planned_drop_ins(data):
            grades = _grades_in(data, act, per_grade)
            if not grades:
                continue
            if act.form == "admin_class":
                most = max(
                    n
                    for c, n in per_class.items()
                    if data.class_by_id[c].grade in grades
                )
            elif act.form == "grade_mixed":
                most = max(per_grade[g] for g in grades)
            else:
                most = sum(per_grade[g] for g in grades)
            most = min(most, h07_no_curriculum.max_group(data, act))
            for p in h08_staff_willingness.candidate_leaders(data, act, slot):
                seats[p.id] = max(seats.get(p.id, 0), most)
            for r in h10_rooms.candidate_rooms(data, act, slot, 1):
                room_seats[r.id] = max(room_seats.get(r.id, 0), min(most, r.capacity))
        # short only for want of the staff (or rooms) the meetings hold: of
        # seats, or of groups (one leader and one room each)
        groups = _groups_needed(data, slot, per_grade, per_class)
        for have, held_there in (
            (seats, held.staff[slot]),
            (room_seats, held.rooms[slot]),
        ):
            free = {key: n for key, n in have.items() if key not in held_there}
            if sum(free.values()) < len(rest) <= sum(have.values()) or (
                len(free) < groups <= len(have)
            ):
                crowded[slot] = sorted(clubs)
    return crowded


def _planned_drop_ins(data: ProblemData) -> list[Activity]:
    """The drop-ins the plan forms groups of (remedial groups hold named
    students only and are never planned)."""
    return [a for a in data.drop_ins if a.category != "remedial"]


def _grades_in(data: ProblemData, act: Activity, per_grade: Counter[int]) -> list[int]:
    """The grades of ``per_grade`` that may be in ``act`` (H12, H06)."""
    return [
        g for g in act.grades if g in per_grade and not data.homework_barred(g, act)
    ]


def _groups_needed(
    data: ProblemData, slot: Slot, per_grade: Counter[int], per_class: Counter[str]
) -> int:
    """The fewest drop-in groups the children counted (per grade, per
    class) fit in (H12): a grade all of whose activities keep to one class
    (``admin_class``) or one grade (``grade_mixed``) has groups of its own —
    per class when all keep to one class — and a group holds at most its
    activity's largest (H07) in the largest room that may hold it (H10); the
    grades that may mix share their groups. (A reference school tightened
    around its witness: ten rooms and ten leaders on Tuesday B2 for five
    grades of 67–72 children, groups of at most 45 — a meeting there held
    one of each; the drop-in plan took 16 s of a 30 s limit to prove itself
    infeasible.)"""
    largest: dict[int, int] = {}  # grade → the largest group it may be in
    by_class = set(per_grade)  # grades whose every activity is admin_class
    mixing: set[int] = set()  # grades some activity mixes with others
    for act in _planned_drop_ins(data):
        size = min(
            h07_no_curriculum.max_group(data, act),
            h10_rooms.largest_fit(data, act, slot),
        )
        for g in _grades_in(data, act, per_grade):
            largest[g] = max(largest.get(g, 0), size)
            if act.form != "admin_class":
                by_class.discard(g)
            if act.form not in ("admin_class", "grade_mixed"):
                mixing.add(g)
    need = 0
    for g, n in per_grade.items():
        if g in mixing or largest.get(g, 0) == 0:
            continue  # shared below; without an activity, not the meetings' doing
        if g in by_class:
            need += sum(
                math.ceil(k / largest[g])
                for c, k in per_class.items()
                if data.class_by_id[c].grade == g
            )
        else:
            need += math.ceil(n / largest[g])
    shared = sum(per_grade[g] for g in mixing if largest.get(g, 0))
    if shared:
        need += math.ceil(shared / max(largest[g] for g in mixing))
    return need


def hall_cut(
    data: ProblemData,
    cuts: DropInCuts,
    sessions: list[PlannedSession],
    candidates: Callable[[str, Slot], list[str]],
    blamed: set[str],
) -> bool | None:
    """Add a valid cut for every slot whose sessions outnumber their candidates
    (``solver/hall.py``). True: cuts added, re-plan; False: no slot is short
    (the shortage is elsewhere: sizes, backups, assistants, weekly limits);
    None: club meetings alone are more than the candidates."""
    found = deficits(sessions, candidates)
    for d in found:
        clubs = sum(
            1
            for s in sessions
            if s.slot == d.slot
            and s.activity in d.activities
            and data.activity_by_id[s.activity].is_club
        )
        most = d.capacity - clubs
        if most < 0:
            blamed |= {a for a in d.activities if data.activity_by_id[a].is_club}
            return None
        key = (d.slot, d.activities)
        cuts.hall[key] = min(cuts.hall.get(key, most), most)
    return bool(found)


def week_cut(
    data: ProblemData,
    cuts: DropInCuts,
    sessions: list[PlannedSession],
    candidates: Callable[[str, Slot], list[str]],
    blamed: set[str],
) -> bool | None:
    """People short over the week (``max_per_week``), not in any one slot:
    the maximum flow's minimum cut (``solver/hall.py``) names (slot,
    activity) pairs whose sessions need more than their candidates can give
    — valid for every staffing. True: cut added; False: no such shortage;
    None: the club meetings alone exceed it."""
    found = week_deficit(
        sessions, candidates, lambda pid: data.staff_by_id[pid].max_per_week
    )
    if found is None:
        return False
    planned = [s for s in sessions if (s.slot, s.activity) in found.pairs]
    clubs = sum(1 for s in planned if data.activity_by_id[s.activity].is_club)
    most = found.capacity - clubs
    if most < 0:
        blamed |= {a for _, a in found.pairs if data.activity_by_id[a].is_club}
        return None
    cuts.weekly[found.pairs] = min(cuts.weekly.get(found.pairs, most), most)
    return True


def size_cut(
    data: ProblemData,
    cuts: DropInCuts,
    sessions: list[PlannedSession],
    chosen: dict[int, str],
    chosen_backup: dict[int, str],
    unhoused: list[PlannedSession],
) -> bool:
    """Groups too big for the rooms left: where a drop-in group found no room
    while fitting rooms stayed free, all smaller than it, cap that activity's
    groups in that slot at the largest such room (more, smaller groups), rather
    than cutting their number. Returns whether any cap was set."""
    taken: dict[Slot, set[str]] = defaultdict(set)
    for s in sessions:
        for rid in (chosen.get(s.index), chosen_backup.get(s.index)):
            if rid:
                taken[s.slot].add(rid)
    changed = False
    for s in unhoused:
        act = data.activity_by_id[s.activity]
        if act.is_club:
            continue
        free = [
            r.capacity
            for r in h10_rooms.candidate_rooms(data, act, s.slot, act.capacity.min)
            if r.id not in taken[s.slot] and r.capacity < len(s.students)
        ]
        if not free:
            continue
        key = (s.slot, s.activity)
        size = min(cuts.size.get(key, len(s.students)), max(free))
        if size < cuts.size.get(key, len(s.students) + 1):
            cuts.size[key] = size
            changed = True
    return changed


def shortfall_cut(
    data: ProblemData,
    cuts: DropInCuts,
    dropins: list[PlannedSession],
    left_out: list[PlannedSession],
    sessions: list[PlannedSession],
    build: Callable[..., tuple[PhaseModel, Any]],
    *,
    seconds: float,
    until: Callable[[], bool],
) -> None:
    """Tell the drop-in plan which slots lacked rooms (or leaders), and by how
    many sessions: those the greedy could not place, or the slots whose
    sessions alone admit no assignment."""
    bad = _shortfall(left_out) or failing_slots(
        data, sessions, build, seconds=seconds, until=until
    )
    _tighten(cuts, dropins, bad)


def _shortfall(left_out: list[PlannedSession]) -> dict[Slot, int]:
    """Sessions the greedy could not place, counted per slot."""
    short: dict[Slot, int] = {}
    for s in left_out:
        short[s.slot] = short.get(s.slot, 0) + 1
    return short


def failing_slots(
    data: ProblemData,
    sessions: list[PlannedSession],
    build: Callable[..., tuple[PhaseModel, Any]],
    *,
    seconds: float = 2.0,
    until: Callable[[], bool] = lambda: False,
) -> dict[Slot, int]:
    """Slots whose sessions alone admit no room (or staff) assignment (checked
    until ``until()`` says the run's time is up)."""
    bad: dict[Slot, int] = {}
    for slot in sorted({s.slot for s in sessions}):
        if until():
            break
        pm, _ = build(data, [s for s in sessions if s.slot == slot])
        _, outcome = run_phase(
            pm, time_limit=seconds, workers=1, seed=0, deterministic=True
        )
        if outcome.status not in ("OPTIMAL", "FEASIBLE"):
            bad[slot] = 1
    return bad


def _tighten(
    cuts: DropInCuts, dropins: list[PlannedSession], bad: dict[Slot, int]
) -> bool:
    """In each failing slot, as many drop-in groups fewer as went without a room
    or leader (at least one); fewer in the week when no single slot is to
    blame (weekly caps). Returns whether anything changed."""
    count: dict[Slot, int] = {}
    for s in dropins:
        count[s.slot] = count.get(s.slot, 0) + 1
    if bad:
        for slot, short in bad.items():
            now = min(count.get(slot, 0), cuts.per_slot.get(slot, 10**6))
            cuts.per_slot[slot] = max(0, now - max(1, short))
        return True
    total = len(dropins)
    cuts.total = max(0, total - max(1, total // 20))
    return total > 0
