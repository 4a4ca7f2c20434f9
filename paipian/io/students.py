"""The students table: grade, class, booked last block per day (H02), prefs.

Survey exports are read as FORMAT.md's *Survey exports* allows: grades as
``三年级``, classes by name, leaving times and 参加/不参加 in day cells,
preferences by club name; the words themselves live in ``spellings``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from paipian.data import Activity, Student
from paipian.domain import fmt_time
from paipian.errors import Location
from paipian.io import cells
from paipian.io.issues import Issues
from paipian.io.records import Context, unique_id
from paipian.io.spellings import (
    DAY_ATTENDING,
    DAY_NOT_ATTENDING,
    block_ordinal,
    class_key,
    class_number,
    fold,
    leaving_time,
)
from paipian.io.suggest import did_you_mean
from paipian.io.tables import Row, Table

# When more than this share of a column's preferences match no club, the
# column is written some other way: one error, not a warning per child.
MOSTLY_UNKNOWN = 0.5
MIN_PREFS_FOR_ERROR = 5


def parse_students(
    table: Table | None,
    ctx: Context,
    activities: list[tuple[Activity, Row]],
    issues: Issues,
) -> list[Student]:
    """Students with their booked last block per day (H02) and ranked prefs."""
    out: list[Student] = []
    seen: dict[str, Row] = {}
    prefs = _Prefs([a for a, _ in activities])
    for row in table.rows if table else ():
        ident = issues.cell(row, "id", cells.text, "", required=True)
        if not ident or not unique_id(row, ident, seen, issues):
            continue
        grade = issues.cell(row, "grade", cells.grade, None, required=True)
        class_id = _class(row, grade, ctx, issues)
        out.append(
            Student(
                id=ident,
                grade=0 if grade is None else grade,
                class_id=class_id,
                last_block=_bookings(row, grade, ctx, issues),
                name=issues.cell(row, "name", cells.text, ""),
                prefs=prefs.read(row, issues),
                needs_remedial=issues.cell(row, "needs_remedial", cells.items, ()),
            )
        )
    prefs.report(issues)
    return out


def _class(row: Row, grade: int | None, ctx: Context, issues: Issues) -> str:
    """The class id the cell names, by id or by name; "" after an error."""
    if grade is not None and grade not in ctx.grade_blocks and ctx.grade_blocks:
        issues.error(
            row.loc("grade"),
            f"grades 中没有这个年级；已有：{', '.join(map(str, ctx.grade_blocks))}",
            f"no such grade in grades; known: {', '.join(map(str, ctx.grade_blocks))}",
            value=row.get("grade"),
        )
        return issues.cell(row, "class", cells.text, "", required=True)
    written = issues.cell(row, "class", cells.text, "", required=True)
    if not written or not ctx.grade_blocks:  # no grade read: reported there
        return written
    class_id = written
    if class_id not in ctx.class_grade:
        class_id = ctx.class_spellings.get(class_key(written), "")
    if not class_id and grade is not None:
        number = class_number(written)  # 1班 / (1)班 / 一班 within the grade
        class_id = ctx.class_spellings.get((grade, number), "") if number else ""
    if not class_id:
        zh, en = "grades[].classes 中没有这个班级", "no such class in grades[].classes"
        if _looks_like_a_date(row.get("class")):
            zh += "。Excel 似乎把班级号当成了日期：请把该列设为「文本」格式后重新输入"
            en += "; Excel seems to have turned the class into a date: format the "
            en += "column as Text and type it again"
        hint = did_you_mean(written, ctx.class_names)
        issues.error(row.loc("class"), zh, en, value=written, hint=hint)
        return written
    if grade is not None and ctx.class_grade[class_id] != grade:
        issues.error(
            row.loc("class"),
            f"这个班级属于 {ctx.class_grade[class_id]} 年级，与该生的年级 {grade} 不符",
            f"this class is in grade {ctx.class_grade[class_id]}, not the "
            f"student's grade {grade}",
            value=written,
        )
    return class_id


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
    row: Row, grade: int | None, ctx: Context, issues: Issues
) -> tuple[tuple[str, str], ...]:
    booked: list[tuple[str, str]] = []
    grade_blocks = ctx.grade_blocks.get(grade or 0, ctx.block_ids)
    for day in ctx.days:
        raw = row.get(day)
        if raw is None:
            continue
        try:
            block = _day_cell(raw, grade_blocks, ctx)
        except cells.CellError as exc:
            issues.error(row.loc(day), exc.zh, exc.en, value=_shown(raw))
            continue
        if block is None:
            continue
        if block not in grade_blocks:
            issues.error(
                row.loc(day),
                f"该年级不参加这个时段；该年级的时段：{', '.join(grade_blocks)}",
                f"the student's grade does not take part in this block; its blocks: "
                f"{', '.join(grade_blocks)}",
                value=_shown(raw),
                rule="H02",
            )
        else:
            booked.append((day, block))
    return tuple(booked)


def _shown(raw: Any) -> Any:
    """A time cell from Excel as the user typed it (17:30, not 17:30:00)."""
    if isinstance(raw, datetime):
        return raw.strftime("%H:%M") if raw.time() != time() else raw.date()
    if isinstance(raw, time):
        return raw.strftime("%H:%M")
    return raw


def _day_cell(raw: Any, grade_blocks: tuple[str, ...], ctx: Context) -> str | None:
    """The last block booked that day, or ``None`` for not that day.

    A block id; a leaving time (the block ending then: ``17:30``, ``17:30离校``,
    ``16点30``, or an Excel time cell); 参加/是/√ (the grade's last block);
    empty, ``0``, 不参加/否/无 (not that day).
    """
    minutes: int | None = None
    if isinstance(raw, time) or (isinstance(raw, datetime) and raw.time() != time()):
        minutes = raw.hour * 60 + raw.minute
    elif isinstance(raw, bool):
        return grade_blocks[-1] if raw and grade_blocks else None
    elif isinstance(raw, (int, float)) and raw == 0:
        return None
    elif not isinstance(raw, (list, dict, date)):
        word = cells.text(raw)
        block = ctx.block_lookup.get(word.lower())
        if block is not None:
            return block
        spelled = fold(word)
        if spelled in DAY_NOT_ATTENDING:
            return None
        if spelled in DAY_ATTENDING:
            return grade_blocks[-1] if grade_blocks else None
        ordinal = block_ordinal(word)  # 第2时段, as the 排片表 names blocks
        if ordinal is not None and 1 <= ordinal <= len(ctx.block_ids):
            return ctx.block_ids[ordinal - 1]
        minutes = leaving_time(word)
    ends = _block_ends(ctx)
    if minutes is None:
        raise cells.CellError(
            f"应填离校前的最后一个时段（{', '.join(ctx.block_ids)}）或离校时间"
            f"（{ends}），不参加请留空或填「不参加」",
            f"write the last block the student stays ({', '.join(ctx.block_ids)}) "
            f"or the leaving time ({ends}); leave it empty for not that day",
        )
    for timed in ctx.calendar.blocks if ctx.calendar else ():
        if timed.end == minutes:
            return timed.id
    raise cells.CellError(
        f"这个离校时间不是任何时段的结束时间；各时段结束于：{ends}",
        f"this leaving time is not the end of any block; blocks end at: {ends}",
    )


def _block_ends(ctx: Context) -> str:
    blocks = ctx.calendar.blocks if ctx.calendar else ()
    return "、".join(f"{b.id} {fmt_time(b.end)}" for b in blocks)


# FORMAT.md's separators, plus what survey tools put between multiple
# answers: 问卷星's ┋, a line break inside the cell, an arrow in a ranking.
_PREF_SEPARATORS = re.compile(r"[;,|┋¦→\n]")


class _Prefs:
    """Reads the prefs column: club ids or names; judges the column as a whole."""

    def __init__(self, activities: list[Activity]) -> None:
        self.activities = {a.id: a for a in activities}
        by_spelling: dict[str, set[str]] = {}
        for activity in activities:
            for spelling in (activity.id, activity.name):
                by_spelling.setdefault(fold(spelling), set()).add(activity.id)
        # A name two activities share names neither.
        self.by_spelling: Mapping[str, str] = {
            key: next(iter(ids)) for key, ids in by_spelling.items() if len(ids) == 1
        }
        self.club_words = [
            word for a in activities if a.is_club for word in (a.name, a.id)
        ]
        self.total = 0
        self.unknown: list[tuple[Row, str]] = []
        self.not_club: list[tuple[Row, str]] = []

    def read(self, row: Row, issues: Issues) -> tuple[str, ...]:
        raw = row.get("prefs")
        if raw is None:
            return ()
        try:
            listed = cells.items(raw)
        except cells.CellError as exc:
            issues.error(row.loc("prefs"), exc.zh, exc.en, value=raw)
            return ()
        out: list[str] = []
        for entry in listed:
            for item in _PREF_SEPARATORS.split(entry):
                item = item.strip()
                if not item:
                    continue
                self.total += 1
                ident = item if item in self.activities else None
                ident = ident or self.by_spelling.get(fold(item))
                if ident is None:
                    self.unknown.append((row, item))
                    out.append(item)  # kept as given; allowed_club_prefs skips it
                    continue
                if not self.activities[ident].is_club:
                    self.not_club.append((row, item))
                out.append(ident)
        return tuple(out)

    def report(self, issues: Issues) -> None:
        """A warning per unknown preference, or one error when most are."""
        astray = len(self.unknown) + len(self.not_club)
        if (
            self.unknown
            and self.total >= MIN_PREFS_FOR_ERROR
            and astray > MOSTLY_UNKNOWN * self.total
        ):
            self._mostly_unknown(issues)
            return
        for row, item in self.unknown:
            issues.warn(
                row.loc("prefs"),
                "没有这个社团，志愿中忽略",
                "no such club; ignored",
                value=item,
                hint=did_you_mean(item, self.club_words),
            )
        for row, item in self.not_club:
            issues.warn(
                row.loc("prefs"),
                "这不是社团（mode: club），志愿中忽略",
                "not a club (mode: club); ignored",
                value=item,
            )

    def _mostly_unknown(self, issues: Issues) -> None:
        first_row, first = (self.unknown + self.not_club)[0]
        examples = list(dict.fromkeys(item for _, item in self.unknown))[:3]
        shown = "、".join(f"「{e}」" for e in examples)
        hint_zh, hint_en = did_you_mean(first, self.club_words)
        count = len(self.unknown) + len(self.not_club)
        where = first_row.loc("prefs")
        issues.error(
            Location(where.file, line=where.line, column=where.column, key=where.key),
            f"志愿中 {count}/{self.total} 项对不上任何社团（如 {shown}），"
            "孩子们的志愿会全部丢失：请写社团编号或社团名称（见 activities），"
            f"多个志愿用 ; 、 , | 分隔{hint_zh}",
            f"{count} of {self.total} preferences match no club (e.g. "
            f"{', '.join(examples)}); every child's wishes would be lost: write "
            f"club ids or names (see activities), separated by ; 、 , or |{hint_en}",
            value=first,
        )
