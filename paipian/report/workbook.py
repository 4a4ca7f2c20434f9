"""排片表.xlsx, 排片表.csv and 分批离校表.csv.

The workbook opens on a 目录 sheet linking to every sheet, and holds the 总表
(five elements of every session, 指南 三(一)2), the 分批离校表 (指南 四(二)1),
the duty roster, and a week grid per grade, per staff member, per room and per
class. All public: head counts, never student names.
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
    add_contents_sheet,
    add_grid_sheet,
    add_table_sheet,
    new_workbook,
    page_furniture,
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
    """The 排片表 workbook in memory: a 目录 sheet linking to the rest (in
    reading order), school and term atop every sheet and in the page header,
    page numbers in the footer."""
    wb = new_workbook()
    used: set[str] = set()
    school = f"{data.school.name} {data.term.name}".strip()
    add_table_sheet(wb, master_table(data, solution, lang), used, heading=school)
    add_table_sheet(wb, departures_table(data, lang), used, heading=school)
    if solution.duty:
        add_table_sheet(wb, duty_table(data, solution, lang), used, heading=school)
    for grid in grade_grids(data, solution, lang):
        add_grid_sheet(wb, grid, used, heading=school)
    for grid in staff_grids(data, solution, lang):
        add_grid_sheet(wb, grid, used, prefix=t("staff_prefix", lang), heading=school)
    for grid in room_grids(data, solution, lang):
        add_grid_sheet(wb, grid, used, prefix=t("room_prefix", lang), heading=school)
    for grid in class_grids(data, solution, lang):
        add_grid_sheet(wb, grid, used, prefix=t("class_prefix", lang), heading=school)
    contents = "Contents" if lang == "en" else "目录"
    add_contents_sheet(
        wb,
        contents,
        f"{school} {'timetable' if lang == 'en' else '课后服务排片表'}",
        used,
        lang,
    )
    for ws in wb.worksheets:
        page_furniture(ws, data.school.name, data.term.name, lang)
    wb.active = 0
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
