"""Phase 2 — drop-ins: every student not in a club meeting gets a drop-in group.

A CP-SAT model over counts, not students: for each slot and class, how many of
its remaining students go to each drop-in activity open to the grade, and how
many sessions each (slot, pool, activity) opens — pooled per class for
admin_class, per grade for grade_mixed, school-wide otherwise. The only
student-level variables are H05's: which slot gives a student their weekly
quality activity. The plan also houses its groups by room class
(``solver/housing.py``) and staffs them per (slot, activity)
(``solver/pair_staffing.py``), both exactly, so the room and staff phases
always have a complete start. Students are then dealt into sessions
(``form_sessions``).
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
    h08_staff_willingness,
    h10_rooms,
    h13_group_size,
    s1_workload_balance,
    s4_sport_time,
    s6_stability,
)
from paipian.data import Activity, ProblemData, Slot
from paipian.model.phase_model import PhaseModel
from paipian.model.plans import ClubPlan, PlannedSession, Reservations
from paipian.model.vars import DropInVars, Pool
from paipian.resolve.previous import Previous
from paipian.solver.housing import add_housing, deal_rooms, group_sizes
from paipian.solver.pair_staffing import add_pair_staffing


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


def _usable(data: ProblemData, act: Activity, slot: Slot, held: Reservations) -> int:
    """How many sessions of ``act`` could be housed and led in ``slot`` at most."""
    return min(
        len(_free_rooms(data, slot, held, act)),
        len(h08_staff_willingness.candidate_leaders(data, act, slot)),
    )


def build_dropin_model(
    data: ProblemData,
    plan: ClubPlan,
    held: Reservations,
    *,
    cuts: DropInCuts | None = None,
    diagnose: bool = False,
    previous: Previous | None = None,
    exact: bool = True,
    balance: bool = False,
) -> tuple[PhaseModel, DropInVars]:
    """Counts per (slot, class, activity) and sessions per (slot, pool, activity);
    ``exact=False`` leaves out the housing and staffing (a quick sketch).
    ``balance``: S1 as the plan's leaders give it is a cost too — for a plan
    started from a complete one: a search for a first plan rarely finds one
    in time under its constraints (big_primary_11: none in 40 s)."""
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
    if exact:
        add_housing(pm, v, held)  # rooms, exactly (H10, H14)
        add_pair_staffing(pm, v, plan)  # leaders and 助教, exactly (H08, H09)
    if cuts is not None:
        cuts.add(pm, v)
    h01_full_coverage.add_dropin_coverage(pm, v)
    h13_group_size.add_dropins(pm, v)
    h03_daily_offer.add(pm, v, plan)
    h05_weekly_quality.add(pm, v, plan, residual)
    s4_sport_time.add(pm, v, plan)
    s6_stability.add_dropins(pm, v, previous, residual, plan.meetings)  # S6
    # S2 counts the seats of every room used less the students in it, and the
    # students are fixed: the seats of the room class each group is housed in
    # are its cost here (fewer, fuller sessions also need fewer staff). S1 as
    # the plan's leaders give it keeps the groups to those many can lead.
    loads = s1_workload_balance.dropin_costs(pm, v) if balance else []
    pm.set_objective(extra=v.housing.seat_costs + loads)
    pm.first_solution_ok = False  # its first solution opens far too many groups
    return pm, v


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


@dataclass
class Formed:
    """The drop-in groups dealt from a solved plan, with the rooms (and rain
    backups) their room classes were drawn for: a complete room hint."""

    sessions: list[PlannedSession]
    rooms: dict[int, str]
    backups: dict[int, str]


def form_sessions(
    data: ProblemData,
    plan: ClubPlan,
    v: DropInVars,
    value: object,
    start_index: int = 0,
    previous: Previous | None = None,
) -> Formed:
    """Deal students into sessions from the solved counts.

    Within a class and slot, the students whose H05 slot this is go to quality
    activities first; each (slot, pool, activity) is then split into its
    groups as evenly as their rooms allow, classes kept together in order.
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
    formed = Formed([], {}, {})
    housed = deal_rooms(data, v, val)
    index = start_index
    for (slot, pool, aid), n_var in sorted(
        v.sessions.items(), key=lambda kv: (kv[0][0], kv[0][2], kv[0][1].key)
    ):
        if int(val(n_var)) == 0:  # type: ignore[operator]
            continue
        members: list[tuple[str, str]] = []
        for class_id in sorted(v.pool_members[(slot, pool, aid)]):
            members.extend((s, class_id) for s in placed[(slot, class_id, aid)])
        groups = housed[(slot, pool, aid)]
        sizes = group_sizes([seats for seats, _, _ in groups], len(members))
        pos = 0
        for size, (_, room, backup) in zip(sizes, groups, strict=True):
            chunk = members[pos : pos + size]
            pos += size
            formed.sessions.append(
                PlannedSession(
                    index=index,
                    day=slot[0],
                    block=slot[1],
                    activity=aid,
                    students=tuple(s for s, _ in chunk),
                    classes=tuple(sorted({c for _, c in chunk})),
                )
            )
            formed.rooms[index] = room
            if backup is not None:
                formed.backups[index] = backup
            index += 1
    return formed
