"""How the template spells every table column and coded value: one mapping.

Every header a 教务 sees is Chinese (学号, 姓名, 周一 …, 工号, 类别 …, 编号, 名称 …):
the spellings of FORMAT.md's *Survey exports: accepted spellings*, and for the
columns it names no Chinese for, the loader's own (``paipian.io.spellings``:
目标课时, 偏好, 资质已核验 …). Coded values can be Chinese too (staff and room
kinds 教师/操场, a day cell as the leaving time ``17:30离校``, a class by its
name ``三(1)班``, clubs by name in the preferences).

Two switches say which spellings the loader reads: ``CHINESE_HEADERS`` for the
header row, ``CHINESE_VALUES`` for the coded values. Off, the template falls
back to the canonical FORMAT.md spelling (``id``, ``teacher``, ``B2``), which
every loader reads. A test loads the template under the switches as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from paipian.domain import (
    CATEGORY_ZH,
    DAY_ZH,
    FORBIDDEN_CATEGORIES,
    ROOM_KIND_ZH,
    STAFF_KIND_ZH,
)
from paipian.templates import example

CHINESE_HEADERS = True  # the loader reads Chinese headers (survey branch)
CHINESE_VALUES = True  # …and Chinese kinds, categories, leaving times, class names

# FORMAT.md's Chinese values for the kinds (Survey exports: Values).
STAFF_KIND_SPELLING: dict[str, str] = {
    "teacher": "教师",
    "retired_teacher": "退休教师",
    "professional": "专业人员",
    "volunteer": "志愿者",
    "institution": "机构",
    "health": "保健",
    "admin": "行政",
}
ROOM_KIND_SPELLING: dict[str, str] = {
    "classroom": "教室",
    "special": "专用教室",
    "gym": "体育馆",
    "field": "操场",
    "library": "图书馆",
    "hall": "礼堂",
    "canteen": "食堂",
    "guard_room": "门卫室",
    "offsite": "校外场所",
}
NOT_ATTENDING = "不参加"
YES, NO = "是", "否"


@dataclass(frozen=True)
class Column:
    """One column of a template table."""

    key: str  # the FORMAT.md column
    zh: str | None  # the Chinese header the loader reads
    meaning: str  # what to write, for the 填写说明 sheet and the header comment
    required: bool = False
    choices: tuple[str, ...] = ()  # drop-down list
    only_choices: bool = True  # False: the list suggests, other text is allowed
    width: int = 12
    number: bool = False  # a number cell; every other column is formatted as text

    @property
    def header(self) -> str:
        if CHINESE_HEADERS and self.zh:
            return self.zh
        return self.key


def leave_label(block_id: str) -> str:
    """A day cell as the survey asks it: the time the student leaves."""
    if not CHINESE_VALUES:
        return block_id
    end = {b: e for b, _, e in example.BLOCKS}[block_id]
    return f"{end}离校"


def day_choices() -> tuple[str, ...]:
    labels = tuple(leave_label(b) for b, _, _ in example.BLOCKS)
    return ((NOT_ATTENDING,) if CHINESE_VALUES else ()) + labels


def category_word(code: str) -> str:
    """An activity category as the template writes it (体育 or sports)."""
    return CATEGORY_ZH[code] if CHINESE_VALUES else code


def staff_kind(kind: str) -> str:
    return STAFF_KIND_SPELLING[kind] if CHINESE_VALUES else kind


def room_kind(kind: str) -> str:
    return ROOM_KIND_SPELLING[kind] if CHINESE_VALUES else kind


def _kind_meaning(spelling: dict[str, str], zh: dict[str, str]) -> str:
    if CHINESE_VALUES:
        return "、".join(spelling.values())
    return "；".join(f"{k}＝{zh[k]}" for k in spelling)


def student_columns() -> tuple[Column, ...]:
    blocks = "，".join(f"{b} {s}–{e}" for b, s, e in example.BLOCKS)
    if CHINESE_VALUES:
        day_meaning = (
            "这一天的离校时间：从下拉列表选「…离校」（即参加到结束于该时间的时段），"
            f"不参加选「{NOT_ATTENDING}」或留空。时段：{blocks}"
        )
    else:
        day_meaning = (
            "这一天留到哪个时段（离校前最后一个时段的编号）；"
            f"不参加留空。时段：{blocks}"
        )
    classes = tuple((c.name if CHINESE_VALUES else c.id) for c in example.CLASSES)
    days = tuple(
        Column(
            day,
            DAY_ZH[day],
            f"{DAY_ZH[day]}：{day_meaning}",
            required=True,
            choices=day_choices(),
            width=11,
        )
        for day in example.DAYS
    )
    return (
        Column("id", "学号", "学号：每个学生唯一，不能重复", required=True),
        Column("name", "姓名", "姓名：只用于校内名单，公开的表里不会出现"),
        Column(
            "grade",
            "年级",
            "年级：数字 1–9（也可写「三年级」）",
            required=True,
            choices=tuple(str(g) for g in example.GRADE_NAMES),
            only_choices=False,
            width=8,
            number=True,
        ),
        Column(
            "class",
            "班级",
            "班级：instance.yaml 的 grades 中该班的编号 id 或名称，如 "
            + ("三(1)班" if CHINESE_VALUES else "3-1"),
            required=True,
            choices=classes,
            only_choices=False,
        ),
        *days,
        Column(
            "prefs",
            "社团志愿",
            "社团志愿：想参加的社团，按想去的顺序，用「;」或「、」分隔，"
            "第一个最想去；写社团编号"
            + ("或名称（如 篮球社、合唱团）" if CHINESE_VALUES else "（如 BB;CHOIR）")
            + "；不报社团留空",
            width=18,
        ),
        Column(
            "needs_remedial",
            "补差科目",
            "补差科目：需要个别辅导（补差）的科目，如 数学；不需要留空",
        ),
    )


def staff_columns() -> tuple[Column, ...]:
    kinds = tuple(staff_kind(k) for k in STAFF_KIND_SPELLING)
    categories = tuple(c for c in CATEGORY_ZH if c not in FORBIDDEN_CATEGORIES)
    return (
        Column("id", "工号", "工号：每人唯一，activities 的 staff 和班主任用它", True),
        Column("name", "姓名", "姓名", required=True),
        Column(
            "kind",
            "类别",
            "类别："
            + _kind_meaning(STAFF_KIND_SPELLING, STAFF_KIND_ZH)
            + "。退休教师、专业人员、志愿者、机构为校外人员，须填资质三列；"
            "保健、行政只值班，不带活动",
            required=True,
            choices=kinds,
        ),
        Column(
            "skills",
            "可带类别",
            "可带类别：能带哪些类别的活动（可从下拉列表选），多个用「;」分隔，如 "
            + ";".join(category_word(c) for c in ("homework", "reading"))
            + "。类别："
            + (
                "、".join(category_word(c) for c in categories)
                if CHINESE_VALUES
                else "；".join(f"{c}＝{CATEGORY_ZH[c]}" for c in categories)
            ),
            choices=tuple(category_word(c) for c in categories),
            only_choices=False,
            width=24,
        ),
        Column(
            "available",
            "可参与时段",
            "可参与时段：留空＝每天每个时段都可以；写「周一;周三」＝这几天全天；"
            "写「周一:B1;周二:B1,B2」＝只这些时段；写「无」＝不参加课后服务",
            width=24,
        ),
        Column(
            "max_per_week",
            "每周上限",
            "每周上限：每周最多带（或协助）几节，默认 10",
            choices=tuple(str(n) for n in range(1, 11)),
            only_choices=False,
            number=True,
        ),
        Column(
            "target_per_week",
            "目标课时",
            "目标课时：希望每周承担的课时（工作量均衡 S1 以它为目标），留空＝全校平均",
            number=True,
        ),
        Column(
            "prefers",
            "偏好",
            "偏好：希望安排的日子（周一、周三）或活动编号（CHOIR），用「;」分隔，"
            "尽量满足（S5）",
            width=16,
        ),
        Column(
            "qualification_verified",
            "资质已核验",
            "资质已核验：校外人员填 是/否（本校教师留空）",
            choices=(YES, NO),
        ),
        Column(
            "background_check",
            "背景审查",
            "背景审查：校外人员填 通过/未通过（本校教师留空）",
            choices=("通过", "未通过"),
        ),
        Column(
            "qualification_expires",
            "资质有效期",
            "资质有效期：校外人员填日期 2028-06-30，须晚于学期结束日",
            width=14,
        ),
    )


def room_columns() -> tuple[Column, ...]:
    kinds = tuple(room_kind(k) for k in ROOM_KIND_SPELLING)
    return (
        Column(
            "id", "编号", "编号：每处场地唯一，activities 和班级的 homeroom 用它", True
        ),
        Column(
            "name", "名称", "名称：如 三(1)班教室、操场东区", required=True, width=16
        ),
        Column(
            "kind",
            "类型",
            "类型："
            + _kind_meaning(ROOM_KIND_SPELLING, ROOM_KIND_ZH)
            + "。食堂、门卫室按规定不安排学生活动（H10）",
            required=True,
            choices=kinds,
        ),
        Column(
            "capacity",
            "容量",
            "容量：最多容纳的学生人数",
            required=True,
            width=8,
            number=True,
        ),
        Column(
            "outdoor",
            "室外",
            "室外：是/否；室外场地下雨时需要一间室内备用场地（H14）",
            choices=(YES, NO),
            width=8,
        ),
        Column(
            "tags",
            "标签",
            "标签：专用教室的用途，如 music;piano（音乐）、art（美术）、lab（实验）、"
            "computer（计算机）、dance（舞蹈）；活动的 room_tags 据此挑选场地",
            width=16,
        ),
        Column(
            "closed",
            "关闭",
            "关闭：不开放的时段，如「周三:B2」或「周五」（全天）；一直开放留空",
            width=14,
        ),
        Column("zone", "区域", "区域：所在的楼或区域，自由填写，如 东楼", width=10),
    )


def display_value(table: str, key: str, value: object) -> object:
    """An example cell in the template's spelling."""
    if value in ("", None):
        return None
    if table == "students" and key in example.DAYS:
        return leave_label(str(value))
    if table == "students" and key == "class" and CHINESE_VALUES:
        return {c.id: c.name for c in example.CLASSES}[str(value)]
    if table == "students" and key == "prefs" and CHINESE_VALUES:
        names = dict(example.CLUBS)
        return "、".join(names[p] for p in str(value).split(";"))
    if table == "staff" and key == "skills":
        return ";".join(category_word(c) for c in str(value).split(";"))
    if table == "staff" and key == "kind":
        return staff_kind(str(value))
    if table == "rooms" and key == "kind":
        return room_kind(str(value))
    if key in ("available", "closed", "prefers"):  # the loader reads 周一 already
        text = str(value)
        for day, zh in DAY_ZH.items():
            text = text.replace(day, zh)
        return text
    return value
