"""排片表.xlsx, 排片表.csv and 分批离校表.csv.

The workbook holds the 总表 (five elements of every session, 指南 三(一)2), the
分批离校表 (指南 四(二)1), the duty roster, and a week grid per grade, per staff
member, per room and per class. All public: head counts, never student names.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from paipian.data import ProblemData
from paipian.report.departures import departures_table
from paipian.report.labels import t
from paipian.report.rows import (
    class_grids,
    duty_table,
    grade_grids,
    master_table,
    room_grids,
    staff_grids,
)
from paipian.report.sheets import (
    add_grid_sheet,
    add_table_sheet,
    new_workbook,
    save_workbook,
    write_table_csv,
)
from paipian.solution import Solution

TIMETABLE_XLSX = "排片表.xlsx"
TIMETABLE_CSV = "排片表.csv"
DEPARTURES_CSV = "分批离校表.csv"


def build_timetable_workbook(
    data: ProblemData, solution: Solution, lang: str = "zh"
) -> Workbook:
    """The 排片表 workbook in memory (sheets in reading order)."""
    wb = new_workbook()
    used: set[str] = set()
    add_table_sheet(wb, master_table(data, solution, lang), used)
    add_table_sheet(wb, departures_table(data, lang), used)
    if solution.duty:
        add_table_sheet(wb, duty_table(data, solution, lang), used)
    for grid in grade_grids(data, solution, lang):
        add_grid_sheet(wb, grid, used)
    for grid in staff_grids(data, solution, lang):
        add_grid_sheet(wb, grid, used, prefix=t("staff_prefix", lang))
    for grid in room_grids(data, solution, lang):
        add_grid_sheet(wb, grid, used, prefix=t("room_prefix", lang))
    for grid in class_grids(data, solution, lang):
        add_grid_sheet(wb, grid, used, prefix=t("class_prefix", lang))
    return wb


def write_timetable(
    data: ProblemData, solution: Solution, out_dir: Path, lang: str = "zh"
) -> list[Path]:
    """Write 排片表.xlsx, 排片表.csv and 分批离校表.csv into ``out_dir``."""
    out_dir = Path(out_dir)
    wb = build_timetable_workbook(data, solution, lang)
    return [
        save_workbook(wb, out_dir / TIMETABLE_XLSX),
        write_table_csv(out_dir / TIMETABLE_CSV, master_table(data, solution, lang)),
        write_table_csv(out_dir / DEPARTURES_CSV, departures_table(data, lang)),
    ]
