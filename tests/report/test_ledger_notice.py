"""The 公示 is ready to post, and the ledger knows the official calendar."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from paipian.data import ProblemData
from paipian.report import write_ledger
from paipian.report.ledger import service_dates
from paipian.report.ledger_notice import notice_period
from paipian.report.official_calendar import ledger_calendar
from paipian.solution import Solution

pytest.importorskip("chinese_calendar")


def _october(complete: ProblemData) -> ProblemData:
    """``complete`` (mon, tue) over the autumn term, no holidays typed in."""
    return replace(
        complete,
        term=replace(complete.term, start=date(2026, 9, 1), end=date(2027, 1, 20)),
        calendar=replace(complete.calendar, holidays=(), workdays=()),
    )


def test_the_official_calendar_stands_in_when_the_instance_gives_none(
    complete: ProblemData,
) -> None:
    data = _october(complete)
    cal = ledger_calendar(data, 2026, 10)
    assert cal.origin == "official" and "chinesecalendar" in cal.library
    got = {sd.date: sd.timetable_day for sd in service_dates(data, 2026, 10)}
    for day in range(1, 8):  # 国庆: no service
        assert date(2026, 10, day) not in got
    assert got[date(2026, 10, 10)] == "mon"  # a 调休 Saturday runs Monday's
    assert got[date(2026, 10, 12)] == "mon"
    assert "国家法定节假日" in cal.note("zh")


def test_the_instance_calendar_wins_and_can_be_switched_off(
    complete: ProblemData,
) -> None:
    data = _october(complete)
    typed = replace(
        data, calendar=replace(data.calendar, holidays=(date(2026, 10, 5),))
    )
    cal = ledger_calendar(typed, 2026, 10)
    assert cal.origin == "instance" and "calendar.holidays" in cal.note("zh")
    dates = {sd.date for sd in service_dates(typed, 2026, 10)}
    assert date(2026, 10, 6) in dates and date(2026, 10, 5) not in dates
    none = ledger_calendar(data, 2026, 10, official=False)
    assert none.origin == "none"
    assert date(2026, 10, 6) in {sd.date for sd in service_dates(data, 2026, 10, none)}


def test_a_year_the_library_does_not_know_is_said(complete: ProblemData) -> None:
    far = replace(
        complete,
        term=replace(complete.term, start=date(2040, 9, 1), end=date(2041, 1, 20)),
        calendar=replace(complete.calendar, holidays=(), workdays=()),
    )
    cal = ledger_calendar(far, 2040, 10)
    assert cal.unknown_years == (2040,)
    assert "2040" in cal.note("zh") and "calendar.holidays" in cal.note("zh")
    assert date(2040, 10, 1) in {sd.date for sd in service_dates(far, 2040, 10, cal)}


def test_the_notice_period_skips_holidays() -> None:
    # After September 2026: 10/1–10/7 are 国庆; then 10/8, 10/9, the 调休
    # Saturday 10/10, 10/12 and 10/13 are the five working days.
    assert notice_period(2026, 9) == (date(2026, 10, 8), date(2026, 10, 13))


def test_the_notice_is_ready_to_post(
    complete: ProblemData, complete_solution: Solution, tmp_path: Path
) -> None:
    data = _october(complete)
    path = write_ledger(data, complete_solution, "2026-10", tmp_path, rates={"*": 60})
    ws = openpyxl.load_workbook(path)["公示"]
    text = [str(r[0]) for r in ws.iter_rows(values_only=True) if r[0] is not None]
    header_at = text.index("序号")
    assert data.school.name in text[0] and "2026年10月" in text[0]
    body = " ".join(text[:header_at])  # above the table, not a footnote
    assert "三重一大" in body and "公示期：2026年11月2日至2026年11月6日" in body
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[header_at])
    total = next(r for r in rows if r[0] == "合计")
    people = [r for r in rows[header_at + 1 :] if isinstance(r[0], int)]
    hours = header.index("当月课时")
    pay = header.index("金额（元）")
    assert [r[0] for r in people] == list(range(1, len(people) + 1))
    assert total[hours] == pytest.approx(sum(r[hours] for r in people))
    assert total[pay] == pytest.approx(sum(r[pay] for r in people))
    assert total[pay] == pytest.approx(60 * total[hours])
    after = " ".join(text[header_at:])
    for words in ("制表人", "审核人", "校长", "盖章", "年　　月　　日"):
        assert words in after
    assert "国家法定节假日" in after
    assert "&P" in ws.oddFooter.center.text
    assert ws.print_title_rows == f"${header_at + 1}:${header_at + 1}"
    # The dates wrap in their column: those rows are taller than one line.
    first = header_at + 2
    assert (ws.row_dimensions[first].height or 0) > 15


def test_without_rates_the_notice_has_no_amounts(
    complete: ProblemData, complete_solution: Solution, tmp_path: Path
) -> None:
    path = write_ledger(_october(complete), complete_solution, "2026-10", tmp_path)
    ws = openpyxl.load_workbook(path)["公示"]
    values = {c for r in ws.iter_rows(values_only=True) for c in r if c}
    assert "金额（元）" not in values and "合计" in values
