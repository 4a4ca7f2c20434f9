"""排片表.xlsx / .csv: sheets, frozen panes, print set-up, values from the solution."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from paipian.data import ProblemData
from paipian.report import OUTPUT_FILES, write_outputs
from paipian.report.workbook import build_timetable_workbook
from paipian.solution import Solution


def test_write_outputs_writes_every_file(example_outputs: dict[str, Path]) -> None:
    assert sorted(example_outputs) == sorted(OUTPUT_FILES)
    for path in example_outputs.values():
        assert path.stat().st_size > 500
    # Atomic writes leave no temporary files behind.
    folder = next(iter(example_outputs.values())).parent
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_sheets_panes_and_print_setup(
    example: tuple[ProblemData, Solution], example_outputs: dict[str, Path]
) -> None:
    data, solution = example
    wb = openpyxl.load_workbook(example_outputs["排片表.xlsx"])
    names = wb.sheetnames
    assert names[:4] == ["目录", "总表", "分批离校表", "值守安排"]
    for grade in ("一年级周表", "三年级周表", "五年级周表"):
        assert grade in names
    assert "教师-丁欣妍" in names  # T001
    assert "场地-体育馆" in names
    assert "班级-三(1)班" in names
    workers = {p for s in solution.sessions for p in s.workers}
    workers |= {d.staff for d in solution.duty}
    assert sum(n.startswith("教师-") for n in names) == len(workers)
    assert sum(n.startswith("班级-") for n in names) == len(data.class_by_id)
    for ws in wb.worksheets[1:]:
        assert ws.freeze_panes in ("A3", "B3"), ws.title
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == str(ws.PAPERSIZE_A4)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1
    master = wb["总表"]
    header = [c.value for c in master[2]]
    for element in ("星期", "时间", "活动内容", "场地", "形式", "负责人", "助教"):
        assert element in header
    assert master.column_dimensions["D"].width >= 15


def test_master_head_counts_match_the_solution(
    example: tuple[ProblemData, Solution], example_outputs: dict[str, Path]
) -> None:
    _data, solution = example
    ws = openpyxl.load_workbook(example_outputs["排片表.xlsx"])["总表"]
    header = [c.value for c in ws[2]]
    col = header.index("人数")
    counts = [r[col] for r in ws.iter_rows(min_row=3, values_only=True)]
    counts = [c for c in counts if isinstance(c, int)]
    assert len(counts) == len(solution.sessions)
    assert sum(counts) == sum(len(s.students) for s in solution.sessions)
    # The first row is Monday's first block.
    first = next(ws.iter_rows(min_row=3, max_row=3, values_only=True))
    assert first[:3] == ("周一", "第1时段", "15:30–16:30")


def test_csv_is_utf8_with_bom_and_matches_the_sheet(
    example: tuple[ProblemData, Solution], example_outputs: dict[str, Path]
) -> None:
    _data, solution = example
    raw = example_outputs["排片表.csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "星期"
    assert len(rows) - 1 == len(solution.sessions)
    col = rows[0].index("人数")
    assert sum(int(r[col]) for r in rows[1:]) == sum(
        len(s.students) for s in solution.sessions
    )


def test_grade_grid_lists_a_known_session(
    example: tuple[ProblemData, Solution], example_outputs: dict[str, Path]
) -> None:
    data, solution = example
    ws = openpyxl.load_workbook(example_outputs["排片表.xlsx"])["三年级周表"]
    assert ws.freeze_panes == "B3"
    days = [c.value for c in ws[2]][1:]
    assert days == ["周一", "周二", "周三", "周四", "周五"]
    hw = next(s for s in solution.sessions if s.id == "mon-B1-HW-1")
    monday_b1 = str(ws.cell(3, 2).value)
    room = data.room_by_id[hw.room].name
    assert f"作业辅导 · {room}" in monday_b1


def test_english_headers(complete: ProblemData, complete_solution: Solution) -> None:
    wb = build_timetable_workbook(complete, complete_solution, lang="en")
    assert wb.sheetnames[:3] == ["Contents", "Timetable", "Departures"]
    header = [c.value for c in wb["Timetable"][2]]
    assert header[:4] == ["Day", "Block", "Time", "Activity"]
    assert wb["Timetable"].cell(3, 1).value == "Mon"


@pytest.mark.parametrize("status", ["INFEASIBLE", "UNKNOWN"])
def test_no_timetable_writes_nothing(
    complete: ProblemData, status: str, tmp_path: Path
) -> None:
    empty = Solution(instance="x", status=status)
    assert write_outputs(complete, empty, tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def test_contents_titles_page_numbers_and_row_heights(
    example: tuple[ProblemData, Solution], example_outputs: dict[str, Path]
) -> None:
    data, _solution = example
    wb = openpyxl.load_workbook(example_outputs["排片表.xlsx"])
    contents = wb["目录"]
    links = {
        c.value: c.hyperlink.location
        for (c,) in contents.iter_rows(min_row=3, min_col=2, max_col=2)
    }
    assert set(links) == set(wb.sheetnames[1:])  # every sheet, once
    assert links["总表"] == "'总表'!A1"
    school = f"{data.school.name} {data.term.name}"
    for ws in wb.worksheets:
        assert str(ws["A1"].value).startswith(school), ws.title
        assert ws.oddHeader.left.text == school
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    # A class grid cell lists many names: its row is as tall as the wrapped text.
    grid = wb["三年级周表"]
    tallest = max(
        str(grid.cell(3, c).value or "").count("\n") + 1
        for c in range(2, grid.max_column + 1)
    )
    assert grid.row_dimensions[3].height >= 15 * tallest
