"""Strict and sane (issue 12): numbers in range, no silent loss of rows, keys or
tables, messages that name items by id; each with the control that loads."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from loadkit import (
    ROOMS,
    STAFF,
    STUDENTS,
    line_of,
    load_errors,
    matching,
    no_internal_error,
    write_instance,
    yaml_with,
)

from paipian.io import load_instance


def test_huge_numbers_are_refused_in_cells(tmp_path: Path) -> None:
    rooms = ROOMS.replace(
        "R101,一(1)班教室,classroom,45", "R101,一(1)班教室,classroom," + "9" * 5000
    )
    problems = load_errors(write_instance(tmp_path, files={"rooms.csv": rooms}))
    matching(problems, file="rooms.csv", line=2, column="capacity", says="digits")
    no_internal_error(problems)


@pytest.mark.parametrize(
    ("edit", "key"),
    [
        (
            lambda d: d["activities"][1].__setitem__("sessions_per_week", 10**18),
            "activities[BB].sessions_per_week",
        ),
        (
            lambda d: d["activities"][1].__setitem__(
                "capacity", {"min": 1, "max": 10**30}
            ),
            "activities[BB].capacity",
        ),
        (
            lambda d: d["activities"][0].__setitem__("capacity", 10**18),
            "activities[HW].capacity",
        ),
        (lambda d: d.__setitem__("weights", {"balance": 10**30}), "weights.balance"),
        (
            lambda d: d["rules"].__setitem__("remedial_max_group", 10**18),
            "rules.remedial_max_group",
        ),
        (
            lambda d: d["rules"].__setitem__("min_quality_per_week", 10**9),
            "rules.min_quality_per_week",
        ),
        (
            lambda d: d["rules"].__setitem__("session_weights", {"sports": 1e300}),
            "rules.session_weights.sports",
        ),
    ],
    ids=[
        "sessions",
        "capacity-max",
        "capacity-int",
        "weight",
        "remedial",
        "quality",
        "session-weight",
    ],
)
def test_numbers_out_of_any_sane_range_are_refused(
    tmp_path: Path, edit: Any, key: str
) -> None:
    problems = load_errors(write_instance(tmp_path, edit=edit))
    matching(problems, file="instance.yaml", key=key)


def test_more_sessions_than_slots_is_refused(tmp_path: Path) -> None:
    # Three days × two blocks = six slots a week.
    path = write_instance(
        tmp_path, edit=lambda d: d["activities"][1].__setitem__("sessions_per_week", 7)
    )
    matching(load_errors(path), key="activities[BB].sessions_per_week", says="6")
    path = write_instance(
        tmp_path / "ok",
        edit=lambda d: d["activities"][1].__setitem__("sessions_per_week", 6),
    )
    assert load_instance(path)[0].activity_by_id["BB"].sessions_per_week == 6


@pytest.mark.parametrize(
    ("old", "new", "column"),
    [
        (
            "R101,一(1)班教室,classroom,45",
            "R101,一(1)班教室,classroom,1000000000000",
            "capacity",
        ),
        (
            'T002,胡老师,teacher,homework;sports,"mon:B1,B2;tue:B1",5',
            'T002,胡老师,teacher,homework;sports,"mon:B1,B2;tue:B1",1000',
            "max_per_week",
        ),
    ],
    ids=["room-capacity", "max-per-week"],
)
def test_table_numbers_out_of_range(
    tmp_path: Path, old: str, new: str, column: str
) -> None:
    files = {"rooms.csv": ROOMS.replace(old, new), "staff.csv": STAFF.replace(old, new)}
    problems = load_errors(write_instance(tmp_path, files=files))
    matching(problems, column=column, says="range")


# ---- strict where silence loses data ------------------------------------------


def test_a_duplicated_yaml_key_names_both_lines(tmp_path: Path) -> None:
    path = write_instance(tmp_path)
    with path.open("a", encoding="utf-8") as stream:
        stream.write("staff: []\n")
    first = line_of(path, "staff: staff.csv")
    second = len(path.read_text(encoding="utf-8").splitlines())
    problems = load_errors(path)
    problem = matching(problems, key="staff", line=second)
    assert f"第 {first} 行和第 {second} 行" in problem.zh


def test_a_duplicated_nested_key_is_named_by_its_item(tmp_path: Path) -> None:
    path = yaml_with(tmp_path, "  name: 篮球社\n", "  name: 篮球社\n  name: 足球社\n")
    matching(load_errors(path), key="activities[BB].name", says="twice")


@pytest.mark.parametrize("table", ["rooms", "staff", "activities", "students"])
def test_an_empty_inline_table_is_an_error(tmp_path: Path, table: str) -> None:
    problems = load_errors(
        write_instance(tmp_path, edit=lambda d: d.__setitem__(table, []))
    )
    matching(problems, key=table, says="empty")


@pytest.mark.parametrize(
    ("name", "header"),
    [("rooms.csv", ROOMS), ("staff.csv", STAFF), ("students.csv", STUDENTS)],
)
def test_a_header_only_table_is_an_error(
    tmp_path: Path, name: str, header: str
) -> None:
    only = header.splitlines()[0] + "\n"
    problems = load_errors(write_instance(tmp_path, files={name: only}))
    matching(problems, file=name, line=1, says="no rows")


def test_a_short_row_is_an_error(tmp_path: Path) -> None:
    rooms = ROOMS.replace(
        "R301,三(1)班教室,classroom,45,,,", "R301,三(1)班教室,classroom,45"
    )
    problems = load_errors(write_instance(tmp_path, files={"rooms.csv": rooms}))
    matching(problems, file="rooms.csv", line=3, says="fewer cells")


def test_short_student_rows_are_one_warning_saying_what_was_assumed(
    tmp_path: Path,
) -> None:
    students = STUDENTS.replace(
        "S2,李四,3,3-1,B2,B1,B2,BB", "S2,李四,3,3-1,B2"
    ).replace("S3,王五,3,3-1,,B2,,BB", "S3,王五,3,3-1,,B2")
    data, warnings = load_instance(
        write_instance(tmp_path, files={"students.csv": students})
    )
    assert len(warnings) == 1
    warning = matching(warnings, file="students.csv", line=3, says="2 rows")
    assert "不参加" in warning.zh and "第 3、4 行" in warning.zh
    assert data.student_by_id["S2"].last_block == (("mon", "B2"),)


# ---- messages ------------------------------------------------------------------


def test_items_are_named_by_their_ids(tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["activities"][1]["room_kinds"] = ["pool"]
        doc["calendar"]["blocks"][1]["end"] = "16:00"

    path = write_instance(tmp_path, edit=edit)
    problems = load_errors(path)
    matching(problems, key="activities[BB].room_kinds", value="pool")
    matching(problems, key="calendar.blocks[B2].end", value="16:00")


def test_one_bad_day_name_is_one_error(tmp_path: Path) -> None:
    problems = load_errors(
        write_instance(
            tmp_path, edit=lambda d: d["calendar"].__setitem__("days", ["mon", "tues"])
        )
    )
    assert not any("at least one service day" in p.en for p in problems)
    problem = matching(problems, key="calendar.days", value="tues")
    assert "tue" in problem.en
    empty = load_errors(
        write_instance(
            tmp_path / "none", edit=lambda d: d["calendar"].__setitem__("days", [])
        )
    )
    assert any(p.where.key == "calendar.days" for p in empty)


def test_thousands_of_errors_are_capped_and_counted(tmp_path: Path) -> None:
    kinds = ",".join(f"k{j}" for j in range(900))
    acts = "".join(
        f"- {{id: A{i}, name: a{i}, category: reading, mode: club, capacity: 5, "
        f"room_kinds: [{kinds}]}}\n"
        for i in range(10)
    )
    path = write_instance(tmp_path)
    text = path.read_text(encoding="utf-8")
    start = text.index("activities:")
    end = text.index("students:")
    path.write_text(text[:start] + "activities:\n" + acts + text[end:], "utf-8")
    started = time.monotonic()
    problems = load_errors(path)
    assert time.monotonic() - started < 30
    assert len(problems) <= 5_001
    matching(problems, says="more problems not listed")


def test_a_table_of_more_rows_than_any_school(tmp_path: Path) -> None:
    head = STUDENTS.splitlines()[0] + "\n"
    rows = "".join(f"S{i},x,3,3-1,B1,,,\n" for i in range(20_001))
    problems = load_errors(
        write_instance(tmp_path, files={"students.csv": head + rows})
    )
    matching(problems, file="students.csv", says="20,000 rows")


def test_a_list_cell_of_more_items_than_sense(tmp_path: Path) -> None:
    tags = ";".join(f"t{i}" for i in range(1_001))
    rooms = ROOMS.replace("music;piano", tags)
    problems = load_errors(write_instance(tmp_path, files={"rooms.csv": rooms}))
    matching(problems, file="rooms.csv", line=5, column="tags", says="too long")
