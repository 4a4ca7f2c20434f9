"""What the rows of every table share, and the rooms table (FORMAT.md, Tables).

The context rows are checked against, unique ids, coded values (also in
Chinese), slot cells, bounded counts and skills; ``staff`` and ``activities``
hold the other two tables.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from paipian.data import (
    Calendar,
    Room,
    Rules,
    Slot,
)
from paipian.domain import (
    CATEGORY_ZH,
    DAY_ZH,
    ROOM_KINDS,
)
from paipian.io import cells
from paipian.io.issues import Issues
from paipian.io.sections import GradeSection
from paipian.io.spellings import (
    CATEGORY_WORDS,
    ROOM_KIND_WORDS,
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


def enum_cell(
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


def slot_cell(
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


def positive_int(value: Any) -> int:
    """A whole number of at least 1."""
    n = cells.integer(value)
    if n < 1:
        raise cells.CellError("应为正整数", "must be a positive whole number")
    return n


def _room_capacity(value: Any) -> int:
    n = positive_int(value)
    cells.within(n, 1, cells.MAX_GROUP)
    return n


def weekly_count(value: Any) -> int:
    """Sessions or 课时 a week: 0 to ``MAX_PER_WEEK``."""
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
            kind=enum_cell(row, "kind", ROOM_KINDS, issues, words=ROOM_KIND_WORDS),
            capacity=issues.cell(row, "capacity", _room_capacity, 1, required=True),
            outdoor=issues.cell(row, "outdoor", cells.boolean, False),
            tags=frozenset(issues.cell(row, "tags", cells.items, ())),
            closed=slot_cell(row, "closed", ctx, issues) or frozenset(),
            zone=issues.cell(row, "zone", cells.text, ""),
        )
        out.append((room, row))
    return out


def skills(row: Row, column: str, issues: Issues) -> frozenset[str]:
    """Categories, also by their Chinese names (体育 → sports)."""
    listed = issues.cell(row, column, cells.items, ())
    return frozenset(known_code(s, CATEGORY_ZH, CATEGORY_WORDS) or s for s in listed)
