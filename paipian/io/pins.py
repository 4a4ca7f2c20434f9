"""Pins on an activity (docs/re-solve.md): ``meets``, ``leaders``, ``room``.

- ``meets: [tue:B1, thu:B1]`` (a cell: ``tue:B1;thu:B1``) — a club's meeting
  slots, exactly ``sessions_per_week`` of them;
- ``leaders: [T012]`` — who MUST lead every session of the activity (one of
  them per session). ``staff:`` only *allows* (H08); a must-leader is allowed
  too, so they need not be listed twice;
- ``room: R301`` — the room every session of the activity takes.

Problems are reported to ``Issues`` with the activity's row, like every other
cell; nothing raises.
"""

from __future__ import annotations

from paipian.data import Activity, Room, Slot, Staff
from paipian.io import cells
from paipian.io.issues import Issues
from paipian.io.tables import Row


def parse_meets(
    row: Row, ctx_days: tuple[str, ...], block_ids: tuple[str, ...], issues: Issues
) -> tuple[Slot, ...]:
    """``meets`` as (day, block) pairs in the order written."""
    raw = row.get("meets")
    if raw is None:
        return ()
    spec = issues.cell(row, "meets", cells.slot_spec, None)
    if not spec:
        return ()
    lookup = {b.lower(): b for b in block_ids}
    out: list[Slot] = []
    for day, blocks in spec.items():
        if ctx_days and day not in ctx_days:
            issues.error(
                row.loc("meets"),
                "不是服务日（calendar.days）",
                "not a service day (calendar.days)",
                value=day,
            )
            continue
        if not blocks:
            issues.error(
                row.loc("meets"),
                "请写出具体时段，例如 tue:B1",
                "name the block too, e.g. tue:B1",
                value=day,
            )
            continue
        for block in blocks:
            block_id = lookup.get(block.lower())
            if block_id is None and block_ids:
                issues.error(
                    row.loc("meets"),
                    f"未知的时段，可用：{', '.join(block_ids)}",
                    f"unknown block; known: {', '.join(block_ids)}",
                    value=f"{day}:{block}",
                )
            elif (day, block_id or block) not in out:
                out.append((day, block_id or block))
    return tuple(out)


def parse_leaders(
    row: Row, staff: list[tuple[Staff, Row]], issues: Issues
) -> tuple[str, ...]:
    """``leaders``: staff ids that must exist."""
    listed = issues.cell(row, "leaders", cells.items, ())
    known = {s.id for s, _ in staff}
    for pid in listed:
        if known and pid not in known:
            issues.error(
                row.loc("leaders"),
                "教职工表中没有这个编号",
                "no staff member with this id",
                value=pid,
            )
    return tuple(dict.fromkeys(listed))


def check_pins(activity: Activity, row: Row, issues: Issues) -> None:
    """``meets`` only on clubs, and as many slots as ``sessions_per_week``."""
    if activity.meets and not activity.is_club:
        issues.error(
            row.loc("meets"),
            "只有社团（mode: club）可以指定固定的活动时段",
            "only a club (mode: club) can pin its meeting slots",
        )
    elif activity.meets and len(activity.meets) != activity.sessions_per_week:
        issues.error(
            row.loc("meets"),
            f"指定了 {len(activity.meets)} 个时段，但每周活动 "
            f"{activity.sessions_per_week} 次（sessions_per_week）",
            f"{len(activity.meets)} slots pinned for {activity.sessions_per_week} "
            "meetings a week (sessions_per_week)",
        )
    elif len({d for d, _ in activity.meets}) < len(activity.meets):
        issues.warn(
            row.loc("meets"),
            "同一天指定了两个时段：社团成员须两个时段都在校",
            "two pinned slots on one day: members must stay for both",
        )


def check_room_pins(
    activities: list[tuple[Activity, Row]],
    rooms: list[tuple[Room, Row]],
    issues: Issues,
) -> None:
    """``room`` must name a room that exists and fits the activity."""
    by_id = {r.id: r for r, _ in rooms}
    for act, row in activities:
        if act.room is None or not by_id:
            continue
        room = by_id.get(act.room)
        if room is None:
            issues.error(
                row.loc("room"),
                "场地表中没有这个场地",
                "no room with this id",
                value=act.room,
            )
        elif not act.fits_room(room):
            issues.error(
                row.loc("room"),
                "该场地的类型或标签不符合活动的 room_kinds / room_tags",
                "the room's kind or tags do not fit the activity",
                value=act.room,
            )
