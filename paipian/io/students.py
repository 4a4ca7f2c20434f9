"""The students table: grade, class, booked last block per day (H02), prefs."""

from __future__ import annotations

import re
from datetime import date

from paipian.data import Activity, Student
from paipian.io import cells
from paipian.io.issues import Issues
from paipian.io.records import Context, unique_id
from paipian.io.tables import Row, Table


def parse_students(
    table: Table | None,
    ctx: Context,
    activities: list[tuple[Activity, Row]],
    issues: Issues,
) -> list[Student]:
    """Students with their booked last block per day (H02) and ranked prefs."""
    out: list[Student] = []
    seen: dict[str, Row] = {}
    clubs = {a.id for a, _ in activities if a.is_club}
    others = {a.id for a, _ in activities} - clubs
    for row in table.rows if table else ():
        ident = issues.cell(row, "id", cells.text, "", required=True)
        if not ident or not unique_id(row, ident, seen, issues):
            continue
        grade = issues.cell(row, "grade", cells.integer, 0, required=True)
        class_id = issues.cell(row, "class", cells.text, "", required=True)
        _check_class(row, grade, class_id, ctx, issues)
        prefs = issues.cell(row, "prefs", cells.items, ())
        for pref in prefs:
            if pref not in clubs:
                known = pref in others
                issues.warn(
                    row.loc("prefs"),
                    "这不是社团（mode: club），志愿中忽略"
                    if known
                    else "没有这个社团，志愿中忽略",
                    "not a club (mode: club); ignored"
                    if known
                    else "no such club; ignored",
                    value=pref,
                )
        out.append(
            Student(
                id=ident,
                grade=grade,
                class_id=class_id,
                last_block=_bookings(row, grade, ctx, issues),
                name=issues.cell(row, "name", cells.text, ""),
                prefs=prefs,
                needs_remedial=issues.cell(row, "needs_remedial", cells.items, ()),
            )
        )
    return out


def _check_class(
    row: Row, grade: int, class_id: str, ctx: Context, issues: Issues
) -> None:
    if (
        row.get("grade") is not None
        and grade not in ctx.grade_blocks
        and ctx.grade_blocks
    ):
        issues.error(
            row.loc("grade"),
            "grades 中没有这个年级",
            "no such grade in grades",
            value=row.get("grade"),
        )
        return
    if not class_id or not ctx.class_grade:
        return
    if class_id not in ctx.class_grade:
        zh, en = "grades[].classes 中没有这个班级", "no such class in grades[].classes"
        if _looks_like_a_date(row.get("class")):
            zh += "。Excel 似乎把班级号当成了日期：请把该列设为「文本」格式后重新输入"
            en += "; Excel seems to have turned the class into a date: format the "
            en += "column as Text and type it again"
        issues.error(row.loc("class"), zh, en, value=class_id)
    elif ctx.class_grade[class_id] != grade:
        issues.error(
            row.loc("class"),
            f"这个班级属于 {ctx.class_grade[class_id]} 年级，与该生的年级 {grade} 不符",
            f"this class is in grade {ctx.class_grade[class_id]}, not the "
            f"student's grade {grade}",
            value=class_id,
        )


def _looks_like_a_date(value: object) -> bool:
    """Excel turns a class typed ``1-1`` into 1 January (``1月1日``, ``2026/1/1``)."""
    if isinstance(value, date):
        return True
    return isinstance(value, str) and bool(
        re.fullmatch(
            r"\d{1,2}月\d{1,2}日|\d{4}[-/]\d{1,2}[-/]\d{1,2}.*|\d{1,2}-[A-Za-z]{3}",
            value,
        )
    )


def _bookings(
    row: Row, grade: int, ctx: Context, issues: Issues
) -> tuple[tuple[str, str], ...]:
    booked: list[tuple[str, str]] = []
    grade_blocks = ctx.grade_blocks.get(grade, ctx.block_ids)
    for day in ctx.days:
        raw = row.get(day)
        if raw is None or raw in (0, "0", 0.0):
            continue
        word = cells.text(raw) if not isinstance(raw, (list, dict)) else str(raw)
        block = ctx.block_lookup.get(word.lower())
        if block is None:
            issues.error(
                row.loc(day),
                f"应填离校前的最后一个时段（{', '.join(ctx.block_ids)}），"
                "不参加请留空或填 0",
                f"write the last block the student stays ({', '.join(ctx.block_ids)}); "
                "empty or 0 = not that day",
                value=raw,
            )
        elif block not in grade_blocks:
            issues.error(
                row.loc(day),
                f"该年级不参加这个时段；该年级的时段：{', '.join(grade_blocks)}",
                f"the student's grade does not take part in this block; its blocks: "
                f"{', '.join(grade_blocks)}",
                value=raw,
                rule="H02",
            )
        else:
            booked.append((day, block))
    return tuple(booked)
