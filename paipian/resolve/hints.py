"""Where a re-solve starts from: the previous timetable turned into each
phase's preferred choices (S6, ``paipian.constraints.s6_stability``).

Plain Python, no ortools: meeting slots to keep, the stable dealing of a class
into drop-in activities, the rooms and staff each session group had, and the
greedy hints of the room and staff phases moved onto the previous round
wherever that stays free of clashes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from paipian.data import ProblemData, Slot
from paipian.model.plans import in_written_order
from paipian.resolve.previous import GroupKey, Previous

T = TypeVar("T")


def group_keys(data: ProblemData, sessions: Sequence[Any]) -> dict[int, GroupKey]:
    """Planned session index → (day, block, activity, k): the k-th group of its
    (day, block, activity) in the order ``build_solution`` writes them."""
    ordered = in_written_order(data, sessions)
    counter: dict[tuple[str, str, str], int] = defaultdict(int)
    out: dict[int, GroupKey] = {}
    for s in ordered:
        key = (s.day, s.block, s.activity)
        out[s.index] = (*key, counter[key])
        counter[key] += 1
    return out


def preferred_meetings(
    data: ProblemData, previous: Previous | None
) -> dict[str, tuple[Slot, ...]]:
    """Meeting slots to keep: a club's own ``meets`` pin, else (re-solve) the
    slots it met in before, when they still make a full week for it."""
    out: dict[str, tuple[Slot, ...]] = {}
    calendar = set(data.calendar.slots)
    for club in data.clubs:
        slots: tuple[Slot, ...] = club.meets
        if not slots and previous is not None:
            slots = previous.club_meetings.get(club.id, ())
        slots = tuple(t for t in slots if t in calendar)
        if slots and len(slots) == max(1, club.sessions_per_week):
            out[club.id] = slots
    return out


def deal_stably(
    ids: Sequence[str],
    counts: Mapping[str, int],
    wants_quality: set[str],
    quality: set[str],
    had: Mapping[str, str],
) -> dict[str, list[str]]:
    """Deal one class's students in one slot into activities by ``counts``,
    each keeping the activity they ``had`` where seats allow, students owed
    a quality activity (H05) into quality ones. Returns activity → students."""
    left = dict(counts)
    out: dict[str, list[str]] = {a: [] for a in counts}
    todo = list(ids)

    def take(sid: str, aid: str) -> None:
        out[aid].append(sid)
        left[aid] -= 1
        todo.remove(sid)

    # Students owed a quality activity (H05) first, so that no one else takes
    # the quality seats they need: their own if it is one, else the quality
    # activity with the most seats nobody else had before.
    for sid in [s for s in ids if s in wants_quality]:
        aid = had.get(sid)
        if aid in left and left[aid] > 0 and aid in quality:
            take(sid, aid)
    reserved: dict[str, int] = defaultdict(int)
    for sid in todo:
        if had.get(sid) in left:
            reserved[had[sid]] += 1
    for sid in [s for s in list(todo) if s in wants_quality]:
        options = sorted(
            (a for a in left if a in quality and left[a] > 0),
            key=lambda a: (-(left[a] - reserved[a]), a),
        )
        if options:
            take(sid, options[0])
    for sid in list(todo):
        aid = had.get(sid)
        if aid in left and left[aid] > 0:
            take(sid, aid)
    for sid in list(todo):
        options = sorted(
            (a for a in left if left[a] > 0), key=lambda a: (a not in quality, a)
        )
        if options:
            take(sid, options[0])
    return out


def previous_rooms(
    keys: Mapping[int, GroupKey], previous: Previous | None
) -> dict[int, tuple[str | None, str | None]]:
    """Session index → (room, backup room) its group had before."""
    return _before(keys, previous, lambda pin: (pin.room, pin.backup_room))


def keep_rooms(
    data: ProblemData,
    sessions: Sequence[Any],
    keys: Mapping[int, GroupKey],
    previous: Previous | None,
    keep: dict[int, set[str]],
) -> None:
    """Put each session's pinned and previous rooms on its shortlist."""
    before = previous_rooms(keys, previous)
    for s in sessions:
        wanted = {data.activity_by_id[s.activity].room, *before.get(s.index, ())}
        keep.setdefault(s.index, set()).update(r for r in wanted if r)


