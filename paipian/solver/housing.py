"""Drop-in groups housed by room class, inside the drop-in plan.

A *room class* is the free rooms of one slot that no rule can tell apart:
the same kind, tags, seats and indoor/outdoor — all that H10, H14 and S2 read
of a room — and not held by a club meeting. The drop-in plan decides how
many groups of each (slot, pool, activity) open at each *seat level* (the
largest group they may hold), and per (slot, activity) which room classes
house the groups of each level (and, for outdoor groups of a rain_backup
activity, which classes give their indoor backups), within the number of
rooms of each class. A room of a class houses a level when it seats it.

This is exact: every plan can be housed, so the room phase starts from a
complete assignment and only improves it; and the plan's S2 cost of seats
is the rooms' own. ``deal_rooms`` draws the actual rooms after the solve.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from paipian.constraints import h07_no_curriculum, h10_rooms, h14_outdoor
from paipian.constraints.s2_room_utilisation import room_cost
from paipian.data import ProblemData, Room, Slot
from paipian.model.phase_model import PhaseModel
from paipian.model.plans import Reservations
from paipian.model.vars import DropInVars, Pool


@dataclass(frozen=True, order=True)
class RoomClass:
    """Rooms interchangeable for every rule (per slot)."""

    capacity: int
    kind: str
    tags: tuple[str, ...]
    outdoor: bool

    @classmethod
    def of(cls, room: Room) -> RoomClass:
        return cls(room.capacity, room.kind, tuple(sorted(room.tags)), room.outdoor)


@dataclass(frozen=True, order=True)
class Level:
    """Groups that need a rain backup (``backed``), or not, of at most ``seats``."""

    backed: bool
    seats: int


def room_classes(
    data: ProblemData, slot: Slot, held: Reservations
) -> dict[RoomClass, list[str]]:
    """The rooms open in ``slot`` and not held by a club, by class (ids sorted)."""
    out: dict[RoomClass, list[str]] = defaultdict(list)
    for room in sorted(data.rooms, key=lambda r: r.id):
        if room.is_open(*slot) and room.id not in held.rooms[slot]:
            out[RoomClass.of(room)].append(room.id)
    return dict(out)


def add_housing(pm: PhaseModel, v: DropInVars, held: Reservations) -> None:
    """Per (slot, pool, activity): its sessions are its groups over the seat
    levels, its head count fits their seats. Per (slot, activity) and level:
    as many rooms (and backups) of classes that seat it as groups. Per slot
    and room class: no more rooms and backups than it has (H10, H14).
    Cost: the S2 seats of each room (``v.housing.seat_costs``)."""
    data = pm.data
    hv = v.housing
    pools_of: dict[tuple[Slot, str], list[Pool]] = defaultdict(list)
    for slot, pool, aid in v.sessions:
        pools_of[(slot, aid)].append(pool)
    per_class: dict[tuple[Slot, RoomClass], list] = defaultdict(list)
    weight = max(1, data.weights.rooms)
    for (slot, aid), pools in sorted(pools_of.items(), key=lambda kv: kv[0]):
        if slot not in hv.classes:
            hv.classes[slot] = room_classes(data, slot, held)
        classes = hv.classes[slot]
        act = data.activity_by_id[aid]
        rooms, backups = _options(data, aid, slot, classes)
        largest = h07_no_curriculum.max_group(data, act)
        smallest = act.capacity.min if pm.enabled("H13") else 1
        levels = _levels(rooms, backups, largest, smallest)
        demand: dict[Level, list] = defaultdict(list)
        for pool in pools:
            n = v.sessions[(slot, pool, aid)]
            members = v.pool_members[(slot, pool, aid)]
            head = sum(v.count[(slot, k, aid)] for k in members)
            most = list(pm.model.proto.variables[n.index].domain)[-1]
            groups = []
            for lv in levels:
                k = pm.model.new_int_var(
                    0, most, f"groups({slot},{pool.key},{aid},{lv})"
                )
                hv.groups.setdefault((slot, pool, aid), []).append((lv, k))
                demand[lv].append(k)
                groups.append(k)
            pm.model.add(n == sum(groups))
            pm.model.add(
                head <= sum(lv.seats * k for lv, k in zip(levels, groups, strict=True))
            )
        for lv in levels:
            housed = []
            for rc in rooms[lv.backed]:
                if rc.capacity >= lv.seats:
                    z = pm.model.new_int_var(
                        0, len(classes[rc]), f"in({slot},{aid},{lv},{rc})"
                    )
                    hv.rooms.setdefault((slot, aid), []).append((lv, rc, z))
                    per_class[(slot, rc)].append(z)
                    housed.append(z)
                    cost = room_cost(rc.kind, rc.capacity, act)
                    hv.seat_costs.append((weight * cost, z))
            pm.model.add(sum(demand[lv]) == sum(housed))
            if lv.backed:
                backing = []
                for bc in backups:
                    if bc.capacity >= lv.seats:
                        z = pm.model.new_int_var(
                            0, len(classes[bc]), f"backup({slot},{aid},{lv},{bc})"
                        )
                        hv.backups.setdefault((slot, aid), []).append((lv, bc, z))
                        per_class[(slot, bc)].append(z)
                        backing.append(z)
                pm.model.add(sum(demand[lv]) == sum(backing))
    for (slot, rc), users in per_class.items():
        pm.model.add(sum(users) <= len(hv.classes[slot][rc]))


def _options(
    data: ProblemData, aid: str, slot: Slot, classes: dict[RoomClass, list[str]]
) -> tuple[dict[bool, list[RoomClass]], list[RoomClass]]:
    """Room classes that may house ``aid`` in ``slot`` — split into those that
    need a rain backup (True) and those that do not — and the classes a
    backup may come from (H10's and H14's own candidate tests)."""
    act = data.activity_by_id[aid]
    fits = {RoomClass.of(r) for r in h10_rooms.candidate_rooms(data, act, slot, 0)}
    rainy = h14_outdoor.needs_backup_possible(data, act)
    rooms: dict[bool, list[RoomClass]] = {False: [], True: []}
    for rc in sorted(classes):
        if rc in fits:
            rooms[rainy and rc.outdoor].append(rc)
    backups: list[RoomClass] = []
    if rainy:
        able = {RoomClass.of(r) for r in h14_outdoor.candidate_backups(data, slot, 0)}
        backups = [rc for rc in sorted(classes) if rc in able]
    return rooms, backups


def _levels(
    rooms: dict[bool, list[RoomClass]],
    backups: list[RoomClass],
    largest: int,
    smallest: int,
) -> list[Level]:
    """The seat levels a group may have: each room's (and backup's) seats, at
    most the activity's largest group, at least its smallest."""
    out = set()
    for backed, classes in rooms.items():
        caps = {min(rc.capacity, largest) for rc in classes}
        if not caps:
            continue
        if backed:
            if not backups:
                continue
            top = min(
                max(c for c in caps), max(min(b.capacity, largest) for b in backups)
            )
            caps = {
                c
                for c in caps | {min(b.capacity, largest) for b in backups}
                if c <= top
            }
        out |= {Level(backed, c) for c in caps if c >= smallest}
    return sorted(out)


