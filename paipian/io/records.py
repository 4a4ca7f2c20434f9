"""Rows of the rooms, staff and activities tables (FORMAT.md, Tables)."""

from __future__ import annotations

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
    DAYS,
    EXTERNAL_KINDS,
    FORBIDDEN_CATEGORIES,
    FORMS,
    MODES,
    ROOM_KINDS,
    STAFF_KINDS,
)
from paipian.io import cells
from paipian.io.issues import Issues
from paipian.io.sections import GradeSection
from paipian.io.spellings import (
    CATEGORY_WORDS,
    DAY_ALIASES,
    FORM_WORDS,
    MODE_WORDS,
    NOTHING_WORDS,
    ROOM_KIND_WORDS,
    STAFF_KIND_WORDS,
    class_key,
    fold,
)
from paipian.io.suggest import did_you_mean
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

    @cached_property
    def class_spellings(self) -> Mapping[str | tuple[int, int], str]:
        """Class ids by every way a survey writes the class (FORMAT.md, *Grades
        and classes*): ``三(1)班``, ``三（1）班``, ``3(1)班``, ``3-1`` → ``3-1``.

        A spelling two classes share names neither and is left out.
        """
        found: dict[str | tuple[int, int], set[str]] = {}
        for grade in self.grades.grades:
            for school_class in grade.classes:
                for spelling in (school_class.id, school_class.name):
                    key = class_key(spelling)
                    found.setdefault(key, set()).add(school_class.id)
        return {key: next(iter(ids)) for key, ids in found.items() if len(ids) == 1}

    @cached_property
    def class_names(self) -> tuple[str, ...]:
        """Every class id and name, for "did you mean"."""
        return tuple(
            spelling
            for grade in self.grades.grades
            for school_class in grade.classes
            for spelling in (school_class.id, school_class.name)
        )


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
    words: Mapping[str, str] | None = None,
) -> str:
    """A coded value: the code itself or, through ``words``, its Chinese name."""
    value = issues.cell(row, column, cells.text, default, required=required)
    if value and value not in allowed:
        code = known_code(value, allowed, words or {})
        if code is not None:
            return code
        options = ", ".join(sorted(allowed))
        issues.error(
            row.loc(column),
            f"不认识的取值；可用：{options}",
            f"unknown value; use one of: {options}",
            value=value,
            hint=did_you_mean(value, [*sorted(allowed), *(words or {})]),
        )
    return value


def known_code(
    value: str, allowed: Collection[str], words: Mapping[str, str]
) -> str | None:
    """``Teacher`` → ``teacher``, ``教师`` → ``teacher``; ``None`` if unknown."""
    if value.lower() in allowed:
        return value.lower()
    return words.get(fold(value))


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
                    hint=did_you_mean(block, ctx.block_ids),
                )
            else:
                known.append(block_id)
        clean[day] = None if blocks is None else tuple(known)
    return cells.expand_slots(clean, ctx.block_ids)


MAX_PER_WEEK = 100  # sessions or 课时 one person could give in a week, and more


def _positive_int(value: Any) -> int:
    n = cells.integer(value)
    if n < 1:
        raise cells.CellError("应为正整数", "must be a positive whole number")
    return n


def _room_capacity(value: Any) -> int:
    n = _positive_int(value)
    cells.within(n, 1, cells.MAX_GROUP)
    return n


def _sessions(value: Any) -> int:
    n = _positive_int(value)
    cells.within(n, 1, len(DAYS) * 3)  # at most once per slot of a 7-day week
    return n


