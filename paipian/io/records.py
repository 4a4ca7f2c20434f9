"""Rows of the rooms, staff and activities tables (FORMAT.md, Tables)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from paipian.data import (
    Activity,
    Calendar,
    Capacity,
    Room,
    Rules,
    Slot,
    Staff,
)
from paipian.domain import (
    CATEGORY_ZH,
    DAY_ZH,
    EXTERNAL_KINDS,
    FORBIDDEN_CATEGORIES,
    FORMS,
    MODES,
    ROOM_KINDS,
    STAFF_KINDS,
)
from paipian.io import cells, pins
from paipian.io.issues import Issues
from paipian.io.sections import GradeSection
from paipian.io.tables import Row, Table


@dataclass
class Context:
    """What rows are checked against: calendar, grades, rules, term end."""

    calendar: Calendar | None
    grades: GradeSection
    rules: Rules
    term_end: date | None
    yaml_file: str

    @cached_property
    def days(self) -> tuple[str, ...]:
        return self.calendar.days if self.calendar else ()

    @cached_property
    def block_ids(self) -> tuple[str, ...]:
        return tuple(b.id for b in self.calendar.blocks) if self.calendar else ()

    @cached_property
    def block_lookup(self) -> Mapping[str, str]:
        """Block ids by lower-case spelling (``b2`` → ``B2``)."""
        return {b.lower(): b for b in self.block_ids}

    @cached_property
    def grade_blocks(self) -> Mapping[int, tuple[str, ...]]:
        return {g.grade: g.blocks for g in self.grades.grades}

    @cached_property
    def class_grade(self) -> Mapping[str, int]:
        return {c.id: g.grade for g in self.grades.grades for c in g.classes}


def unique_id(row: Row, ident: str, seen: dict[str, Row], issues: Issues) -> bool:
    """Report a duplicate id (pointing at its first row); True when new."""
    if ident in seen:
        first = seen[ident].loc()
        issues.error(
            row.loc("id"),
            f"编号重复，第一次出现在 {first.zh()}",
            f"duplicate id, first used at {first.en()}",
            value=ident,
        )
        return False
    seen[ident] = row
    return True


def _enum(
    row: Row,
    column: str,
    allowed: Collection[str],
    issues: Issues,
    default: str = "",
    *,
    required: bool = True,
) -> str:
    value = issues.cell(row, column, cells.text, default, required=required)
    if value and value not in allowed:
        lowered = value.lower()
        if lowered in allowed:
            return lowered
        options = ", ".join(sorted(allowed))
        issues.error(
            row.loc(column),
            f"不认识的取值；可用：{options}",
            f"unknown value; use one of: {options}",
            value=value,
        )
    return value


def _slots(
    row: Row, column: str, ctx: Context, issues: Issues
) -> frozenset[Slot] | None:
    """A slot cell expanded to (day, block) pairs; ``None`` when the cell is empty."""
    spec = issues.cell(row, column, cells.slot_spec, None)
    if spec is None:
        return None
    if not ctx.calendar:
        return frozenset()
    clean: dict[str, tuple[str, ...] | None] = {}
    for day, blocks in spec.items():
        if day not in ctx.days:
            issues.warn(
                row.loc(column),
                f"{DAY_ZH[day]}不是服务日（calendar.days），已忽略",
                f"{day} is not a service day (calendar.days); ignored",
                value=day,
            )
            continue
        known: list[str] = []
        for block in blocks or ():
            block_id = ctx.block_lookup.get(block.lower())
            if block_id is None:
                issues.error(
                    row.loc(column),
                    f"未知的时段，可用：{', '.join(ctx.block_ids)}",
                    f"unknown block; known: {', '.join(ctx.block_ids)}",
                    value=f"{day}:{block}",
                )
            else:
                known.append(block_id)
        clean[day] = None if blocks is None else tuple(known)
    return cells.expand_slots(clean, ctx.block_ids)


def _positive_int(value: Any) -> int:
    n = cells.integer(value)
    if n < 1:
        raise cells.CellError("应为正整数", "must be a positive whole number")
    return n


def _count(value: Any) -> int:
    n = cells.integer(value)
    if n < 0:
        raise cells.CellError("不能为负数", "must not be negative")
    return n


def parse_rooms(
    table: Table | None, ctx: Context, issues: Issues
) -> list[tuple[Room, Row]]:
    """Rooms: id, name, kind, capacity, outdoor, tags, closed, zone."""
    out: list[tuple[Room, Row]] = []
    seen: dict[str, Row] = {}
    for row in table.rows if table else ():
        ident = issues.cell(row, "id", cells.text, "", required=True)
        if not ident or not unique_id(row, ident, seen, issues):
            continue
        room = Room(
            id=ident,
            name=issues.cell(row, "name", cells.text, ident),
            kind=_enum(row, "kind", ROOM_KINDS, issues),
            capacity=issues.cell(row, "capacity", _positive_int, 1, required=True),
            outdoor=issues.cell(row, "outdoor", cells.boolean, False),
            tags=frozenset(issues.cell(row, "tags", cells.items, ())),
            closed=_slots(row, "closed", ctx, issues) or frozenset(),
            zone=issues.cell(row, "zone", cells.text, ""),
        )
        out.append((room, row))
    return out


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
        kind = _enum(row, "kind", STAFF_KINDS, issues)
        available = _slots(row, "available", ctx, issues)
        prefers = frozenset(
            cells.DAY_ALIASES.get(p.lower()) or p
            for p in issues.cell(row, "prefers", cells.items, ())
        )
        person = Staff(
            id=ident,
            name=issues.cell(row, "name", cells.text, "", required=True),
            kind=kind,
            skills=frozenset(issues.cell(row, "skills", cells.items, ())),
            available=frozenset(every_slot) if available is None else available,
            max_per_week=issues.cell(row, "max_per_week", _count, 10),
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
        with contextlib.suppress(cells.CellError):
            fields[column] = parse(raw) if raw is not None else fields[column]
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
            value=row.get("id"),
            rule="H09",
        )
    return fields


def parse_activities(
    table: Table | None,
    ctx: Context,
    staff: list[tuple[Staff, Row]],
    issues: Issues,
) -> list[tuple[Activity, Row]]:
    """Activities with FORMAT.md's defaults; forbidden kinds refused (H07, H10)."""
    out: list[tuple[Activity, Row]] = []
    seen: dict[str, Row] = {}
    all_grades = frozenset(ctx.grade_blocks)
    for row in table.rows if table else ():
        ident = issues.cell(row, "id", cells.text, "", required=True)
        if not ident or not unique_id(row, ident, seen, issues):
            continue
        category = _category(row, issues)
        grades = frozenset(issues.cell(row, "grades", _grades, ())) or all_grades
        for grade in sorted(grades - all_grades):
            issues.error(
                row.loc("grades"),
                "grades 中没有这个年级",
                "no such grade in grades",
                value=grade,
            )
        listed_staff = issues.cell(row, "staff", cells.items, ())
        _check_leaders(row, listed_staff, staff, issues)
        must_lead = pins.parse_leaders(row, staff, issues)  # allowed as well
        activity = Activity(
            id=ident,
            name=issues.cell(row, "name", cells.text, ident, required=True),
            category=category,
            mode=_enum(row, "mode", MODES, issues),
            form=_enum(row, "form", FORMS, issues, "school_mixed", required=False),
            grades=grades,
            capacity=issues.cell(
                row, "capacity", cells.capacity, _NO_CAPACITY, required=True
            ),
            room_kinds=_room_kinds(row, ctx, issues),
            room_tags=frozenset(issues.cell(row, "room_tags", cells.items, ())),
            sessions_per_week=issues.cell(row, "sessions_per_week", _positive_int, 1),
            required=issues.cell(row, "required", cells.boolean, False),
            staff=tuple(dict.fromkeys((*listed_staff, *must_lead))),
            staff_skills=_staff_skills(row, category, issues),
            rain_backup=issues.cell(row, "rain_backup", cells.boolean, True),
            # Re-solve pins (paipian.io.pins, docs/re-solve.md).
            meets=pins.parse_meets(row, ctx.days, ctx.block_ids, issues),
            leaders=must_lead,
            room=issues.cell(row, "room", cells.text, None),
        )
        pins.check_pins(activity, row, issues)
        out.append((activity, row))
    return out