def group_sizes(seats: list[int], head: int) -> list[int]:
    """Split ``head`` students over groups of at most ``seats`` each, as
    evenly as the seats allow (water-filling, smallest rooms first): every
    group ends within one of the others unless its seats hold it back.
    Requires Σ seats ≥ head; returns sizes in the order of ``seats``."""
    order = sorted(range(len(seats)), key=lambda i: (seats[i], i))
    sizes = [0] * len(seats)
    left = head
    for k, i in enumerate(order):
        share = -(-left // (len(order) - k))
        sizes[i] = min(seats[i], share)
        left -= sizes[i]
    if left:
        raise ValueError(f"{head} students do not fit seats {seats}")
    return sizes


Groups = dict[tuple[Slot, Pool, str], list[tuple[int, str, str | None]]]


def deal_rooms(data: ProblemData, v: DropInVars, value: Any) -> Groups:
    """The groups of every (slot, pool, activity) as (seats, room, backup):
    rooms drawn from the classes the plan chose, a pool's homerooms first."""
    hv = v.housing
    out: Groups = defaultdict(list)
    taken: dict[Slot, set[str]] = defaultdict(set)
    for (slot, aid), chosen in sorted(hv.rooms.items(), key=lambda kv: kv[0]):
        free: dict[Level, list[str]] = defaultdict(list)
        spare: dict[Level, list[str]] = defaultdict(list)
        for lv, rc, z in chosen:
            free[lv] += _draw(hv.classes[slot][rc], int(value(z)), taken[slot])
        for lv, bc, z in hv.backups.get((slot, aid), []):
            spare[lv] += _draw(hv.classes[slot][bc], int(value(z)), taken[slot])
        keys = sorted(
            (key for key in hv.groups if key[0] == slot and key[2] == aid),
            key=lambda key: key[1].key,
        )
        for key in keys:
            homerooms = {data.class_by_id[c].homeroom for c in v.pool_members[key]}
            for lv, k in hv.groups[key]:
                for _ in range(int(value(k))):
                    here = free[lv]
                    room = next((r for r in here if r in homerooms), here[0])
                    here.remove(room)
                    backup = spare[lv].pop(0) if lv.backed else None
                    out[key].append((lv.seats, room, backup))
    return out


def _draw(ids: list[str], n: int, taken: set[str]) -> list[str]:
    got = [r for r in ids if r not in taken][:n]
    taken.update(got)
    return got
