"""S2 场地利用 — use rooms well: full rooms, special rooms for their purpose, every
facility opened on the days it is available.

    S2 = Σ_sessions (capacity − head count)
       + 60 × #sessions in a special room whose activity needs no room tag
       + 60 × #facility-days left unused                       (docs/objective.md)
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from paipian import catalogue
from paipian.data import Activity, ProblemData
from paipian.domain import FACILITY_KINDS
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import RoomVars

if TYPE_CHECKING:
    from paipian.model.plans import PlannedSession

RULE = catalogue.rule("S2")

MISUSE = 60
UNUSED_FACILITY_DAY = 60


def facility_days(data: ProblemData) -> list[tuple[str, str]]:
    """(day, kind) pairs S2 wants used (docs/objective.md)."""
    forbidden = data.rules.forbidden_room_kinds
    wanted = {k for a in data.activities for k in a.room_kinds}
    out = []
    for day in data.calendar.days:
        for kind in sorted(FACILITY_KINDS - forbidden):
            if kind not in wanted:
                continue
            if any(
                r.kind == kind and r.is_open(day, b.id)
                for r in data.rooms
                for b in data.calendar.blocks
            ):
                out.append((day, kind))
    return out


def room_cost(kind: str, capacity: int, act: Activity) -> int:
    """What a session of ``act`` pays for its room, before its head count is
    taken off: the seats, and the misuse of a special room."""
    return capacity + (MISUSE if kind == "special" and not act.room_tags else 0)


def add(pm: PhaseModel, v: RoomVars, sessions: list[PlannedSession]) -> None:
    if pm.weight("S2") == 0:
        return
    data = pm.data
    by_index = {s.index: s for s in sessions}
    used_by_day_kind: dict[tuple[str, str], list] = defaultdict(list)
    for (si, rid), var in v.room.items():
        s = by_index[si]
        room = data.room_by_id[rid]
        act = data.activity_by_id[s.activity]
        cost = room_cost(room.kind, room.capacity, act) - len(s.students)
        if cost:
            pm.penalise("S2", f"S2(session={si},room={rid})", var, cost)
        used_by_day_kind[(s.day, room.kind)].append(var)
    for day, kind in facility_days(data):
        uses = used_by_day_kind.get((day, kind), [])
        if not uses:
            pm.add_constant("S2", UNUSED_FACILITY_DAY)
            continue
        used = pm.model.new_bool_var(f"S2(day={day},kind={kind})")
        pm.model.add_max_equality(used, uses)
        pm.penalise("S2", f"S2(unused={day}:{kind})", 1 - used, UNUSED_FACILITY_DAY)
