"""The example school of the template, in canonical FORMAT.md values.

Small on purpose (five grades of one class, ten students): enough to show every
table and every kind of row a school needs, and to validate and solve as
written. ``columns`` turns these canonical values into what the 教务 reads.
"""

from __future__ import annotations

from dataclasses import dataclass

# Service calendar: (block id, start, end). The template's day cells, the
# survey's answer options and the instance YAML all come from this.
DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")
BLOCKS: tuple[tuple[str, str, str], ...] = (
    ("B1", "15:30", "16:30"),
    ("B2", "16:30", "17:30"),
)
GRADE_NAMES: dict[int, str] = {
    1: "一年级",
    2: "二年级",
    3: "三年级",
    4: "四年级",
    5: "五年级",
}


@dataclass(frozen=True)
class ExampleClass:
    id: str
    name: str
    grade: int
    homeroom: str
    head_teacher: str


CLASSES: tuple[ExampleClass, ...] = (
    ExampleClass("1-1", "一(1)班", 1, "R101", "T001"),
    ExampleClass("2-1", "二(1)班", 2, "R201", "T002"),
    ExampleClass("3-1", "三(1)班", 3, "R301", "T003"),
    ExampleClass("4-1", "四(1)班", 4, "R401", "T004"),
    ExampleClass("5-1", "五(1)班", 5, "R501", "T005"),
)

# Clubs the survey offers (id, name); the activities of the YAML list them too.
CLUBS: tuple[tuple[str, str], ...] = (("BB", "篮球社"), ("CHOIR", "合唱团"))

# One row per student; day values are block ids ("" = not that day).
STUDENTS: tuple[dict[str, object], ...] = (
    {"id": "S10101", "name": "王小明", "grade": 1, "class": "1-1",
     "mon": "B2", "tue": "B2", "wed": "B1", "thu": "B2", "fri": "B1",
     "prefs": "CHOIR", "needs_remedial": ""},
    {"id": "S10102", "name": "李思雨", "grade": 1, "class": "1-1",
     "mon": "B1", "tue": "", "wed": "B1", "thu": "", "fri": "B1",
     "prefs": "", "needs_remedial": ""},
    {"id": "S20101", "name": "张子涵", "grade": 2, "class": "2-1",
     "mon": "B2", "tue": "B2", "wed": "B2", "thu": "B2", "fri": "B2",
     "prefs": "CHOIR", "needs_remedial": ""},
    {"id": "S20102", "name": "陈一诺", "grade": 2, "class": "2-1",
     "mon": "B1", "tue": "B1", "wed": "", "thu": "B1", "fri": "",
     "prefs": "", "needs_remedial": ""},
    {"id": "S30101", "name": "刘浩然", "grade": 3, "class": "3-1",
     "mon": "B2", "tue": "B2", "wed": "B2", "thu": "B2", "fri": "B2",
     "prefs": "BB", "needs_remedial": ""},
    {"id": "S30102", "name": "杨梓萱", "grade": 3, "class": "3-1",
     "mon": "B2", "tue": "B1", "wed": "B2", "thu": "B1", "fri": "B2",
     "prefs": "CHOIR", "needs_remedial": "数学"},
    {"id": "S40101", "name": "赵宇轩", "grade": 4, "class": "4-1",
     "mon": "B2", "tue": "B2", "wed": "B2", "thu": "B2", "fri": "B2",
     "prefs": "BB", "needs_remedial": ""},
    {"id": "S40102", "name": "黄欣怡", "grade": 4, "class": "4-1",
     "mon": "B1", "tue": "B2", "wed": "B1", "thu": "B2", "fri": "",
     "prefs": "CHOIR", "needs_remedial": ""},
    {"id": "S50101", "name": "周俊杰", "grade": 5, "class": "5-1",
     "mon": "B2", "tue": "B2", "wed": "B2", "thu": "B2", "fri": "B2",
     "prefs": "BB", "needs_remedial": ""},
    {"id": "S50102", "name": "吴雨桐", "grade": 5, "class": "5-1",
     "mon": "B2", "tue": "B1", "wed": "B2", "thu": "B1", "fri": "B1",
     "prefs": "BB;CHOIR", "needs_remedial": "英语"},
)  # fmt: skip

