"""The staff table: kinds, skills, availability and H09 clearance of externals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from paipian.data import Staff
from paipian.domain import EXTERNAL_KINDS, STAFF_KINDS
from paipian.io import cells
from paipian.io.issues import Issues
from paipian.io.records import (
    MAX_PER_WEEK,
    Context,
    enum_cell,
    skills,
    slot_cell,
    unique_id,
    weekly_count,
)
from paipian.io.spellings import DAY_ALIASES, STAFF_KIND_WORDS, fold
from paipian.io.tables import Row, Table


def parse_staff(
    table: Table | None, ctx: Context, issues: Issues
) -> list[tuple[Staff, Row]]:
    """Staff with availability expanded; externals not cleared (H09) warned."""
    out: list[tuple[Staff, Row]] = []
    seen: dict[str, Row] = {}
    every_slot = ctx.calendar.slots if ctx.calendar else ()
    for row in table.rows if table else ():
        ident = issues.cell(row, "id", cells.text, "", required=True)
        if not ident or not unique_id(row, ident, seen, issues):
            continue
        kind = enum_cell(row, "kind", STAFF_KINDS, issues, words=STAFF_KIND_WORDS)
        available = slot_cell(row, "available", ctx, issues)
        prefers = frozenset(
            DAY_ALIASES.get(fold(p)) or p
            for p in issues.cell(row, "prefers", cells.items, ())
        )
        person = Staff(
            id=ident,
            name=issues.cell(row, "name", cells.text, "", required=True),
            kind=kind,
            skills=skills(row, "skills", issues),
            available=frozenset(every_slot) if available is None else available,
            max_per_week=issues.cell(row, "max_per_week", weekly_count, 10),
            target_per_week=issues.cell(row, "target_per_week", _target, None),
            prefers=prefers,
            **_clearance(row, kind, ctx, issues),
        )
        out.append((person, row))
    return out


def _target(value: Any) -> float:
    n = cells.number(value)
    if n < 0:
        raise cells.CellError("不能为负数", "must not be negative")
    cells.within(n, 0, MAX_PER_WEEK)
    return n


def _clearance(row: Row, kind: str, ctx: Context, issues: Issues) -> dict[str, Any]:
    """H09 fields; for an external, every reason they are not cleared is warned."""
    reasons: list[tuple[str, str]] = []
    fields: dict[str, Any] = {
        "qualification_verified": False,
        "background_check": False,
        "qualification_expires": None,
    }
    parsers: list[tuple[str, Callable[[Any], Any], str, str]] = [
        (
            "qualification_verified",
            cells.boolean,
            "资质未核验",
            "qualification not verified",
        ),
        (
            "background_check",
            cells.background_passed,
            "背景审查未通过",
            "background check not passed",
        ),
        (
            "qualification_expires",
            cells.iso_date,
            "资质有效期缺失或无效",
            "qualification expiry missing or invalid",
        ),
    ]
    for column, parse, zh, en in parsers:
        raw = row.get(column)
        try:
            fields[column] = parse(raw) if raw is not None else fields[column]
        except cells.CellError as exc:
            # A date that does not read is named by its own value, where it is
            # (``pending`` in a yes/no column plainly means "not yet").
            if kind in EXTERNAL_KINDS and column == "qualification_expires":
                issues.warn(row.loc(column), exc.zh, exc.en, value=raw, rule="H09")
        if not fields[column]:
            reasons.append((zh, en))
    expires = fields["qualification_expires"]
    if expires is not None and ctx.term_end is not None and expires < ctx.term_end:
        reasons.append(
            (
                f"资质 {expires.isoformat()} 到期，"
                f"早于学期结束 {ctx.term_end.isoformat()}",
                f"qualification expires {expires.isoformat()}, before the term ends "
                f"{ctx.term_end.isoformat()}",
            )
        )
    if kind in EXTERNAL_KINDS and reasons:
        who = f"{row.get('name') or ''}（{row.get('id')}）"
        issues.warn(
            row.loc(),
            f"校外人员 {who} 未满足准入要求（"
            + "；".join(r[0] for r in reasons)
            + "），不会被排课",
            f"external staff {who} not cleared ("
            + "; ".join(r[1] for r in reasons)
            + "); they will not be scheduled",
            rule="H09",
        )
    return fields
