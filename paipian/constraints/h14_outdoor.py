"""H14 户外与天气 — an outdoor session of a rain_backup activity holds an indoor room.

The backup is indoor, open, not of a forbidden kind (its tags do not matter),
seats the session, and holds no other session or backup in that slot (the
last part is H10's per-room limit, which counts backups too).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from paipian import catalogue
from paipian.data import Activity, ProblemData, Room, Slot
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import RoomVars

if TYPE_CHECKING:
    from paipian.model.plans import PlannedSession

RULE = catalogue.rule("H14")


def needs_backup_possible(data: ProblemData, act: Activity) -> bool:
    """Whether sessions of ``act`` may need a backup (rule on, outdoor rooms fit)."""
    return (
        data.rules.enabled("H14")
        and act.rain_backup
        and any(r.outdoor and act.fits_room(r) for r in data.rooms)
    )


def candidate_backups(data: ProblemData, slot: Slot, size: int) -> list[Room]:
    forbidden = data.rules.forbidden_room_kinds
    return [
        r
        for r in data.rooms
        if not r.outdoor
        and r.kind not in forbidden
        and r.is_open(*slot)
        and r.capacity >= size
    ]


def add(pm: PhaseModel, v: RoomVars, sessions: list[PlannedSession]) -> None:
    """Σ backup[s, ·] = Σ_{outdoor r} room[s, r] for each session that may need one."""
    data = pm.data
    backups: dict[int, list] = defaultdict(list)
    for (si, _), var in v.backup.items():
        backups[si].append(var)
    outdoor: dict[int, list] = defaultdict(list)
    for (si, rid), var in v.room.items():
        if data.room_by_id[rid].outdoor:
            outdoor[si].append(var)
    for s in sessions:
        act = data.activity_by_id[s.activity]
        if not needs_backup_possible(data, act):
            continue
        pm.guard(
            pm.model.add(sum(backups[s.index]) == sum(outdoor[s.index])),
            "H14",
            day=s.day,
            block=s.block,
            activity=s.activity,
            session=s.index,
        )
