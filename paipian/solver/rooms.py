"""Phase 3 — rooms: one room per session, an indoor backup for outdoor ones.

CP-SAT over session × room pairs that fit (kind, tags, open, seats) with H10
and H14, minimising S2 (empty seats, special rooms used by activities that do
not need them, facility kinds left unused on a day).
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Mapping

from paipian.constraints import (
    h10_rooms,
    h14_outdoor,
    s2_room_utilisation,
    s6_stability,
)
from paipian.data import ProblemData, Room
from paipian.model.phase_model import PhaseModel
from paipian.model.plans import PlannedSession
from paipian.model.vars import RoomVars
from paipian.resolve.previous import GroupKey, Previous
from paipian.solver.hall import max_matching

SHORTLIST = 14  # candidate rooms per session beyond the greedy's own choice


def _shortlist(
    data: ProblemData, s: PlannedSession, rooms: list[Room], keep: set[str]
) -> list[Room]:
    """The rooms worth offering a session: those ``keep`` names (the greedy's
    choice), the homeroom of an admin-class session, then the ones with the
    fewest empty seats, ties broken by a per-session shuffle so that sessions
    of one slot do not all crowd onto the same few rooms."""
    homerooms = {data.class_by_id[c].homeroom for c in s.classes}
    size = len(s.students)

    def order(r: Room) -> tuple[int, int, int]:
        first = 0 if r.id in keep or r.id in homerooms else 1
        return (first, r.capacity - size, zlib.crc32(f"{s.index}:{r.id}".encode()))

    ranked = sorted(rooms, key=order)
    must = sum(1 for r in ranked if r.id in keep or r.id in homerooms)
    return ranked[: max(must, SHORTLIST)]


def build_room_model(
    data: ProblemData,
    sessions: list[PlannedSession],
    *,
    keep: dict[int, set[str]] | None = None,
    diagnose: bool = False,
    previous: Previous | None = None,
    keys: Mapping[int, GroupKey] | None = None,
) -> tuple[PhaseModel, RoomVars]:
    """Session × room variables; with ``keep`` (the greedy's choices) the rooms
    of each session are shortlisted, otherwise every fitting room is offered."""
    pm = PhaseModel(data, "rooms", diagnose=diagnose)
    v = RoomVars()
    for s in sessions:
        act = data.activity_by_id[s.activity]
        rooms = h10_rooms.candidate_rooms(data, act, s.slot, len(s.students))
        backups: list[Room] = []
        if h14_outdoor.needs_backup_possible(data, act):
            backups = h14_outdoor.candidate_backups(data, s.slot, len(s.students))
        if keep is not None:
            rooms = _shortlist(data, s, rooms, keep.get(s.index, set()))
            backups = _shortlist(data, s, backups, keep.get(s.index, set()))
        for room in rooms:
            v.room[(s.index, room.id)] = pm.model.new_bool_var(
                f"room({s.index},{room.id})"
            )
        for room in backups:
            v.backup[(s.index, room.id)] = pm.model.new_bool_var(
                f"backup({s.index},{room.id})"
            )
    h10_rooms.add(pm, v, sessions)
    h14_outdoor.add(pm, v, sessions)
    s2_room_utilisation.add(pm, v, sessions)
    s6_stability.add_rooms(  # S6: previous rooms, room pins
        pm, v, sessions, keys or s6_stability.group_keys(data, sessions), previous
    )
    pm.set_objective()
    return pm, v


def greedy_rooms(
    data: ProblemData, sessions: list[PlannedSession]
) -> tuple[dict[int, str], dict[int, str], list[PlannedSession]]:
    """Largest sessions first into the smallest free fitting room (indoor first),
    with the smallest free indoor backup where H14 asks for one. Returns the
    rooms, the backups, and the sessions left without a room."""
    used: set[tuple[str, str, str]] = set()
    chosen: dict[int, str] = {}
    chosen_backup: dict[int, str] = {}
    unhoused: list[PlannedSession] = []
    for s in sorted(sessions, key=lambda s: (-len(s.students), s.index)):
        act = data.activity_by_id[s.activity]
        size = len(s.students)
        homerooms = {data.class_by_id[c].homeroom for c in s.classes}
        options = sorted(
            h10_rooms.candidate_rooms(data, act, s.slot, size),
            key=lambda r: (r.outdoor, r.id not in homerooms, r.capacity, r.id),
        )
        needs_backup = h14_outdoor.needs_backup_possible(data, act)
        placed = False
        for room in options:
            if (s.day, s.block, room.id) in used:
                continue
            backup = None
            if room.outdoor and needs_backup:
                backup = next(
                    (
                        b.id
                        for b in sorted(
                            h14_outdoor.candidate_backups(data, s.slot, size),
                            key=lambda b: (b.capacity, b.id),
                        )
                        if (s.day, s.block, b.id) not in used
                    ),
                    None,
                )
                if backup is None:
                    continue
            chosen[s.index] = room.id
            used.add((s.day, s.block, room.id))
            if backup is not None:
                chosen_backup[s.index] = backup
                used.add((s.day, s.block, backup))
            placed = True
            break
        if not placed:
            unhoused.append(s)
    return chosen, chosen_backup, unhoused


def matched_rooms(
    data: ProblemData, sessions: list[PlannedSession]
) -> tuple[dict[int, str], dict[int, str], list[PlannedSession]]:
    """Rooms by maximum matching per slot, for when the greedy leaves sessions
    out: sessions that may need a rain backup are matched to indoor rooms that
    fit them (then no backup is needed); those left over try an outdoor room
    with the smallest free indoor backup. Same returns as ``greedy_rooms``."""
    chosen: dict[int, str] = {}
    chosen_backup: dict[int, str] = {}
    unhoused: list[PlannedSession] = []
    by_slot: dict[tuple[str, str], list[PlannedSession]] = defaultdict(list)
    for s in sessions:
        by_slot[s.slot].append(s)
    for slot, here in sorted(by_slot.items()):
        fits: dict[int, list[Room]] = {}
        options: dict[int, list[str]] = {}
        for s in here:
            act = data.activity_by_id[s.activity]
            rooms = sorted(
                h10_rooms.candidate_rooms(data, act, slot, len(s.students)),
                key=lambda r: (r.capacity, r.id),
            )
            fits[s.index] = rooms
            rainy = h14_outdoor.needs_backup_possible(data, act)
            options[s.index] = [r.id for r in rooms if not (rainy and r.outdoor)]
        holder = max_matching(options)
        used = set(holder)
        for rid, si in holder.items():
            chosen[si] = rid
        for s in here:
            if s.index in chosen:
                continue
            size = len(s.students)
            outdoor = next(
                (r.id for r in fits[s.index] if r.outdoor and r.id not in used), None
            )
            backup = next(
                (
                    b.id
                    for b in sorted(
                        h14_outdoor.candidate_backups(data, slot, size),
                        key=lambda b: (b.capacity, b.id),
                    )
                    if b.id not in used
                ),
                None,
            )
            if outdoor is None or backup is None:
                unhoused.append(s)
                continue
            chosen[s.index], chosen_backup[s.index] = outdoor, backup
            used |= {outdoor, backup}
    return chosen, chosen_backup, unhoused


def hint_rooms(
    pm: PhaseModel,
    v: RoomVars,
    chosen: dict[int, str],
    chosen_backup: dict[int, str],
    complete: bool,
) -> None:
    """Give the greedy rooms to CP-SAT as a (complete, when it is) hint."""
    for (si, rid), var in v.room.items():
        pm.hint(var, chosen.get(si) == rid)
    for (si, rid), var in v.backup.items():
        pm.hint(var, chosen_backup.get(si) == rid)
    pm.hint_complete = complete  # S2's day flags follow from the room choice
