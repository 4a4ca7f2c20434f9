"""A generated school whose students table arrives as a survey export (Chinese
headers, a title row, classes by name, leaving times, preferences by club name
with 、) loads to exactly the same ``ProblemData`` as its canonical CSV.

The survey tables are written as 问卷星 and Excel users keep them: as .xlsx
(some day cells real Excel time cells) and as a GB18030 CSV with CRLF.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import random
from datetime import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from paipian.data import ProblemData, Student
from paipian.domain import DAY_ZH, GRADE_ZH, fmt_time
from paipian.generator import generate, write_instance
from paipian.io import load_instance

TITLE = "2026学年第一学期课后服务报名统计"


def _grade(student: Student, rng: random.Random) -> str:
    return rng.choice(
        [str(student.grade), GRADE_ZH[student.grade], f"{student.grade}年级"]
    )


def _class(data: ProblemData, student: Student, rng: random.Random) -> str:
    school_class = data.class_by_id[student.class_id]
    grade, number = school_class.id.split("-")
    return rng.choice(
        [
            school_class.name,  # 三(1)班
            school_class.name.replace("(", "（").replace(")", "）"),  # 三（1）班
            f"{grade}({number})班",  # 3(1)班
            school_class.id,  # 3-1
        ]
    )


def _day(
    data: ProblemData, student: Student, day: str, rng: random.Random, excel: bool
) -> Any:
    last = student.last_block_by_day.get(day)
    if last is None:
        return rng.choice(["", "不参加", "否", "无"])
    end = data.calendar.block_by_id[last].end
    if excel and rng.random() < 0.4:
        return time(end // 60, end % 60)  # an Excel time cell
    choices = [fmt_time(end), f"{fmt_time(end)}离校", f"{end // 60}点{end % 60:02d}"]
    if last == data.grade_blocks(student.grade)[-1]:
        choices += ["参加", "是", "√"]
    return rng.choice(choices)


def survey_rows(data: ProblemData, *, excel: bool, seed: int) -> list[list[Any]]:
    """The students table as a survey tool exports it."""
    rng = random.Random(seed)
    names = {a.id: a.name for a in data.activities}
    days = data.calendar.days
    rows: list[list[Any]] = [[TITLE], []]
    rows.append(
        [
            *("序号", "学号", "姓名", "年级", "班级"),
            *(DAY_ZH[d] for d in days),
            *("社团志愿", "补差科目", "提交时间"),
        ]
    )
    for number, student in enumerate(data.students, start=1):
        prefs = [names[p] if rng.random() < 0.8 else p for p in student.prefs]
        rows.append(
            [
                number,
                student.id,
                student.name,
                _grade(student, rng),
                _class(data, student, rng),
                *(_day(data, student, d, rng, excel) for d in days),
                rng.choice(["、", "；", "|", ", "]).join(prefs),
                "；".join(student.needs_remedial),
                f"2026/8/{20 + number % 10} 10:{number % 60:02d}",
            ]
        )
    return rows


def _write_xlsx(rows: list[list[Any]], target: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, time):
                cell.number_format = "h:mm"
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    book.save(target)


def _write_gb18030(rows: list[list[Any]], target: Path) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    target.write_bytes(buffer.getvalue().encode("gb18030"))


@pytest.mark.parametrize(
    ("profile", "seed", "kind"),
    [("tiny", 1, "xlsx"), ("tiny", 2, "csv"), ("primary_600", 3, "xlsx")],
)
def test_survey_export_loads_as_its_canonical_csv(
    tmp_path: Path, profile: str, seed: int, kind: str
) -> None:
    data, _ = generate(profile, seed)
    canonical_path = write_instance(data, tmp_path / "canonical")
    canonical, canonical_warnings = load_instance(canonical_path)
    assert any(s.prefs for s in canonical.students)  # the test has prefs to read

    folder = tmp_path / "survey"
    survey_path = write_instance(data, folder)
    rows = survey_rows(data, excel=kind == "xlsx", seed=seed)
    table = f"报名统计.{kind}"
    if kind == "xlsx":
        _write_xlsx(rows, folder / table)
    else:
        _write_gb18030(rows, folder / table)
    doc = yaml.safe_load(survey_path.read_text(encoding="utf-8"))
    doc["students"] = table
    survey_path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")

    survey, warnings = load_instance(survey_path)
    assert dataclasses.replace(survey, name=canonical.name) == canonical
    assert [(w.zh, w.value) for w in warnings] == [
        (w.zh, w.value) for w in canonical_warnings
    ]
