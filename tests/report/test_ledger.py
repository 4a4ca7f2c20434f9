"""工作量台账: calendar arithmetic and 课时 totals, recomputed by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from factories import duties, make_solution, session

from paipian.data import ProblemData
from paipian.errors import InstanceError
from paipian.report import write_ledger
from paipian.report.ledger import (
    ledger_entries,
    month_totals,
    parse_month,
    read_rates,
    service_dates,
)
from paipian.report.ledger_book import month_weeks
from paipian.solution import Solution

HOLIDAY = date(2026, 10, 13)  # a Tuesday
WEEKEND_MAKEUP = date(2026, 10, 11)  # a Sunday: runs Monday's timetable
WEEKDAY_MAKEUP = date(2026, 10, 16)  # a Friday: not a service day here


def calendar_school(complete: ProblemData) -> ProblemData:
    """``complete`` (mon, tue) with a term starting 10/10, a holiday, make-ups."""
    return replace(
        complete,
        term=replace(complete.term, start=date(2026, 10, 10)),
        calendar=replace(
            complete.calendar,
            holidays=(HOLIDAY, date(2026, 9, 8)),
            workdays=(WEEKEND_MAKEUP, WEEKDAY_MAKEUP),
        ),
    )


def ledger_week() -> Solution:
    """A fixed week for the hand arithmetic below (blocks are 60 minutes)."""
    return make_solution(
        [
            session("BALL", "FIELD", "X1", ["c1", "c2"], "mon", "B1", assistant="T2"),
            session("READ", "LIB", "T3", ["a1", "a2"], "mon", "B1"),
            session("HW", "R1", "T1", ["c4", "c5"], "mon", "B1"),
            session("PLAY", "FIELD", "T2", ["c4"], "mon", "B2"),
            session("HW", "R1", "T1", ["c1", "c2"], "mon", "B2"),
            session("CARE", "R2", "T3", ["a1"], "mon", "B2"),
            session("BALL", "GYM", "X1", ["c1", "c2"], "tue", "B1", assistant="T4"),
            session("PLAY", "FIELD", "T2", ["a1", "a2"], "tue", "B1"),
            session("REM", "R1", "T1", ["c4"], "tue", "B1"),
            session("HW", "R1", "T4", ["c1", "c2"], "tue", "B2"),
            session("READ", "LIB", "T3", ["a1", "a2"], "tue", "B2"),
        ],
        duty=[*duties(["mon"], "H1", "A1"), *duties(["tue"], "H1", "A2")],
    )


def test_service_dates_follow_term_holidays_and_makeups(complete: ProblemData) -> None:
    data = calendar_school(complete)
    got = [(sd.date.day, sd.timetable_day) for sd in service_dates(data, 2026, 10)]
    # Before 10/10 out of term; 10/11 Sunday make-up → Monday's timetable;
    # 10/13 holiday; 10/16 make-up on a Friday, not a service day → nothing.
    assert got == [
        (11, "mon"),
        (12, "mon"),
        (19, "mon"),
        (20, "tue"),
        (26, "mon"),
        (27, "tue"),
    ]


def test_month_totals_by_hand(complete: ProblemData) -> None:
    data = calendar_school(complete)
    entries, on_duty = ledger_entries(data, ledger_week(), 2026, 10)
    totals = month_totals(entries)
    # 4 Monday runs (10/11, 12, 19, 26), 2 Tuesday runs (10/20, 27); blocks 60 min.
    # T1: mon HW+HW = 2, tue REM = 1      → 4×2 + 2×1 = 10
    # T2: mon assist BALL 0.5 + PLAY 1, tue PLAY 1 → 4×1.5 + 2×1 = 8
    # T3: mon READ + CARE = 2, tue READ 1 → 4×2 + 2×1 = 10
    # T4: tue assist BALL 0.5 + HW 1      → 2×1.5 = 3
    # X1: mon BALL 1, tue BALL 1          → 4 + 2 = 6
    assert totals == pytest.approx({"T1": 10, "T2": 8, "T3": 10, "T4": 3, "X1": 6})
    # Duty: H1 every date (6), A1 Mondays (4), A2 Tuesdays (2); no 课时.
    per_staff = {s: sum(1 for d in on_duty if d.staff == s) for s in ("H1", "A1", "A2")}
    assert per_staff == {"H1": 6, "A1": 4, "A2": 2}


def test_month_weeks_cover_the_month() -> None:
    weeks = month_weeks(2026, 10)
    assert weeks[0] == (date(2026, 10, 1), date(2026, 10, 4))
    assert weeks[-1] == (date(2026, 10, 26), date(2026, 10, 31))
    assert sum((b - a).days + 1 for a, b in weeks) == 31


def test_ledger_workbook_totals_rates_and_notice(
    complete: ProblemData, tmp_path: Path
) -> None:
    data = calendar_school(complete)
    rates = {"teacher": 50.0, "X1": 80.0}
    path = write_ledger(data, ledger_week(), "2026-10", tmp_path, rates=rates)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["汇总", "公示", "明细", "每日记录", "值守"]
    summary = wb["汇总"]
    header = [c.value for c in summary[1]]
    rows = {
        r[0]: dict(zip(header, r, strict=False))
        for r in summary.iter_rows(min_row=2, values_only=True)
        if r[0] in {"T1", "T2", "T3", "T4", "X1"}
    }
    assert rows["T1"]["当月课时"] == 10
    assert rows["T1"]["周课时（课表）"] == 3  # mon 2 + tue 1
    assert rows["T1"]["10/5–10/11"] == 2  # the Sunday make-up
    assert rows["T1"]["10/12–10/18"] == 2  # Tuesday 10/13 is a holiday
    assert rows["T1"]["天数"] == 6
    assert rows["T1"]["金额（元）"] == 500
    assert rows["X1"]["金额（元）"] == 480
    assert rows["T4"]["参与日期"] == "10/20、10/27"
    # The note documents the make-up rule.
    notes = [r[0] for r in summary.iter_rows(values_only=True) if r[0]]
    assert any("周一的课表" in str(n) for n in notes)
    notice = wb["公示"]
    assert "工作量公示" in str(notice["A1"].value)
    rows_ = list(notice.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows_) if r[0] == "序号") + 1
    assert notice.freeze_panes == f"A{top + 1}"
    notice_header = list(rows_[top - 1])
    notice_hours = {r[1]: r[5] for r in rows_[top:] if isinstance(r[0], int)}
    assert notice_hours == {"T1": 10, "T2": 8, "T3": 10, "T4": 3, "X1": 6}
    # With rates the 公示 shows the amounts; never a staff id.
    assert "金额（元）" in notice_header and "工号" not in notice_header
    pay = notice_header.index("金额（元）")
    total = next(r for r in rows_ if r[0] == "合计")
    assert total[5] == 37 and total[pay] == 500 + 8 * 50 + 500 + 150 + 480
    detail_hours = sum(
        r[10]
        for r in wb["明细"].iter_rows(min_row=2, values_only=True)
        if isinstance(r[10], (int, float))
    )
    assert detail_hours == pytest.approx(37)
    duty_rows = [r for r in wb["值守"].iter_rows(min_row=2, values_only=True) if r[1]]
    assert len(duty_rows) == 12


def test_english_ledger_headers(
    complete: ProblemData, complete_solution: Solution, tmp_path: Path
) -> None:
    path = write_ledger(complete, complete_solution, "2026-10", tmp_path, lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["Summary", "Notice"]
    assert "课时 this month" in [c.value for c in wb["Summary"][1]]


@pytest.mark.parametrize("text", ["2026-13", "October", "", "2026-1x"])
def test_bad_month_is_a_located_error(text: str) -> None:
    with pytest.raises(InstanceError) as info:
        parse_month(text)
    assert info.value.problems[0].where.file == "--month"


def test_month_accepts_common_spellings() -> None:
    assert parse_month("2026-10") == (2026, 10)
    assert parse_month("2026年3月") == (2026, 3)


def test_rates_csv(tmp_path: Path) -> None:
    good = tmp_path / "rates.csv"
    good.write_text("staff_or_kind,rate\nteacher,50\nX1,80.5\n", encoding="utf-8-sig")
    assert read_rates(good) == {"teacher": 50.0, "X1": 80.5}
    bad = tmp_path / "bad.csv"
    bad.write_text("staff_or_kind,rate\nteacher,五十\n", encoding="utf-8")
    with pytest.raises(InstanceError) as info:
        read_rates(bad)
    assert info.value.problems[0].where.line == 2
