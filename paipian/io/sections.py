"""The YAML sections of an instance: calendar (H04) and grades with classes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from paipian.data import Block, Calendar, Grade, SchoolClass
from paipian.domain import (
    DAYS,
    GRADE_ZH,
    fmt_time,
)
from paipian.errors import Location
from paipian.io import cells
from paipian.io.issues import Issues
from paipian.io.suggest import did_you_mean
from paipian.io.tables import Row, mapping_row


def _list(value: Any, display: str, key: str, issues: Issues) -> list[Any]:
    if isinstance(value, list):
        return value
    issues.error(
        Location(display, key=key),
        "这里应是一个列表（每项以「- 」开头）",
        "expected a list here (items starting with '- ')",
        value=value,
    )
    return []


def parse_calendar(value: Any, display: str, issues: Issues) -> Calendar | None:
    """Service days and 2–3 blocks in time order, not overlapping (H04)."""
    if value is None:
        return None
    row = mapping_row(value, display, "calendar", issues)
    if row is None:
        return None
    days = _days(row, issues)
    if not days and row.get("days") is not None and _listed(row.get("days")) == 0:
        issues.error(
            row.loc("days"),
            "至少要有一个服务日，例如 [mon, tue, wed, thu, fri]",
            "list at least one service day, e.g. [mon, tue, wed, thu, fri]",
            value=row.get("days"),
        )
    for i, day in enumerate(days):
        if day in days[:i]:
            issues.error(
                row.loc("days"), "服务日重复", "a service day is listed twice", day
            )
    days = tuple(sorted(set(days), key=DAYS.index))  # week order
    blocks = _blocks(row, display, issues)
    off_work = issues.cell(row, "parent_off_work", cells.time_of_day, 0, required=True)
    last = blocks[-1] if blocks else None
    if (
        last is not None
        and last.start < last.end
        and row.get("parent_off_work") is not None
        and last.end < off_work
    ):
        issues.error(
            Location(display, key=f"calendar.blocks[{len(blocks) - 1}].end"),
            f"最后一个时段结束时间早于家长下班时间 {fmt_time(off_work)}："
            "结束时间应与家长正常下班时间相衔接（浦教 一(一)1）",
            f"the last block ends before parent_off_work {fmt_time(off_work)}; "
            "it must reach the parents' usual end of work",
            value=fmt_time(last.end),
            rule="H04",
        )
    holidays = _dates(row, "holidays", issues)
    workdays = _dates(row, "workdays", issues)
    if not days or not blocks:
        return None
    return Calendar(
        days=days,
        blocks=tuple(blocks),
        parent_off_work=off_work,
        holidays=holidays,
        workdays=workdays,
    )


_LATE = 24 * 60 - 1


def _listed(value: Any) -> int:
    try:
        return len(cells.items(value))
    except cells.CellError:
        return 1  # not a list at all: reported as such, not as "no day"


def _days(row: Row, issues: Issues) -> tuple[str, ...]:
    """Service days, each bad name reported on its own (no false "no day")."""
    raw = row.get("days")
    if raw is None:
        issues.cell(row, "days", cells.day_list, (), required=True)
        return ()
    try:
        names = cells.items(raw)
    except cells.CellError as exc:
        issues.error(row.loc("days"), exc.zh, exc.en, value=raw)
        return ()
    days: list[str] = []
    for name in names:
        try:
            days.append(cells.day_code(name))
        except cells.CellError as exc:
            issues.error(
                row.loc("days"),
                exc.zh,
                exc.en,
                value=name,
                hint=did_you_mean(name, DAYS, cutoff=50),
            )
    return tuple(days)


def _blocks(row: Row, display: str, issues: Issues) -> list[Block]:
    raw = row.cells.get("blocks")
    if raw is None:
        issues.error(
            row.loc("blocks"),
            "缺少必填项「blocks」",
            "required key 'blocks' is missing",
        )
        return []
    blocks: list[Block] = []
    timed: list[Block] = []  # blocks with sound times, for the order checks
    seen: set[str] = set()
    for i, item in enumerate(_list(raw, display, "calendar.blocks", issues)):
        key = f"calendar.blocks[{i}]"
        brow = mapping_row(item, display, key, issues)
        if brow is None:
            continue
        block_id = issues.cell(brow, "id", cells.text, "", required=True)
        start = issues.cell(brow, "start", cells.time_of_day, None, required=True)
        end = issues.cell(brow, "end", cells.time_of_day, None, required=True)
        if block_id and block_id in seen:
            issues.error(brow.loc("id"), "时段编号重复", "duplicate block id", block_id)
        seen.add(block_id)
        if not block_id:
            continue
        if start is None or end is None:
            # Keep the id so references to it do not cascade into more errors;
            # a late placeholder time trips no dismissal/parent check.
            blocks.append(Block(id=block_id, start=_LATE, end=_LATE))
            continue
        if end <= start:
            issues.error(
                brow.loc("end"),
                f"时段结束时间不晚于开始时间 {fmt_time(start)}",
                f"the block ends before (or when) it starts at {fmt_time(start)}",
                value=fmt_time(end),
                rule="H04",
            )
        elif timed and start < timed[-1].end:
            prev = timed[-1]
            if start < prev.start:
                zh = f"时段应按时间先后排列：它早于上一个时段 {prev.id}"
                en = f"blocks must be in time order: it starts before block {prev.id}"
            else:
                zh = f"与上一个时段 {prev.id}（至 {fmt_time(prev.end)}）重叠"
                en = f"overlaps block {prev.id} (until {fmt_time(prev.end)})"
            issues.error(brow.loc("start"), zh, en, value=fmt_time(start), rule="H04")
        block = Block(id=block_id, start=start, end=end)
        blocks.append(block)
        if end > start:
            timed.append(block)
    if isinstance(raw, list) and not 2 <= len(raw) <= 3:
        issues.error(
            row.loc("blocks"),
            f"每天应设 2–3 个时段（浦教 一(一)1），现有 {len(raw)} 个",
            f"a day has 2 or 3 blocks, found {len(raw)}",
            value=len(raw),
            rule="H04",
        )
    return blocks


MAX_DATES = 400  # more than a year of holidays is not a list of holidays


def _dates(row: Row, column: str, issues: Issues) -> tuple[date, ...]:
    """``holidays`` / ``workdays``: a list of dates, or a map.

    A map is read as FORMAT.md writes ``workdays`` (date → weekday) or as
    staff label holidays (``{国庆: 2026-10-01}``, a name → a date or a list);
    the labels and weekdays are checked, not kept.
    """
    raw = row.cells.get(column)
    if cells.is_blank(raw):
        return ()
    items: list[tuple[str, Any]] = []
    if isinstance(raw, Mapping):
        for label, item in raw.items():
            if _is_date(label):
                items.append((f"calendar.{column}.{label}", label))
                if column == "workdays" and not cells.is_blank(item):
                    _weekday(row, column, label, item, issues)
            elif isinstance(item, list):
                items.extend(
                    (f"calendar.{column}.{label}[{i}]", v) for i, v in enumerate(item)
                )
            else:
                items.append((f"calendar.{column}.{label}", item))
    elif isinstance(raw, list):
        items = [(f"calendar.{column}[{i}]", v) for i, v in enumerate(raw)]
    else:
        try:
            listed = cells.items(raw)
        except cells.CellError as exc:
            issues.error(row.loc(column), exc.zh, exc.en, value=raw)
            return ()
        items = [(f"calendar.{column}[{i}]", v) for i, v in enumerate(listed)]
    out: list[date] = []
    for key, item in items[:MAX_DATES]:
        try:
            out.append(cells.iso_date(item))
        except cells.CellError as exc:
            issues.error(Location(row.file, key=key), exc.zh, exc.en, value=item)
    if len(items) > MAX_DATES:
        issues.error(
            row.loc(column),
            f"日期多于 {MAX_DATES} 个，不像是一个学期的节假日",
            f"more than {MAX_DATES} dates; not one term's holidays",
            value=len(items),
        )
    return tuple(out)


def _is_date(value: Any) -> bool:
    try:
        cells.iso_date(value)
    except cells.CellError:
        return False
    return True


def _weekday(row: Row, column: str, label: Any, item: Any, issues: Issues) -> None:
    try:
        cells.day_code(cells.text(item))
    except cells.CellError as exc:
        issues.error(
            Location(row.file, key=f"calendar.{column}.{label}"),
            exc.zh,
            exc.en,
            value=item,
        )


@dataclass
class GradeSection:
    """The grades, and each class's row so later checks can point at it."""

    grades: list[Grade] = field(default_factory=list)
    class_rows: dict[str, Row] = field(default_factory=dict)