_NO_CAPACITY = Capacity(min=1, max=1)


def _check_leaders(
    row: Row, listed: tuple[str, ...], staff: list[tuple[Staff, Row]], issues: Issues
) -> None:
    """Listed leaders must exist; health/admin staff never lead (H08): a warning."""
    by_id = {s.id: s for s, _ in staff}
    for person in listed:
        if by_id and person not in by_id:
            issues.error(
                row.loc("staff"),
                "教职工表中没有这个编号",
                "no staff member with this id",
                value=person,
            )
        elif person in by_id and by_id[person].is_duty:
            issues.warn(
                row.loc("staff"),
                "卫生保健和行政值班人员只负责值守，不带活动；此人不会被安排带这项活动",
                "health and admin staff serve duty and never lead; they will not "
                "lead this activity",
                value=person,
                rule="H08",
            )


def _grades(value: Any) -> tuple[int, ...]:
    return tuple(cells.integer(v) for v in cells.items(value))


def _category(row: Row, issues: Issues) -> str:
    value = issues.cell(row, "category", cells.text, "", required=True).lower()
    if value in FORBIDDEN_CATEGORIES:
        issues.error(
            row.loc("category"),
            f"「{CATEGORY_ZH[value]}」不允许出现在课后服务中：课后服务不得讲授新课、"
            "刷题备考或集体补课（《上海市义务教育课后服务工作指南》三(三)2）。"
            "请删除该活动，或改为作业辅导、答疑、个别补差（remedial）等",
            f"'{value}' is not allowed in after-school service: no new lessons, exam "
            "drill or mass remedial classes (Shanghai guideline 3(3)2); remove it "
            "or use homework, qa or small-group remedial",
            value=value,
            rule="H07",
        )
    elif value and value not in CATEGORY_ZH:
        options = ", ".join(c for c in CATEGORY_ZH if c not in FORBIDDEN_CATEGORIES)
        issues.error(
            row.loc("category"),
            f"不认识的活动类别；可用：{options}",
            f"unknown category; use one of: {options}",
            value=value,
        )
    return value


