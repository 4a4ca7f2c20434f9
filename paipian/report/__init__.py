"""Outputs staff can use: 排片表 (xlsx/csv/html), 分批离校表, 学生安排, 工作量台账.

Everything is rendered from a saved ``Solution`` and its ``ProblemData``;
nothing here solves (and nothing imports ortools). Public outputs hold head
counts only; 学生安排 is the one output with student names.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from paipian.data import ProblemData
from paipian.report.html import TIMETABLE_HTML, write_html
from paipian.report.labels import LANGS
from paipian.report.ledger_book import LEDGER_XLSX, write_ledger_book
from paipian.report.students import STUDENTS_CSV, STUDENTS_XLSX, write_student_notice
from paipian.report.workbook import (
    DEPARTURES_CSV,
    TIMETABLE_CSV,
    TIMETABLE_XLSX,
    write_timetable,
)
from paipian.solution import Solution

__all__ = [
    "DEPARTURES_CSV",
    "LEDGER_XLSX",
    "OUTPUT_FILES",
    "STUDENTS_CSV",
    "STUDENTS_XLSX",
    "TIMETABLE_CSV",
    "TIMETABLE_HTML",
    "TIMETABLE_XLSX",
    "write_ledger",
    "write_outputs",
]

OUTPUT_FILES = (
    TIMETABLE_XLSX,
    TIMETABLE_CSV,
    DEPARTURES_CSV,
    TIMETABLE_HTML,
    STUDENTS_XLSX,
    STUDENTS_CSV,
)


def _lang(lang: str) -> str:
    return lang if lang in LANGS else "zh"


def write_outputs(
    data: ProblemData, solution: Solution, out_dir: Path, lang: str = "zh"
) -> list[Path]:
    """Write every human output of ``solution`` into ``out_dir``; return the paths.

    排片表.xlsx, 排片表.csv, 分批离校表.csv, 排片表.html, 学生安排.xlsx and
    学生安排.csv (not solution.json). A solution without a timetable
    (INFEASIBLE, UNKNOWN, MODEL_INVALID) writes nothing and returns ``[]``.
    """
    if not solution.has_timetable:
        return []
    lang = _lang(lang)
    out_dir = Path(out_dir)
    paths = write_timetable(data, solution, out_dir, lang)
    paths.append(write_html(data, solution, out_dir, lang))
    paths += write_student_notice(data, solution, out_dir, lang)
    return paths


def write_ledger(
    data: ProblemData,
    solution: Solution,
    month: str,
    out_dir: Path,
    lang: str = "zh",
    rates: Mapping[str, float] | None = None,
    official: bool = True,
) -> Path:
    """Write 工作量台账.xlsx for ``month`` (``YYYY-MM``) into ``out_dir``.

    Per staff member: dates and 课时 of the month from the weekly timetable and
    the term calendar, weekly and monthly totals, a 公示 sheet, duty listed
    without 课时; with ``rates`` (staff id, name or kind, or ``*`` → yuan per
    课时) a pay column. Holidays and 调休 come from the instance, else (when
    ``official``) the official calendar. A bad ``month`` raises ``InstanceError``.
    """
    return write_ledger_book(
        data, solution, month, out_dir, _lang(lang), rates, official=official
    )
