"""Public outputs hold no student name nor id; text never becomes a formula."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import openpyxl

from paipian.data import ProblemData
from paipian.report import write_ledger, write_outputs
from paipian.report.safe import neutralise
from paipian.solution import Solution

PUBLIC = ("排片表.xlsx", "排片表.csv", "分批离校表.csv", "排片表.html")


def all_text(path: Path) -> list[str]:
    """Every cell (xlsx, csv) or the whole page (html) as text."""
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path)
        return [
            str(v)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
            for v in row
            if v is not None
        ]
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".csv":
        return [cell for row in csv.reader(text.splitlines()) for cell in row]
    return [text]


def test_no_student_name_or_id_in_public_outputs(
    example: tuple[ProblemData, Solution], example_outputs: dict[str, Path]
) -> None:
    data, _solution = example
    # Words that legitimately appear (staff, rooms, activities…) are not
    # evidence of a leak even if a student shares them.
    vocabulary = " ".join(
        [p.name for p in data.staff]
        + [r.name for r in data.rooms]
        + [a.name for a in data.activities]
        + [c.name for c in data.class_by_id.values()]
        + [data.school.name, data.term.name]
    )
    names = {s.name for s in data.students if s.name and s.name not in vocabulary}
    ids = {s.id for s in data.students}
    assert len(names) > 400 and len(ids) == len(data.students) > 500
    for file in PUBLIC:
        texts = all_text(example_outputs[file])
        assert texts, file
        for text in texts:
            leaked = [x for x in ids | names if x in text]
            assert not leaked, f"{file}: {leaked[:3]}"


def test_student_notice_is_the_one_with_names(
    example: tuple[ProblemData, Solution], example_outputs: dict[str, Path]
) -> None:
    data, _solution = example
    wb = openpyxl.load_workbook(example_outputs["学生安排.xlsx"])
    ws = wb.worksheets[0]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0]]
    assert len(rows) == len(data.students)
    assert {r[1] for r in rows} == {s.name for s in data.students}
    assert "班级-" not in wb.sheetnames[1]  # class sheets carry the class name
    assert "一(1)班" in wb.sheetnames


def test_neutralise() -> None:
    for text in ("=1+1", "+86", "-3", "@SUM(A1)", "\t=x"):
        assert neutralise(text) == "'" + text
    for value in ("作业辅导", "1+1", 3, -3, None, ""):
        assert neutralise(value) == value


def test_formula_text_comes_out_as_text(
    complete: ProblemData, complete_solution: Solution, tmp_path: Path
) -> None:
    acts = tuple(
        replace(a, name="=1+1") if a.id == "READ" else a for a in complete.activities
    )
    staff = tuple(
        replace(p, name="@cmd") if p.id == "T3" else p for p in complete.staff
    )
    students = tuple(
        replace(s, name="-2+3") if s.id == "a1" else s for s in complete.students
    )
    data = replace(complete, activities=acts, staff=staff, students=students)
    paths = write_outputs(data, complete_solution, tmp_path)
    paths.append(write_ledger(data, complete_solution, "2026-10", tmp_path))
    seen: set[str] = set()
    for path in paths:
        if path.suffix == ".xlsx":
            wb = openpyxl.load_workbook(path)
            for ws in wb.worksheets:
                for row in ws.iter_rows():
                    for cell in row:
                        assert cell.data_type != "f", (path.name, cell.coordinate)
                        if isinstance(cell.value, str):
                            assert not cell.value.startswith(("=", "+", "-", "@"))
                            seen.update(
                                x
                                for x in ("'=1+1", "'@cmd", "'-2+3")
                                if x == cell.value
                            )
        elif path.suffix == ".csv":
            text = path.read_text(encoding="utf-8-sig")
            for row in csv.reader(text.splitlines()):
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@")), (path.name, cell)
    assert seen == {"'=1+1", "'@cmd", "'-2+3"}
