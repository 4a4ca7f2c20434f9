"""Domain vocabulary shared by every layer: days, categories, kinds, forms.

The words come from ``shared/spec/FORMAT.md`` (enumerations); the Chinese labels
are what staff read in reports and messages.
"""

from __future__ import annotations

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_ZH: dict[str, str] = {
    "mon": "周一",
    "tue": "周二",
    "wed": "周三",
    "thu": "周四",
    "fri": "周五",
    "sat": "周六",
    "sun": "周日",
}
DAY_EN: dict[str, str] = {
    "mon": "Mon",
    "tue": "Tue",
    "wed": "Wed",
    "thu": "Thu",
    "fri": "Fri",
    "sat": "Sat",
    "sun": "Sun",
}

HOMEWORK_CATEGORIES = frozenset({"homework", "qa"})
QUALITY_CATEGORIES = frozenset(
    {
        "sports",
        "arts",
        "science",
        "labor",
        "reading",
        "moral",
        "safety",
        "practice",
        "other_quality",
    }
)
OTHER_CATEGORIES = frozenset({"remedial", "self_study", "care"})
CATEGORIES = HOMEWORK_CATEGORIES | QUALITY_CATEGORIES | OTHER_CATEGORIES
FORBIDDEN_CATEGORIES = frozenset({"new_lesson", "exam_drill", "mass_remedial"})

CATEGORY_ZH: dict[str, str] = {
    "homework": "作业辅导",
    "qa": "答疑",
    "remedial": "补差",
    "self_study": "自主学习",
    "care": "看护/晚托",
    "sports": "体育",
    "arts": "艺术",
    "science": "科技",
    "labor": "劳动",
    "reading": "阅读",
    "moral": "德育/团队",
    "safety": "安全实训",
    "practice": "社会实践",
    "other_quality": "其他素质活动",
    "new_lesson": "讲授新课",
    "exam_drill": "刷题备考",
    "mass_remedial": "集体补课",
}

MODES = frozenset({"club", "drop_in"})
MODE_ZH = {"club": "社团（固定成员）", "drop_in": "按时段分组"}

FORMS = frozenset({"admin_class", "grade_mixed", "school_mixed", "walk"})
FORM_ZH: dict[str, str] = {
    "admin_class": "行政班",
    "grade_mixed": "年级混班",
    "school_mixed": "全校混班",
    "walk": "走班",
}

ROOM_KINDS = frozenset(
    {
        "classroom",
        "special",
        "gym",
        "field",
        "library",
        "hall",
        "canteen",
        "guard_room",
        "offsite",
    }
)
ROOM_KIND_ZH: dict[str, str] = {
    "classroom": "普通教室",
    "special": "专用教室",
    "gym": "体育馆",
    "field": "操场",
    "library": "图书馆",
    "hall": "礼堂/报告厅",
    "canteen": "食堂",
    "guard_room": "门卫室",
    "offsite": "校外场所",
}
# Facility kinds that S2 wants opened on every day they are available.
FACILITY_KINDS = frozenset({"special", "gym", "field", "library", "hall"})

EXTERNAL_KINDS = frozenset(
    {"retired_teacher", "professional", "volunteer", "institution"}
)
DUTY_KINDS = frozenset({"health", "admin"})
STAFF_KINDS = EXTERNAL_KINDS | DUTY_KINDS | {"teacher"}
STAFF_KIND_ZH: dict[str, str] = {
    "teacher": "本校教师",
    "retired_teacher": "退休教师",
    "professional": "专业人员",
    "volunteer": "志愿者",
    "institution": "机构人员",
    "health": "卫生保健人员",
    "admin": "行政值班人员",
}

STAGES = frozenset({"primary", "junior", "nine_year"})

GRADE_ZH = {
    1: "一年级",
    2: "二年级",
    3: "三年级",
    4: "四年级",
    5: "五年级",
    6: "六年级",
    7: "七年级",
    8: "八年级",
    9: "九年级",
}


def block_label_zh(index: int) -> str:
    """``第2时段`` for the block at 0-based ``index`` of the day."""
    return f"第{index + 1}时段"


def fmt_time(minutes: int) -> str:
    """Minutes after midnight as ``HH:MM``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
