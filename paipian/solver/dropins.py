"""Phase 2 — drop-ins: every student not in a club meeting gets a drop-in group.

A CP-SAT model over counts, not students: for each slot and class, how many of
its remaining students go to each drop-in activity open to the grade, and how
many sessions each (slot, pool, activity) opens — pooled per class for
admin_class, per grade for grade_mixed, school-wide otherwise. The only
student-level variables are H05's: which slot gives a student their weekly
quality activity. Students are then dealt into sessions (``form_sessions``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from paipian.constraints import (
    h01_full_coverage,
    h03_daily_offer,
    h05_weekly_quality,
    h06_no_homework_lower,
    h07_no_curriculum,
    h08_staff_willingness,
    h10_rooms,
    h13_group_size,
    h14_outdoor,
    s4_sport_time,
    s6_stability,
)
from paipian.data import Activity, ProblemData, Slot
from paipian.model.phase_model import PhaseModel
from paipian.model.plans import ClubPlan, PlannedSession, Reservations
from paipian.model.vars import DropInVars, Pool
from paipian.resolve.previous import Previous


def pool_of(act: Activity, grade: int, class_id: str) -> Pool:
    if act.form == "admin_class":
        return Pool("class", class_id)
    if act.form == "grade_mixed":
        return Pool("grade", str(grade))
    return Pool("school", "*")


def _free_rooms(
    data: ProblemData, slot: Slot, held: Reservations, act: Activity | None
) -> frozenset[str]:
    """Rooms open in ``slot``, not held by a club, fitting ``act`` (or any drop-in)."""
    acts = [act] if act is not None else list(data.drop_ins)
    return frozenset(
        r.id
        for a in acts
        for r in h10_rooms.candidate_rooms(data, a, slot, 0)
        if r.id not in held.rooms[slot]
    )


def _free_leaders(
    data: ProblemData, slot: Slot, held: Reservations, act: Activity | None
) -> frozenset[str]:
    """Staff available in ``slot``, not held by a club, who may lead ``act``."""
    acts = [act] if act is not None else list(data.drop_ins)
    return frozenset(
        p.id
        for a in acts
        for p in h08_staff_willingness.candidate_leaders(data, a, slot)
        if p.id not in held.staff[slot]
    )


def _usable(data: ProblemData, act: Activity, slot: Slot, held: Reservations) -> int:
    """How many sessions of ``act`` could be housed and led in ``slot`` at most."""
    return min(
        len(_free_rooms(data, slot, held, act)),
        len(_free_leaders(data, slot, held, act)),
    )


def _add_nested_limits(pm: PhaseModel, v: DropInVars, held: Reservations) -> None:
    """Per slot and activity a: the sessions of every activity whose possible
    leaders (rooms) all lie within a's cannot outnumber a's leaders (rooms).
    A cheap family of Hall conditions that keeps phases 3–4 feasible."""
    data = pm.data
    by_slot_act: dict[Slot, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for (slot, _, aid), n in v.sessions.items():
        by_slot_act[slot][aid].append(n)
    for slot, acts in by_slot_act.items():
        leaders = {
            a: _free_leaders(data, slot, held, data.activity_by_id[a]) for a in acts
        }
        rooms = {a: _free_rooms(data, slot, held, data.activity_by_id[a]) for a in acts}
        for sets in (leaders, rooms):
            for _a, own in sets.items():
                inside = [n for b, ns in acts.items() if sets[b] <= own for n in ns]
                pm.model.add(sum(inside) <= len(own))
        # Seats: the students of activities whose rooms all lie within a's
        # rooms sit in those rooms, at most as many as they seat (H10, H13).
        for own in rooms.values():
            within = [b for b in acts if rooms[b] <= own]
            heads = [
                var for (t, _, b), var in v.count.items() if t == slot and b in within
            ]
            seats = sum(
                min(
                    data.room_by_id[r].capacity,
                    max(data.activity_by_id[b].capacity.max for b in within),
                )
                for r in own
            )
            if heads:
                pm.model.add(sum(heads) <= seats)
    # The same over the week, against max_per_week less the club meetings held.
    held_week: dict[str, int] = defaultdict(int)
    for people in held.staff.values():
        for pid in people:
            held_week[pid] += 1
    everyone = frozenset().union(
        *(_free_leaders(data, t, held, None) for t in data.calendar.slots)
    )
    week_sets: dict[str, frozenset[str]] = {}
    week_sessions: dict[str, list] = defaultdict(list)
    for (_, _, aid), n in v.sessions.items():
        week_sessions[aid].append(n)
        if aid not in week_sets:
            act = data.activity_by_id[aid]
            week_sets[aid] = frozenset(
                p for p in everyone if act.may_lead(data.staff_by_id[p])
            )
    for _a, own in week_sets.items():
        inside = [
            n for b, ns in week_sessions.items() if week_sets[b] <= own for n in ns
        ]
        room = sum(max(0, data.staff_by_id[p].max_per_week - held_week[p]) for p in own)
        pm.model.add(sum(inside) <= room)


def typical_room(data: ProblemData, act: Activity, slot: Slot) -> int:
    """The median capacity of rooms that fit ``act`` in ``slot``.

    Drop-in groups are kept to this size so they never compete for the few
    large spaces (and their indoor backups) that clubs and big groups need.
    """
    caps = sorted(r.capacity for r in h10_rooms.candidate_rooms(data, act, slot, 0))
    return caps[(len(caps) - 1) // 2] if caps else 0


def build_dropin_model(
    data: ProblemData,
    plan: ClubPlan,
    held: Reservations,
    *,
    cuts: DropInCuts | None = None,
    diagnose: bool = False,
    previous: Previous | None = None,
) -> tuple[PhaseModel, DropInVars]:
    """Counts per (slot, class, activity) and sessions per (slot, pool, activity)."""
    pm = PhaseModel(data, "dropins", diagnose=diagnose)
    in_meeting = plan.in_meeting()
    residual: dict[tuple[Slot, str], list[str]] = defaultdict(list)
    for slot in data.calendar.slots:
        for st in data.students_present(*slot):
            if st.id not in in_meeting[slot]:
                residual[(slot, st.class_id)].append(st.id)
    v = DropInVars(residual={k: len(ids) for k, ids in residual.items()})
    pool_totals: dict[tuple[Slot, Pool, str], int] = defaultdict(int)
    usable: dict[tuple[Slot, str], int] = {}
    for (slot, class_id), ids in residual.items():
        grade = data.class_by_id[class_id].grade
        for act in data.drop_ins:
            if grade not in act.grades or act.category == "remedial":
                continue  # 补差 needs named students; it is not planned automatically
            if not h06_no_homework_lower.allows(data, grade, act):
                continue
            key = (slot, act.id)
            if key not in usable:
                usable[key] = _usable(data, act, slot, held)
            if usable[key] == 0:
                continue
            v.count[(slot, class_id, act.id)] = pm.model.new_int_var(
                0, len(ids), f"count({slot[0]},{slot[1]},{class_id},{act.id})"
            )
            pool = pool_of(act, grade, class_id)
            v.pool_members.setdefault((slot, pool, act.id), []).append(class_id)
            pool_totals[(slot, pool, act.id)] += len(ids)
    for (slot, pool, aid), total in pool_totals.items():
        act = data.activity_by_id[aid]
        v.sessions[(slot, pool, aid)] = pm.model.new_int_var(
            0,
            min(usable[(slot, aid)], math.ceil(total / max(1, act.capacity.min))),
            f"sessions({slot[0]},{slot[1]},{pool.kind}:{pool.key},{aid})",
        )
    _add_resource_limits(pm, v, held)
    if cuts is not None:
        cuts.add(pm, v)
    h01_full_coverage.add_dropin_coverage(pm, v)
    h13_group_size.add_dropins(pm, v)
    h03_daily_offer.add(pm, v, plan)
    h05_weekly_quality.add(pm, v, plan, residual)
    s4_sport_time.add(pm, v, plan)
    s6_stability.add_dropins(pm, v, previous, residual)  # S6
    # S2 counts the seats of every room used less the students in it, and the
    # students are fixed: each session opens at least the seats of the
    # smallest room that fits it, so that is its cost here (fewer, fuller
    # sessions also need fewer staff).
    seats_opened = [
        (max(1, data.weights.rooms) * _smallest_room(data, slot, aid), n)
        for (slot, _, aid), n in v.sessions.items()
    ]
    pm.set_objective(extra=seats_opened)
    pm.first_solution_ok = False  # its first solution opens far too many groups
    return pm, v


def _smallest_room(data: ProblemData, slot: Slot, activity_id: str) -> int:
    act = data.activity_by_id[activity_id]
    fits = h10_rooms.candidate_rooms(data, act, slot, act.capacity.min)
    return min((r.capacity for r in fits), default=act.capacity.max)


@dataclass
class DropInCuts:
    """Limits learnt when the room or staff phase could not follow a plan."""

    per_slot: dict[Slot, int] = field(default_factory=dict)  # most sessions
    total: int | None = None
    # Hall cuts (``solver/hall.py``): in a slot, drop-in sessions of these
    # activities ≤ this many (their candidates less the club meetings using them)
    hall: dict[tuple[Slot, frozenset[str]], int] = field(default_factory=dict)
    # the same over the week: drop-in sessions of these (slot, activity) pairs
    # ≤ what their possible leaders can lead within max_per_week
    weekly: dict[frozenset[tuple[Slot, str]], int] = field(default_factory=dict)
    # groups of an activity in a slot no larger than this: the free rooms that
    # fit it were all smaller than the groups the plan made
    size: dict[tuple[Slot, str], int] = field(default_factory=dict)

    def add(self, pm: PhaseModel, v: DropInVars) -> None:
        by_slot: dict[Slot, list] = defaultdict(list)
        for (slot, _, _), n in v.sessions.items():
            by_slot[slot].append(n)
        for slot, most in self.per_slot.items():
            pm.model.add(sum(by_slot.get(slot, [])) <= most)
        if self.total is not None:
            pm.model.add(sum(v.sessions.values()) <= self.total)
        for (slot, pool, aid), n in v.sessions.items():
            most_size = self.size.get((slot, aid))
            if most_size is not None:
                members = v.pool_members[(slot, pool, aid)]
                head = sum(v.count[(slot, k, aid)] for k in members)
                pm.model.add(head <= most_size * n)
        for pairs, most in self.weekly.items():
            inside = [n for (t, _, aid), n in v.sessions.items() if (t, aid) in pairs]
            pm.model.add(sum(inside) <= most)
        for (slot, acts), most in self.hall.items():
            inside = [
                n for (t, _, aid), n in v.sessions.items() if t == slot and aid in acts
            ]
            pm.model.add(sum(inside) <= most)


def _add_resource_limits(pm: PhaseModel, v: DropInVars, held: Reservations) -> None:
    """Necessary conditions so the room and staff phases can follow: per slot,
    sessions ≤ free rooms and ≤ free staff; a group fits a typical room."""
    data = pm.data
    by_slot: dict[Slot, list] = defaultdict(list)
    for (slot, pool, aid), n in v.sessions.items():
        by_slot[slot].append(n)
        act = data.activity_by_id[aid]
        cap = min(
            h07_no_curriculum.max_group(data, act),
            typical_room(data, act, slot),
        )
        head = sum(v.count[(slot, k, aid)] for k in v.pool_members[(slot, pool, aid)])
        pm.model.add(head <= cap * n)
    for slot, ns in by_slot.items():
        pm.model.add(sum(ns) <= len(_free_rooms(data, slot, held, None)))
        pm.model.add(sum(ns) <= len(_free_leaders(data, slot, held, None)))
    # H14: a session that needs a rain backup, or cannot go outdoors at all,
    # takes an indoor room either way (its own or its backup).
    indoor_users: dict[Slot, list] = defaultdict(list)
    for (slot, _, aid), n in v.sessions.items():
        act = data.activity_by_id[aid]
        if h14_outdoor.needs_backup_possible(data, act) or not any(
            r.outdoor and act.fits_room(r) for r in data.rooms
        ):
            indoor_users[slot].append(n)
    for slot, ns in indoor_users.items():
        indoor = [
            r
            for r in _free_rooms(data, slot, held, None)
            if not data.room_by_id[r].outdoor
        ]
        pm.model.add(sum(ns) <= len(indoor))
    _add_nested_limits(pm, v, held)


def form_sessions(
    data: ProblemData,
    plan: ClubPlan,
    v: DropInVars,
    value: object,
    start_index: int = 0,
    previous: Previous | None = None,
) -> list[PlannedSession]:
    """Deal students into sessions from the solved counts.

    Within a class and slot, the students whose H05 slot this is go to quality
    activities first; each (slot, pool, activity) is then split into its number
    of sessions as evenly as possible, classes kept together in order.
    """
    val = value  # the solver's value function
    in_meeting = plan.in_meeting()
    placed: dict[tuple[Slot, str, str], list[str]] = defaultdict(list)
    for slot in data.calendar.slots:
        by_class: dict[str, list[str]] = defaultdict(list)
        for st in data.students_present(*slot):
            if st.id not in in_meeting[slot]:
                by_class[st.class_id].append(st.id)
        for class_id, ids in by_class.items():
            wants_quality = [
                s
                for s in ids
                if (s, slot) in v.quality_slot and val(v.quality_slot[(s, slot)])  # type: ignore[operator]
            ]
            others = [s for s in ids if s not in set(wants_quality)]
            queue = wants_quality + others
            acts = sorted(
                (aid for (t, k, aid) in v.count if t == slot and k == class_id),
                key=lambda aid: (not data.activity_by_id[aid].is_quality, aid),
            )
            if previous is not None:  # S6: each keeps last round's activity
                dealt = s6_stability.deal_stably(
                    ids,
                    {a: int(val(v.count[(slot, class_id, a)])) for a in acts},  # type: ignore[operator]
                    set(wants_quality),
                    {a for a in acts if data.activity_by_id[a].is_quality},
                    {s: previous.student_slots.get(s, {}).get(slot, "") for s in ids},
                )
                for aid in acts:
                    placed[(slot, class_id, aid)] = dealt[aid]
                continue
            for aid in acts:
                n = int(val(v.count[(slot, class_id, aid)]))  # type: ignore[operator]
                placed[(slot, class_id, aid)] = queue[:n]
                queue = queue[n:]
    sessions: list[PlannedSession] = []
    index = start_index
    for (slot, pool, aid), n_var in sorted(
        v.sessions.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][1].key)
    ):
        n = int(val(n_var))  # type: ignore[operator]
        if n == 0:
            continue
        members: list[tuple[str, str]] = []
        for class_id in sorted(v.pool_members[(slot, pool, aid)]):
            members.extend((s, class_id) for s in placed[(slot, class_id, aid)])
        base, extra = divmod(len(members), n)
        pos = 0
        for i in range(n):
            size = base + (1 if i < extra else 0)
            chunk = members[pos : pos + size]
            pos += size
            sessions.append(
                PlannedSession(
                    index=index,
                    day=slot[0],
                    block=slot[1],
                    activity=aid,
                    students=tuple(s for s, _ in chunk),
                    classes=tuple(sorted({c for _, c in chunk})),
                )
            )
            index += 1
    return sessions
