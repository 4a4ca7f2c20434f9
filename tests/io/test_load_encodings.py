"""Real files as Excel and survey tools write them: encodings, CRLF, XLSX, quotes."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from loadkit import STUDENTS, load_errors, matching, write_instance

from paipian.io import load_instance

# Names with characters outside GBK's common set would not survive GB18030 round
# trips in every tool; these are everyday ones, and one cell has a comma.
ROWS = [
    ["id", "name", "grade", "class", "mon", "tue", "wed", "prefs"],
    ["S1", "张三", "1", "1-1", "B1", "", "0", ""],
    ["S2", "李四，小名", "3", "3-1", "B2", "B1", "B2", "BB"],
    ["S3", "王五", "3", "3-1", "", "B2", "", "BB"],
]


def _csv_text(line_end: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=line_end).writerows(ROWS)
    return buffer.getvalue()


def _xlsx(path: Path, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)


def _load_students(tmp_path: Path, name: str, payload: bytes | None) -> Any:
    folder = tmp_path / name.replace(".", "_")
    files: dict[str, str | bytes] = {} if payload is None else {name: payload}
    path = write_instance(
        folder, files=files, edit=lambda doc: doc.__setitem__("students", name)
    )
    if payload is None:  # XLSX written in place
        rows: list[list[object]] = [list(ROWS[0])]
        for row in ROWS[1:]:
            # Excel stores numbers as numbers and leaves empty cells empty.
            rows.append([int(c) if c.isdigit() else (c or None) for c in row])
        _xlsx(folder / name, rows)
    data, warnings = load_instance(path)
    assert warnings == []
    return data.students


def test_every_encoding_loads_the_same_students(tmp_path: Path) -> None:
    variants = {
        "utf8.csv": _csv_text("\n").encode("utf-8"),
        "bom.csv": _csv_text("\n").encode("utf-8-sig"),
        "gb.csv": _csv_text("\r\n").encode("gb18030"),
        "crlf_bom.csv": _csv_text("\r\n").encode("utf-8-sig"),
        "sheet.xlsx": None,
    }
    loaded = {name: _load_students(tmp_path, name, p) for name, p in variants.items()}
    reference = loaded["utf8.csv"]
    assert isinstance(reference, tuple) and len(reference) == 3
    assert reference[1].name == "李四，小名"
    for name, students in loaded.items():
        assert students == reference, name


def test_gb18030_bytes_really_differ_from_utf8() -> None:
    # Guard the test above: the GB18030 file is not accidentally UTF-8.
    payload = _csv_text("\r\n").encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        payload.decode("utf-8")


def test_multiline_quoted_cell_keeps_line_numbers(tmp_path: Path) -> None:
    # Line 3's record spans lines 3-4 (a quoted name with a line break), so the
    # bad class on the next record is reported on line 5, as an editor shows it.
    text = (
        "id,name,grade,class,mon,tue,wed\r\n"
        "S1,张三,1,1-1,B1,,\r\n"
        'S2,"李\r\n四",3,3-1,B2,,\r\n'
        "S3,王五,3,3-9,B1,,\r\n"
    )
    path = write_instance(tmp_path, files={"students.csv": text.encode("gb18030")})
    problem = matching(load_errors(path), file="students.csv", column="class")
    assert problem.where.line == 5
    assert problem.value == "3-9"


def test_xlsx_line_is_the_excel_row(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["ID ", " Name", "GRADE", "Class", "mon", "tue", "wed"],  # trimmed, any case
        ["S1", "张三", 1, "1-1", "B1", None, 0],
        ["S2", "李四", 3, "3-1", "B7", None, None],
        [None, None, None, None, None, None, None],  # blank trailing rows
        [None, None, None, None, None, None, None],
    ]
    folder = tmp_path / "x"
    path = write_instance(folder, edit=lambda d: d.__setitem__("students", "s.xlsx"))
    _xlsx(folder / "s.xlsx", rows)
    problem = matching(load_errors(path), file="s.xlsx", column="mon")
    assert problem.where.line == 3
    assert problem.value == "B7"


def test_xlsx_that_is_another_zip(tmp_path: Path) -> None:
    folder = tmp_path / "x"
    path = write_instance(folder, edit=lambda d: d.__setitem__("rooms", "rooms.xlsx"))
    with zipfile.ZipFile(folder / "rooms.xlsx", "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    matching(load_errors(path), file="rooms.xlsx", says="Excel")


def test_garbage_csv_is_refused(tmp_path: Path) -> None:
    path = write_instance(tmp_path, files={"staff.csv": bytes(range(256)) * 4})
    matching(load_errors(path), file="staff.csv")


def test_blank_trailing_rows_and_header_case(tmp_path: Path) -> None:
    text = (
        STUDENTS.replace("id,name,grade,class", " ID , Name ,Grade,CLASS")
        + ",,,,,,,\n\n"
    )
    data, _ = load_instance(write_instance(tmp_path, files={"students.csv": text}))
    assert [s.id for s in data.students] == ["S1", "S2", "S3"]


def test_unquoted_time_and_full_width_separators(tmp_path: Path) -> None:
    # What a scheduler types: 15:30 unquoted (YAML 1.1 reads 930) and the
    # full-width ；，： of a Chinese input method.
    path = write_instance(tmp_path)
    text = path.read_text(encoding="utf-8").replace("'15:30'", "15:30")
    assert "start: 15:30" in text
    path.write_text(text, encoding="utf-8")
    staff = (tmp_path / "staff.csv").read_text(encoding="utf-8")
    staff = staff.replace('"mon:B1,B2;tue:B1"', "mon：B1，B2；tue：B1")
    staff = staff.replace("homework;sports", "homework；sports")
    (tmp_path / "staff.csv").write_text(staff, encoding="utf-8")
    data, _ = load_instance(path)
    assert data.calendar.blocks[0].start == 15 * 60 + 30
    assert data.grade_by_number[3].dismissal == 15 * 60 + 30
    t002 = data.staff_by_id["T002"]
    assert t002.available == {("mon", "B1"), ("mon", "B2"), ("tue", "B1")}
    assert t002.skills == {"homework", "sports"}


def test_inline_tables_accept_yaml_lists_and_maps(tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["rooms"] = [
            {"id": "R101", "kind": "classroom", "capacity": "45"},
            {"id": "R301", "name": "三(1)", "kind": "classroom", "capacity": 45},
            {
                "id": "F",
                "kind": "field",
                "capacity": 80,
                "outdoor": "是",
                "closed": {"wed": None, "mon": ["B2"]},
                "tags": ["grass", "track"],
            },
        ]
        doc["staff"] = [
            {"id": "T001", "name": "丁", "kind": "teacher", "available": "none"},
            {
                "id": "T002",
                "name": "胡",
                "kind": "teacher",
                "available": ["mon:B1", "tue"],
            },
            {
                "id": "X01",
                "name": "范",
                "kind": "volunteer",
                "qualification_verified": "是",
                "background_check": "通过",
                "qualification_expires": "2027-01-20",
            },
        ]
        doc["activities"][0]["staff_skills"] = []
        doc["activities"][0]["staff"] = ["T001"]
        doc["activities"][1]["capacity"] = "12-30"

    data, warnings = load_instance(write_instance(tmp_path, edit=edit))
    assert warnings == []
    field = data.room_by_id["F"]
    assert field.outdoor and field.tags == {"grass", "track"}
    assert field.closed == {("wed", "B1"), ("wed", "B2"), ("mon", "B2")}
    assert data.room_by_id["R101"].name == "R101"
    assert data.staff_by_id["T001"].available == frozenset()
    assert data.staff_by_id["T002"].available == {
        ("mon", "B1"),
        ("tue", "B1"),
        ("tue", "B2"),
    }
    assert data.staff_by_id["X01"].external_cleared(data.term.end)
    assert data.activity_by_id["HW"].staff_skills == frozenset()
    assert data.activity_by_id["BB"].capacity.min == 12


def test_class_that_excel_turned_into_a_date(tmp_path: Path) -> None:
    folder = tmp_path / "x"
    path = write_instance(folder, edit=lambda d: d.__setitem__("students", "s.xlsx"))
    _xlsx(
        folder / "s.xlsx",
        [
            ["id", "grade", "class", "mon", "tue", "wed"],
            ["S1", 1, datetime(2026, 1, 1), "B1", None, None],
        ],
    )
    problem = matching(load_errors(path), file="s.xlsx", line=2, column="class")
    assert "Text" in problem.en and "文本" in problem.zh


def test_case_of_enumerations_does_not_matter(tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["activities"][0]["room_kinds"] = ["Classroom"]
        doc["activities"][0]["mode"] = "Drop_In"

    data, _ = load_instance(write_instance(tmp_path, edit=edit))
    assert data.activity_by_id["HW"].room_kinds == {"classroom"}
    assert data.activity_by_id["HW"].mode == "drop_in"