def parse_grades(
    value: Any, calendar: Calendar | None, display: str, issues: Issues
) -> GradeSection:
    """Grades with dismissal (H04), their blocks and classes."""
    section = GradeSection()
    if value is None:
        return section
    block_ids = [b.id for b in calendar.blocks] if calendar else []
    seen: set[int] = set()
    listed = _list(value, display, "grades", issues)
    if isinstance(value, list) and not listed:
        issues.error(
            Location(display, key="grades"),
            "至少要有一个年级（grade、dismissal、classes）",
            "list at least one grade (grade, dismissal, classes)",
        )
    for i, item in enumerate(listed):
        row = mapping_row(item, display, f"grades[{i}]", issues)
        if row is None:
            continue
        number = issues.cell(row, "grade", cells.integer, 0, required=True)
        if row.get("grade") is not None and number not in GRADE_ZH:
            issues.error(
                row.loc("grade"), "年级应为 1–9", "a grade is 1 to 9", value=number
            )
        elif number in seen:
            issues.error(row.loc("grade"), "年级重复", "duplicate grade", value=number)
        seen.add(number)
        dismissal = issues.cell(row, "dismissal", cells.time_of_day, 0, required=True)
        blocks = _grade_blocks(row, block_ids, issues)
        if calendar and blocks and row.get("dismissal") is not None:
            first = calendar.block_by_id[blocks[0]]
            if first.start < dismissal:
                issues.error(
                    row.loc("dismissal"),
                    f"该年级第一个时段 {first.id} 在 {fmt_time(first.start)} 开始，"
                    "早于放学时间：课后服务应在放学后开始",
                    f"the grade's first block {first.id} starts at "
                    f"{fmt_time(first.start)}, before its dismissal",
                    value=fmt_time(dismissal),
                    rule="H04",
                )
        classes = _classes(row, number, section, issues)
        section.grades.append(
            Grade(grade=number, dismissal=dismissal, blocks=blocks, classes=classes)
        )
    return section


