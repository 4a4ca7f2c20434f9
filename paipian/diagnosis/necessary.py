"""Fast necessary conditions, checked before any search, each tied to rule ids.

Each ``check_*`` function returns :class:`Finding` s (empty when the condition
holds). A failed check proves the school infeasible: every quantity below is an
upper bound on what any timetable could use (seats, leaders, teachers), or a
lower bound on what it must provide.
"""

from __future__ import annotations

import math

from paipian.data import Activity, Room, Slot
from paipian.diagnosis.facts import Facts, grade_en, grade_zh
from paipian.diagnosis.finding import Finding, core_item, rooms_en, rooms_zh
from paipian.diagnosis.offers import pool
from paipian.diagnosis.repair import Repair, make_repair
from paipian.domain import ROOM_KIND_ZH


def slot_activities(f: Facts, slot: Slot, grades: set[int]) -> list[Activity]:
    """Activities a student of ``grades`` present in ``slot`` could attend."""
    key = (slot, frozenset(grades))
    if key not in f.offered:
        f.offered[key] = _slot_activities(f, slot, grades)
    return list(f.offered[key])


def _slot_activities(f: Facts, slot: Slot, grades: set[int]) -> list[Activity]:
    out = []
    for act in f.data.activities:
        if not any(f.open_to(act, g) for g in grades):
            continue
        if act.is_club and pool(f, act, slot) == 0:
            continue
        out.append(act)
    return out


def _host(f: Facts, acts: list[Activity], room: Room, backup: bool) -> int:
    """Most students ``room`` can seat in one session of ``acts``.

    ``backup``: count only sessions that need no indoor backup room (H14).
    The same few activity lists recur for every slot: the answers are kept.
    """
    key = (tuple(a.id for a in acts), room.id, backup)
    seats = f.hosted
    if key not in seats:
        seats[key] = max(
            (
                f.cap_max(a, room)
                for a in acts
                if a.fits_room(room)
                and room.capacity >= f.cap_min(a)
                and not (backup and f.needs_backup(a, room))
            ),
            default=0,
        )
    return seats[key]


def room_seats(
    f: Facts, slot: Slot, acts: list[Activity], rooms: list[Room]
) -> tuple[dict[str, int], dict[str, int]]:
    """Seats per room: without H14, and counting H14's indoor backup rooms.

    With H14 an indoor room either hosts a session or backs an outdoor one (of
    at most its own capacity); an outdoor room seats only activities without
    ``rain_backup``.
    """
    plain = {r.id: _host(f, acts, r, backup=False) for r in rooms}
    backed = max(
        (
            f.cap_max(a, r)
            for r in rooms
            if r.outdoor
            for a in acts
            if f.needs_backup(a, r) and a.fits_room(r) and r.capacity >= f.cap_min(a)
        ),
        default=0,
    )
    with_h14 = {
        r.id: _host(f, acts, r, backup=True)
        if r.outdoor
        else max(plain[r.id], min(r.capacity, backed))
        for r in rooms
    }
    return plain, with_h14


def _seat_repairs(
    f: Facts, slot: Slot, acts: list[Activity], deficit: int, h14: bool, lang: str
) -> list[Repair]:
    """Open closed rooms (largest first), then add rooms, to cover ``deficit``."""
    day, block = slot
    closed = [
        r
        for r in f.data.rooms
        if r.kind not in f.forbidden
        and not r.is_open(day, block)
        and not (h14 and r.outdoor)
    ]
    plain, backed = room_seats(f, slot, acts, closed)
    gain = backed if h14 else plain
    chosen: list[Room] = []
    for room in sorted(closed, key=lambda r: (-gain[r.id], r.id)):
        if deficit <= 0 or gain[room.id] <= 0:
            break
        chosen.append(room)
        deficit -= gain[room.id]
    repairs = []
    where = {"day": day, "block": block}
    if chosen:
        seats = sum(gain[r.id] for r in chosen)
        names = "、".join(f"{r.id} {r.name}" for r in chosen[:6])
        if len(chosen) > 6:
            names += " 等"
        zh = f"{f.slot_zh(slot)}再开放 {len(chosen)} 间场地（{names}，共 {seats} 座）"
        en = (
            f"open {len(chosen)} more room(s) in {f.slot_en(slot)} "
            f"({', '.join(r.id for r in chosen[:6])}"
            f"{', ...' if len(chosen) > 6 else ''}; {seats} seats)"
        )
        repairs.append(
            make_repair(
                "open_room",
                {**where, "room": ";".join(r.id for r in chosen)},
                zh,
                en,
                lang,
                day=day,
                block=block,
                rooms=[r.id for r in chosen],
            )
        )
    if deficit > 0:
        drop = [a for a in acts if not a.is_club] or acts
        act = max(drop, key=lambda a: ("classroom" in a.room_kinds, a.capacity.max))
        kind = (
            "classroom" if "classroom" in act.room_kinds else sorted(act.room_kinds)[0]
        )
        cap = max(f.cap_min(act), min(act.capacity.max, 45))
        count = math.ceil(deficit / cap)
        zh = (
            f"{f.slot_zh(slot)}再开放 {count} 间{ROOM_KIND_ZH.get(kind, kind)}"
            f"（每间 ≥ {cap} 座，共需 ≥ {deficit} 座）"
        )
        en = (
            f"open {count} more {kind} room(s) in {f.slot_en(slot)} "
            f"(>= {cap} seats each, >= {deficit} seats in all)"
        )
        repairs.append(
            make_repair(
                "add_room",
                where,
                zh,
                en,
                lang,
                kind=kind,
                capacity=cap,
                count=count,
                tags=sorted(act.room_tags),
            )
        )
    return repairs