def _count(value: Any) -> int:
    n = cells.integer(value)
    if n < 0:
        raise cells.CellError("不能为负数", "must not be negative")
    cells.within(n, 0, MAX_PER_WEEK)
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
            kind=_enum(row, "kind", ROOM_KINDS, issues, words=ROOM_KIND_WORDS),
            capacity=issues.cell(row, "capacity", _room_capacity, 1, required=True),
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
        kind = _enum(row, "kind", STAFF_KINDS, issues, words=STAFF_KIND_WORDS)
        available = _slots(row, "available", ctx, issues)
        prefers = frozenset(
            DAY_ALIASES.get(fold(p)) or p
            for p in issues.cell(row, "prefers", cells.items, ())
        )
        person = Staff(
            id=ident,
            name=issues.cell(row, "name", cells.text, "", required=True),
            kind=kind,
            skills=_skills(row, "skills", issues),
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
    cells.within(n, 0, MAX_PER_WEEK)
    return n


def _sessions_per_week(row: Row, ctx: Context, issues: Issues) -> int:
    """A club meets at most once per slot of the week."""
    n = issues.cell(row, "sessions_per_week", _sessions, 1)
    slots = len(ctx.days) * len(ctx.block_ids)
    if slots and n > slots:
        issues.error(
            row.loc("sessions_per_week"),
            f"每周次数多于每周的时段数 {slots}（服务日 × 时段）",
            f"more sessions a week than the week has slots ({slots})",
            value=n,
        )
        return 1
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
        activity = Activity(
            id=ident,
            name=issues.cell(row, "name", cells.text, ident, required=True),
            category=category,
            mode=_enum(row, "mode", MODES, issues, words=MODE_WORDS),
            form=_enum(
                row,
                "form",
                FORMS,
                issues,
                "school_mixed",
                required=False,
                words=FORM_WORDS,
            ),
            grades=grades,
            capacity=issues.cell(
                row, "capacity", cells.capacity, _NO_CAPACITY, required=True
            ),
            room_kinds=_room_kinds(row, ctx, issues),
            room_tags=frozenset(issues.cell(row, "room_tags", cells.items, ())),
            sessions_per_week=_sessions_per_week(row, ctx, issues),
            required=issues.cell(row, "required", cells.boolean, False),
            staff=tuple(listed_staff),
            staff_skills=_staff_skills(row, category, issues),
            rain_backup=issues.cell(row, "rain_backup", cells.boolean, True),
        )
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
                hint=did_you_mean(person, [*by_id, *(s.name for s in by_id.values())]),
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
    return tuple(cells.grade(v) for v in cells.items(value))


def _category(row: Row, issues: Issues) -> str:
    value = issues.cell(row, "category", cells.text, "", required=True).lower()
    value = CATEGORY_WORDS.get(fold(value), value)
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
        allowed = [c for c in CATEGORY_ZH if c not in FORBIDDEN_CATEGORIES]
        options = ", ".join(allowed)
        issues.error(
            row.loc("category"),
            f"不认识的活动类别；可用：{options}",
            f"unknown category; use one of: {options}",
            value=value,
            hint=did_you_mean(value, [*allowed, *CATEGORY_WORDS]),
        )
    return value


def _room_kinds(row: Row, ctx: Context, issues: Issues) -> frozenset[str]:
    listed = issues.cell(row, "room_kinds", cells.items, (), required=True)
    kinds = frozenset(
        known_code(kind, ROOM_KINDS, ROOM_KIND_WORDS) or kind.lower() for kind in listed
    )
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
                hint=did_you_mean(kind, [*sorted(ROOM_KINDS), *ROOM_KIND_WORDS]),
            )
    return kinds


def _staff_skills(row: Row, category: str, issues: Issues) -> frozenset[str]:
    """Default ``[category]``; an explicit ``[]`` (or ``none``): listed staff only."""
    raw = row.cells.get("staff_skills")
    if isinstance(raw, list):
        return _skills(row, "staff_skills", issues)
    if cells.is_blank(raw):
        return frozenset({category}) if category else frozenset()
    if isinstance(raw, str) and fold(raw) in NOTHING_WORDS:
        return frozenset()
    return _skills(row, "staff_skills", issues)


def _skills(row: Row, column: str, issues: Issues) -> frozenset[str]:
    """Categories, also by their Chinese names (体育 → sports)."""
    listed = issues.cell(row, column, cells.items, ())
    return frozenset(known_code(s, CATEGORY_ZH, CATEGORY_WORDS) or s for s in listed)
