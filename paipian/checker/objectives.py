"""S1–S7 recomputed from a timetable, exactly as ``docs/objective.md`` fixes
their arithmetic (non-negative integer raw penalties; weighted = weight × raw).

Sessions naming an unknown activity, block or staff id add nothing to the
terms that need them (they are hard violations already).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from paipian.catalogue import SOFT_RULES
from paipian.checker.violation import head_count
from paipian.data import ProblemData, Staff
from paipian.domain import FACILITY_KINDS
from paipian.solution import Solution


@dataclass(frozen=True)
class ObjectiveCheck:
    """Raw and weighted term per S-rule with a non-zero weight; ``value`` = Σ weighted.

    ``mismatches`` lists the terms where the solution's own
    ``objective.terms`` (if it reports any) differ from the recomputed ones:
    ``{rule: (claimed, recomputed)}``.
    """

    raw: Mapping[str, int]
    weighted: Mapping[str, int]
    value: int
    mismatches: Mapping[str, tuple[float | None, int]] = field(
        default_factory=lambda: MappingProxyType({})
    )


def s1_population(data: ProblemData) -> tuple[Staff, ...]:
    """S1's T: teachers who offered at least one (day, block) of the calendar."""
    slots = set(data.calendar.slots)
    return tuple(
        p for p in data.staff if p.kind == "teacher" and slots & set(p.available)
    )


def staff_loads(data: ProblemData, solution: Solution) -> dict[str, int]:
    """Weighted minutes (课时 × 60) per staff id: lead loads + assist loads."""
    loads: Counter[str] = Counter()
    for s in solution.sessions:
        act = data.activity_by_id.get(s.activity)
        if s.block not in data.calendar.block_by_id:
            continue
        if act is not None:
            for pid in s.staff:
                loads[pid] += data.lead_load(act, s.block)
        if s.assistant:
            loads[s.assistant] += data.assist_load(s.block)
    return dict(loads)


def s1_workload_balance(data: ProblemData, solution: Solution) -> int:
    """S1 = max_t dev_t + ⌊Σ_t dev_t / |T|⌋, dev_t = |load_t − target_t| (minutes)."""
    pop = s1_population(data)
    if not pop:
        return 0
    loads = staff_loads(data, solution)
    mean = sum(loads.get(p.id, 0) for p in pop) // len(pop)
    devs = []
    for p in pop:
        target = (
            round(p.target_per_week * 60) if p.target_per_week is not None else mean
        )
        devs.append(abs(loads.get(p.id, 0) - target))
    return max(devs) + sum(devs) // len(pop)


def facility_days(data: ProblemData) -> set[tuple[str, str]]:
    """(day, kind) pairs S2 wants opened: a facility kind, not forbidden, with a
    room open some block that day and an activity listing the kind."""
    wanted = {k for a in data.activities for k in a.room_kinds}
    out = set()
    for day in data.calendar.days:
        for r in data.rooms:
            if (
                r.kind in FACILITY_KINDS
                and r.kind not in data.rules.forbidden_room_kinds
                and r.kind in wanted
                and any(r.is_open(day, b.id) for b in data.calendar.blocks)
            ):
                out.add((day, r.kind))
    return out


def s2_room_utilisation(data: ProblemData, solution: Solution) -> int:
    """S2 = empty seats + 60 × untagged uses of special rooms + 60 × unused
    facility-days."""
    empty = 0
    untagged = 0
    used: set[tuple[str, str]] = set()
    for s in solution.sessions:
        r = data.room_by_id.get(s.room)
        if r is None:
            continue
        empty += max(0, r.capacity - head_count(s))
        used.add((s.day, r.kind))
        act = data.activity_by_id.get(s.activity)
        if r.kind == "special" and act is not None and not act.room_tags:
            untagged += 1
    unused = len(facility_days(data) - used)
    return empty + 60 * untagged + 60 * unused


def club_points(rank: int) -> int:
    """points(rank) = 4, 2, 1, 1, …: a first choice 4, a second 2, later 1."""
    return 4 if rank == 1 else 2 if rank == 2 else 1


def clubs_of_students(solution: Solution) -> dict[str, set[str]]:
    """Student id → activity ids of every session they are in."""
    out: dict[str, set[str]] = {}
    for s in solution.sessions:
        for sid in s.students:
            out.setdefault(sid, set()).add(s.activity)
    return out


def s3_student_preference(data: ProblemData, solution: Solution) -> int:
    """S3 = Σ_students with valid prefs max(0, 4 − Σ_{clubs in} points(rank))."""
    member = clubs_of_students(solution)
    total = 0
    for st in data.students:
        ranked = data.allowed_club_prefs(st)
        if not ranked:
            continue
        joined = member.get(st.id, set())
        got = sum(club_points(i + 1) for i, a in enumerate(ranked) if a.id in joined)
        total += max(0, 4 - got)
    return total


def s4_sport_time(data: ProblemData, solution: Solution) -> int:
    """S4 = head count of every session whose activity is not ``sports``."""
    total = 0
    for s in solution.sessions:
        act = data.activity_by_id.get(s.activity)
        if act is None or act.category != "sports":
            total += head_count(s)
    return total


def s5_staff_preference(data: ProblemData, solution: Solution) -> int:
    """S5 = sessions worked by staff with ``prefers`` on neither a preferred
    day nor a preferred activity."""
    total = 0
    for s in solution.sessions:
        for pid in dict.fromkeys(s.workers):
            p = data.staff_by_id.get(pid)
            if p is None or not p.prefers:
                continue
            if s.day not in p.prefers and s.activity not in p.prefers:
                total += 1
    return total


