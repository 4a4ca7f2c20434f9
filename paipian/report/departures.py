"""分批离校表: per day and block end, which classes leave and how many students.

A student leaves at the end of their last present block of the day (H02
presence). Gate staff read one row per wave; the counts come from the survey,
so the table is the same for every timetable of the instance. Head counts
only: no student's name or id.
"""

from __future__ import annotations

from collections import Counter

from paipian.data import ProblemData, Student
from paipian.domain import fmt_time
from paipian.report.labels import block_label, class_label, day_label, t
from paipian.report.rows import Table


def last_present_block(data: ProblemData, student: Student, day: str) -> str | None:
    """The block at whose end ``student`` leaves on ``day`` (None: not there)."""
    last = None
    for block in data.calendar.blocks:
        if data.is_present(student, day, block.id):
            last = block.id
    return last


def departure_counts(data: ProblemData) -> dict[tuple[str, str], Counter[str]]:
    """(day, block) → class id → students leaving at that block's end."""
    waves: dict[tuple[str, str], Counter[str]] = {}
    for day in data.calendar.days:
        for block in data.calendar.blocks:
            waves[(day, block.id)] = Counter()
    for student in data.students:
        for day in data.calendar.days:
            last = last_present_block(data, student, day)
            if last is not None:
                waves[(day, last)][student.class_id] += 1
    return waves


def departures_table(data: ProblemData, lang: str = "zh") -> Table:
    """One row per (day, block end) with leavers: time, head count, classes."""
    class_order = {c: i for i, c in enumerate(data.class_by_id)}
    rows: list[tuple[object, ...]] = []
    counts = departure_counts(data)
    for day in data.calendar.days:
        for block in data.calendar.blocks:
            leaving = counts[(day, block.id)]
            if not leaving:
                continue
            classes = sorted(leaving, key=lambda c: (class_order.get(c, 10**6), c))
            sep = "; " if lang == "en" else "、"
            unit = "" if lang == "en" else "人"
            listing = sep.join(
                f"{class_label(data, c)} {leaving[c]}{unit}" for c in classes
            )
            rows.append(
                (
                    day_label(day, lang),
                    block_label(data, block.id, lang),
                    fmt_time(block.end),
                    sum(leaving.values()),
                    listing,
                )
            )
    header = (
        t("day", lang),
        t("after_block", lang),
        t("block_end", lang),
        t("leavers", lang),
        t("classes_leaving", lang),
    )
    return Table(
        title=t("sheet_departures", lang),
        header=header,
        rows=tuple(rows),
        widths=(8, 10, 10, 10, 90),
    )
