"""工作量台账: who worked on which dates of a month, and how many 课时 (浦教 一(二)1–2).

The weekly timetable is laid onto the term calendar:

- a date runs only inside ``term.start``..``term.end``;
- a date in ``calendar.holidays`` runs nothing;
- a date in ``calendar.workdays`` (调休上班) runs its own weekday's timetable,
  or **Monday's** when it falls on a Saturday or Sunday;
- any other date runs its weekday's timetable when that day is a service day.

When the instance gives neither ``holidays`` nor ``workdays``, the official
calendar (法定节假日 and 调休, ``official_calendar``) stands in for them.

课时 per session (FORMAT.md): a leader earns ``lead_load / 60``, the assistant
``assist_load / 60``. Health and admin duty is listed without 课时.
"""

from __future__ import annotations

import calendar as cal
import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from paipian.data import ProblemData, Staff
from paipian.domain import DAYS
from paipian.errors import InstanceError, Location, Problem
from paipian.report.official_calendar import LedgerCalendar, ledger_calendar
from paipian.solution import Solution

WEEKEND = ("sat", "sun")
MAKEUP_WEEKEND_DAY = "mon"
DEFAULT_RATE_KEYS = ("*", "default", "all", "全部", "默认")


@dataclass(frozen=True)
class ServiceDate:
    """One date the service runs, and the weekday timetable it follows."""

    date: date
    timetable_day: str  # mon … sun
    makeup: bool = False


@dataclass(frozen=True)
class LedgerEntry:
    """One staff member's work in one session on one date."""

    date: date
    timetable_day: str
    block: str
    staff: str
    role: str  # lead | assist
    activity: str
    room: str
    hours: float  # 课时
    students: int
    session: str = ""  # the session id


@dataclass(frozen=True)
class DutyEntry:
    date: date
    timetable_day: str
    kind: str  # health | admin
    staff: str


def parse_month(text: str) -> tuple[int, int]:
    """``2026-10`` → (2026, 10); a located ``InstanceError`` otherwise."""
    m = re.fullmatch(r"\s*(\d{4})[-/.年](\d{1,2})月?\s*", text or "")
    if m is None or not 1 <= int(m.group(2)) <= 12:
        raise InstanceError(
            Problem(
                Location("--month"),
                "月份应写成 年-月，例如 2026-10",
                "the month must look like 2026-10",
                value=text,
            )
        )
    return int(m.group(1)), int(m.group(2))


def month_dates(year: int, month: int) -> list[date]:
    days = cal.monthrange(year, month)[1]
    return [date(year, month, d) for d in range(1, days + 1)]


def service_dates(
    data: ProblemData,
    year: int,
    month: int,
    calendar: LedgerCalendar | None = None,
) -> list[ServiceDate]:
    """The dates of ``year``-``month`` on which the service runs (rules above).

    ``calendar``: the holidays and make-ups to use; by default the instance's,
    else the official calendar (``official_calendar.ledger_calendar``).
    """
    calendar = calendar or ledger_calendar(data, year, month)
    holidays = set(calendar.holidays)
    workdays = set(calendar.workdays)
    days = data.calendar.days
    out = []
    for d in month_dates(year, month):
        if not data.term.start <= d <= data.term.end or d in holidays:
            continue
        weekday = DAYS[d.weekday()]
        if d in workdays:
            day = MAKEUP_WEEKEND_DAY if weekday in WEEKEND else weekday
            if day in days:
                out.append(ServiceDate(d, day, makeup=True))
        elif weekday in days:
            out.append(ServiceDate(d, weekday))
    return out


def ledger_entries(
    data: ProblemData,
    solution: Solution,
    year: int,
    month: int,
    calendar: LedgerCalendar | None = None,
) -> tuple[list[LedgerEntry], list[DutyEntry]]:
    """Every (date, session, staff member) of the month, and every duty date."""
    by_day: dict[str, list] = {}
    for s in solution.sessions:
        by_day.setdefault(s.day, []).append(s)
    block_order = {b.id: i for i, b in enumerate(data.calendar.blocks)}
    entries: list[LedgerEntry] = []
    duties: list[DutyEntry] = []
    for sd in service_dates(data, year, month, calendar):
        sessions = sorted(
            by_day.get(sd.timetable_day, []),
            key=lambda s: (block_order.get(s.block, 99), s.activity, s.id),
        )
        for s in sessions:
            act = data.activity_by_id.get(s.activity)
            if act is None or s.block not in data.calendar.block_by_id:
                continue
            lead = data.lead_load(act, s.block) / 60
            for person in s.staff:
                entries.append(
                    LedgerEntry(
                        sd.date,
                        sd.timetable_day,
                        s.block,
                        person,
                        "lead",
                        s.activity,
                        s.room,
                        lead,
                        len(s.students),
                        s.id,
                    )
                )
            if s.assistant:
                entries.append(
                    LedgerEntry(
                        sd.date,
                        sd.timetable_day,
                        s.block,
                        s.assistant,
                        "assist",
                        s.activity,
                        s.room,
                        data.assist_load(s.block) / 60,
                        len(s.students),
                        s.id,
                    )
                )
        for duty in solution.duty:
            if duty.day == sd.timetable_day:
                duties.append(
                    DutyEntry(sd.date, sd.timetable_day, duty.kind, duty.staff)
                )
    return entries, duties


def month_totals(entries: list[LedgerEntry]) -> dict[str, float]:
    """课时 per staff member over the entries."""
    totals: dict[str, float] = {}
    for e in entries:
        totals[e.staff] = totals.get(e.staff, 0.0) + e.hours
    return totals


def rate_for(
    person: Staff | None, staff_id: str, rates: Mapping[str, float]
) -> float | None:
    """The 课时 rate: by staff id, then name, then kind, then a default key."""
    keys = [staff_id]
    if person is not None:
        keys += [person.name, person.kind]
    keys += list(DEFAULT_RATE_KEYS)
    for key in keys:
        if key in rates:
            return float(rates[key])
    return None


def read_rates(path: Path) -> dict[str, float]:
    """``staff_or_kind,rate`` CSV (UTF-8, BOM or GB18030) → mapping; located errors."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InstanceError(
            Problem(
                Location(name),
                f"无法读取文件：{exc.strerror or exc}",
                f"cannot read the file: {exc.strerror or exc}",
            )
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows or [c.strip() for c in rows[0][:2]] != ["staff_or_kind", "rate"]:
        raise InstanceError(
            Problem(
                Location(name, line=1),
                "表头应为 staff_or_kind,rate",
                "the header must be staff_or_kind,rate",
                value=",".join(rows[0]) if rows else "",
            )
        )
    rates: dict[str, float] = {}
    problems = []
    for line, row in enumerate(rows[1:], start=2):
        if not row or not any(c.strip() for c in row):
            continue
        key = row[0].strip()
        value = row[1].strip() if len(row) > 1 else ""
        try:
            rate = float(value)
            if rate < 0:
                raise ValueError
        except ValueError:
            problems.append(
                Problem(
                    Location(name, line=line, column="rate"),
                    "单价应为不小于 0 的数字（元/课时）",
                    "the rate must be a number ≥ 0 (yuan per 课时)",
                    value=value,
                )
            )
            continue
        rates[key] = rate
    if problems:
        raise InstanceError(problems)
    return rates
