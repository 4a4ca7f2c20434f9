"""The activities table: category (H07), mode, form, grades, capacity, rooms (H10),
who may lead (H08), with FORMAT.md's defaults."""

from __future__ import annotations

from typing import Any

from paipian.data import Activity, Capacity, Staff
from paipian.domain import (
    CATEGORY_ZH,
    DAYS,
    FORBIDDEN_CATEGORIES,
    FORMS,
    MODES,
    ROOM_KINDS,
)
from paipian.io import cells, pins
from paipian.io.issues import Issues
from paipian.io.records import (
    Context,
    enum_cell,
    known_code,
    positive_int,
    skills,
    unique_id,
)
from paipian.io.spellings import (
    CATEGORY_WORDS,
    FORM_WORDS,
    MODE_WORDS,
    NOTHING_WORDS,
    ROOM_KIND_WORDS,
    fold,
)
from paipian.io.suggest import did_you_mean
from paipian.io.tables import Row, Table


def _sessions(value: Any) -> int:
    n = positive_int(value)
    cells.within(n, 1, len(DAYS) * 3)  # at most once per slot of a 7-day week
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
            mode=enum_cell(row, "mode", MODES, issues, words=MODE_WORDS),
            form=enum_cell(
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
        return skills(row, "staff_skills", issues)
    if cells.is_blank(raw):
        return frozenset({category}) if category else frozenset()
    if isinstance(raw, str) and fold(raw) in NOTHING_WORDS:
        return frozenset()
    return skills(row, "staff_skills", issues)
