"""Hostile and careless files (issue 12): each a located, truthful error, never a
hang, a memory blow-up or an "internal error"; and the control that loads."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from loadkit import (
    STUDENTS,
    line_of,
    load_errors,
    matching,
    no_internal_error,
    write_instance,
    yaml_with,
)

from paipian.io import load_instance

# ---- alias bombs, size, files that are not files ------------------------------


def _alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return "\n".join(lines) + f"\nschool: *a{levels - 1}\n"


def test_an_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "instance.yaml"
    path.write_text(_alias_bomb(), encoding="utf-8")
    started = time.monotonic()
    problems = load_errors(path)
    assert time.monotonic() - started < 5
    problem = matching(problems, file="instance.yaml", says="alias")
    assert problem.where.line is not None
    no_internal_error(problems)


def test_an_alias_referring_to_itself_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "instance.yaml"
    path.write_text("school: &s {name: x, again: *s}\n", encoding="utf-8")
    matching(load_errors(path), line=1, says="cycle")


def test_many_aliases_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "instance.yaml"
    path.write_text("a: &a x\nb: [" + ",".join(["*a"] * 1500) + "]\n", "utf-8")
    matching(load_errors(path), line=1, says="too many aliases")  # the anchor


def test_a_few_anchors_and_aliases_still_load(tmp_path: Path) -> None:
    path = write_instance(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "room_kinds:\n  - classroom", "room_kinds: &indoor\n  - classroom"
    )
    text = text.replace("room_kinds:\n  - field\n  - gym", "room_kinds: *indoor")
    assert "*indoor" in text
    path.write_text(text, encoding="utf-8")
    data, _ = load_instance(path)
    assert data.activity_by_id["BB"].room_kinds == {"classroom"}


def test_an_oversized_yaml_is_refused_by_its_size(tmp_path: Path) -> None:
    path = write_instance(tmp_path)
    with path.open("a", encoding="utf-8") as stream:
        stream.write(("# " + "x" * 1022 + "\n") * (3 * 1024))
    problems = load_errors(path)
    matching(problems, file="instance.yaml", says="2 MB")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "instance.yaml"
    os.mkfifo(fifo)
    matching(load_errors(fifo), says="not a regular file")
    # …and as a table beside a sound instance.
    folder = tmp_path / "school"
    path = write_instance(folder)
    (folder / "students.csv").unlink()
    os.mkfifo(folder / "students.csv")
    matching(load_errors(path), file="students.csv", says="not a regular file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused(tmp_path: Path) -> None:
    matching(load_errors(Path("/dev/zero")), says="not a regular file")


def test_file_names_over_255_bytes(tmp_path: Path) -> None:
    long = "学" * 100 + ".yaml"  # 300 bytes
    problems = load_errors(tmp_path / long)
    no_internal_error(problems)
    path = write_instance(tmp_path, edit=lambda d: d.__setitem__("students", long))
    problems = load_errors(path)
    matching(problems, key="students", value=long)
    no_internal_error(problems)


# ---- YAML values their tags cannot hold --------------------------------------


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("!!timestamp not-a-date", "not a date"),
        ("!!bool maybe", "true or false"),
        ("!!int x", "!!int"),
        ("!!float x", "!!float"),
        ("9" * 4400, "digits"),
        ("2026-02-30", "not a date"),
    ],
    ids=["timestamp", "bool", "int", "float", "4400-digits", "feb-30"],
)
def test_bad_tagged_values_are_located_and_named(
    tmp_path: Path, value: str, says: str
) -> None:
    path = yaml_with(tmp_path, "district: 浦东新区", f"district: {value}")
    problems = load_errors(path)
    problem = matching(problems, file="instance.yaml", says=says)
    assert problem.where.line == line_of(path, "district:")
    assert problem.where.key == "school.district"
    assert "does not exist" not in problem.en or "date" in says
    no_internal_error(problems)


def test_a_bad_tagged_value_in_a_list_item_is_named_by_its_id(tmp_path: Path) -> None:
    path = yaml_with(tmp_path, "name: 篮球社", "name: !!int 篮球社")
    problem = matching(load_errors(path), says="!!int")
    assert problem.where.key == "activities[BB].name"


# ---- holidays, Excel time cells, long cells -----------------------------------


def test_holidays_as_a_named_map_are_dates(tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["calendar"]["holidays"] = {
            "国庆": ["2026-10-01", "2026-10-02"],
            "元旦": "2027-01-01",
        }
        doc["calendar"]["workdays"] = {"2026-10-10": "fri"}

    data, _ = load_instance(write_instance(tmp_path, edit=edit))
    assert data.calendar.holidays == (
        date(2026, 10, 1),
        date(2026, 10, 2),
        date(2027, 1, 1),
    )
    assert data.calendar.workdays == (date(2026, 10, 10),)


def test_holidays_written_raw_as_in_the_issue(tmp_path: Path) -> None:
    path = yaml_with(
        tmp_path, "parent_off_work:", "holidays: {国庆: 2026-10-01}\n  parent_off_work:"
    )
    data, _ = load_instance(path)
    assert data.calendar.holidays == (date(2026, 10, 1),)


def test_a_bad_holiday_in_a_map_is_located(tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["calendar"]["holidays"] = {"国庆": "十月一日"}
        doc["calendar"]["workdays"] = {"2026-10-10": "funday"}

    problems = load_errors(write_instance(tmp_path, edit=edit))
    matching(problems, key="calendar.holidays.国庆", value="十月一日")
    matching(problems, key="calendar.workdays.2026-10-10", value="funday")


def _xlsx_students(target: Path, mon: Any) -> None:
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "name", "grade", "class", "mon", "tue", "wed", "prefs"])
    sheet.append(["S1", "李四", 3, "3-1", mon, None, None, "BB"])
    cell = sheet.cell(row=2, column=5)
    if isinstance(mon, dt.time):
        cell.number_format = "h:mm"
    book.save(target)


def test_an_excel_time_cell_in_a_day_column_is_a_leaving_time(tmp_path: Path) -> None:
    from datetime import time as clock

    path = write_instance(tmp_path, edit=lambda d: d.__setitem__("students", "s.xlsx"))
    _xlsx_students(tmp_path / "s.xlsx", clock(17, 30))
    data, _ = load_instance(path)
    assert data.students[0].last_block == (("mon", "B2"),)
    _xlsx_students(tmp_path / "s.xlsx", clock(17, 0))
    problems = load_errors(path)
    matching(problems, file="s.xlsx", line=2, column="mon", value="17:00", says="17:30")


def test_a_131_kb_cell_is_named_for_what_it_is(tmp_path: Path) -> None:
    students = STUDENTS + 'S9,"' + "长" * 140_000 + '",3,3-1,B1,,,\n'
    problems = load_errors(write_instance(tmp_path, files={"students.csv": students}))
    problem = matching(problems, file="students.csv", line=5, says="longer than")
    assert "131,072" in problem.en
    for p in problems:
        assert p.value is None or len(p.value) <= 201


def test_yaml_scalars_survive_round_trip_control(tmp_path: Path, school: Path) -> None:
    doc = yaml.safe_load(school.read_text(encoding="utf-8"))
    assert doc["school"]["district"] == "浦东新区"
    data, warnings = load_instance(school)
    assert warnings == [] and data.school.district == "浦东新区"


def test_pure_python_yaml_is_as_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where libyaml is missing, the Python loader refuses the same things."""
    from paipian.io import yamlsafe

    monkeypatch.setattr(yamlsafe, "_LOADERS", [yamlsafe._PyLoader])
    bomb = tmp_path / "instance.yaml"
    bomb.write_text(_alias_bomb(), encoding="utf-8")
    matching(load_errors(bomb), says="alias")
    path = yaml_with(tmp_path / "tag", "district: 浦东新区", "district: !!bool maybe")
    matching(load_errors(path), key="school.district", says="true or false")
    data, _ = load_instance(write_instance(tmp_path / "ok"))
    assert data.school.district == "浦东新区"