def check_seats(f: Facts, lang: str = "zh") -> list[Finding]:
    """H01 + H10 (+ H14): students present vs seats in open, allowed rooms.

    Per slot, for all grades together and then each grade alone.
    """
    findings: list[Finding] = []
    for slot in f.data.calendar.slots:
        counts = f.grade_count[slot]
        groups: list[set[int]] = [set(counts)] + [{g} for g in sorted(counts)]
        for grades in groups:
            need = sum(counts[g] for g in grades)
            if need == 0:
                continue
            acts = slot_activities(f, slot, grades)
            rooms = [r for r in f.data.rooms if f.room_usable(r, slot)]
            plain, backed = room_seats(f, slot, acts, rooms)
            have, have14 = sum(plain.values()), sum(backed.values())
            if have >= need and (not f.h14 or have14 >= need):
                continue
            findings.append(
                _seat_finding(f, slot, grades, acts, need, have, have14, lang)
            )
            break  # one finding per slot: the all-grades one if it fails
    return findings


def _seat_finding(
    f: Facts,
    slot: Slot,
    grades: set[int],
    acts: list[Activity],
    need: int,
    have: int,
    have14: int,
    lang: str,
) -> Finding:
    day, block = slot
    where: dict[str, object] = {"day": day, "block": block}
    who_zh, who_en = "在校学生", "students present"
    if len(grades) == 1 and len(f.grade_count[slot]) > 1:
        (g,) = grades
        where["grade"] = g
        who_zh, who_en = f"{grade_zh(g)}在校学生", f"{grade_en(g)} students present"
    place_zh, place_en = f.slot_zh(slot), f.slot_en(slot)
    if not acts:
        zh = f"{place_zh}：{who_zh} {need} 人，但没有任何向其开放的活动"
        en = f"{place_en}: {need} {who_en}, but no activity is open to them"
        items = (
            core_item("H01", where, zh, en, lang, need, 0),
            core_item("H12", where, zh, en, lang, need, 0),
        )
        return Finding(items, tuple(_open_activity(f, slot, grades, lang)))
    h14 = have >= need
    seats = have14 if h14 else have
    rooms = [r for r in f.data.rooms if f.room_usable(r, slot)]
    plain, backed = room_seats(f, slot, acts, rooms)  # to name what was counted
    counted = backed if h14 else plain
    zh = (
        f"{place_zh}：{who_zh} {need:,} 人，开放场地合计 {seats:,} 座"
        f"（{rooms_zh(rooms, counted)}）"
    )
    en = (
        f"{place_en}: {need:,} {who_en}, open rooms seat {seats:,} "
        f"({rooms_en(rooms, counted)})"
    )
    if h14:
        zh += "（户外活动须预留室内备用场地）"
        en += " (outdoor sessions must hold an indoor backup room)"
    rules = ["H01", "H10"] + (["H14"] if h14 else [])
    seat_items = tuple(core_item(r, where, zh, en, lang, need, seats) for r in rules)
    repairs = _seat_repairs(f, slot, acts, need - seats, h14, lang)
    return Finding(seat_items, tuple(repairs))


def _open_activity(f: Facts, slot: Slot, grades: set[int], lang: str) -> list[Repair]:
    out = []
    for g in sorted(grades):
        cands = [
            a
            for a in f.data.activities
            if not a.is_club
            and not (a.is_homework and g in f.data.rules.grades_without_homework)
        ]
        if not cands:
            continue
        act = min(cands, key=lambda a: (a.is_homework, a.capacity.min, a.id))
        zh = f"把{f.act_zh(act)}也向{grade_zh(g)}开放"
        en = f"open {act.id} to {grade_en(g)} as well"
        out.append(
            make_repair(
                "add_grade",
                {"activity": act.id, "grade": str(g)},
                zh,
                en,
                lang,
                activity=act.id,
                grade=g,
            )
        )
    return out


def sessions_needed(f: Facts, slot: Slot) -> int:
    """Fewest sessions that can seat everyone present: the largest rooms first."""
    need = f.present(slot)
    acts = slot_activities(f, slot, set(f.grade_count[slot]))
    rooms = [r for r in f.data.rooms if f.room_usable(r, slot)]
    seats = sorted(room_seats(f, slot, acts, rooms)[0].values(), reverse=True)
    count = 0
    for s in seats:
        if need <= 0:
            break
        need -= s
        count += 1
    return count
