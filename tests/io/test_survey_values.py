"""Survey values (grades, classes, day cells, prefs, kinds) and their messages:
"did you mean", and the same problem in many rows said once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from loadkit import ROOMS, STAFF, STUDENTS, load_errors, matching, write_instance

from paipian.io import load_instance

HEAD = "id,name,grade,class,mon,tue,wed,prefs\n"


def _students(tmp_path: Path, *rows: str) -> Path:
    return write_instance(tmp_path, files={"students.csv": HEAD + "".join(rows)})


@pytest.mark.parametrize(
    ("grade", "klass"),
    [
        ("3", "3-1"),
        ("三年级", "三(1)班"),
        ("3年级", "三（1）班"),
        ("三", "3(1)班"),
        (" 3 ", "3年级1班"),
        ("三年级", "三年级一班"),
        ("3", "三年级（1）班"),
        ("3", "三（一）班"),
    ],
)
def test_grades_and_classes_by_name(tmp_path: Path, grade: str, klass: str) -> None:
    data, warnings = load_instance(
        _students(tmp_path, f"S1,甲,{grade},{klass},B1,,,\n")
    )
    assert (data.students[0].grade, data.students[0].class_id) == (3, "3-1")
    assert warnings == []


def test_an_unreadable_grade_is_one_error_not_two(tmp_path: Path) -> None:
    problems = load_errors(_students(tmp_path, "S1,甲,高三,3-1,B1,,,\n"))
    assert len(problems) == 1, problems
    matching(problems, line=2, column="grade", value="高三", says="三年级")


def test_an_unknown_class_suggests_the_nearest(tmp_path: Path) -> None:
    problems = load_errors(_students(tmp_path, "S1,甲,3,三(2)班,B1,,,\n"))
    problem = matching(problems, line=2, column="class", value="三(2)班")
    assert "是否应为" in problem.zh and "三(1)班" in problem.zh
    assert "did you mean" in problem.en


@pytest.mark.parametrize(
    ("cell", "last"),
    [
        ("B2", "B2"),
        ("16:30", "B1"),
        ("17:30离校", "B2"),
        ("16点30", "B1"),
        ("17点半", "B2"),
        ("１７：３０", "B2"),
        ("下午5:30", "B2"),
        ("下午4点半", "B1"),
        ("17:30:00", "B2"),
        ("参加", "B2"),
        ("√", "B2"),
        ("是", "B2"),
    ],
)
def test_day_cells_read_leaving_times_and_words(
    tmp_path: Path, cell: str, last: str
) -> None:
    data, _ = load_instance(_students(tmp_path, f"S1,甲,3,3-1,{cell},不参加,否,\n"))
    assert data.students[0].last_block == (("mon", last),)


def test_attending_means_the_grades_own_last_block(tmp_path: Path) -> None:
    # Grade 1 takes part in B1 only (loadkit): 参加 is B1 for it.
    data, _ = load_instance(_students(tmp_path, "S1,甲,1,1-1,参加,无,,\n"))
    assert data.students[0].last_block == (("mon", "B1"),)


def test_a_leaving_time_that_ends_no_block_names_the_end_times(tmp_path: Path) -> None:
    problems = load_errors(_students(tmp_path, "S1,甲,3,3-1,17:00,,,\n"))
    problem = matching(problems, line=2, column="mon", value="17:00")
    assert "B1 16:30" in problem.zh and "B2 17:30" in problem.zh


def test_prefs_by_name_with_every_separator(tmp_path: Path) -> None:
    data, warnings = load_instance(
        _students(
            tmp_path,
            "S1,甲,3,3-1,B1,,,篮球社\n",
            "S2,乙,3,3-1,B1,,,篮球社、BB\n",
            "S3,丙,3,3-1,B1,,,篮球社|BB；篮球社\n",
        )
    )
    assert [s.prefs for s in data.students] == [
        ("BB",),
        ("BB", "BB"),
        ("BB", "BB", "BB"),
    ]
    assert warnings == []


def test_a_few_unknown_prefs_are_warnings_with_a_suggestion(tmp_path: Path) -> None:
    data, warnings = load_instance(
        _students(
            tmp_path,
            "S1,甲,3,3-1,B1,,,篮球\n",
            "S2,乙,3,3-1,B1,,,篮球社;BB\n",
            "S3,丙,3,3-1,B1,,,BB;篮球社\n",
        )
    )
    warning = matching(warnings, line=2, column="prefs", value="篮球")
    assert "篮球社" in warning.zh
    assert data.students[0].prefs == ("篮球",)  # kept as given, skipped later


def test_mostly_unknown_prefs_are_one_error(tmp_path: Path) -> None:
    rows = [f"S{i},生{i},3,3-1,B1,,,足球;排球\n" for i in range(1, 5)]
    problems = load_errors(_students(tmp_path, *rows))
    assert len(problems) == 1, problems
    problem = matching(problems, line=2, column="prefs", says="8/8")
    assert "足球" in problem.zh and "排球" in problem.zh


def test_kinds_and_booleans_in_chinese(tmp_path: Path, school: Path) -> None:
    canonical, _ = load_instance(school)
    rooms = (
        ROOMS.replace(",classroom,", ",教室,")
        .replace(",field,100,true", ",操场,100,√")
        .replace(",special,40,no", ",专用教室,40,无")
    )
    staff = (
        STAFF.replace(",teacher,", ",教师,")
        .replace(",professional,", ",专业人员,")
        .replace(",health,", ",保健,")
        .replace(",admin,", ",行政,")
        .replace(",4,true,", ",4,是,")
    )
    path = write_instance(
        tmp_path / "zh", files={"rooms.csv": rooms, "staff.csv": staff}
    )
    data, warnings = load_instance(path)
    assert warnings == []
    assert data.rooms == canonical.rooms
    assert data.staff == canonical.staff


def test_an_unknown_kind_suggests_the_nearest(tmp_path: Path) -> None:
    staff = STAFF.replace("X01,范教练,professional", "X01,范教练,专业人")
    problems = load_errors(write_instance(tmp_path, files={"staff.csv": staff}))
    problem = matching(problems, file="staff.csv", line=4, column="kind")
    assert "专业人员" in problem.zh


def test_an_unknown_leader_suggests_the_nearest_staff_id(tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["activities"][1]["staff"] = ["X1"]

    problems = load_errors(write_instance(tmp_path, edit=edit))
    problem = matching(problems, value="X1", says="no staff member")
    assert "X01" in problem.en


def test_the_same_problem_in_many_rows_is_one_message(tmp_path: Path) -> None:
    rows = [f"S{i},生{i},3,3-1,17:00,,,\n" for i in range(1, 1222)]
    problems = load_errors(_students(tmp_path, *rows))
    assert len(problems) == 1, problems[:3]
    problem = problems[0]
    assert problem.where.line == 2 and problem.value == "17:00"
    assert "1,221 行" in problem.zh and "第 2、3、4、5、6… 行" in problem.zh
    assert "1,221 rows" in problem.en


def test_a_problem_in_two_rows_stays_two_messages(tmp_path: Path) -> None:
    rows = [f"S{i},生{i},3,3-1,17:00,,,\n" for i in range(1, 3)]
    problems = load_errors(_students(tmp_path, *rows))
    assert [p.where.line for p in problems] == [2, 3]


def test_grouped_problems_keep_their_other_values(tmp_path: Path) -> None:
    rows = [f"S{i},生{i},3,3-1,{16 + i % 2}:00,,,\n" for i in range(1, 5)]
    problems = load_errors(_students(tmp_path, *rows))
    assert len(problems) == 1, problems
    assert problems[0].value == "17:00"  # the first row's, S1
    assert "4 行" in problems[0].zh and "其他的值如 '16:00'" in problems[0].zh


def test_canonical_students_still_load(tmp_path: Path) -> None:
    data, _ = load_instance(write_instance(tmp_path, files={"students.csv": STUDENTS}))
    assert [s.id for s in data.students] == ["S1", "S2", "S3"]


def test_skills_and_activity_grades_in_chinese(tmp_path: Path, school: Path) -> None:
    canonical, _ = load_instance(school)
    staff = STAFF.replace("homework;care", "作业辅导、看护").replace(
        "homework;sports", "作业辅导；体育"
    )

    def edit(doc: dict[str, Any]) -> None:
        doc["activities"][0]["grades"] = "三年级"
        doc["activities"][0]["category"] = "作业辅导"
        doc["activities"][1]["staff_skills"] = "无"

    data, warnings = load_instance(
        write_instance(tmp_path / "zh", files={"staff.csv": staff}, edit=edit)
    )
    assert warnings == []
    assert data.staff == canonical.staff
    assert data.activity_by_id["HW"] == canonical.activity_by_id["HW"]
    assert data.activity_by_id["BB"].staff_skills == frozenset()
    assert canonical.activity_by_id["BB"].staff_skills == {"sports"}  # control


def test_day_headers_with_a_remark_in_brackets(tmp_path: Path) -> None:
    head = "学号,姓名,年级,班级,周一（离校时间）,周二离校时间,星期三,社团志愿(可多选)\n"
    path = write_instance(
        tmp_path, files={"students.csv": head + "S1,甲,3,3-1,17:30,16:30,,篮球社\n"}
    )
    data, warnings = load_instance(path)
    assert warnings == []
    assert data.students[0].last_block == (("mon", "B2"), ("tue", "B1"))
    assert data.students[0].prefs == ("BB",)


@pytest.mark.parametrize("klass", ["1班", "（1）班", "一班", "(1)"])
def test_a_class_by_its_number_within_the_grade(tmp_path: Path, klass: str) -> None:
    data, _ = load_instance(_students(tmp_path, f"S1,甲,三年级,{klass},B1,,,\n"))
    assert data.students[0].class_id == "3-1"


def test_a_bare_number_is_not_taken_for_a_class(tmp_path: Path) -> None:
    # "3" in the class column may be the grade in the wrong column: ask.
    problems = load_errors(_students(tmp_path, "S1,甲,3,3,B1,,,\n"))
    matching(problems, line=2, column="class", value="3")


@pytest.mark.parametrize(("cell", "last"), [("第1时段", "B1"), ("第二时段", "B2")])
def test_a_block_by_its_ordinal(tmp_path: Path, cell: str, last: str) -> None:
    data, _ = load_instance(_students(tmp_path, f"S1,甲,3,3-1,{cell},,,\n"))
    assert data.students[0].last_block == (("mon", last),)


def test_survey_multi_answer_separators(tmp_path: Path) -> None:
    data, _ = load_instance(
        _students(tmp_path, 'S1,甲,3,3-1,B1,,,"篮球社┋BB\n篮球社"\n')
    )
    assert data.students[0].prefs == ("BB", "BB", "BB")


# Every spelling FORMAT.md's *Survey exports: accepted spellings* lists.
SPEC_HEADERS = {
    "students": {
        "学号": "id", "姓名": "name", "年级": "grade", "班级": "class",
        "周一": "mon", "周二": "tue", "周三": "wed", "周四": "thu", "周五": "fri",
        "周六": "sat", "周日": "sun", "志愿": "prefs", "社团志愿": "prefs",
        "兴趣志愿": "prefs", "补差": "needs_remedial", "补差科目": "needs_remedial",
    },
    "staff": {
        "工号": "id", "编号": "id", "姓名": "name", "类别": "kind", "类型": "kind",
        "特长": "skills", "可带类别": "skills", "可参与时段": "available",
        "可用时段": "available", "每周上限": "max_per_week",
    },
    "rooms": {
        "编号": "id", "名称": "name", "场地": "name", "类型": "kind",
        "容量": "capacity", "座位": "capacity", "室外": "outdoor", "标签": "tags",
        "关闭": "closed",
    },
}  # fmt: skip
SPEC_STAFF_KINDS = {
    "教师": "teacher", "退休教师": "retired_teacher", "专业人员": "professional",
    "志愿者": "volunteer", "机构": "institution", "保健": "health", "行政": "admin",
}  # fmt: skip
SPEC_ROOM_KINDS = {
    "教室": "classroom", "专用教室": "special", "体育馆": "gym", "操场": "field",
    "图书馆": "library", "礼堂": "hall", "食堂": "canteen", "门卫室": "guard_room",
    "校外场所": "offsite",
}  # fmt: skip


def test_every_spelling_the_spec_lists_is_read() -> None:
    from paipian.io import cells
    from paipian.io.records import known_code
    from paipian.io.spellings import (
        ROOM_KIND_WORDS,
        STAFF_KIND_WORDS,
        canonical_header,
    )

    for table, headers in SPEC_HEADERS.items():
        for header, column in headers.items():
            assert canonical_header(table, f" {header} ") == column, header
    for word, kind in SPEC_STAFF_KINDS.items():
        assert known_code(word, (), STAFF_KIND_WORDS) == kind
    for word, kind in SPEC_ROOM_KINDS.items():
        assert known_code(word, (), ROOM_KIND_WORDS) == kind
    for yes, no in (("是", "否"), ("有", "无"), ("√", "×")):
        assert cells.boolean(yes) is True and cells.boolean(no) is False