def hint_rooms(
    data: ProblemData,
    v: Any,
    sessions: Sequence[Any],
    keys: Mapping[int, GroupKey],
    previous: Previous | None,
    chosen: dict[int, str],
    chosen_backup: dict[int, str],
) -> None:
    """Move the greedy's rooms onto the previous ones, slot by slot, wherever
    the mix stays free of clashes (edits ``chosen`` / ``chosen_backup``)."""
    if previous is None:
        return
    before = previous_rooms(keys, previous)
    by_slot: dict[Slot, list[Any]] = defaultdict(list)
    for s in sessions:
        by_slot[s.slot].append(s)
    for group in by_slot.values():
        used: set[str] = set()
        plan: dict[int, str] = {}
        plan_backup: dict[int, str] = {}
        for s in group:
            room, backup = before.get(s.index, (None, None))
            if room and (s.index, room) in v.room and room not in used:
                needs = data.room_by_id[room].outdoor and any(
                    si == s.index for si, _ in v.backup
                )
                if needs:
                    if not (
                        backup
                        and (s.index, backup) in v.backup
                        and backup not in used
                        and backup != room
                    ):
                        continue
                    plan_backup[s.index] = backup
                    used.add(backup)
                plan[s.index] = room
                used.add(room)
        if not _complete_rooms(group, plan, plan_backup, used, chosen, chosen_backup):
            continue  # the mix would clash: this slot keeps the greedy hint
        for s in group:
            chosen[s.index] = plan[s.index]
            if s.index in plan_backup:
                chosen_backup[s.index] = plan_backup[s.index]
            else:
                chosen_backup.pop(s.index, None)


def _complete_rooms(
    group: Sequence[Any],
    plan: dict[int, str],
    plan_backup: dict[int, str],
    used: set[str],
    chosen: Mapping[int, str],
    chosen_backup: Mapping[int, str],
) -> bool:
    """Give the slot's sessions without a previous room the greedy's choice;
    False when that clashes with a previous room already taken."""
    for s in group:
        if s.index in plan:
            continue
        room = chosen.get(s.index)
        backup = chosen_backup.get(s.index)
        if room is None or room in used or (backup is not None and backup in used):
            return False
        plan[s.index] = room
        used.add(room)
        if backup is not None:
            plan_backup[s.index] = backup
            used.add(backup)
    return True


def previous_staff(
    keys: Mapping[int, GroupKey], previous: Previous | None
) -> dict[int, tuple[tuple[str, ...], str | None]]:
    """Session index → (leaders, assistant) its group had before."""
    return _before(keys, previous, lambda pin: (pin.leaders, pin.assistant))


def _before(
    keys: Mapping[int, GroupKey], previous: Previous | None, part: Callable[[Any], T]
) -> dict[int, T]:
    """Session index → ``part`` of what its group had last round (groups that
    existed then only)."""
    if previous is None:
        return {}
    out: dict[int, T] = {}
    for si, key in keys.items():
        pin = previous.sessions.get(key)
        if pin is not None:
            out[si] = part(pin)
    return out


def keep_staff(
    data: ProblemData,
    sessions: Sequence[Any],
    keys: Mapping[int, GroupKey],
    previous: Previous | None,
    keep: dict[int, set[str]],
) -> None:
    """Put each session's must-leaders and previous staff on its shortlist."""
    before = previous_staff(keys, previous)
    for s in sessions:
        leaders, helper = before.get(s.index, ((), None))
        wanted = {*data.activity_by_id[s.activity].leaders, *leaders, helper}
        keep.setdefault(s.index, set()).update(p for p in wanted if p)


def hint_staff(
    data: ProblemData,
    v: Any,
    sessions: Sequence[Any],
    keys: Mapping[int, GroupKey],
    previous: Previous | None,
    lead_of: dict[int, str],
    assist_of: dict[int, str],
) -> None:
    """Move the greedy hint onto the previous staffing where it stays valid
    (edits ``lead_of`` / ``assist_of``)."""
    if previous is None:
        return
    before = previous_staff(keys, previous)
    _hint_previous_staff(data, v, sessions, before, lead_of, assist_of)


def _hint_previous_staff(
    data: ProblemData,
    v: Any,
    sessions: Sequence[Any],
    before: Mapping[int, tuple[tuple[str, ...], str | None]],
    lead_of: dict[int, str],
    assist_of: dict[int, str],
) -> None:
    """Previous leader/assistant first, then the greedy's, where the pair is
    free in its slot and within ``max_per_week``; left as is on any clash."""
    busy: set[tuple[Slot, str]] = set()
    count: dict[str, int] = defaultdict(int)
    lead: dict[int, str] = {}
    assist: dict[int, str] = {}

    def fits(s: Any, p: str | None, table: Mapping[tuple[int, str], Any]) -> bool:
        return (
            p is not None
            and (s.index, p) in table
            and (s.slot, p) not in busy
            and count[p] < data.staff_by_id[p].max_per_week
        )

    def take(s: Any, p: str) -> None:
        busy.add((s.slot, p))
        count[p] += 1

    for prefer_previous in (True, False):
        for s in sessions:
            if s.index in lead:
                continue
            if prefer_previous:
                leaders, helper = before.get(s.index, ((), None))
                p = leaders[0] if leaders else None
            else:
                p, helper = lead_of.get(s.index), assist_of.get(s.index)
            if not fits(s, p, v.lead):
                continue
            assert p is not None
            needs = data.staff_by_id[p].is_external
            if needs and not (fits(s, helper, v.assist) and helper != p):
                continue
            take(s, p)
            lead[s.index] = p
            if needs and helper is not None:
                take(s, helper)
                assist[s.index] = helper
    if len(lead) < len(sessions):
        return
    lead_of.clear()
    lead_of.update(lead)
    assist_of.clear()
    assist_of.update(assist)


