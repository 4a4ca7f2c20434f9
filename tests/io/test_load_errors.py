"""Every validation error names the right file, line or key, and the value."""

# ruff: noqa: E501  (CASES is a table: one case per line reads best)

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from loadkit import ROOMS, STAFF, STUDENTS, load_errors, matching, write_instance

Edit = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Edit:
    """An edit that sets ``a.b[1].c`` in the YAML document."""

    def edit(doc: dict[str, Any]) -> None:
        parts = path.replace("]", "").replace("[", ".").split(".")
        node: Any = doc
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        last = parts[-1]
        if value is _DELETE:
            del node[last]
        elif last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return edit


_DELETE = object()


def _append(path: str, value: Any) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        node: Any = doc
        for part in path.replace("]", "").replace("[", ".").split("."):
            node = node[int(part)] if part.isdigit() else node[part]
        node.append(value)

    return edit


def _no_classes(doc: dict[str, Any]) -> None:
    for grade in doc["grades"]:
        grade["classes"] = []


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


HW = {
    "id": "HW2",
    "name": "x",
    "category": "homework",
    "mode": "drop_in",
    "capacity": 10,
    "room_kinds": ["classroom"],
}

CASES: list[tuple[str, Edit | None, dict[str, str], dict[str, Any]]] = [
    # ---- duplicate ids
    ("dup-room", None, {"rooms.csv": ROOMS + "R101,重复,classroom,30,,,\n"},
     {"file": "rooms.csv", "line": 6, "column": "id", "value": "R101", "says": "第 2 行"}),
    ("dup-staff", None, {"staff.csv": STAFF + "T001,又一个,teacher,,,,,,\n"},
     {"file": "staff.csv", "line": 7, "column": "id", "value": "T001"}),
    ("dup-student", None, {"students.csv": STUDENTS + "S2,重名,3,3-1,B1,,,\n"},
     {"file": "students.csv", "line": 5, "column": "id", "value": "S2"}),
    ("dup-activity", _append("activities", {**HW, "id": "BB"}), {},
     {"file": "instance.yaml", "key": "activities[2].id", "value": "BB"}),
    ("dup-class", _set("grades[1].classes[0].id", "1-1"), {},
     {"key": "grades[1].classes[1-1].id", "value": "1-1"}),
    ("dup-block", _set("calendar.blocks[1].id", "B1"), {},
     {"key": "calendar.blocks[1].id", "value": "B1"}),
    ("dup-grade", _set("grades[1].grade", 1), {}, {"key": "grades[1].grade", "value": "1"}),
    # ---- unknown references
    ("unknown-class", None, {"students.csv": _replace(STUDENTS, "S3,王五,3,3-1", "S3,王五,3,3-9")},
     {"file": "students.csv", "line": 4, "column": "class", "value": "3-9"}),
    ("class-other-grade", None, {"students.csv": _replace(STUDENTS, "S3,王五,3,3-1", "S3,王五,3,1-1")},
     {"file": "students.csv", "line": 4, "column": "class", "value": "1-1", "says": "grade 1"}),
    ("unknown-grade", None, {"students.csv": _replace(STUDENTS, "S3,王五,3,", "S3,王五,4,")},
     {"file": "students.csv", "line": 4, "column": "grade", "value": "4"}),
    ("bad-grade", None, {"students.csv": _replace(STUDENTS, "S3,王五,3,", "S3,王五,高三,")},
     {"file": "students.csv", "line": 4, "column": "grade", "value": "高三"}),
    ("unknown-homeroom", _set("grades[0].classes[0].homeroom", "R999"), {},
     {"key": "grades[0].classes[1-1].homeroom", "value": "R999"}),
    ("unknown-head", _set("grades[1].classes[0].head_teacher", "T999"), {},
     {"key": "grades[1].classes[3-1].head_teacher", "value": "T999"}),
    ("no-grade", _set("grades", []), {}, {"key": "grades", "says": "at least one grade"}),
    ("no-class", _no_classes, {},
     {"file": "students.csv", "line": 2, "column": "class", "says": "no such class"}),
    ("homeroom-as-read", _set("grades[0].classes[0].homeroom", 101.0), {"rooms.csv": _replace(ROOMS, "R101,", "101.0,")},
     {"key": "grades[0].classes[1-1].homeroom", "says": "homeroom of class 1-1"}),
    ("unknown-activity-staff", _set("activities[1].staff", ["X01", "X99"]), {},
     {"key": "activities[BB].staff", "value": "X99"}),
    ("unknown-activity-grade", _set("activities[0].grades", [3, 7]), {},
     {"key": "activities[HW].grades", "value": "7"}),
    # ---- H04: blocks
    ("block-ends-before-start", _set("calendar.blocks[0].end", "15:00"), {},
     {"key": "calendar.blocks[B1].end", "value": "15:00", "rule": "H04"}),
    ("blocks-overlap", _set("calendar.blocks[1].start", "16:00"), {},
     {"key": "calendar.blocks[B2].start", "value": "16:00", "rule": "H04", "says": "overlaps"}),
    ("blocks-out-of-order", _set("calendar.blocks", [
        {"id": "B2", "start": "16:30", "end": "17:30"},
        {"id": "B1", "start": "15:30", "end": "16:30"}]), {},
     {"key": "calendar.blocks[B1].start", "rule": "H04", "says": "time order"}),
    ("one-block", _set("calendar.blocks", [{"id": "B1", "start": "15:30", "end": "17:30"}]), {},
     {"key": "calendar.blocks", "value": "1", "rule": "H04"}),
    ("four-blocks", _set("calendar.blocks", [
        {"id": f"B{i}", "start": f"{15 + i}:00", "end": f"{15 + i}:50"} for i in range(4)]), {},
     {"key": "calendar.blocks", "value": "4", "rule": "H04"}),
    ("ends-before-parents", _set("calendar.parent_off_work", "18:00"), {},
     {"key": "calendar.blocks[B2].end", "value": "17:30", "rule": "H04", "says": "parent_off_work"}),
    ("before-dismissal", _set("grades[1].dismissal", "15:45"), {},
     {"key": "grades[1].dismissal", "value": "15:45", "rule": "H04"}),
    ("grade-unknown-block", _set("grades[0].blocks", ["B1", "B7"]), {},
     {"key": "grades[0].blocks", "value": "B7"}),
    # ---- H07 / H10 at load
    ("forbidden-category", _set("activities[0].category", "new_lesson"), {},
     {"key": "activities[HW].category", "value": "new_lesson", "rule": "H07", "says": "三(三)2"}),
    ("exam-drill", _set("activities[0].category", "exam_drill"), {},
     {"key": "activities[HW].category", "rule": "H07"}),
    ("mass-remedial", _set("activities[0].category", "mass_remedial"), {},
     {"key": "activities[HW].category", "rule": "H07"}),
    ("forbidden-room-kind", _set("activities[0].room_kinds", ["classroom", "canteen"]), {},
     {"key": "activities[HW].room_kinds", "value": "canteen", "rule": "H10"}),
    # ---- enumerations
    ("unknown-category", _set("activities[0].category", "chess"), {},
     {"key": "activities[HW].category", "value": "chess"}),
    ("unknown-mode", _set("activities[0].mode", "weekly"), {},
     {"key": "activities[HW].mode", "value": "weekly"}),
    ("unknown-form", _set("activities[0].form", "mixed"), {},
     {"key": "activities[HW].form", "value": "mixed"}),
    ("unknown-activity-room-kind", _set("activities[0].room_kinds", ["pool"]), {},
     {"key": "activities[HW].room_kinds", "value": "pool"}),
    ("unknown-room-kind", None, {"rooms.csv": _replace(ROOMS, "R301,三(1)班教室,classroom", "R301,三(1)班教室,kitchen")},
     {"file": "rooms.csv", "line": 3, "column": "kind", "value": "kitchen"}),
    ("unknown-staff-kind", None, {"staff.csv": _replace(STAFF, "T001,丁老师,teacher", "T001,丁老师,parent")},
     {"file": "staff.csv", "line": 2, "column": "kind", "value": "parent"}),
    ("unknown-day", _set("calendar.days", ["mon", "tue", "wen"]), {},
     {"key": "calendar.days", "value": "wen"}),
    ("unknown-day-available", None, {"staff.csv": _replace(STAFF, '"mon:B1,B2;tue:B1"', "mon;xyz:B1")},
     {"file": "staff.csv", "line": 3, "column": "available", "value": "xyz"}),
    ("unknown-block-available", None, {"staff.csv": _replace(STAFF, '"mon:B1,B2;tue:B1"', "mon:B9")},
     {"file": "staff.csv", "line": 3, "column": "available", "value": "mon:B9"}),
    ("unknown-stage", _set("school.stage", "high"), {}, {"key": "school.stage", "value": "high"}),
    # ---- capacities
    ("capacity-zero", _set("activities[0].capacity", 0), {},
     {"key": "activities[HW].capacity", "value": "0"}),
    ("capacity-min-gt-max", _set("activities[1].capacity", {"min": 40, "max": 30}), {},
     {"key": "activities[BB].capacity", "says": "40"}),
    ("capacity-cell-range", _set("activities[1].capacity", "30-12"), {},
     {"key": "activities[BB].capacity", "value": "30-12"}),
    ("room-capacity-negative", None, {"rooms.csv": _replace(ROOMS, "R301,三(1)班教室,classroom,45", "R301,三(1)班教室,classroom,-5")},
     {"file": "rooms.csv", "line": 3, "column": "capacity", "value": "-5"}),
    # ---- students' bookings
    ("booked-block-not-grade", None, {"students.csv": _replace(STUDENTS, "S1,张三,1,1-1,B1", "S1,张三,1,1-1,B2")},
     {"file": "students.csv", "line": 2, "column": "mon", "value": "B2"}),
    ("booked-unknown-block", None, {"students.csv": _replace(STUDENTS, "S2,李四,3,3-1,B2", "S2,李四,3,3-1,B5")},
     {"file": "students.csv", "line": 3, "column": "mon", "value": "B5"}),
    ("missing-column", None, {"students.csv": STUDENTS.replace(",class,", ",klasse,", 1)},
     {"file": "students.csv", "line": 1, "column": "class", "says": "klasse"}),
    ("missing-day-column", None, {"students.csv": "id,grade,class,mon,tue\nS1,1,1-1,B1,\n"},
     {"file": "students.csv", "line": 1, "column": "wed"}),
    ("empty-required-cell", None, {"students.csv": _replace(STUDENTS, "S3,王五,3,3-1", "S3,王五,,3-1")},
     {"file": "students.csv", "line": 4, "column": "grade"}),
    # ---- top-level keys, rules, weights
    ("missing-term", _set("term", _DELETE), {}, {"key": "term"}),
    ("missing-calendar", _set("calendar", _DELETE), {}, {"key": "calendar"}),
    ("missing-students", _set("students", _DELETE), {}, {"key": "students"}),
    ("disable-h01", _set("rules.disabled", ["H14", "H01"]), {},
     {"key": "rules.disabled", "value": "H01", "rule": "H01"}),
    ("disable-h09", _set("rules.disabled", ["H09"]), {}, {"key": "rules.disabled", "rule": "H09"}),
    ("disable-unknown", _set("rules.disabled", ["H99"]), {}, {"key": "rules.disabled", "value": "H99"}),
    ("negative-weight", _set("weights", {"balance": -1}), {}, {"key": "weights.balance", "value": "-1"}),
    ("fraction-weight", _set("weights", {"rooms": 1.5}), {}, {"key": "weights.rooms", "value": "1.5"}),
    ("unknown-weight", _set("weights", {"happiness": 3}), {}, {"key": "weights.happiness"}),
    ("schema-2", _set("schema_version", 2), {}, {"key": "schema_version", "value": "2"}),
    # ---- times and dates
    ("bad-time", _set("calendar.blocks[0].start", "25:00"), {},
     {"key": "calendar.blocks[B1].start", "value": "25:00"}),
    ("bad-time-word", _set("grades[0].dismissal", "下午三点"), {},
     {"key": "grades[0].dismissal", "value": "下午三点"}),
    ("bad-date", _set("term.start", "2026-13-01"), {}, {"key": "term.start", "value": "2026-13-01"}),
    ("term-reversed", _set("term.end", "2026-08-01"), {}, {"key": "term.end", "value": "2026-08-01"}),
    ("bad-holiday", _set("calendar.holidays", ["2026-10-01", "国庆"]), {},
     {"key": "calendar.holidays[1]", "value": "国庆"}),
    ("bad-bool", None, {"rooms.csv": _replace(ROOMS, "FIELD,操场,field,100,true", "FIELD,操场,field,100,maybe")},
     {"file": "rooms.csv", "line": 4, "column": "outdoor", "value": "maybe"}),
    # ---- table files
    ("table-missing-file", _set("staff", "teachers.csv"), {}, {"key": "staff", "value": "teachers.csv"}),
    ("table-escapes", _set("staff", "../staff.csv"), {}, {"key": "staff", "value": "../staff.csv"}),
    ("table-absolute", _set("staff", "/etc/passwd"), {}, {"key": "staff", "value": "/etc/passwd"}),
    ("table-xls", _set("staff", "staff.xls"), {"staff.xls": "x"}, {"key": "staff", "value": "staff.xls"}),
    ("table-scalar", _set("rooms", 42), {}, {"key": "rooms", "value": "42"}),
    ("inline-row-not-mapping", _set("activities[1]", "BB"), {}, {"key": "activities[1]", "value": "BB"}),
    ("broken-quote", None, {"rooms.csv": ROOMS + 'R9,"坏的引号,classroom,30,,,\n'},
     {"file": "rooms.csv", "line": 6}),
    ("extra-cells", None, {"rooms.csv": ROOMS + "R9,多,classroom,30,,,,oops\n"},
     {"file": "rooms.csv", "line": 6, "value": "oops"}),
    ("empty-csv", None, {"rooms.csv": ""}, {"file": "rooms.csv", "says": "empty"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("edit", "files", "expect"),
    [pytest.param(e, f, x, id=name) for name, e, f, x in CASES],
)
def test_problem_is_located(
    tmp_path: Path, edit: Edit | None, files: dict[str, str], expect: dict[str, Any]
) -> None:
    path = write_instance(tmp_path / "school", edit=edit, files=files)
    problems = load_errors(path)
    expect.setdefault("file", "instance.yaml")
    found = matching(problems, **expect)
    assert found.zh and found.en  # both languages, always
    assert "internal" not in found.en


def test_all_problems_are_collected(tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["activities"][0]["category"] = "new_lesson"
        doc["calendar"]["blocks"][0]["end"] = "15:00"
        doc["weights"] = {"balance": -3}

    bad_students = _replace(STUDENTS, "S1,张三,1,1-1,B1", "S1,张三,1,1-9,B1")
    path = write_instance(tmp_path, edit=edit, files={"students.csv": bad_students})
    problems = load_errors(path)
    matching(problems, rule="H07")
    matching(problems, rule="H04")
    matching(problems, key="weights.balance")
    matching(problems, file="students.csv", line=2, column="class")


def test_schema_version_may_be_missing(tmp_path: Path) -> None:
    from paipian.io import load_instance

    path = write_instance(tmp_path, edit=_set("schema_version", _DELETE))
    data, _ = load_instance(path)
    assert data.school.name == "测试小学"


def test_malformed_yaml_names_line(tmp_path: Path) -> None:
    path = write_instance(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(4, "  bad: [unclosed")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problem = matching(load_errors(path), file="instance.yaml")
    assert problem.where.line is not None and problem.where.line >= 5
    assert "YAML" in problem.en


def test_unquoted_impossible_date_names_line(tmp_path: Path) -> None:
    path = write_instance(tmp_path)
    text = path.read_text(encoding="utf-8").replace("'2026-09-01'", "2026-02-30")
    path.write_text(text, encoding="utf-8")
    line = next(
        i for i, t in enumerate(text.splitlines(), start=1) if "2026-02-30" in t
    )
    matching(load_errors(path), file="instance.yaml", line=line)


@pytest.mark.parametrize(
    "content",
    ["- just\n- a list\n", "42\n", "", "plain words\n"],
    ids=["list", "scalar", "empty", "string"],
)
def test_yaml_that_is_not_a_mapping(tmp_path: Path, content: str) -> None:
    path = tmp_path / "instance.yaml"
    path.write_text(content, encoding="utf-8")
    problem = load_errors(path)[0]
    assert problem.where.file == str(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    matching(load_errors(tmp_path / "nope.yaml"), says="not found")
    matching(load_errors(tmp_path), says="folder")


def test_symlink_escaping_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text(STAFF, encoding="utf-8")
    path = write_instance(tmp_path / "school")
    (tmp_path / "school" / "staff.csv").unlink()
    (tmp_path / "school" / "staff.csv").symlink_to(outside)
    matching(load_errors(path), key="staff", value="staff.csv", says="folder")


def test_key_located_problem_names_its_line(tmp_path: Path) -> None:
    path = write_instance(tmp_path, edit=_set("calendar.blocks[1].start", "16:00"))
    text = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, start=1) if "'16:00'" in t)
    problem = matching(load_errors(path), key="calendar.blocks[B2].start")
    assert problem.where.line == line
    assert f"第 {line} 行" in problem.message("zh")


def test_inline_row_problem_names_the_row_line(tmp_path: Path) -> None:
    path = write_instance(tmp_path, edit=_set("activities[1].mode", "weekly"))
    text = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, start=1) if "weekly" in t)
    problem = matching(load_errors(path), key="activities[BB].mode", value="weekly")
    assert problem.where.line == line


@pytest.mark.parametrize("end", ["15:00", "半夜"], ids=["inverted", "unreadable"])
def test_bad_block_does_not_cascade(tmp_path: Path, end: str) -> None:
    # B1 is still a block: staff, grades and students naming it are not errors.
    path = write_instance(tmp_path, edit=_set("calendar.blocks[0].end", end))
    problems = load_errors(path)
    assert [p.where.key for p in problems] == ["calendar.blocks[B1].end"]
