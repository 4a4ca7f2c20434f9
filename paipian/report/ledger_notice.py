"""The 公示 sheet of 工作量台账.xlsx, ready to post as printed.

Title (school, month); the body naming the 三重一大 review; the 公示期; one
row per person (dates, days, 课时, and the amount when rates are given); a 合计
row; 制表人 / 审核人 / 校长 lines and room for the school seal; page numbers.
No staff ids and no student names: this sheet goes on a wall.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from paipian.data import ProblemData
from paipian.report.labels import staff_kind_label, staff_label
from paipian.report.ledger import LedgerEntry, rate_for
from paipian.report.ledger_labels import lt
from paipian.report.official_calendar import LedgerCalendar
from paipian.report.sheets import (
    BODY_STYLE,
    HEADER_STYLE,
    cell_value,
    fit_row_heights,
    page_furniture,
    print_setup,
    sheet_title,
)

NOTICE_DAYS = 5  # working days the notice stays up
TITLE = Font(bold=True, size=16)
BOLD = Font(bold=True)
LEFT_WRAP = Alignment(wrap_text=True, vertical="top", horizontal="left")
RIGHT = Alignment(horizontal="right", vertical="center")


@dataclass(frozen=True)
class PersonMonth:
    """One staff member's month: 课时, distinct dates worked."""

    hours: float
    dates: tuple[date, ...]

    @property
    def days(self) -> int:
        return len(self.dates)


def per_person(entries: list[LedgerEntry]) -> dict[str, PersonMonth]:
    """课时 and dates per staff member: a pandas group-by over the entries."""
    if not entries:
        return {}
    frame = pd.DataFrame(
        {
            "staff": [e.staff for e in entries],
            "date": [e.date for e in entries],
            "hours": [e.hours for e in entries],
        }
    )
    hours = frame.groupby("staff")["hours"].sum()
    dates = frame.groupby("staff")["date"].unique()
    return {
        str(sid): PersonMonth(float(hours[sid]), tuple(sorted(dates[sid])))
        for sid in hours.index
    }


def notice_period(year: int, month: int, days: int = NOTICE_DAYS) -> tuple[date, date]:
    """The 公示期: the first ``days`` working days after the month ends.

    Working days follow the official calendar when it knows the year
    (holidays skipped, 调休 Saturdays counted), else Monday to Friday.
    """
    try:
        import chinese_calendar

        def working(d: date) -> bool:
            try:
                return bool(chinese_calendar.is_workday(d))
            except NotImplementedError:
                return d.weekday() < 5

    except ImportError:

        def working(d: date) -> bool:
            return d.weekday() < 5

    d = date(year + month // 12, month % 12 + 1, 1)
    found: list[date] = []
    while len(found) < days:
        if working(d):
            found.append(d)
        d += timedelta(days=1)
    return found[0], found[-1]


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _md(d: date) -> str:
    return f"{d.month}/{d.day}"


def _hours(x: float) -> float:
    return round(float(x) + 1e-9, 2)


def add_notice_sheet(
    wb: Workbook,
    data: ProblemData,
    year: int,
    month: int,
    entries: list[LedgerEntry],
    order: list[str],
    calendar: LedgerCalendar,
    lang: str,
    rates: Mapping[str, float] | None,
    used: set[str],
) -> Worksheet:
    """Write the 公示 sheet (layout in the module docstring)."""
    ws = wb.create_sheet(sheet_title(lt("sheet_notice", lang), used))
    people = per_person(entries)
    header = [lt(k, lang) for k in ("no", "name", "kind", "dates", "days")]
    header.append(lt("month_hours", lang))
    if rates is not None:
        header += [lt("rate", lang), lt("pay", lang)]
    widths = [6, 18, 12, 46, 7, 10, 10, 11][: len(header)]
    last = get_column_letter(len(header))

    def line(text: str, *, font: Font | None = None, height: float = 20) -> int:
        ws.append([cell_value(text)])
        r = ws.max_row
        ws.merge_cells(f"A{r}:{last}{r}")
        ws.cell(r, 1).alignment = LEFT_WRAP
        if font is not None:
            ws.cell(r, 1).font = font
            ws.cell(r, 1).alignment = Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[r].height = height
        return r

    line(
        lt("notice_title", lang, school=data.school.name, year=year, month=month),
        font=TITLE,
        height=30,
    )
    pay_words = lt("notice_and_pay", lang) if rates is not None else ""
    line(
        lt("notice_body", lang, year=year, month=month, pay=pay_words),
        height=48,
    )
    start, end = notice_period(year, month)
    line(lt("notice_period", lang, start=_cn(start), end=_cn(end), n=NOTICE_DAYS))
    ws.append([cell_value(h) for h in header])
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.style = HEADER_STYLE
    total_hours = total_pay = 0.0
    total_days = 0
    for i, sid in enumerate((sid for sid in order if sid in people), start=1):
        person = data.staff_by_id.get(sid)
        hours = _hours(people[sid].hours)
        days = people[sid].days
        row: list[object] = [
            i,
            staff_label(data, sid),
            staff_kind_label(person.kind, lang) if person else "",
            "、".join(_md(d) for d in people[sid].dates),
            days,
            hours,
        ]
        total_hours += hours
        total_days += days
        if rates is not None:
            rate = rate_for(person, sid, rates)
            pay = None if rate is None else round(hours * rate, 2)
            total_pay += pay or 0.0
            row += [rate if rate is not None else "", pay if pay is not None else ""]
        ws.append([cell_value(v) for v in row])
        for cell in ws[ws.max_row]:
            cell.style = BODY_STYLE
    total: list[object] = [
        lt("total", lang),
        lt("people", lang, n=len(people)),
        "",
        "",
        total_days,
        _hours(total_hours),
    ]
    if rates is not None:
        total += ["", round(total_pay, 2)]
    ws.append([cell_value(v) for v in total])
    for cell in ws[ws.max_row]:
        cell.style = BODY_STYLE
        cell.font = BOLD
    ws.append([])
    line(lt("notice_note", lang), height=48)
    line(calendar.note(lang), height=32)
    ws.append([])
    line(lt("notice_signatures", lang), height=28)
    ws.append([])
    for _ in range(4):  # room for the school seal
        ws.append([])
        ws.row_dimensions[ws.max_row].height = 24
    r = line(lt("notice_seal", lang, school=data.school.name), height=24)
    ws.cell(r, 1).alignment = RIGHT
    r = line(lt("notice_date", lang), height=24)
    ws.cell(r, 1).alignment = RIGHT
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    fit_row_heights(ws, header_row)  # dates wrap: rows grow to show them all
    ws.freeze_panes = f"A{header_row + 1}"
    print_setup(ws, f"{header_row}:{header_row}")
    ws.page_setup.orientation = "portrait"
    page_furniture(ws, data.school.name, data.term.name, lang)
    return ws
