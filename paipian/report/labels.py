"""Every word a report shows, in Chinese (default) and English (``--lang en``).

Headers and fixed phrases live in ``TEXT``; enumerations reuse the Chinese
labels of ``paipian.domain`` and map to plain English words here.
"""

from __future__ import annotations

from paipian.data import ProblemData
from paipian.domain import (
    CATEGORY_ZH,
    DAY_EN,
    DAY_ZH,
    FORM_ZH,
    GRADE_ZH,
    ROOM_KIND_ZH,
    STAFF_KIND_ZH,
    fmt_time,
)

LANGS = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    # 总表
    "day": ("星期", "Day"),
    "block": ("时段", "Block"),
    "time": ("时间", "Time"),
    "activity": ("活动内容", "Activity"),
    "category": ("类别", "Category"),
    "form": ("形式", "Form"),
    "room": ("场地", "Room"),
    "backup_room": ("雨天备用场地", "Rain backup room"),
    "leader": ("负责人", "Leader"),
    "assistant": ("助教", "Assistant"),
    "grade": ("年级", "Grade"),
    "class": ("班级", "Class"),
    "head_count": ("人数", "Students"),
    "capacity": ("容量", "Capacity"),
    "session_id": ("编号", "Session id"),
    # sheets
    "sheet_master": ("总表", "Timetable"),
    "sheet_departures": ("分批离校表", "Departures"),
    "sheet_duty": ("值守安排", "Duty"),
    "grade_week": ("{grade}周表", "Grade {grade} week"),
    "staff_prefix": ("教师", "Staff"),
    "room_prefix": ("场地", "Room"),
    "class_prefix": ("班级", "Class"),
    # departures
    "block_end": ("离校时间", "Leaves at"),
    "after_block": ("结束时段", "After block"),
    "leavers": ("离校人数", "Leaving"),
    "classes_leaving": ("离校班级（人数）", "Classes leaving (students)"),
    "day_total": ("当日合计", "Day total"),
    # duty
    "duty_kind": ("值守类别", "Duty"),
    "staff_name": ("姓名", "Name"),
    "staff_kind": ("人员类别", "Staff kind"),
    "health": ("卫生保健", "Health"),
    "admin": ("行政值班", "Admin duty"),
    # student notice
    "student_id": ("学号", "Student id"),
    "student_name": ("学生姓名", "Student name"),
    "sheet_students": ("学生安排", "Student week"),
    "not_staying": ("不参加", "not staying"),
    # grids
    "role_lead": ("负责", "lead"),
    "role_assist": ("助教", "assist"),
    "people": ("{n}人", "{n} students"),
    "duty_row": ("值守", "Duty"),
    # html
    "html_title": ("课后服务排片表", "After-school service timetable"),
    "html_overview": ("全校一览（场次 · 人数）", "School at a glance"),
    "html_grades": ("各年级周表", "Week grid per grade"),
    "html_staff": ("教师周表", "Week per staff member"),
    "html_workload": ("教师工作量与目标", "Staff workload against target"),
    "html_heatmap": (
        "场地利用率（人数 ÷ 容量）",
        "Room utilisation (students ÷ capacity)",
    ),
    "html_workload_note": (
        "柱长为每周课时，竖线为目标（target_per_week，未填则为本校教师平均值）。",
        "Bars: weekly 课时; tick: target (target_per_week, else the teachers' mean).",
    ),
    "hours_per_week": ("周课时", "课时 / week"),
    "target": ("目标", "target"),
    "master_count": ("共 {n} 场活动，{m} 人次", "{n} sessions, {m} student-sessions"),
}


def t(key: str, lang: str = "zh", **fmt: object) -> str:
    """The label ``key`` in ``lang``, with ``{placeholders}`` filled from ``fmt``."""
    zh, en = TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**fmt) if fmt else text


_CATEGORY_EN = {
    "homework": "homework",
    "qa": "Q&A",
    "remedial": "remedial",
    "self_study": "self-study",
    "care": "care",
    "sports": "sports",
    "arts": "arts",
    "science": "science",
    "labor": "labour",
    "reading": "reading",
    "moral": "moral/team",
    "safety": "safety",
    "practice": "social practice",
    "other_quality": "other quality",
}
_FORM_EN = {
    "admin_class": "own class",
    "grade_mixed": "mixed within grade",
    "school_mixed": "mixed across school",
    "walk": "walk-in",
}
_STAFF_KIND_EN = {
    "teacher": "teacher",
    "retired_teacher": "retired teacher",
    "professional": "professional",
    "volunteer": "volunteer",
    "institution": "institution",
    "health": "health",
    "admin": "admin",
}


def day_label(day: str, lang: str = "zh") -> str:
    return (DAY_EN if lang == "en" else DAY_ZH).get(day, day)


def category_label(category: str, lang: str = "zh") -> str:
    table = _CATEGORY_EN if lang == "en" else CATEGORY_ZH
    return table.get(category, category)


def form_label(form: str, lang: str = "zh") -> str:
    return (_FORM_EN if lang == "en" else FORM_ZH).get(form, form)


def room_kind_label(kind: str, lang: str = "zh") -> str:
    return kind if lang == "en" else ROOM_KIND_ZH.get(kind, kind)


def staff_kind_label(kind: str, lang: str = "zh") -> str:
    return (_STAFF_KIND_EN if lang == "en" else STAFF_KIND_ZH).get(kind, kind)


def grade_label(grade: int, lang: str = "zh") -> str:
    if lang == "en":
        return f"Grade {grade}"
    return GRADE_ZH.get(grade, f"{grade}年级")


def block_label(data: ProblemData, block_id: str, lang: str = "zh") -> str:
    """``第2时段`` (``Block 2``) for a block id."""
    try:
        index = data.calendar.block_index(block_id)
    except ValueError:
        return block_id
    return f"Block {index + 1}" if lang == "en" else f"第{index + 1}时段"


def block_time(data: ProblemData, block_id: str) -> str:
    """``15:30–16:30`` for a block id."""
    block = data.calendar.block_by_id.get(block_id)
    if block is None:
        return ""
    return f"{fmt_time(block.start)}–{fmt_time(block.end)}"


def staff_label(data: ProblemData, staff_id: str) -> str:
    """A staff member's name (the id when the name is unknown)."""
    person = data.staff_by_id.get(staff_id)
    return person.name if person is not None and person.name else staff_id


def room_label(data: ProblemData, room_id: str | None) -> str:
    if not room_id:
        return ""
    room = data.room_by_id.get(room_id)
    return room.name if room is not None and room.name else room_id


def activity_label(data: ProblemData, activity_id: str) -> str:
    act = data.activity_by_id.get(activity_id)
    return act.name if act is not None and act.name else activity_id


def class_label(data: ProblemData, class_id: str) -> str:
    cls = data.class_by_id.get(class_id)
    return cls.name if cls is not None and cls.name else class_id
