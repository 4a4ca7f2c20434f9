"""H10 场地 — rooms: one session at a time, open, big enough, the right kind.

Variables exist only for rooms whose kind and tags fit the activity, that are
open in the slot, seat the session, and are not of a forbidden kind (canteen,
guard room) — ``candidate_rooms``. ``add`` requires exactly one room per
session and at most one session (or backup hold) per room and slot.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from paipian import catalogue
from paipian.data import Activity, ProblemData, Room, Slot
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import ClubVars, RoomVars

if TYPE_CHECKING:
    from paipian.model.plans import PlannedSession

RULE = catalogue.rule("H10")


def candidate_rooms(
    data: ProblemData, act: Activity, slot: Slot, size: int
) -> list[Room]:
    """Rooms that may hold ``act`` in ``slot`` with ``size`` students (kept:
    asked thousands of times on a large school)."""
    forbidden = data.rules.forbidden_room_kinds
    fitting = data.recall(
        ("H10 rooms", act.id, slot),
        lambda: tuple(
            r
            for r in data.rooms
            if act.fits_room(r) and r.kind not in forbidden and r.is_open(*slot)
        ),
    )
    return [r for r in fitting if r.capacity >= size]


def largest_fit(data: ProblemData, act: Activity, slot: Slot) -> int:
    """Seats of the largest room that may hold ``act`` in ``slot``."""
    return max((r.capacity for r in candidate_rooms(data, act, slot, 0)), default=0)


def club_room_limit(data: ProblemData, club: Activity, slots: Iterable[Slot]) -> int:
    """The most members ``club`` may have: the seats of the largest room that
    may hold it at each of its meetings (0 without meetings)."""
    return min((largest_fit(data, club, t) for t in slots), default=0)


def add_club_room_limit(pm: PhaseModel, v: ClubVars) -> None:
    """Clubs phase: a club's members fit the largest room open at each meeting."""
    members: dict[str, list] = defaultdict(list)
    for (_, cid), var in v.member.items():
        members[cid].append(var)
    for cid, slots in v.meetings.items():
        limit = club_room_limit(pm.data, pm.data.activity_by_id[cid], slots)
        if len(members[cid]) > limit:
            pm.guard(pm.model.add(sum(members[cid]) <= limit), "H10", activity=cid)


def add(pm: PhaseModel, v: RoomVars, sessions: list[PlannedSession]) -> None:
    by_session: dict[int, list] = defaultdict(list)
    by_room_slot: dict[tuple[str, Slot], list] = defaultdict(list)
    slot_of = {s.index: s.slot for s in sessions}
    for (si, rid), var in v.room.items():
        by_session[si].append(var)
        by_room_slot[(rid, slot_of[si])].append(var)
    for (si, rid), var in v.backup.items():
        by_room_slot[(rid, slot_of[si])].append(var)
    for s in sessions:
        pm.guard(
            pm.model.add_exactly_one(by_session[s.index]),
            "H10",
            day=s.day,
            block=s.block,
            activity=s.activity,
            session=s.index,
        )
    for (rid, (day, block)), holds in by_room_slot.items():
        if len(holds) > 1:
            pm.guard(
                pm.model.add_at_most_one(holds), "H10", day=day, block=block, room=rid
            )
