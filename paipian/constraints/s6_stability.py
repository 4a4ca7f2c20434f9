"""S6 稳定 — in a re-solve, change as few assignments as possible.

The previous timetable (``paipian.resolve.Previous``) is both the hint of every
phase and the reference of the penalty (docs/objective.md, S6):

    S6 = 10000 × students whose club set changed, unless they withdrew a
                 wish and only gained clubs they rank
       +  2000 × (student, day, block) whose activity changed, unless from a
                 club they no longer rank, or (having withdrawn one) into a
                 club they rank
       +  1000 × staff members whose (day, block, activity) set changed
       +   500 × (staff, day, block, activity) gained or lost
       +   100 × sessions whose group moved to another room

so students' clubs come first, then their slots, then staff, then rooms. A
family who withdrew a club wish asked for a change: their new club is not
counted. Seats freed this round go to the students the fairness ledger
carries, by a bonus outside S6 (``_fairness``). Each
phase penalises the part it decides (clubs: club sets and club slots;
drop-ins: the other slots; rooms; staff) and starts from the previous
decisions. The phases' terms guide the search; the S6 the solver reports is
``recount``, the exact arithmetic above on the finished timetable, which the
checker recomputes independently.

The starting points themselves (meeting slots to keep, the stable dealing,
the previous rooms and staff as hints) are plain Python in
``paipian.resolve.hints``; this module adds the model terms and pins.

Pins: a club's ``meets`` and (with ``--keep clubs``) its previous meeting slots
are preferred by ``choose_meetings``; ``leaders`` and ``room`` on an activity,
and with ``--keep staff`` / ``--keep rooms`` the previous leaders and rooms,
are hard constraints where the new data allow them (``paipian.resolve.
pins_not_held`` reports the rest).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from paipian import catalogue
from paipian.data import ProblemData, Slot
from paipian.resolve.changes import compare
from paipian.resolve.hints import (
    deal_stably,
    dropin_plan,
    group_keys,
    hint_rooms,
    hint_staff,
    keep_rooms,
    keep_staff,
    pair_staffing,
    preferred_meetings,
    previous_rooms,
    previous_staff,
)
from paipian.resolve.previous import GroupKey, Previous
from paipian.solution import Solution

__all__ = [  # the phase builders and the pipeline call these through this module
    "add_clubs",
    "add_dropins",
    "add_rooms",
    "add_staff",
    "applies",
    "deal_stably",
    "group_keys",
    "hint_rooms",
    "hint_staff",
    "keep_rooms",
    "keep_staff",
    "preferred_meetings",
    "recount",
]

RULE = catalogue.rule("S6")

CLUB_SET = 10000
STUDENT_SLOT = 2000  # above a staff member whose week changes in one or two places
STAFF_MEMBER = 1000
STAFF_SLOT = 500
ROOM = 100
GROUP = STUDENT_SLOT * 9 // 10  # a group opened or closed, in the drop-in plan
CARRIED = 200  # fairness: a carried student left without a club (tie-break)


def applies(previous: Previous | Solution | None) -> bool:
    if previous is None:
        return False
    if isinstance(previous, Solution):
        return previous.has_timetable
    return previous.solution.has_timetable


# ---- the exact term -----------------------------------------------------------
def recount(data: ProblemData, solution: Solution, previous: Solution) -> int:
    """S6 of ``solution`` against ``previous`` (docs/objective.md)."""
    ch = compare(previous, solution, data)
    counts = ch.counts()
    club_sets = slots = 0
    for c in ch.students:
        st = data.student_by_id.get(c.student)
        ranked = {a.id for a in data.allowed_club_prefs(st)} if st else set()
        kept, withdrawn = c.clubs_before & ranked, c.clubs_before - ranked
        gained = c.clubs_after - c.clubs_before
        if kept - c.clubs_after or (gained and not (withdrawn and gained <= ranked)):
            club_sets += 1
        wished = withdrawn | ((ranked - c.clubs_before) if withdrawn else set())
        slots += sum(
            1
            for before, after in c.slots.values()
            if before is not None
            and after is not None
            and before.activity != after.activity
            and after.activity not in wished
            and before.activity not in wished
        )
    triples = 0
    for sc in ch.staff:
        b = {(d, bl, a) for (d, bl), (x, _) in sc.slots.items() for a in _acts(x)}
        a_ = {(d, bl, a) for (d, bl), (_, y) in sc.slots.items() for a in _acts(y)}
        triples += len(b ^ a_)
    return (
        CLUB_SET * club_sets
        + STUDENT_SLOT * slots
        + STAFF_MEMBER * counts["staff"]
        + STAFF_SLOT * triples
        + ROOM * counts["rooms"]
    )


def _acts(text: str) -> set[str]:
    return {a.removesuffix("(助教)") for a in text.split("、") if a}


# ---- phase 1: clubs -------------------------------------------------------------
def add_clubs(pm: Any, v: Any, previous: Previous | None) -> list[tuple[int, Any]]:
    """Penalise club-set and club-slot changes; hint previous membership; give
    seats freed this round to carried students (fairness ledger) first.
    Returns the fairness terms for ``set_objective(extra=…)`` (not S-terms)."""
    if previous is None:
        return []
    data, model = pm.data, pm.model
    options: dict[str, dict[str, Any]] = defaultdict(dict)
    for (sid, cid), var in v.member.items():
        options[sid][cid] = var
    extra = _fairness(pm, v, previous, options)
    if pm.weight("S6") == 0:
        return extra
    # Hint: last round's membership, where it still fits (a club left below
    # its minimum is hinted closed); newcomers and carried students join
    # nothing yet. When that is a valid membership it is the phase's complete
    # starting point, kept unless a better one is found.
    model.clear_hints()
    pm.hints = {}
    hinted: dict[str, list[str]] = defaultdict(list)
    for sid, cid in v.member:
        if cid in previous.student_clubs.get(sid, ()):
            hinted[cid].append(sid)
    opened = {
        cid
        for cid in v.open
        if data.activity_by_id[cid].required
        or len(hinted[cid]) >= data.activity_by_id[cid].capacity.min
    }
    for (sid, cid), var in v.member.items():
        pm.hint(var, cid in opened and sid in hinted[cid])
    for cid, var in v.open.items():
        pm.hint(var, cid in opened)
    for st in data.students:
        before = previous.student_clubs.get(st.id, frozenset())
        slots = previous.student_slots.get(st.id)
        if slots is None:
            continue  # a newcomer: no history
        mine = options.get(st.id, {})  # every option is a club they rank
        ranked = {a.id for a in data.allowed_club_prefs(st)}
        kept, withdrawn = before & ranked, before - ranked
        # A student who withdrew a wish asked for a change: joining a club they
        # rank is theirs to have (docs/objective.md, S6).
        free_join = bool(withdrawn)
        changed = model.new_bool_var(f"S6(student={st.id},clubs)")
        for cid, var in mine.items():
            if cid in kept:
                model.add(changed >= 1 - var)
            elif not free_join:
                model.add(changed >= var)
        if kept - set(mine):
            model.add(changed == 1)  # a club they had cannot hold them now
        pm.penalise("S6", f"S6(student={st.id},clubs)", changed, CLUB_SET)
        for slot, was in slots.items():
            if was in withdrawn or not data.is_present(st, *slot):
                continue  # they left that club themselves
            here = {c: x for c, x in mine.items() if slot in v.meetings[c]}
            wished = sum(x for c, x in here.items() if c not in before and free_join)
            if was in here:
                expr = 1 - here[was] - wished
            elif here and not free_join:
                expr = sum(here.values())
            else:
                continue  # a drop-in slot (next phase) or a fixed change
            pm.penalise("S6", f"S6(student={st.id},slot={slot})", expr, STUDENT_SLOT)
    pm.hint_complete = _hint_is_valid(pm)
    return extra


def _hint_is_valid(pm: Any) -> bool:
    """Whether the hinted decisions satisfy every constraint of the phase (a
    clone with them pinned, solved at once): then the search starts from
    them instead of from an arbitrary first solution."""
    return bool(pm.pinned_solution(5.0) is not None)


def _fairness(
    pm: Any, v: Any, previous: Previous, options: Mapping[str, Mapping[str, Any]]
) -> list[tuple[int, Any]]:
    """Seats freed this round (a member left, withdrew the wish, or cannot
    attend any more) go to carried students first: a bonus per carried
    student placed on a freed seat outweighs the S6 cost of their move, so
    they take those seats, and no other (the no-change round stays as it
    was). Carried students also come before others for any contested seat."""
    data, model = pm.data, pm.model
    members: dict[str, set[str]] = defaultdict(set)
    for s in previous.solution.sessions:
        if s.activity in v.meetings:
            members[s.activity].update(s.students)
    freed = {
        cid: sum(1 for sid in sids if (sid, cid) not in v.member)
        for cid, sids in members.items()
    }
    extra: list[tuple[int, Any]] = []
    seated: dict[str, list[Any]] = defaultdict(list)
    w6, w3 = pm.weight("S6"), max(1, pm.weight("S3"))
    for sid in sorted(previous.carried):
        mine = options.get(sid, {})
        if not mine:
            continue
        left_out = model.new_bool_var(f"fair(student={sid})")
        model.add(left_out >= 1 - sum(mine.values()))
        extra.append((CARRIED * w3, left_out))
        for cid, var in mine.items():
            if freed.get(cid, 0) == 0 or not w6:
                continue
            on_freed = model.new_bool_var(f"fair(student={sid},freed={cid})")
            model.add(on_freed <= var)
            seated[cid].append(on_freed)
            spw = max(1, data.activity_by_id[cid].sessions_per_week)
            bonus = w6 * (CLUB_SET + STUDENT_SLOT * spw) * 3 // 2
            extra.append((-bonus, on_freed))
    for cid, seats in seated.items():
        model.add(sum(seats) <= freed[cid])
    return extra


# ---- phase 2: drop-ins (counts per class) ----------------------------------------
def dropin_history(
    data: ProblemData,
    previous: Previous,
    residual: Mapping[tuple[Slot, str], Sequence[str]],
) -> dict[tuple[Slot, str, str], list[str]]:
    """(slot, class, drop-in activity) → residual students who had it there."""
    out: dict[tuple[Slot, str, str], list[str]] = defaultdict(list)
    for (slot, class_id), ids in residual.items():
        for sid in ids:
            was = previous.student_slots.get(sid, {}).get(slot)
            act = data.activity_by_id.get(was or "")
            if act is not None and not act.is_club:
                out[(slot, class_id, act.id)].append(sid)
    return out


def add_dropins(
    pm: Any,
    v: Any,
    previous: Previous | None,
    residual: Mapping[tuple[Slot, str], Sequence[str]],
    meetings: Mapping[str, Sequence[Slot]],
) -> None:
    """Per (slot, class, activity): kept ≤ count, kept ≤ students who had the
    activity there (and are free of H05's quality duty if it is not quality);
    penalise each residual student with a drop-in history who is not kept.
    Hint the plan to last round's (``dropin_plan``)."""
    if previous is None or pm.weight("S6") == 0:
        return
    data, model = pm.data, pm.model
    history = dropin_history(data, previous, residual)
    lost_by_class: dict[tuple[Slot, str], list[Any]] = defaultdict(list)
    kept_quality: dict[tuple[Slot, str], list[Any]] = defaultdict(list)
    for (slot, class_id, aid), ids in sorted(history.items()):
        count = v.count.get((slot, class_id, aid))
        if count is None:
            continue
        # kept is the smaller of the seats and those who can keep them, not
        # merely at most both: any solution (a probe's, a hint) then counts
        # its stability right, without the objective pushing it up
        kept = model.new_int_var(0, len(ids), f"S6(kept={slot},{class_id},{aid})")
        limits: list[Any] = [count, len(ids)]
        if not data.activity_by_id[aid].is_quality:
            limits.append(
                sum(
                    1 - v.quality_slot[(s, slot)] if (s, slot) in v.quality_slot else 1
                    for s in ids
                )
            )
        model.add_min_equality(kept, limits)
        lost_by_class[(slot, class_id)].append((len(ids), kept))
        if data.activity_by_id[aid].is_quality:
            kept_quality[(slot, class_id)].append(kept)
    for (slot, class_id), parts in sorted(lost_by_class.items()):
        total = sum(n for n, _ in parts)
        pm.penalise(
            "S6",
            f"S6(slot={slot},class={class_id})",
            total - sum(k for _, k in parts),
            STUDENT_SLOT,
        )
    _displaced_by_quality(pm, v, previous, residual, kept_quality)
    if v.staffing.lead:
        _keep_plan_staff(pm, v, previous)
    else:
        _keep_groups(pm, v, previous)
    _hint_last_plan(pm, v, previous, residual, meetings)


def _displaced_by_quality(
    pm: Any,
    v: Any,
    previous: Previous,
    residual: Mapping[tuple[Slot, str], Sequence[str]],
    kept_quality: Mapping[tuple[Slot, str], Sequence[Any]],
) -> None:
    """A student who owes H05 a quality drop-in in a slot where they had none
    takes one of the class's quality seats before those who had them
    (``deal_stably``): whoever keeps a quality seat, and those newly owed
    one, must fit in the class's quality seats, or someone is moved."""
    data, model = pm.data, pm.model
    quality_seats: dict[tuple[Slot, str], list[Any]] = defaultdict(list)
    for (t, k, aid), var in v.count.items():
        if data.activity_by_id[aid].is_quality:
            quality_seats[(t, k)].append(var)
    for (slot, class_id), kept in sorted(kept_quality.items()):
        seats = quality_seats[(slot, class_id)]
        owed = []
        for sid in residual.get((slot, class_id), ()):
            was = data.activity_by_id.get(
                previous.student_slots.get(sid, {}).get(slot, "")
            )
            if (sid, slot) in v.quality_slot and not (was and was.is_quality):
                owed.append(v.quality_slot[(sid, slot)])
        if not owed:
            continue
        moved = model.new_int_var(0, len(owed), f"S6(displaced={slot},{class_id})")
        model.add(moved >= sum(kept) + sum(owed) - sum(seats))
        pm.penalise("S6", f"S6(displaced={slot},{class_id})", moved, STUDENT_SLOT)


def _keep_plan_staff(pm: Any, v: Any, previous: Previous) -> None:
    """S6's staff terms on the plan's own staffing (``solver/pair_staffing``):
    who leads each (slot, activity) and who assists per slot. A group opened
    or closed is priced by the weeks it really changes — one teacher's, or an
    external's and their 助教's — rather than by a flat group cost, so the
    plan weighs a new group against a free seat or a bigger room as the
    finished timetable will be counted. A 助教 is counted per slot (the plan
    does not say whose session they help); the staff phase counts exactly."""
    model = pm.model
    sv = v.staffing
    leads: dict[str, dict[tuple[str, str, str], Any]] = defaultdict(dict)
    for (slot, aid, pid), y in sv.lead.items():
        leads[pid][(*slot, aid)] = y
    helps: dict[str, dict[Slot, Any]] = defaultdict(dict)
    for (slot, pid), z in sv.assist.items():
        helps[pid][slot] = z
    led: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    helped: dict[str, set[Slot]] = defaultdict(set)
    for s in previous.solution.sessions:
        for pid in s.staff:
            led[pid].add((s.day, s.block, s.activity))
        if s.assistant:
            helped[s.assistant].add(s.slot)
    for pid in sorted(set(leads) | set(helps) | set(led) | set(helped)):
        # each 0/1: a (day, block, activity) led, or a slot assisted, gained or lost
        terms = _gained_or_lost(led[pid], leads[pid]) + _gained_or_lost(
            helped[pid], helps[pid]
        )
        if not terms:
            continue
        changed = model.new_bool_var(f"S6(plan staff={pid})")
        for t in terms:
            model.add(changed >= t)
        pm.penalise("S6", f"S6(plan staff={pid},slots)", sum(terms), STAFF_SLOT)
        pm.penalise("S6", f"S6(plan staff={pid})", changed, STAFF_MEMBER)


def _gained_or_lost(had: set[Any], now: Mapping[Any, Any]) -> list[Any]:
    """0/1 terms: each of ``had`` whose variable in ``now`` is off (or that
    has none), each variable of ``now`` on outside ``had``."""
    lost = [1 - now[key] if key in now else 1 for key in sorted(had)]
    return lost + [var for key, var in sorted(now.items()) if key not in had]


def _keep_groups(pm: Any, v: Any, previous: Previous) -> None:
    """A group more or fewer than last round in a (slot, activity) changes at
    least one leader's week — almost always someone unchanged so far, which
    S6 prices above a student's slot. Students come first (RULES S6), so a
    group costs just under a student's slot: the plan moves no student to
    save a group, and opens none where a free seat would do."""
    before: dict[tuple[Slot, str], int] = defaultdict(int)
    for s in previous.solution.sessions:
        before[(s.slot, s.activity)] += 1
    opened: dict[tuple[Slot, str], list[Any]] = defaultdict(list)
    for (slot, _, aid), n in v.sessions.items():
        opened[(slot, aid)].append(n)
    most = len(pm.data.rooms)
    for (slot, aid), ns in sorted(opened.items()):
        had = before.get((slot, aid), 0)
        moved = pm.model.new_int_var(0, had + most, f"S6(groups={slot},{aid})")
        pm.model.add(moved >= sum(ns) - had)
        pm.model.add(moved >= had - sum(ns))
        pm.penalise("S6", f"S6(groups={slot},{aid})", moved, GROUP)


def _hint_last_plan(
    pm: Any,
    v: Any,
    previous: Previous,
    residual: Mapping[tuple[Slot, str], Sequence[str]],
    meetings: Mapping[str, Sequence[Slot]],
) -> None:
    """The plan's search starts from last round's plan as a whole: its head
    counts, groups and H05 slots, then its leaders and 助教 where they may
    still serve (``resolve/hints``)."""
    data = pm.data
    head, groups, quality = dropin_plan(
        data,
        previous,
        residual,
        list(v.count),
        v.pool_members,
        list(v.quality_slot),
        v.quality_need,
    )
    for key, var in v.count.items():
        pm.hint(var, head[key])
    for key, var in v.sessions.items():
        pm.hint(var, groups[key])
    for key, var in v.quality_slot.items():
        pm.hint(var, quality[key])
    per_pair: dict[tuple[Slot, str], int] = defaultdict(int)
    for (slot, _, aid), n in groups.items():
        per_pair[(slot, aid)] += n
    for cid, slots in meetings.items():
        for slot in slots:
            per_pair[(slot, cid)] += 1
    leads, assists = pair_staffing(
        data, previous, per_pair, list(v.staffing.lead), list(v.staffing.assist)
    )
    for lead_key, var in v.staffing.lead.items():
        pm.hint(var, leads[lead_key])
    for assist_key, var in v.staffing.assist.items():
        pm.hint(var, assists[assist_key])


# ---- phase 3: rooms ---------------------------------------------------------------
def add_rooms(
    pm: Any,
    v: Any,
    sessions: Sequence[Any],
    keys: Mapping[int, GroupKey],
    previous: Previous | None,
) -> None:
    """Penalise a session whose group leaves its previous room; pin rooms the
    instance (``room``) or ``--keep rooms`` holds, where the room fits."""
    data = pm.data
    before = previous_rooms(keys, previous)
    pinned_used: set[tuple[Slot, str]] = set()
    for s in sessions:
        act = data.activity_by_id[s.activity]
        want = act.room
        if want is None and previous is not None and previous.keeps("rooms"):
            want = before.get(s.index, (None, None))[0]
        var = v.room.get((s.index, want)) if want else None
        if var is not None and (s.slot, want) not in pinned_used:
            pm.model.add(var == 1)
            pinned_used.add((s.slot, want))
    if previous is None:
        return
    if pm.weight("S6"):
        for si, (room, _) in sorted(before.items()):
            var = v.room.get((si, room)) if room else None
            if var is not None:
                pm.penalise("S6", f"S6(session={si},room)", 1 - var, ROOM)


# ---- phase 4: staff ---------------------------------------------------------------
def add_staff(
    pm: Any,
    v: Any,
    sessions: Sequence[Any],
    keys: Mapping[int, GroupKey],
    previous: Previous | None,
) -> list[tuple[int, Any]]:
    """Penalise each staff member whose week changes and each (day, block,
    activity) they gain or lose; hold the instance's ``leaders`` (and with
    ``--keep staff`` the previous leaders) as hard constraints where allowed.

    Returns a tie-break for ``set_objective`` (outside S6): each group whose
    leader is not last round's. S6 counts a staff member's (day, block,
    activity), so two leaders trading groups of one activity cost nothing
    there — and would be a change the staff see."""
    data, model = pm.data, pm.model
    by_act: dict[str, list[Any]] = defaultdict(list)
    for s in sessions:
        by_act[s.activity].append(s)
    for aid, group in by_act.items():
        must = data.activity_by_id[aid].leaders
        for s in group:
            options = [v.lead[(s.index, p)] for p in must if (s.index, p) in v.lead]
            if options:
                model.add(sum(options) == 1)
    if previous is None:
        return []
    before = previous_staff(keys, previous)
    if previous.keeps("staff"):
        pinned: dict[str, int] = defaultdict(int)
        for si, (leaders, _) in sorted(before.items()):
            for p in leaders[:1]:
                var = v.lead.get((si, p))
                cap = data.staff_by_id[p].max_per_week
                if var is not None and pinned[p] < cap:
                    model.add(var == 1)
                    pinned[p] += 1
    if pm.weight("S6"):
        _penalise_staff(pm, v, sessions, previous)
    moved = [
        1 - v.lead[(si, leaders[0])]
        for si, (leaders, _) in sorted(before.items())
        if leaders and (si, leaders[0]) in v.lead
    ]
    return [(1, sum(moved))] if moved else []


def _penalise_staff(
    pm: Any, v: Any, sessions: Sequence[Any], previous: Previous
) -> None:
    model = pm.model
    triple_of = {s.index: (s.day, s.block, s.activity) for s in sessions}
    works: dict[str, dict[tuple[str, str, str], list[Any]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for table in (v.lead, v.assist):
        for (si, pid), var in table.items():
            works[pid][triple_of[si]].append(var)
    for pid in sorted(set(works) | set(previous.staff_work)):
        had = previous.staff_work.get(pid, frozenset())
        mine = works.get(pid, {})
        if not had and not mine:
            continue
        changed = model.new_bool_var(f"S6(staff={pid})")
        for triple in sorted(had):
            vars_ = mine.get(triple, [])
            if not vars_:
                model.add(changed == 1)  # that session is gone or closed to them
                continue
            lost = 1 - sum(vars_)
            model.add(changed >= lost)
            pm.penalise("S6", f"S6(staff={pid},lost={triple})", lost, STAFF_SLOT)
        for triple, vars_ in sorted(mine.items()):
            if triple in had:
                continue
            for var in vars_:
                model.add(changed >= var)
            pm.penalise("S6", f"S6(staff={pid},new={triple})", sum(vars_), STAFF_SLOT)
        pm.penalise("S6", f"S6(staff={pid})", changed, STAFF_MEMBER)