def s6_stability(
    data: ProblemData, solution: Solution, previous: Solution | None = None
) -> int:
    """S6 against ``previous`` (0 without one), docs/objective.md:

      10000 × students in both whose club set differs, unless they left a
               club they no longer rank and only gained ranked ones
    +  2000 × (student, day, block) placed in both with another activity,
               unless the old one is a club they no longer rank, or (having
               left one) the new one a club they rank
    +  1000 × staff whose (day, block, activity) set differs
    +   500 × (staff, day, block, activity) in only one of the two
    +   100 × sessions whose group (k-th of its day, block, activity) moved room
    """
    if previous is None or not previous.has_timetable:
        return 0
    clubs = {a.id for a in data.clubs}

    def week(sol: Solution) -> tuple[dict, dict, dict, dict]:
        where: dict[str, dict[tuple[str, str], str]] = {}
        club_set: dict[str, set[str]] = {}
        work: dict[str, set[tuple[str, str, str]]] = {}
        rooms: dict[tuple[str, str, str], list[str]] = {}
        for s in sol.sessions:
            for sid in s.students:
                where.setdefault(sid, {}).setdefault((s.day, s.block), s.activity)
                club_set.setdefault(sid, set())
                if s.activity in clubs:
                    club_set[sid].add(s.activity)
            for pid in dict.fromkeys(s.workers):
                work.setdefault(pid, set()).add((s.day, s.block, s.activity))
            rooms.setdefault((s.day, s.block, s.activity), []).append(s.room)
        return where, club_set, work, rooms

    where_a, clubs_a, work_a, rooms_a = week(previous)
    where_b, clubs_b, work_b, rooms_b = week(solution)
    both = where_a.keys() & where_b.keys()
    club_changes = slot_changes = 0
    for sid in both:
        st = data.student_by_id.get(sid)
        ranked = {a.id for a in data.allowed_club_prefs(st)} if st else set()
        kept, withdrawn = clubs_a[sid] & ranked, clubs_a[sid] - ranked
        gained = clubs_b[sid] - clubs_a[sid]
        if kept - clubs_b[sid] or (gained and not (withdrawn and gained <= ranked)):
            club_changes += 1
        # leaving a club one no longer ranks, and then joining ranked ones:
        # wishes the family asked for, not changes
        wished = withdrawn | ((ranked - clubs_a[sid]) if withdrawn else set())
        slot_changes += sum(
            1
            for slot, act in where_b[sid].items()
            if slot in where_a[sid]
            and where_a[sid][slot] != act
            and act not in wished
            and where_a[sid][slot] not in wished
        )
    staff_ids = work_a.keys() | work_b.keys()
    staff_changes = sum(
        1 for p in staff_ids if work_a.get(p, set()) != work_b.get(p, set())
    )
    staff_slots = sum(
        len(work_a.get(p, set()) ^ work_b.get(p, set())) for p in staff_ids
    )
    room_changes = sum(
        1
        for key, new_rooms in rooms_b.items()
        for old, new in zip(rooms_a.get(key, []), new_rooms, strict=False)
        if old != new
    )
    return (
        10000 * club_changes
        + 2000 * slot_changes
        + 1000 * staff_changes
        + 500 * staff_slots
        + 100 * room_changes
    )


def s7_late_fairness(data: ProblemData, solution: Solution) -> int:
    """S7 = max_t late_t − min_t late_t over S1's teachers who offered the
    last block on some day; late_t = sessions in the last block t works."""
    last = data.calendar.last_block
    pop = [
        p
        for p in s1_population(data)
        if any(p.is_available(d, last) for d in data.calendar.days)
    ]
    if not pop:
        return 0
    late: Counter[str] = Counter()
    for s in solution.sessions:
        if s.block == last:
            for pid in dict.fromkeys(s.workers):
                late[pid] += 1
    counts = [late[p.id] for p in pop]
    return max(counts) - min(counts)


TERMS = {
    "S1": s1_workload_balance,
    "S2": s2_room_utilisation,
    "S3": s3_student_preference,
    "S4": s4_sport_time,
    "S5": s5_staff_preference,
    "S6": s6_stability,
    "S7": s7_late_fairness,
}


def check_objective(
    data: ProblemData, solution: Solution, previous: Solution | None = None
) -> ObjectiveCheck:
    """Every S-term with a non-zero weight, raw and weighted, and their sum;
    S6 against ``previous`` when a re-solve gives one."""
    raw: dict[str, int] = {}
    weighted: dict[str, int] = {}
    for rule in SOFT_RULES:
        w = data.weights.of(rule)
        if w == 0:
            continue
        if rule == "S6":
            raw[rule] = s6_stability(data, solution, previous)
        else:
            raw[rule] = TERMS[rule](data, solution)
        weighted[rule] = w * raw[rule]
    claimed = solution.objective.terms
    mismatches: dict[str, tuple[float | None, int]] = {}
    if claimed:
        for rule in sorted(set(claimed) | set(weighted)):
            have = claimed.get(rule)
            want = weighted.get(rule, 0)
            if abs(float(have or 0) - want) > 1e-6:
                mismatches[rule] = (have, want)
    return ObjectiveCheck(
        raw=MappingProxyType(raw),
        weighted=MappingProxyType(weighted),
        value=sum(weighted.values()),
        mismatches=MappingProxyType(mismatches),
    )
