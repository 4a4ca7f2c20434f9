"""工作量台账.xlsx: 汇总, 公示 (ready to post, ``ledger_notice``), 明细, 每日记录
and 值守.

Dates come from the term, and holidays and 调休 workdays from the instance or,
when it gives none, the official calendar (``official_calendar``); every sheet
says which. Amounts appear when rates are given. Per-person sums are pandas
group-bys over the ledger entries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from paipian.data import ProblemData
from paipian.domain import DAYS
from paipian.report.labels import (
    activity_label,
    block_label,
    block_time,
    day_label,
    room_label,
    staff_kind_label,
    staff_label,
)
from paipian.report.ledger import (
    DutyEntry,
    LedgerEntry,
    ledger_entries,
    month_dates,
    parse_month,
    rate_for,
    service_dates,
)
from paipian.report.ledger_labels import lt
from paipian.report.ledger_notice import add_notice_sheet, per_person
from paipian.report.official_calendar import LedgerCalendar, ledger_calendar
from paipian.report.rows import Table, weekly_load
from paipian.report.sheets import (
    add_table_sheet,
    new_workbook,
    page_furniture,
    save_workbook,
)
from paipian.solution import Solution

LEDGER_XLSX = "工作量台账.xlsx"


def _hours(x: float) -> float:
    return round(x + 1e-9, 2)


def _md(d: date) -> str:
    return f"{d.month}/{d.day}"


def month_weeks(year: int, month: int) -> list[tuple[date, date]]:
    """Monday-to-Sunday weeks of the month, clipped to the month."""
    days = month_dates(year, month)
    weeks: list[tuple[date, date]] = []
    start = days[0]
    while start <= days[-1]:
        end = min(start + timedelta(days=6 - start.weekday()), days[-1])
        weeks.append((start, end))
        start = end + timedelta(days=1)
    return weeks


def _staff_order(data: ProblemData, ids: set[str]) -> list[str]:
    order = [p.id for p in data.staff if p.id in ids]
    return order + sorted(ids - set(order))


def summary_table(
    data: ProblemData,
    solution: Solution,
    year: int,
    month: int,
    entries: list[LedgerEntry],
    lang: str,
    rates: Mapping[str, float] | None,
    calendar: LedgerCalendar | None = None,
) -> Table:
    """Per staff member: weekly 课时, 课时 per week of the month, month total, pay."""
    weekly = weekly_load(data, solution)
    weeks = month_weeks(year, month)
    people = per_person(entries)
    by_week = _hours_by_week(entries, weeks)
    ids = {k for k, v in weekly.items() if v > 0} | set(people)
    header = [
        lt("staff_id", lang),
        lt("name", lang),
        lt("kind", lang),
        lt("weekly_hours", lang),
        *(f"{_md(a)}–{_md(b)}" for a, b in weeks),
        lt("month_hours", lang),
        lt("days", lang),
        lt("dates", lang),
    ]
    if rates is not None:
        header += [lt("rate", lang), lt("pay", lang)]
    rows = []
    for sid in _staff_order(data, ids):
        person = data.staff_by_id.get(sid)
        total = people[sid].hours if sid in people else 0.0
        dates = people[sid].dates if sid in people else ()
        week_hours = by_week.get(sid, [0.0] * len(weeks))
        row: list[object] = [
            sid,
            staff_label(data, sid),
            staff_kind_label(person.kind, lang) if person else "",
            _hours(weekly.get(sid, 0.0)),
            *(_hours(h) for h in week_hours),
            _hours(total),
            len(dates),
            "、".join(_md(d) for d in dates),
        ]
        if rates is not None:
            rate = rate_for(person, sid, rates)
            row += [
                rate if rate is not None else "",
                "" if rate is None else round(_hours(total) * rate, 2),
            ]
        rows.append(tuple(row))
    widths = (8, 22, 10, 9, *(12 for _ in weeks), 9, 6, 40, 8, 10)
    return Table(
        lt("sheet_summary", lang),
        tuple(header),
        tuple(rows),
        widths,
        calendar_note(data, year, month, lang, calendar),
    )


def _hours_by_week(
    entries: list[LedgerEntry], weeks: list[tuple[date, date]]
) -> dict[str, list[float]]:
    """课时 per staff member and week of the month: a pandas pivot table."""
    if not entries:
        return {}
    starts = [a for a, _ in weeks]
    frame = pd.DataFrame(
        {
            "staff": [e.staff for e in entries],
            "week": [
                max(i for i, a in enumerate(starts) if a <= e.date) for e in entries
            ],
            "hours": [e.hours for e in entries],
        }
    )
    table = frame.pivot_table(
        index="staff", columns="week", values="hours", aggfunc="sum", fill_value=0.0
    ).reindex(columns=range(len(weeks)), fill_value=0.0)
    return {
        str(sid): [float(h) for h in row]
        for sid, row in zip(table.index, table.to_numpy().tolist(), strict=True)
    }


def calendar_note(
    data: ProblemData,
    year: int,
    month: int,
    lang: str,
    calendar: LedgerCalendar | None = None,
) -> str:
    """How the month's dates were derived, with this month's service days."""
    calendar = calendar or ledger_calendar(data, year, month)
    sds = service_dates(data, year, month, calendar)
    makeups = [sd for sd in sds if sd.makeup]
    holidays = [d for d in calendar.holidays if (d.year, d.month) == (year, month)]
    return (
        lt(
            "calendar_note",
            lang,
            n=len(sds),
            start=data.term.start.isoformat(),
            end=data.term.end.isoformat(),
            holidays="、".join(_md(d) for d in sorted(holidays)) or "—",
            makeups="、".join(
                f"{_md(sd.date)}({day_label(sd.timetable_day, lang)})" for sd in makeups
            )
            or "—",
        )
        + " "
        + calendar.note(lang)
    )


def detail_table(data: ProblemData, entries: list[LedgerEntry], lang: str) -> Table:
    header = tuple(
        lt(k, lang)
        for k in (
            "date",
            "weekday",
            "timetable",
            "block",
            "time",
            "name",
            "role",
            "activity",
            "room",
            "students",
            "hours",
        )
    )
    rows = tuple(
        (
            e.date.isoformat(),
            day_label(DAYS[e.date.weekday()], lang),
            day_label(e.timetable_day, lang),
            block_label(data, e.block, lang),
            block_time(data, e.block),
            staff_label(data, e.staff),
            lt("role_" + e.role, lang),
            activity_label(data, e.activity),
            room_label(data, e.room),
            e.students,
            _hours(e.hours),
        )
        for e in sorted(
            entries,
            key=lambda e: (
                e.date,
                data.calendar.block_index(e.block)
                if e.block in data.calendar.block_by_id
                else 99,
                e.staff,
            ),
        )
    )
    widths = (12, 7, 9, 9, 13, 22, 7, 20, 16, 7, 7)
    return Table(lt("sheet_detail", lang), header, rows, widths)


def daily_table(data: ProblemData, entries: list[LedgerEntry], lang: str) -> Table:
    """Per date and block: sessions run, student-sessions, 课时 (每日按实记录)."""
    agg: dict[tuple[date, str], list[float]] = defaultdict(lambda: [0, 0, 0.0])
    seen: set[tuple[date, str]] = set()
    for e in entries:
        a = agg[(e.date, e.block)]
        key = (e.date, e.session or f"{e.block}/{e.activity}/{e.room}")
        if key not in seen:
            seen.add(key)
            a[0] += 1
            a[1] += e.students
        a[2] += e.hours
    order = {b.id: i for i, b in enumerate(data.calendar.blocks)}
    rows = tuple(
        (d.isoformat(), block_label(data, b, lang), int(v[0]), int(v[1]), _hours(v[2]))
        for (d, b), v in sorted(
            agg.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 99))
        )
    )
    header = tuple(
        lt(k, lang) for k in ("date", "block", "sessions", "student_sessions", "hours")
    )
    return Table(lt("sheet_daily", lang), header, rows, (12, 10, 9, 11, 9))


def duty_table(data: ProblemData, duties: list[DutyEntry], lang: str) -> Table:
    header = tuple(lt(k, lang) for k in ("date", "timetable", "duty_kind", "name"))
    rows = tuple(
        (
            d.date.isoformat(),
            day_label(d.timetable_day, lang),
            lt("duty_" + d.kind, lang) if d.kind in ("health", "admin") else d.kind,
            staff_label(data, d.staff),
        )
        for d in sorted(duties, key=lambda d: (d.date, d.kind, d.staff))
    )
    return Table(
        lt("sheet_duty", lang), header, rows, (12, 9, 12, 24), lt("duty_note", lang)
    )


def write_ledger_book(
    data: ProblemData,
    solution: Solution,
    month: str,
    out_dir: Path,
    lang: str = "zh",
    rates: Mapping[str, float] | None = None,
    official: bool = True,
) -> Path:
    """Write 工作量台账.xlsx for ``month`` (``2026-10``) into ``out_dir``.

    ``official``: use the official calendar when the instance gives no
    holidays or workdays (``official_calendar.ledger_calendar``).
    """
    year, mon = parse_month(month)
    calendar = ledger_calendar(data, year, mon, official=official)
    entries, duties = ledger_entries(data, solution, year, mon, calendar)
    wb = new_workbook()
    used: set[str] = set()
    add_table_sheet(
        wb,
        summary_table(data, solution, year, mon, entries, lang, rates, calendar),
        used,
    )
    weekly = weekly_load(data, solution)
    order = _staff_order(data, {e.staff for e in entries} | set(weekly))
    add_notice_sheet(wb, data, year, mon, entries, order, calendar, lang, rates, used)
    add_table_sheet(wb, detail_table(data, entries, lang), used)
    add_table_sheet(wb, daily_table(data, entries, lang), used)
    add_table_sheet(wb, duty_table(data, duties, lang), used)
    for ws in wb.worksheets:
        page_furniture(ws, data.school.name, data.term.name, lang)
    return save_workbook(wb, Path(out_dir) / LEDGER_XLSX)