def dropin_plan(
    data: ProblemData,
    previous: Previous,
    residual: Mapping[tuple[Slot, str], Sequence[str]],
    counts: Sequence[tuple[Slot, str, str]],
    pools: Mapping[tuple[Slot, Any, str], Sequence[str]],
    quality_slots: Sequence[tuple[str, Slot]],
    quality_need: Mapping[str, int],
) -> tuple[
    dict[tuple[Slot, str, str], int],
    dict[tuple[Slot, Any, str], int],
    dict[tuple[str, Slot], int],
]:
    """The drop-in plan of last round, read onto this round's plan: head
    counts per (slot, class, activity), each student keeping their activity
    where the class may still have it and the others taking the free seats
    of last round's groups (the largest activity when none are left);
    groups per (slot, pool, activity) as many as before, within H13's sizes;
    the H05 slots where students have a quality activity. A whole start for
    the plan's search (S6), even where it is no longer valid."""
    offered: dict[tuple[Slot, str], list[str]] = defaultdict(list)
    pool_of: dict[tuple[Slot, str, str], tuple[Slot, Any, str]] = {}
    for key, members in pools.items():
        for class_id in members:
            pool_of[(key[0], class_id, key[2])] = key
    for slot, class_id, aid in counts:
        offered[(slot, class_id)].append(aid)
    groups_before: dict[tuple[Slot, str, str], int] = defaultdict(int)
    seats_before: dict[tuple[Slot, str, str], int] = defaultdict(int)
    for s in previous.solution.sessions:
        classes = [
            data.student_by_id[sid].class_id
            for sid in s.students
            if sid in data.student_by_id
        ]
        act = data.activity_by_id.get(s.activity)
        if classes and act is not None:
            major = max(sorted(set(classes)), key=classes.count)
            groups_before[(s.slot, major, s.activity)] += 1
            rooms = [r for r in (s.room, s.backup_room) if r in data.room_by_id]
            seats_before[(s.slot, major, s.activity)] += min(  # its rooms' seats too
                [act.capacity.max] + [data.room_by_id[r].capacity for r in rooms if r]
            )
    had = {
        key: sum(groups_before.get((key[0], k, key[2]), 0) for k in members)
        for key, members in pools.items()
    }
    head: dict[tuple[Slot, str, str], int] = {key: 0 for key in counts}
    took: dict[tuple[str, Slot], str] = {}
    newcomers: list[tuple[Slot, str, str]] = []
    for (slot, class_id), ids in sorted(residual.items()):
        acts = offered.get((slot, class_id), [])
        for sid in ids:
            was = previous.student_slots.get(sid, {}).get(slot)
            if was in acts:
                head[(slot, class_id, was)] += 1
                took[(sid, slot)] = was
            elif acts:
                newcomers.append((slot, class_id, sid))
    room_for = {  # the seats of last round's groups of each pool
        key: sum(seats_before.get((key[0], k, key[2]), 0) for k in members)
        for key, members in pools.items()
    }
    spare = {
        key: room_for[key] - sum(head[(key[0], k, key[2])] for k in members)
        for key, members in pools.items()
    }
    for slot, class_id, sid in newcomers:
        acts = sorted(offered[(slot, class_id)])
        free = max(acts, key=lambda a: spare[pool_of[(slot, class_id, a)]])
        if spare[pool_of[(slot, class_id, free)]] <= 0:
            free = max(acts, key=lambda a: head[(slot, class_id, a)])
        head[(slot, class_id, free)] += 1
        spare[pool_of[(slot, class_id, free)]] -= 1
        took[(sid, slot)] = free
    groups: dict[tuple[Slot, Any, str], int] = {}
    for key, members in pools.items():
        total = sum(head[(key[0], k, key[2])] for k in members)
        size = data.activity_by_id[key[2]].capacity
        per_group = room_for[key] / had[key] if had[key] else size.max
        wanted = had[key] + max(0, math.ceil((total - room_for[key]) / per_group))
        fewest = -(-total // max(1, size.max))
        most = total // max(1, size.min)
        groups[key] = min(max(wanted, fewest), most) if total else 0
    return head, groups, _quality_slots(data, took, head, quality_slots, quality_need)


def _quality_slots(
    data: ProblemData,
    took: Mapping[tuple[str, Slot], str],
    head: Mapping[tuple[Slot, str, str], int],
    options: Sequence[tuple[str, Slot]],
    need: Mapping[str, int],
) -> dict[tuple[str, Slot], int]:
    """H05: the slots where each student owed quality activities has one
    (as many as owed); one short of them takes a class's quality seat that
    nobody owed one holds (that student is moved, not the whole plan)."""
    quality = {key: 0 for key in options}
    takers: dict[tuple[Slot, str], int] = defaultdict(int)
    by_student: dict[str, list[Slot]] = defaultdict(list)
    for sid, slot in options:
        by_student[sid].append(slot)
    short: list[str] = []
    for sid, slots in sorted(by_student.items()):
        class_id = data.student_by_id[sid].class_id
        got = [
            t
            for t in slots
            if (sid, t) in took and data.activity_by_id[took[(sid, t)]].is_quality
        ]
        for t in got[: need.get(sid, 0)]:
            quality[(sid, t)] = 1
            takers[(t, class_id)] += 1
        if len(got) < need.get(sid, 0):
            short.append(sid)
    seats: dict[tuple[Slot, str], int] = defaultdict(int)
    for (slot, class_id, aid), n in head.items():
        if data.activity_by_id[aid].is_quality:
            seats[(slot, class_id)] += n
    for sid in short:
        class_id = data.student_by_id[sid].class_id
        missing = need.get(sid, 0) - sum(quality[(sid, t)] for t in by_student[sid])
        for t in by_student[sid]:
            if (
                missing
                and not quality[(sid, t)]
                and takers[(t, class_id)] < seats[(t, class_id)]
            ):
                quality[(sid, t)] = 1
                takers[(t, class_id)] += 1
                missing -= 1
    return quality


def pair_staffing(
    data: ProblemData,
    previous: Previous,
    sessions: Mapping[tuple[Slot, str], int],
    lead: Sequence[tuple[Slot, str, str]],
    assist: Sequence[tuple[Slot, str]],
) -> tuple[dict[tuple[Slot, str, str], int], dict[tuple[Slot, str], int]]:
    """Leaders per (slot, activity) for ``sessions`` groups there, and 助教
    per slot, as last round had them where they may still serve (free in the
    slot, within ``max_per_week``), the others filled by the least loaded
    candidates: a start for the plan's staffing that is valid whenever
    enough candidates are free."""
    led = {(t.slot, t.activity, p) for t in previous.solution.sessions for p in t.staff}
    helped = {(t.slot, t.assistant) for t in previous.solution.sessions}
    candidates: dict[tuple[Slot, str], list[str]] = defaultdict(list)
    for slot, aid, pid in lead:
        candidates[(slot, aid)].append(pid)
    busy: set[tuple[Slot, str]] = set()
    load: dict[str, int] = defaultdict(int)

    def free(slot: Slot, pid: str) -> bool:
        return (slot, pid) not in busy and load[pid] < data.staff_by_id[
            pid
        ].max_per_week

    def take(slot: Slot, pid: str) -> None:
        busy.add((slot, pid))
        load[pid] += 1

    leads = {key: 0 for key in lead}
    externals: dict[Slot, int] = defaultdict(int)
    for keep_previous in (True, False):  # last round's leaders first, everywhere
        for (slot, aid), n in sorted(sessions.items()):
            names = sorted(candidates[(slot, aid)], key=lambda p: (load[p], p))
            for pid in names:
                filled = sum(leads[(slot, aid, q)] for q in candidates[(slot, aid)])
                if filled >= n:
                    break
                if keep_previous and (slot, aid, pid) not in led:
                    continue
                if free(slot, pid):
                    take(slot, pid)
                    leads[(slot, aid, pid)] = 1
                    externals[slot] += data.staff_by_id[pid].is_external
    helpers: dict[Slot, list[str]] = defaultdict(list)
    for slot, pid in assist:
        helpers[slot].append(pid)
    assists = {key: 0 for key in assist}
    for slot, n in sorted(externals.items()):
        names = sorted(
            helpers[slot], key=lambda p: ((slot, p) not in helped, load[p], p)
        )
        for pid in names:
            if n == 0:
                break
            if free(slot, pid):
                take(slot, pid)
                assists[(slot, pid)] = 1
                n -= 1
    return leads, assists