def _grade_blocks(row: Row, block_ids: list[str], issues: Issues) -> tuple[str, ...]:
    if row.get("blocks") is None:
        return tuple(block_ids)
    listed = issues.cell(row, "blocks", cells.items, ())
    for block in listed:
        if block_ids and block not in block_ids:
            issues.error(
                row.loc("blocks"),
                f"未知的时段，calendar.blocks 中只有 {', '.join(block_ids)}",
                f"unknown block; calendar.blocks has {', '.join(block_ids)}",
                value=block,
                hint=did_you_mean(block, block_ids),
            )
    known = [b for b in block_ids if b in listed]
    if not known and block_ids:
        issues.error(
            row.loc("blocks"),
            "年级至少要参加一个时段",
            "a grade takes part in at least one block",
            value=row.get("blocks"),
        )
        return tuple(block_ids)
    return tuple(known)


def _classes(
    row: Row, grade: int, section: GradeSection, issues: Issues
) -> tuple[SchoolClass, ...]:
    raw = row.cells.get("classes")
    if raw is None:
        issues.error(
            row.loc("classes"),
            "缺少必填项「classes」",
            "required key 'classes' is missing",
        )
        return ()
    out: list[SchoolClass] = []
    for j, item in enumerate(_list(raw, row.file, f"{row.key}.classes", issues)):
        crow = mapping_row(item, row.file, f"{row.key}.classes[{j}]", issues)
        if crow is None:
            continue
        class_id = issues.cell(crow, "id", cells.text, "", required=True)
        if not class_id:
            continue
        if class_id in section.class_rows:
            first = issues.named(section.class_rows[class_id].loc("id").key or "")
            issues.error(
                crow.loc("id"),
                f"班级编号重复（已在 {first} 出现）",
                f"duplicate class id (already at {first})",
                value=class_id,
            )
            continue
        section.class_rows[class_id] = crow
        out.append(
            SchoolClass(
                id=class_id,
                name=issues.cell(crow, "name", cells.text, class_id),
                grade=grade,
                homeroom=issues.cell(crow, "homeroom", cells.text, None),
                head_teacher=issues.cell(crow, "head_teacher", cells.text, None),
            )
        )
    return tuple(out)
