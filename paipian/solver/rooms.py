"""Phase 3 — rooms: one room per session, an indoor backup for outdoor ones.

CP-SAT over session × room pairs that fit (kind, tags, open, seats) with H10
and H14, minimising S2 (empty seats, special rooms used by activities that do
not need them, facility kinds left unused on a day).
"""

from __future__ import annotations

from paipian.constraints import h10_rooms, h14_outdoor, s2_room_utilisation
from paipian.data import ProblemData
from paipian.solver.dropins import PlannedSession
from paipian.solver.phase_model import PhaseModel
from paipian.solver.vars import RoomVars


def build_room_model(
    data: ProblemData, sessions: list[PlannedSession], *, diagnose: bool = False
) -> tuple[PhaseModel, RoomVars]:
    pm = PhaseModel(data, "rooms", diagnose=diagnose)
    v = RoomVars()
    for s in sessions:
        act = data.activity_by_id[s.activity]
        for room in h10_rooms.candidate_rooms(data, act, s.slot, len(s.students)):
            v.room[(s.index, room.id)] = pm.model.new_bool_var(
                f"room({s.index},{room.id})"
            )
        if h14_outdoor.needs_backup_possible(data, act):
            for room in h14_outdoor.candidate_backups(data, s.slot, len(s.students)):
                v.backup[(s.index, room.id)] = pm.model.new_bool_var(
                    f"backup({s.index},{room.id})"
                )
    h10_rooms.add(pm, v, sessions)
    h14_outdoor.add(pm, v, sessions)
    s2_room_utilisation.add(pm, v, sessions)
    pm.set_objective()
    return pm, v


def hint_rooms(
    pm: PhaseModel, v: RoomVars, data: ProblemData, sessions: list[PlannedSession]
) -> bool:
    """Greedy: largest sessions first into the smallest free room that fits.

    Returns whether every session got a room (and backup); the result is
    given to CP-SAT as a hint.
    """
    by_session: dict[int, list[str]] = {}
    for si, rid in v.room:
        by_session.setdefault(si, []).append(rid)
    backups: dict[int, list[str]] = {}
    for si, rid in v.backup:
        backups.setdefault(si, []).append(rid)
    used: set[tuple[str, str, str]] = set()
    chosen: dict[int, str] = {}
    chosen_backup: dict[int, str] = {}
    complete = True
    for s in sorted(sessions, key=lambda s: (-len(s.students), s.index)):
        options = sorted(
            by_session.get(s.index, []),
            key=lambda r: (
                data.room_by_id[r].outdoor,
                data.room_by_id[r].capacity,
                r,
            ),
        )
        placed = False
        for rid in options:
            if (s.day, s.block, rid) in used:
                continue
            room = data.room_by_id[rid]
            backup = None
            if room.outdoor and backups.get(s.index) is not None:
                backup = next(
                    (
                        b
                        for b in sorted(
                            backups[s.index],
                            key=lambda b: data.room_by_id[b].capacity,
                        )
                        if (s.day, s.block, b) not in used
                    ),
                    None,
                )
                if backup is None:
                    continue
            chosen[s.index] = rid
            used.add((s.day, s.block, rid))
            if backup is not None:
                chosen_backup[s.index] = backup
                used.add((s.day, s.block, backup))
            placed = True
            break
        complete &= placed
    for (si, rid), var in v.room.items():
        pm.model.add_hint(var, chosen.get(si) == rid)
    for (si, rid), var in v.backup.items():
        pm.model.add_hint(var, chosen_backup.get(si) == rid)
    return complete
