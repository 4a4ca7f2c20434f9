"""The activities table of the template (活动.xlsx): columns and example rows.

Activities could stay inline in the YAML, but the people who fill them in live
in Excel: a sheet with a drop-down for 类别, 方式, 组织形式 and 是/否 spares them
YAML's indentation. Spelled through ``columns`` like the other tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from paipian.domain import (
    CATEGORY_ZH,
    FORBIDDEN_CATEGORIES,
    FORM_ZH,
    MODE_ZH,
    ROOM_KIND_ZH,
)
from paipian.templates import columns
from paipian.templates.columns import NO, YES, Column

CATEGORIES = tuple(c for c in CATEGORY_ZH if c not in FORBIDDEN_CATEGORIES)
MODE_SPELLING = {"club": "社团", "drop_in": "按时段分组"}

# Canonical rows; list cells in FORMAT.md's table notation (``3;4;5``).
ACTIVITIES: tuple[dict[str, object], ...] = (
    {"id": "HW", "name": "作业辅导", "category": "homework", "mode": "drop_in",
     "form": "grade_mixed", "grades": "3;4;5", "capacity": "45",
     "room_kinds": "classroom"},
    {"id": "CARE", "name": "看护与自主游戏", "category": "care", "mode": "drop_in",
     "capacity": "45", "room_kinds": "classroom;library"},
    {"id": "READ", "name": "快乐阅读", "category": "reading", "mode": "drop_in",
     "capacity": "45", "room_kinds": "library;classroom"},
    {"id": "SUN", "name": "阳光体育", "category": "sports", "mode": "drop_in",
     "capacity": "50", "room_kinds": "gym;field", "rain_backup": YES},
    {"id": "BB", "name": "篮球社", "category": "sports", "mode": "club",
     "grades": "3;4;5", "capacity": "3-30", "sessions_per_week": 1,
     "required": NO, "room_kinds": "gym;field", "staff": "X001",
     "staff_skills": "无"},
    {"id": "CHOIR", "name": "合唱团", "category": "arts", "mode": "club",
     "capacity": "3-40", "sessions_per_week": 1, "required": NO,
     "room_kinds": "special;classroom", "room_tags": "music", "staff": "T006"},
)  # fmt: skip


def category(code: str) -> str:
    return columns.category_word(code)


def mode(code: str) -> str:
    return MODE_SPELLING[code] if columns.CHINESE_VALUES else code


def form(code: str) -> str:
    return FORM_ZH[code] if columns.CHINESE_VALUES else code


def _codes(
    codes: tuple[str, ...], spell: Callable[[str], str], meaning: Mapping[str, str]
) -> str:
    """The values to write: as the drop-down spells them, else ``code＝意思``."""
    if columns.CHINESE_VALUES:
        return "、".join(spell(c) for c in codes)
    return "；".join(f"{c}＝{meaning[c]}" for c in codes)


def activity_columns() -> tuple[Column, ...]:
    quality = ("sports", "arts", "science", "labor", "reading", "moral", "safety")
    room_kinds = tuple(k for k in columns.ROOM_KIND_SPELLING if k not in
                       ("canteen", "guard_room"))  # fmt: skip
    return (
        Column("id", "编号", "编号：每项活动唯一；学生志愿中可写编号或名称", True),
        Column("name", "名称", "名称：如 篮球社", required=True, width=16),
        Column(
            "category",
            "类别",
            "类别："
            + _codes(CATEGORIES, category, CATEGORY_ZH)
            + "。作业辅导、答疑算作业类（H03）；"
            + "、".join(CATEGORY_ZH[c] for c in quality)
            + "等算素质类（H05）。讲授新课、刷题备考、集体补课不得开设（H07）",
            required=True,
            choices=tuple(category(c) for c in CATEGORIES),
        ),
        Column(
            "mode",
            "方式",
            "方式："
            + _codes(("club", "drop_in"), mode, MODE_ZH)
            + "。社团成员整学期固定；按时段分组是每个时段由当时在校的学生临时编组"
            "（作业辅导、看护、阅读等）",
            required=True,
            choices=tuple(mode(m) for m in ("club", "drop_in")),
        ),
        Column(
            "form",
            "组织形式",
            "组织形式：" + _codes(tuple(FORM_ZH), form, FORM_ZH) + "；留空＝全校混班",
            choices=tuple(form(f) for f in FORM_ZH),
        ),
        Column(
            "grades",
            "年级",
            "年级：面向哪些年级，如 3;4;5；留空＝全部年级",
            choices=("1;2", "3;4;5"),
            only_choices=False,
        ),
        Column(
            "capacity",
            "容量",
            "容量：每场人数。写 45＝1–45 人；"
            "写 12-30＝至少 12 人才开、最多 30 人（H13）",
            required=True,
            width=8,
        ),
        Column(
            "sessions_per_week",
            "每周次数",
            "每周次数：社团每周上几次（默认 1）；按时段分组的活动留空",
            choices=("1", "2", "3"),
            only_choices=False,
            number=True,
        ),
        Column(
            "required",
            "必开",
            "必开：是＝这个社团一定要开（即使报名少）；否或留空＝报名不足时可以不开",
            choices=(YES, NO),
            width=8,
        ),
        Column(
            "room_kinds",
            "场地类型",
            "场地类型：可用哪些类型的场地，用「;」分隔，如 "
            + ";".join(columns.room_kind(k) for k in ("gym", "field"))
            + "。"
            + _codes(room_kinds, columns.room_kind, ROOM_KIND_ZH),
            required=True,
            choices=tuple(columns.room_kind(k) for k in room_kinds),
            only_choices=False,
            width=18,
        ),
        Column(
            "room_tags",
            "场地标签",
            "场地标签：场地必须带的标签（见场地表「标签」列），如 music",
        ),
        Column(
            "staff",
            "指导教师",
            "指导教师：可以带这项活动的人的工号，用「;」分隔",
            width=14,
        ),
        Column(
            "staff_skills",
            "可带类别",
            "可带类别：此外「可带类别」含这里任一类别（如 "
            + category("sports")
            + "）的教职工也可以带；留空＝本活动的类别；写「无」＝只能由指导教师带",
            width=14,
        ),
        Column(
            "rain_backup",
            "雨天备用",
            "雨天备用：在室外场地进行时是否预留室内备用场地（默认 是，H14）",
            choices=(YES, NO),
            width=10,
        ),
    )


def display_value(key: str, value: object) -> object:
    """An example cell in the template's spelling."""
    if value in ("", None):
        return None
    if key == "category":
        return category(str(value))
    if key == "mode":
        return mode(str(value))
    if key == "form":
        return form(str(value))
    if key == "room_kinds":
        return ";".join(columns.room_kind(k) for k in str(value).split(";"))
    return value


def rows() -> list[dict[str, object]]:
    return [{k: display_value(k, v) for k, v in row.items()} for row in ACTIVITIES]