def _room_kinds(row: Row, ctx: Context, issues: Issues) -> frozenset[str]:
    listed = issues.cell(row, "room_kinds", cells.items, (), required=True)
    kinds = frozenset(kind.lower() for kind in listed)
    for kind in sorted(kinds):
        if kind in ctx.rules.forbidden_room_kinds:
            issues.error(
                row.loc("room_kinds"),
                "不得把学生安排在食堂、门卫室等场所（指南 四(二)2）；"
                "请从 room_kinds 中删除它",
                "students may not be placed in this kind of room "
                "(forbidden_room_kinds); remove it from room_kinds",
                value=kind,
                rule="H10",
            )
        elif kind not in ROOM_KINDS:
            issues.error(
                row.loc("room_kinds"),
                f"不认识的场地类型；可用：{', '.join(sorted(ROOM_KINDS))}",
                f"unknown room kind; use one of: {', '.join(sorted(ROOM_KINDS))}",
                value=kind,
            )
    return kinds


def _staff_skills(row: Row, category: str, issues: Issues) -> frozenset[str]:
    """Default ``[category]``; an explicit ``[]`` (or ``none``): listed staff only."""
    raw = row.cells.get("staff_skills")
    if isinstance(raw, list):
        return frozenset(issues.cell(row, "staff_skills", cells.items, ()))
    if cells.is_blank(raw):
        return frozenset({category}) if category else frozenset()
    if isinstance(raw, str) and cells.normalise(raw).lower() in ("[]", "none", "无"):
        return frozenset()
    return frozenset(issues.cell(row, "staff_skills", cells.items, ()))
