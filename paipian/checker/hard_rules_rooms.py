"""Hard rules about rooms: H10, H14.

One function per rule, each returning located violations.
"""

from __future__ import annotations

from collections import defaultdict

from paipian.checker.violation import (
    Places,
    Violation,
    head_count,
    session_where,
    violation,
)
from paipian.data import ProblemData
from paipian.domain import ROOM_KIND_ZH
from paipian.solution import Session, Solution


def _room_uses(solution: Solution) -> dict[tuple[str, str, str], list[Session]]:
    """(day, block, room) → sessions whose room it is."""
    uses: dict[tuple[str, str, str], list[Session]] = defaultdict(list)
    for s in solution.sessions:
        uses[(s.day, s.block, s.room)].append(s)
    return uses


def _backup_uses(solution: Solution) -> dict[tuple[str, str, str], list[Session]]:
    """(day, block, room) → sessions holding it as their backup."""
    uses: dict[tuple[str, str, str], list[Session]] = defaultdict(list)
    for s in solution.sessions:
        if s.backup_room is not None:
            uses[(s.day, s.block, s.backup_room)].append(s)
    return uses


def check_h10(data: ProblemData, solution: Solution) -> list[Violation]:
    """H10 场地: a room exists, holds ≤1 session per slot (a backup also occupies
    its room), is open, within capacity, of an allowed kind carrying the
    activity's tags, and of no forbidden kind.

    Amount: 1 per session in an unknown, closed, unfit or forbidden room;
    seats over capacity; per (room, slot) used as a room m ≥ 1 times and as a
    backup k times, m + k − 1 (clashes among backups only are H14's).
    """
    places = Places(data)
    forbidden = data.rules.forbidden_room_kinds
    out = []
    for s in solution.sessions:
        r = data.room_by_id.get(s.room)
        act = data.activity_by_id.get(s.activity)
        where = session_where(s, room=s.room)
        at_zh, at_en = places.session_zh(s), places.session_en(s)
        if r is None:
            out.append(
                violation(
                    "H10",
                    where,
                    1,
                    f"{at_zh}：场地 {s.room} 不存在",
                    f"{at_en}: unknown room {s.room}",
                )
            )
            continue
        if not r.is_open(s.day, s.block):
            out.append(
                violation(
                    "H10",
                    where,
                    1,
                    f"{at_zh}：{r.name} 该时段不开放",
                    f"{at_en}: room {r.id} is closed then",
                )
            )
        n = head_count(s)
        if n > r.capacity:
            out.append(
                violation(
                    "H10",
                    where,
                    n - r.capacity,
                    f"{at_zh}：{r.name} 容纳 {r.capacity} 人，安排了 {n} 人",
                    f"{at_en}: {n} students in {r.id} seating {r.capacity}",
                )
            )
        if r.kind in forbidden:
            out.append(
                violation(
                    "H10",
                    where,
                    1,
                    f"{at_zh}：{r.name} 不得用于课后服务"
                    f"（{ROOM_KIND_ZH.get(r.kind, r.kind)}）",
                    f"{at_en}: room kind {r.kind} is forbidden",
                )
            )
        elif act is not None and not act.fits_room(r):
            out.append(
                violation(
                    "H10",
                    where,
                    1,
                    f"{at_zh}：{r.name} 不符合该活动的场地类型或要求",
                    f"{at_en}: room {r.id} does not fit {act.id} (kind or tags)",
                )
            )
    backups = _backup_uses(solution)
    for (day, block, rid), used in sorted(_room_uses(solution).items()):
        k = len(backups.get((day, block, rid), []))
        if len(used) + k > 1 and rid in data.room_by_id:
            ids = ", ".join(s.id for s in used + backups.get((day, block, rid), []))
            out.append(
                violation(
                    "H10",
                    {"day": day, "block": block, "room": rid},
                    len(used) + k - 1,
                    f"{places.slot_zh(day, block)} 场地 {rid} "
                    f"被 {len(used) + k} 个活动占用（{ids}）",
                    f"{places.slot_en(day, block)}: room {rid} used {len(used) + k} "
                    f"times ({ids})",
                )
            )
    return out


def check_h14(data: ProblemData, solution: Solution) -> list[Violation]:
    """H14 户外与天气: an outdoor session of an activity with ``rain_backup``
    names a backup room: existing, indoor, open, of no forbidden kind, large
    enough, and not another session's backup in that slot.

    Amount: 1 per session missing a backup or with an unknown, outdoor,
    closed or forbidden one; seats short; k − 1 per (room, slot) held as a
    backup k times and not used as a room (room clashes are H10's).
    """
    places = Places(data)
    forbidden = data.rules.forbidden_room_kinds
    out = []
    for s in solution.sessions:
        r = data.room_by_id.get(s.room)
        act = data.activity_by_id.get(s.activity)
        if r is None or act is None or not r.outdoor or not act.rain_backup:
            continue
        where = session_where(s, room=s.room)
        at_zh, at_en = places.session_zh(s), places.session_en(s)
        if s.backup_room is None:
            out.append(
                violation(
                    "H14",
                    where,
                    1,
                    f"{at_zh}：户外活动未指定雨天备用场地",
                    f"{at_en}: outdoor session without a backup room",
                )
            )
            continue
        b = data.room_by_id.get(s.backup_room)
        where["room"] = s.backup_room
        problem = None
        if b is None:
            problem = ("备用场地不存在", "the backup room does not exist")
        elif b.outdoor:
            problem = (f"备用场地 {b.name} 也在户外", f"backup {b.id} is outdoors")
        elif not b.is_open(s.day, s.block):
            problem = (f"备用场地 {b.name} 该时段不开放", f"backup {b.id} is closed")
        elif b.kind in forbidden:
            problem = (
                f"备用场地 {b.name}（{ROOM_KIND_ZH.get(b.kind, b.kind)}）不得使用",
                f"backup kind {b.kind} forbidden",
            )
        if problem is not None:
            out.append(
                violation(
                    "H14", where, 1, f"{at_zh}：{problem[0]}", f"{at_en}: {problem[1]}"
                )
            )
            continue
        assert b is not None
        n = head_count(s)
        if n > b.capacity:
            out.append(
                violation(
                    "H14",
                    where,
                    n - b.capacity,
                    f"{at_zh}：备用场地 {b.name} "
                    f"只能容纳 {b.capacity} 人，活动有 {n} 人",
                    f"{at_en}: backup {b.id} seats {b.capacity}, session has {n}",
                )
            )
    rooms = _room_uses(solution)
    for (day, block, rid), held in sorted(_backup_uses(solution).items()):
        if len(held) > 1 and (day, block, rid) not in rooms:
            out.append(
                violation(
                    "H14",
                    {"day": day, "block": block, "room": rid},
                    len(held) - 1,
                    f"{places.slot_zh(day, block)} {rid} "
                    f"同时是 {len(held)} 个活动的备用场地",
                    f"{places.slot_en(day, block)}: {rid} is the backup of "
                    f"{len(held)} sessions",
                )
            )
    return out
