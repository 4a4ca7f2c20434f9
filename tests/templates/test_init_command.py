"""`paipian init DIR` as a 教务 meets it: a template that validates and solves
as written, Excel tables with drop-downs and a 填写说明 sheet, and nothing
overwritten or half-written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from paipian.checker import check
from paipian.cli import app
from paipian.io import load_instance
from paipian.io.solution_json import read_solution
from paipian.templates import activities, columns, example, survey, write_template
from paipian.templates.writer import (
    ACTIVITIES,
    INSTANCE,
    ROOMS,
    STAFF,
    STUDENTS,
    SURVEY_MD,
    SURVEY_XLSX,
)

runner = CliRunner()
PAIPIAN = [sys.executable, "-c", "from paipian.cli import main; main()"]
WORKBOOKS = {
    STUDENTS: columns.student_columns,
    STAFF: columns.staff_columns,
    ROOMS: columns.room_columns,
    ACTIVITIES: activities.activity_columns,
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "新学校"
    result = runner.invoke(app, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_init_writes_every_file(template: Path) -> None:
    names = {p.name for p in template.iterdir()}
    assert {INSTANCE, *WORKBOOKS, SURVEY_XLSX, SURVEY_MD} <= names
    assert not any(name.startswith(".") for name in names)


def test_template_validates_as_written(template: Path) -> None:
    result = runner.invoke(app, ["validate", str(template / INSTANCE), "--json"])
    assert result.exit_code == 0, result.output
    data, warnings = load_instance(template / INSTANCE)
    assert warnings == []
    assert len(data.students) == len(example.STUDENTS)
    assert len(data.staff) == len(example.STAFF)
    assert len(data.rooms) == len(example.ROOMS)
    assert {a.id for a in data.clubs} == {cid for cid, _ in example.CLUBS}
    # every example student kept their days and club wishes
    student = data.student_by_id["S30101"]
    assert student.prefs == ("BB",)
    assert dict(student.last_block) == {d: "B2" for d in example.DAYS}


@pytest.mark.slow
def test_template_solves_and_the_checker_agrees(template: Path, tmp_path: Path) -> None:
    out = tmp_path / "排片结果"
    args = ["solve", str(template / INSTANCE), "--out", str(out), "--json"]
    proc = subprocess.run(
        [*PAIPIAN, *args, "--time-limit", "8"],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["status"] in ("FEASIBLE", "OPTIMAL")
    data, _ = load_instance(template / INSTANCE)
    solution = read_solution(out / "solution.json")
    assert check(data, solution).ok
    assert solution.closed_clubs == ()  # the example clubs both run


@pytest.mark.parametrize("file_name", sorted(WORKBOOKS))
def test_workbooks_have_lists_comments_and_a_guide(
    template: Path, file_name: str
) -> None:
    book = load_workbook(template / file_name)
    data_sheet = book.worksheets[0]  # the loader reads the first sheet
    assert "填写说明" in book.sheetnames[1:]
    table_columns = WORKBOOKS[file_name]()
    header = [cell.value for cell in data_sheet[1]]
    assert header == [c.header for c in table_columns]
    assert all(cell.comment is not None for cell in data_sheet[1])
    listed = {
        str(rng).split(":")[0].rstrip("0123456789"): dv
        for dv in data_sheet.data_validations.dataValidation
        for rng in dv.sqref.ranges
    }
    for index, column in enumerate(table_columns, start=1):
        letter = data_sheet.cell(row=1, column=index).column_letter
        if column.choices:
            assert letter in listed, column.key
            formula = listed[letter].formula1
            assert all(choice in formula for choice in column.choices)
            assert len(formula) <= 255 + 2  # Excel's limit for an inline list
            assert len(column.meaning) <= 255  # …and for the input message
            assert listed[letter].showErrorMessage == column.only_choices
        else:
            assert letter not in listed, column.key
    guide = book["填写说明"]
    guide_text = "\n".join(
        str(c.value) for row in guide.iter_rows() for c in row if c.value
    )
    for column in table_columns:
        assert column.meaning in guide_text


def test_coded_columns_offer_only_values_the_loader_reads(template: Path) -> None:
    data, _ = load_instance(template / INSTANCE)
    kinds = {c.key: c for c in columns.staff_columns()}["kind"].choices
    assert len(kinds) == 7  # every staff kind of FORMAT.md
    rooms = {c.key: c for c in columns.room_columns()}["kind"].choices
    assert len(rooms) == 9
    used = {columns.staff_kind(s.kind) for s in data.staff}
    assert used <= set(kinds)


def test_yaml_explains_every_key_in_chinese(template: Path) -> None:
    text = (template / INSTANCE).read_text(encoding="utf-8")
    top_level = [ln for ln in text.splitlines() if ln[:1].isalpha()]
    assert len(top_level) == 11  # every top-level key of FORMAT.md
    for line in top_level:
        assert "#" in line, line  # …each with its Chinese comment
    assert "paipian validate" in text


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "学生名单.xlsx").write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "已存在且里面有文件" in result.output
    assert (tmp_path / "学生名单.xlsx").read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["学生名单.xlsx"]


def test_refuses_a_file_and_says_so_in_english_too(tmp_path: Path) -> None:
    target = tmp_path / "school"
    target.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["init", str(target), "--lang", "en"])
    assert result.exit_code == 2
    assert "is an existing file" in result.output


def test_fills_an_empty_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / INSTANCE).is_file()


def test_a_failure_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(survey, "write_survey_workbook", broken)
    target = tmp_path / "school"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 2
    assert "No space left on device" in result.output
    assert list(tmp_path.iterdir()) == []  # no folder, no staging left over


def test_writer_returns_paths_inside_the_target(tmp_path: Path) -> None:
    written = write_template(tmp_path / "a")
    assert all(p.parent == tmp_path / "a" and p.is_file() for p in written)
