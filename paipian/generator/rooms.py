"""Rooms of a generated school, and a room for every planted session (H10, H14)."""

from __future__ import annotations

import random
from collections import defaultdict

from paipian.data import Grade
from paipian.generator.draft import PlannedSession, RoomSpec, Slot
from paipian.generator.school import DAYS

SPECIAL = (
    ("MUS", "音乐教室", ("music", "piano")),
    ("ART", "美术教室", ("art",)),
    ("LAB", "科学实验室", ("lab", "science")),
    ("COMP", "计算机房", ("computer",)),
    ("DANCE", "舞蹈房", ("dance", "mirror")),
    ("CALR", "书法教室", ("art", "calligraphy")),
)
INDOOR_FORBIDDEN = ("canteen", "guard_room")


def make_rooms(grades: list[Grade], spare: int) -> list[RoomSpec]:
    """Homerooms, ``spare`` spare classrooms, special rooms, sports grounds …"""
    n_classes = sum(len(g.classes) for g in grades)
    rooms = []
    for g in grades:
        zone = "东楼" if g.grade <= 2 else ("西楼" if g.grade <= 5 else "初中楼")
        for c in g.classes:
            rooms.append(
                RoomSpec(str(c.homeroom), f"{c.name}教室", "classroom", 45, zone=zone)
            )
    for k in range(1, spare + 1):
        rooms.append(RoomSpec(f"RX{k}", f"备用教室{k}", "classroom", 45, zone="综合楼"))
    per_kind = max(1, n_classes // 20)
    for prefix, name, tags in SPECIAL:
        for k in range(1, per_kind + 1):
            cap = 36 if prefix == "DANCE" else 45
            rooms.append(
                RoomSpec(
                    f"{prefix}{k}",
                    f"{name}{k}",
                    "special",
                    cap,
                    tags=tags,
                    zone="综合楼",
                )
            )
    rooms.append(RoomSpec("GYM", "体育馆", "gym", 100, zone="体育馆"))
    fields = ("东区", "西区", "南区", "北区")[: 2 + min(2, n_classes // 30)]
    for k, area in enumerate(fields, 1):
        rooms.append(
            RoomSpec(
                f"FIELD{k}", f"操场{area}", "field", 100, outdoor=True, zone="操场"
            )
        )
    rooms += [
        RoomSpec("LIB", "图书馆", "library", 60, zone="综合楼"),
        RoomSpec("READR", "阅览室", "library", 45, zone="综合楼"),
        RoomSpec("HALL", "报告厅", "hall", 150, tags=("stage",), zone="综合楼"),
        RoomSpec("CANTEEN", "学生食堂", "canteen", 500, zone="食堂"),
        RoomSpec("GUARD", "门卫室", "guard_room", 6, zone="校门"),
    ]
    return rooms


class RoomPlanner:
    """Picks rooms slot by slot; adds a spare room when none is left."""

    def __init__(self, rooms: list[RoomSpec], rng: random.Random):
        self.rooms = rooms
        self.rng = rng
        self.by_id = {r.id: r for r in rooms}
        self.added = 0

    def _fits(self, s: PlannedSession, r: RoomSpec) -> bool:
        a = s.activity
        return (
            r.kind in a.room_kinds
            and set(a.room_tags) <= set(r.tags)
            and r.capacity >= len(s.students)
            and s.slot not in r.used
        )

    def _new_room(self, s: PlannedSession) -> RoomSpec:
        a = s.activity
        self.added += 1
        if "classroom" in a.room_kinds and not a.room_tags:
            kind, rid, name = "classroom", f"RY{self.added}", f"活动室{self.added}"
        else:
            kind, rid = a.room_kinds[0], f"RZ{self.added}"
            name = f"{a.name.split('（')[0]}活动室{self.added}"
        room = RoomSpec(
            rid, name, kind, max(45, len(s.students)), tags=a.room_tags, zone="综合楼"
        )
        self.rooms.append(room)
        self.by_id[rid] = room
        return room

    def assign(self, sessions: list[PlannedSession]) -> None:
        """A room for every session, then an indoor backup for outdoor ones."""
        by_slot: dict[Slot, list[PlannedSession]] = defaultdict(list)
        for s in sessions:
            by_slot[s.slot].append(s)
        for slot in sorted(by_slot, key=lambda x: (DAYS.index(x[0]), x[1])):
            todo = by_slot[slot]
            for s in todo:  # a class doing homework or reading stays at home
                if s.class_id and s.activity.room_kinds[0] == "classroom":
                    home = self._homeroom(s)
                    if home is not None and self._fits(s, home):
                        self._take(s, home)
            rest = [s for s in todo if s.room is None]
            rest.sort(
                key=lambda s: (-len(s.activity.room_tags), len(s.activity.room_kinds))
            )
            for s in rest:
                self._place(s)
            for s in todo:
                room = self.by_id[str(s.room)]
                if room.outdoor:
                    self._backup(s)

    def _homeroom(self, s: PlannedSession) -> RoomSpec | None:
        grade, number = str(s.class_id).split("-")
        return self.by_id.get(f"R{grade}{int(number):02d}")

    def _take(self, s: PlannedSession, r: RoomSpec) -> None:
        s.room = r.id
        r.used.add(s.slot)

    def _place(self, s: PlannedSession) -> None:
        kinds = s.activity.room_kinds
        options = [r for r in self.rooms if self._fits(s, r)]
        if options:
            # Preferred kind first, then a room of the right size.
            self.rng.shuffle(options)
            options.sort(key=lambda r: (kinds.index(r.kind), r.capacity))
            self._take(s, options[0])
        else:
            self._take(s, self._new_room(s))

    def _backup(self, s: PlannedSession) -> None:
        options = [
            r
            for r in self.rooms
            if not r.outdoor
            and r.kind not in INDOOR_FORBIDDEN
            and r.capacity >= len(s.students)
            and s.slot not in r.used
        ]
        if options:
            options.sort(
                key=lambda r: (r.kind != "gym", r.kind != "hall", r.capacity, r.id)
            )
            room = options[0]
        else:
            self.added += 1
            room = RoomSpec(
                f"RY{self.added}",
                f"活动室{self.added}",
                "classroom",
                max(45, len(s.students)),
                zone="综合楼",
            )
            self.rooms.append(room)
            self.by_id[room.id] = room
        s.backup_room = room.id
        room.used.add(s.slot)


def close_some_slots(
    rooms: list[RoomSpec],
    days: tuple[str, ...],
    blocks: tuple[str, ...],
    rng: random.Random,
    tightness: float = 0.0,
) -> None:
    """A quarter of the rooms are closed now and then, never where the plan uses them;
    with ``tightness`` each unused slot is also closed with that half-chance."""
    for r in rooms:
        if r.kind in INDOOR_FORBIDDEN:
            continue
        free = [(d, b) for d in days for b in blocks if (d, b) not in r.used]
        if rng.random() < 0.25:
            r.closed.update(rng.sample(free, min(len(free), rng.randint(1, 3))))
        r.closed.update(slot for slot in free if rng.random() < 0.5 * tightness)
