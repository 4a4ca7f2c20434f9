"""The template's Chinese spellings mean exactly what the canonical ones do, and
the parents' survey template asks in words the loader reads back."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from paipian.data import ProblemData
from paipian.domain import CATEGORIES, FORMS, MODES, ROOM_KINDS, STAFF_KINDS
from paipian.io import load_instance
from paipian.io import spellings as loader_words
from paipian.templates import activities, columns, example, survey, write_template
from paipian.templates.writer import INSTANCE, SURVEY_XLSX


def _load(folder: Path) -> ProblemData:
    data, warnings = load_instance(folder / INSTANCE)
    assert warnings == []
    return data


def _same_school(a: ProblemData, b: ProblemData) -> None:
    assert a.students == b.students
    assert a.staff == b.staff
    assert a.rooms == b.rooms
    assert a.activities == b.activities


def test_chinese_headers_load_as_the_canonical_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_shipped = _load(Path(write_template(tmp_path / "shipped")[0]).parent)
    monkeypatch.setattr(columns, "CHINESE_HEADERS", False)
    monkeypatch.setattr(columns, "CHINESE_VALUES", False)
    canonical = _load(Path(write_template(tmp_path / "canonical")[0]).parent)
    _same_school(as_shipped, canonical)


def test_every_header_is_chinese_and_read_by_the_loader() -> None:
    tables = {
        "students": columns.student_columns(),
        "staff": columns.staff_columns(),
        "rooms": columns.room_columns(),
        "activities": activities.activity_columns(),
    }
    for table, table_columns in tables.items():
        for column in table_columns:
            assert column.zh, (table, column.key)
            assert loader_words.canonical_header(table, column.zh) == column.key


def _sample_export(path: Path) -> tuple[list[str], list[list[object]]]:
    sheet = load_workbook(path)["导出样例"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header_row = next(i for i, r in enumerate(rows) if "学号" in r)
    return [str(c) for c in rows[header_row]], rows[header_row + 1 :]


def test_survey_questions_are_student_columns_and_answers_are_loader_words(
    tmp_path: Path,
) -> None:
    """Checked against the loader's vocabulary, value by value."""
    header, rows = _sample_export(
        write_template(tmp_path / "t")[0].parent / SURVEY_XLSX
    )
    keys = [loader_words.canonical_header("students", cell) for cell in header]
    required = {"id", "grade", "class", *example.DAYS}
    assert required <= set(keys)
    assert {"name", "prefs"} <= set(keys)
    ends = {end: block for block, _, end in example.BLOCKS}
    classes = {c.id: c for c in example.CLASSES}
    clubs = {name: cid for cid, name in example.CLUBS}
    for row, student in zip(rows, example.STUDENTS, strict=True):
        cell = dict(zip(keys, row, strict=True))
        assert cell["id"] == student["id"]
        assert loader_words.grade_number(str(cell["grade"])) == student["grade"]
        wanted = classes[str(student["class"])]
        assert loader_words.class_key(str(cell["class"])) == (wanted.grade, 1)
        for day in example.DAYS:
            answer = str(cell[day])
            if student[day]:
                minutes = loader_words.leaving_time(answer)
                assert minutes is not None, answer
                time = f"{minutes // 60}:{minutes % 60:02d}"
                assert ends[time] == student[day]
            else:
                assert answer in loader_words.DAY_NOT_ATTENDING
        prefs = str(cell["prefs"] or "")
        names = [p for p in prefs.split("、") if p]
        assert ";".join(clubs[n] for n in names) == student["prefs"]


def test_survey_options_are_what_the_loader_reads() -> None:
    questions = {q.title: q for q in survey.questions()}
    for day in example.DAYS:
        options = questions[columns.DAY_ZH[day]].options
        assert options[0] in loader_words.DAY_NOT_ATTENDING
        assert all(loader_words.leaving_time(o) is not None for o in options[1:])
    assert all(loader_words.grade_number(o) for o in questions["年级"].options)
    assert all(
        isinstance(loader_words.class_key(o), tuple) for o in questions["班级"].options
    )


def test_the_sample_export_loads_as_the_students_table(tmp_path: Path) -> None:
    folder = write_template(tmp_path / "t")[0].parent
    header, rows = _sample_export(folder / SURVEY_XLSX)
    with (folder / "报名统计.csv").open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow([f"{survey.SURVEY_TITLE}统计"])
        out.writerow(header)
        out.writerows(["" if v is None else v for v in r] for r in rows)
    shipped = _load(folder)
    yaml_text = (folder / INSTANCE).read_text(encoding="utf-8")
    (folder / INSTANCE).write_text(
        yaml_text.replace("students: 学生名单.xlsx", "students: 报名统计.csv"),
        encoding="utf-8",
    )
    from_survey = _load(folder)
    # The survey does not ask for 补差科目: teachers add that column themselves.
    assert from_survey.students == tuple(
        replace(student, needs_remedial=()) for student in shipped.students
    )


def test_every_drop_down_choice_is_a_value_the_loader_reads() -> None:
    """Not only the example rows: each word a 教务 can pick loads as a code."""
    words = {
        ("staff", "kind"): (loader_words.STAFF_KIND_WORDS, STAFF_KINDS),
        ("staff", "skills"): (loader_words.CATEGORY_WORDS, CATEGORIES),
        ("rooms", "kind"): (loader_words.ROOM_KIND_WORDS, ROOM_KINDS),
        ("activities", "category"): (loader_words.CATEGORY_WORDS, CATEGORIES),
        ("activities", "mode"): (loader_words.MODE_WORDS, MODES),
        ("activities", "form"): (loader_words.FORM_WORDS, FORMS),
        ("activities", "room_kinds"): (loader_words.ROOM_KIND_WORDS, ROOM_KINDS),
    }
    tables = {
        "staff": columns.staff_columns(),
        "rooms": columns.room_columns(),
        "activities": activities.activity_columns(),
        "students": columns.student_columns(),
    }
    for table, table_columns in tables.items():
        for column in table_columns:
            for choice in column.choices:
                if (table, column.key) in words:
                    vocabulary, codes = words[table, column.key]
                    code = vocabulary.get(loader_words.fold(choice), choice)
                    assert code in codes, (table, column.key, choice)
                elif column.key in example.DAYS:
                    assert choice in loader_words.DAY_NOT_ATTENDING or (
                        loader_words.leaving_time(choice) is not None
                        or choice in {b for b, _, _ in example.BLOCKS}
                    ), choice
                elif column.choices == (columns.YES, columns.NO):
                    assert choice in loader_words.TRUE_WORDS | loader_words.FALSE_WORDS