# Staff: five class teachers, one external coach with her clearances, the
# school doctor and the administrator on duty (H11 needs both every day).
STAFF: tuple[dict[str, object], ...] = (
    {"id": "T001", "name": "孙丽华", "kind": "teacher",
     "skills": "homework;reading;care;arts", "available": "",
     "max_per_week": 8, "prefers": "mon;wed"},
    {"id": "T002", "name": "朱建国", "kind": "teacher",
     "skills": "homework;reading;care;sports", "available": "",
     "max_per_week": 8, "prefers": ""},
    {"id": "T003", "name": "胡晓燕", "kind": "teacher",
     "skills": "homework;qa;reading;moral", "available": "",
     "max_per_week": 8, "prefers": ""},
    {"id": "T004", "name": "郭志强", "kind": "teacher",
     "skills": "homework;qa;sports;care", "available": "mon;tue;wed;thu",
     "max_per_week": 8, "prefers": ""},
    {"id": "T005", "name": "何静", "kind": "teacher",
     "skills": "homework;qa;reading;arts", "available": "mon:B1,B2;tue;wed;thu;fri",
     "max_per_week": 8, "prefers": ""},
    {"id": "T006", "name": "林美玲", "kind": "teacher",
     "skills": "arts;reading;care", "available": "",
     "max_per_week": 8, "prefers": "CHOIR"},
    {"id": "T007", "name": "罗伟", "kind": "teacher",
     "skills": "sports;care;homework", "available": "",
     "max_per_week": 8, "prefers": ""},
    {"id": "X001", "name": "高文", "kind": "professional",
     "skills": "sports", "available": "tue;thu",
     "max_per_week": 4, "prefers": "",
     "qualification_verified": "是", "background_check": "通过",
     "qualification_expires": "2028-06-30"},
    {"id": "H001", "name": "梁医生", "kind": "health",
     "skills": "", "available": "", "max_per_week": 10, "prefers": ""},
    {"id": "A001", "name": "宋主任", "kind": "admin",
     "skills": "", "available": "", "max_per_week": 10, "prefers": ""},
)  # fmt: skip

ROOMS: tuple[dict[str, object], ...] = (
    {"id": "R101", "name": "一(1)班教室", "kind": "classroom", "capacity": 45,
     "outdoor": "否", "tags": "", "closed": "", "zone": "教学楼"},
    {"id": "R201", "name": "二(1)班教室", "kind": "classroom", "capacity": 45,
     "outdoor": "否", "tags": "", "closed": "", "zone": "教学楼"},
    {"id": "R301", "name": "三(1)班教室", "kind": "classroom", "capacity": 45,
     "outdoor": "否", "tags": "", "closed": "", "zone": "教学楼"},
    {"id": "R401", "name": "四(1)班教室", "kind": "classroom", "capacity": 45,
     "outdoor": "否", "tags": "", "closed": "", "zone": "教学楼"},
    {"id": "R501", "name": "五(1)班教室", "kind": "classroom", "capacity": 45,
     "outdoor": "否", "tags": "", "closed": "", "zone": "教学楼"},
    {"id": "MUS1", "name": "音乐教室", "kind": "special", "capacity": 40,
     "outdoor": "否", "tags": "music;piano", "closed": "", "zone": "教学楼"},
    {"id": "GYM", "name": "体育馆", "kind": "gym", "capacity": 80,
     "outdoor": "否", "tags": "", "closed": "wed:B2", "zone": "体育馆"},
    {"id": "FIELD", "name": "操场", "kind": "field", "capacity": 100,
     "outdoor": "是", "tags": "", "closed": "", "zone": "教学楼"},
    {"id": "LIB", "name": "图书馆", "kind": "library", "capacity": 50,
     "outdoor": "否", "tags": "", "closed": "", "zone": "教学楼"},
)  # fmt: skip
