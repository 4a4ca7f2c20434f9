"""H04 2–3 时段 — 2–3 non-overlapping blocks, after dismissal, until parents finish.

A property of the calendar, not of a timetable: checked when the instance is
loaded (``paipian.io``) and again here (``violations``) so the solver refuses
to run on a hand-built ProblemData that breaks it.
"""

from __future__ import annotations

import itertools

from paipian import catalogue
from paipian.data import ProblemData
from paipian.domain import fmt_time

RULE = catalogue.rule("H04")


def violations(data: ProblemData) -> list[str]:
    """Plain-language descriptions of every H04 breach in the calendar."""
    if not data.rules.enabled("H04"):
        return []
    out = []
    blocks = data.calendar.blocks
    if not 2 <= len(blocks) <= 3:
        out.append(f"每天须设 2–3 个时段，现有 {len(blocks)} 个")
    for a, b in itertools.pairwise(blocks):
        if b.start < a.end:
            out.append(f"时段 {a.id} 与 {b.id} 重叠")
    for blk in blocks:
        if blk.end <= blk.start:
            out.append(f"时段 {blk.id} 结束不晚于开始")
    if blocks and blocks[-1].end < data.calendar.parent_off_work:
        out.append(
            f"最后时段 {fmt_time(blocks[-1].end)} 结束，早于家长下班时间 "
            f"{fmt_time(data.calendar.parent_off_work)}"
        )
    for g in data.grades:
        first = data.calendar.block_by_id[g.blocks[0]] if g.blocks else None
        if first is not None and first.start < g.dismissal:
            out.append(
                f"{g.grade} 年级放学 {fmt_time(g.dismissal)}，首个时段 {first.id} "
                f"却在 {fmt_time(first.start)} 开始"
            )
    return out
