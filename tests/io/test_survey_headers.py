"""Survey exports: Chinese headers, title rows and "did you mean" for columns."""

from __future__ import annotations

from pathlib import Path

from loadkit import STUDENTS, load_errors, matching, write_instance

from paipian.io import load_instance
from paipian.io.spellings import canonical_header

SURVEY_STUDENTS = (
    "2026学年第一学期课后服务报名统计,,,,,,,,,\n"
    ",,,,,,,,,\n"
    "序号,学 号,姓名,年级,班级,星期一,周二,周三,社团志愿,提交时间\n"
    "1,S1,张三,1,1-1,B1,,0,,2026/8/30 10:00\n"
    "2,S2,李四,3,3-1,B2,B1,B2,BB,2026/8/30 10:01\n"
    "3,S3,王五,3,3-1,,B2,,BB,2026/8/30 10:02\n"
)
SURVEY_STAFF = (
    "工号,姓名,类别,特长,可用时段,每周上限,资质核验,背景审查,资质有效期\n"
    "T001,丁老师,teacher,homework;care,,,,,\n"
    'T002,胡老师,teacher,homework;sports,"mon:B1,B2;tue:B1",5,,,\n'
    "X01,范教练,professional,sports,mon;wed,4,true,passed,2027-06-30\n"
    "H01,李校医,health,,,,,,\n"
    "A01,杨主任,admin,,,,,,\n"
)
SURVEY_ROOMS = (
    "编号,场地,类型,座位,室外,标签,关闭\n"
    "R101,一(1)班教室,classroom,45,,,\n"
    "R301,三(1)班教室,classroom,45,,,\n"
    "FIELD,操场,field,100,true,,wed\n"
    "MUS,音乐教室,special,40,no,music;piano,tue:B2\n"
)


def test_header_cells_fold_full_width_spaces_and_question_numbers() -> None:
    assert canonical_header("students", " 学　号 ") == "id"
    assert canonical_header("students", "3、班级*") == "class"
    assert canonical_header("students", "Q5. 周五") == "fri"
    assert canonical_header("staff", "编号") == "id"
    assert canonical_header("rooms", "ＩＤ") == "id"
    assert canonical_header("rooms", "序号") == "序号"  # unknown: ignored later
    assert canonical_header("students", "\ufeff学号\u200b") == "id"  # pasted


def test_chinese_headers_and_title_rows_load_as_canonical(
    tmp_path: Path, school: Path
) -> None:
    canonical, _ = load_instance(school)
    path = write_instance(
        tmp_path / "survey",
        files={
            "students.csv": SURVEY_STUDENTS,
            "staff.csv": SURVEY_STAFF,
            "rooms.csv": SURVEY_ROOMS,
        },
    )
    survey, warnings = load_instance(path)
    assert warnings == []
    assert survey.students == canonical.students
    assert survey.staff == canonical.staff
    assert survey.rooms == canonical.rooms


def test_title_rows_keep_the_files_line_numbers(tmp_path: Path) -> None:
    bad = SURVEY_STUDENTS.replace("3,S3,王五,3,3-1", "3,S3,王五,3,3-9")
    problems = load_errors(write_instance(tmp_path, files={"students.csv": bad}))
    # Line 6 of the file: two title rows, the header, then S1 and S2.
    matching(problems, file="students.csv", line=6, column="班级", value="3-9")


def test_a_misspelt_required_header_suggests_the_accepted_one(tmp_path: Path) -> None:
    bad = SURVEY_STUDENTS.replace("学 号", "学生号")
    problems = load_errors(write_instance(tmp_path, files={"students.csv": bad}))
    problem = matching(problems, file="students.csv", line=3, column="id")
    assert "学生号 → 学号" in problem.zh
    assert "学号" in problem.zh and "序号" in problem.zh  # accepted and found


def test_a_misspelt_optional_header_is_warned_not_dropped_in_silence(
    tmp_path: Path,
) -> None:
    typo = STUDENTS.replace("prefs", "prefes", 1)
    _, warnings = load_instance(write_instance(tmp_path, files={"students.csv": typo}))
    matching(warnings, file="students.csv", line=1, column="prefes", says="prefs")
    _, none = load_instance(write_instance(tmp_path / "ok"))
    assert none == []


def test_an_activities_table_in_chinese(tmp_path: Path, school: Path) -> None:
    canonical, _ = load_instance(school)
    table = (
        "编号,名称,类别,方式,组织形式,年级,容量,每周次数,场地类型,指导教师\n"
        "HW,作业辅导,作业辅导,按时段分组,行政班,三年级,45,,教室,\n"
        "BB,篮球社,体育,社团,全校混班,,2-30,2,操场;体育馆,X01\n"
    )
    path = write_instance(
        tmp_path / "zh",
        files={"activities.csv": table},
        edit=lambda d: d.__setitem__("activities", "activities.csv"),
    )
    data, warnings = load_instance(path)
    assert warnings == []
    assert data.activities == canonical.activities


def test_the_same_column_twice_under_two_spellings(tmp_path: Path) -> None:
    both = STUDENTS.replace("id,name", "id,学号", 1)
    problems = load_errors(write_instance(tmp_path, files={"students.csv": both}))
    matching(problems, file="students.csv", line=1, column="学号", says="duplicate")


def test_the_table_sheet_of_a_workbook_is_found_and_named(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "填写说明"
    notes.append(["每行一名学生；离校时间写 16:30 或 17:30"])
    data_sheet = book.create_sheet("学生名单")
    for line in SURVEY_STUDENTS.replace("3-1,,B2", "3-9,,B2").splitlines():
        data_sheet.append(line.split(","))
    book.save(tmp_path / "报名.xlsx")
    path = write_instance(
        tmp_path, edit=lambda d: d.__setitem__("students", "报名.xlsx")
    )
    problems = load_errors(path)
    problem = matching(problems, line=6, column="班级", value="3-9")
    assert "学生名单" in problem.where.file
    # Control: the same workbook with the class put right loads.
    data_sheet.cell(row=6, column=5).value = "3-1"
    book.save(tmp_path / "报名.xlsx")
    data, _ = load_instance(path)
    assert [s.id for s in data.students] == ["S1", "S2", "S3"]


def test_a_header_holding_a_missing_columns_name_is_suggested(tmp_path: Path) -> None:
    odd = SURVEY_STUDENTS.replace("星期一", "星期一课后服务")
    problems = load_errors(write_instance(tmp_path, files={"students.csv": odd}))
    problem = matching(problems, file="students.csv", line=3, column="mon")
    assert "星期一课后服务 → 周一" in problem.zh


def test_inline_rows_take_the_same_chinese_keys(tmp_path: Path, school: Path) -> None:
    canonical, _ = load_instance(school)

    def edit(doc: dict[str, object]) -> None:
        doc["rooms"] = [
            {"编号": "R101", "名称": "一(1)班教室", "类型": "教室", "容量": 45},
            {"编号": "R301", "名称": "三(1)班教室", "类型": "教室", "容量": 45},
            {"编号": "FIELD", "名称": "操场", "类型": "操场", "容量": 100, "室外": "是",
             "关闭": "wed"},
            {"编号": "MUS", "名称": "音乐教室", "类型": "专用教室", "容量": 40,
             "标签": "music;piano", "关闭": "tue:B2"},
        ]  # fmt: skip

    data, warnings = load_instance(write_instance(tmp_path / "zh", edit=edit))
    assert warnings == []
    assert data.rooms == canonical.rooms
