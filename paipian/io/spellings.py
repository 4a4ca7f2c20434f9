"""The Chinese vocabulary of survey exports and Excel sheets (FORMAT.md, *Survey
exports: accepted spellings*), kept in one place.

Column headers, staff and room kinds, booleans and the words of a students'
day cell, as 问卷星, 腾讯问卷, 钉钉 and Excel users write them. Labels that
``paipian.domain`` already holds (``STAFF_KIND_ZH``, ``ROOM_KIND_ZH`` …) are
reused, so a word printed in a report is always read back as itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from paipian.domain import (
    CATEGORY_ZH,
    DAY_ZH,
    DAYS,
    FORM_ZH,
    GRADE_ZH,
    ROOM_KIND_ZH,
    STAFF_KIND_ZH,
)


def fold(value: str) -> str:
    """Full-width forms to ASCII (NFKC), every space (also the zero-width ones
    text pasted from the web carries) removed, lower case."""
    normal = unicodedata.normalize("NFKC", value)
    return re.sub(r"[\s\u200b-\u200d\u2060\ufeff]+", "", normal).lower()


# ---- column headers ---------------------------------------------------------

# Day names: codes, 周一 / 星期一 / 礼拜一, Monday.
DAY_ALIASES: dict[str, str] = {d: d for d in DAYS}
for _day in DAYS:
    _zh = DAY_ZH[_day][1]  # 一 … 日
    for _spelling in (f"周{_zh}", f"星期{_zh}", f"礼拜{_zh}"):
        DAY_ALIASES[_spelling] = _day
DAY_ALIASES.update({"周天": "sun", "星期天": "sun", "礼拜天": "sun"})
for _day, _long in zip(
    DAYS,
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    strict=True,
):
    DAY_ALIASES[_long] = _day
_DAY_HEADERS = {k: v for k, v in DAY_ALIASES.items() if k not in DAYS}

# Beyond the spellings FORMAT.md lists, the obvious Chinese name of every
# other column, so a sheet can be Chinese throughout.
HEADER_ALIASES: Mapping[str, Mapping[str, str]] = {
    "students": {
        "学号": "id",
        "学生编号": "id",
        "姓名": "name",
        "学生姓名": "name",
        "年级": "grade",
        "班级": "class",
        "志愿": "prefs",
        "社团志愿": "prefs",
        "兴趣志愿": "prefs",
        "补差": "needs_remedial",
        "补差科目": "needs_remedial",
        **_DAY_HEADERS,
    },
    "staff": {
        "工号": "id",
        "编号": "id",
        "姓名": "name",
        "类别": "kind",
        "类型": "kind",
        "特长": "skills",
        "可带类别": "skills",
        "可参与时段": "available",
        "可用时段": "available",
        "每周上限": "max_per_week",
        "目标课时": "target_per_week",
        "每周目标": "target_per_week",
        "偏好": "prefers",
        "资质核验": "qualification_verified",
        "资质已核验": "qualification_verified",
        "背景审查": "background_check",
        "资质有效期": "qualification_expires",
        "资质有效期至": "qualification_expires",
    },
    "rooms": {
        "编号": "id",
        "名称": "name",
        "场地": "name",
        "类型": "kind",
        "容量": "capacity",
        "座位": "capacity",
        "室外": "outdoor",
        "标签": "tags",
        "关闭": "closed",
        "关闭时段": "closed",
        "区域": "zone",
    },
    "activities": {
        "编号": "id",
        "名称": "name",
        "类别": "category",
        "方式": "mode",
        "组织形式": "form",
        "年级": "grades",
        "容量": "capacity",
        "人数": "capacity",
        "每周次数": "sessions_per_week",
        "必开": "required",
        "场地类型": "room_kinds",
        "场地标签": "room_tags",
        "指导教师": "staff",
        "教师": "staff",
        "可带类别": "staff_skills",
        "雨天备用": "rain_backup",
    },
}

# Survey tools number their questions: 「1、学号」「Q3.班级」「(2)姓名」; a required
# mark 「*」 and a trailing colon are dropped too.
_QUESTION_NUMBER = re.compile(r"^(?:q?\d{1,3}[、.:)\]]|\(\d{1,3}\))")


def header_key(cell: str) -> str:
    """A header cell as compared: folded, question number and ``*``/``:`` dropped."""
    key = fold(cell).strip("*:")
    key = _QUESTION_NUMBER.sub("", key, count=1)
    return key.strip("*:")


_REMARK = re.compile(r"\([^()]*\)")  # 周一(离校时间), 班级(如 三(1)班)…


def canonical_header(table: str, cell: str) -> str:
    """The canonical column a header cell names (``学号`` → ``id``), else folded.

    A remark in brackets after a known header (``周一（离校时间）``) is
    dropped, as is a 离校时间 suffix on a day (``周一离校时间``).
    """
    aliases = HEADER_ALIASES.get(table, {})
    key = header_key(cell)
    if key in aliases:
        return aliases[key]
    bare, previous = key, ""
    while bare != previous:  # nested brackets, innermost first
        bare, previous = _REMARK.sub("", bare), bare
    for suffix in ("离校时间", "离校", "放学时间"):
        if bare.endswith(suffix) and bare[: -len(suffix)] in _DAY_HEADERS:
            bare = bare[: -len(suffix)]
    return aliases.get(bare, key)


def header_spellings(table: str, column: str) -> list[str]:
    """The headers accepted for ``column``: the column itself, then in Chinese."""
    aliases = HEADER_ALIASES.get(table, {})
    return [column, *(zh for zh, col in aliases.items() if col == column)]


KNOWN_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "students": ("id", "name", "grade", "class", *DAYS, "prefs", "needs_remedial"),
    "staff": (
        "id",
        "name",
        "kind",
        "skills",
        "available",
        "max_per_week",
        "target_per_week",
        "prefers",
        "qualification_verified",
        "background_check",
        "qualification_expires",
    ),
    "rooms": ("id", "name", "kind", "capacity", "outdoor", "tags", "closed", "zone"),
    "activities": (
        "id",
        "name",
        "category",
        "mode",
        "form",
        "grades",
        "capacity",
        "sessions_per_week",
        "required",
        "room_kinds",
        "room_tags",
        "staff",
        "staff_skills",
        "rain_backup",
    ),
}


# ---- values -----------------------------------------------------------------

STAFF_KIND_WORDS: Mapping[str, str] = {
    **{fold(zh): kind for kind, zh in STAFF_KIND_ZH.items()},
    "教师": "teacher",
    "老师": "teacher",
    "在编教师": "teacher",
    "机构": "institution",
    "保健": "health",
    "校医": "health",
    "保健老师": "health",
    "行政": "admin",
    "行政值班": "admin",
}

ROOM_KIND_WORDS: Mapping[str, str] = {
    **{fold(zh): kind for kind, zh in ROOM_KIND_ZH.items()},
    "教室": "classroom",
    "专用室": "special",
    "专用教室": "special",
    "体育馆": "gym",
    "风雨操场": "gym",
    "操场": "field",
    "运动场": "field",
    "图书馆": "library",
    "图书室": "library",
    "阅览室": "library",
    "礼堂": "hall",
    "报告厅": "hall",
    "食堂": "canteen",
    "门卫室": "guard_room",
    "校外场所": "offsite",
    "校外": "offsite",
}

CATEGORY_WORDS: Mapping[str, str] = {
    **{fold(zh): cat for cat, zh in CATEGORY_ZH.items()},
    **{fold(part): cat for cat, zh in CATEGORY_ZH.items() for part in zh.split("/")},
}

MODE_WORDS: Mapping[str, str] = {
    "社团": "club",
    "社团(固定成员)": "club",
    "固定成员": "club",
    "按时段分组": "drop_in",
    "分组": "drop_in",
}

FORM_WORDS: Mapping[str, str] = {fold(zh): form for form, zh in FORM_ZH.items()}

TRUE_WORDS = frozenset({"true", "yes", "y", "t", "1", "是", "对", "有", "√", "✓", "✔"})
FALSE_WORDS = frozenset({"false", "no", "n", "f", "0", "否", "不", "无", "×", "✗", "✘"})
PASSED_WORDS = frozenset({"passed", "pass", "通过", "已通过", "合格"})

# A whole cell saying "nothing" (availability ``none``, ``staff_skills: 无``).
NOTHING_WORDS = frozenset({"none", "无", "没有", "不参加", "-", "[]"})

# A students' day cell (FORMAT.md, *Day cells*).
DAY_NOT_ATTENDING = frozenset({"0", "不参加", "否", "无", "不", "×", "-", "/"})
DAY_ATTENDING = frozenset({"参加", "是", "√", "✓", "✔", "有"})

# ---- grades and classes -----------------------------------------------------

_ZH_DIGIT = {zh[0]: n for n, zh in GRADE_ZH.items()}
_GRADE = re.compile(r"^(\d{1,2})(?:年级)?$")
_ZH_GRADE = re.compile(r"^([一二三四五六七八九])(?:年级)?$")


def grade_number(value: str) -> int | None:
    """``3``, ``3年级``, ``三年级``, ``三`` → 3; ``None`` when it is none of these."""
    key = fold(value)
    match = _GRADE.match(key)
    if match:
        return int(match.group(1))
    match = _ZH_GRADE.match(key)
    return _ZH_DIGIT[match.group(1)] if match else None


_CLASS_FORMS = (
    re.compile(r"^(\d{1,2})\((\d{1,2})\)班?$"),  # 3(1)班, 三(1)班 after digits
    re.compile(r"^(\d{1,2})年级?\(?(\d{1,2})\)?班$"),  # 3年级1班, 三年级(1)班
    re.compile(r"^(\d{1,2})[-._/](\d{1,2})班?$"),  # 3-1, 3.1
)


_ZH_CLASS_NUMBER = re.compile(r"(?:年级?\(?|\()([一二三四五六七八九十]{1,3})\)?班$")


def class_key(value: str) -> str | tuple[int, int]:
    """What a class is compared by: ``(grade, number)`` when it reads as one.

    ``三(1)班``, ``三（1）班``, ``3(1)班``, ``3-1`` and ``3年级1班`` all give
    ``(3, 1)``; anything else is compared folded.
    """
    key = fold(value)
    if key and key[0] in _ZH_DIGIT:
        key = str(_ZH_DIGIT[key[0]]) + key[1:]
    spelled = _ZH_CLASS_NUMBER.search(key)  # 三年级一班, 三年级(十二)班
    number = _small_number(spelled.group(1)) if spelled else None
    if spelled and number:
        key = key[: spelled.start(1)] + str(number) + key[spelled.end(1) :]
    for form in _CLASS_FORMS:
        match = form.match(key)
        if match:
            return (int(match.group(1)), int(match.group(2)))
    return key


# The number must be marked (班 or brackets): a bare 3 may be the grade
# written in the wrong column, and silently filing it as class 3 would hide that.
_CLASS_NUMBER = re.compile(
    r"^(?:\(?(\d{1,2}|[一二三四五六七八九十]{1,3})\)?班|\((\d{1,2})\))$"
)
_ZH_NUMBER = {ch: n for n, ch in enumerate("一二三四五六七八九十", start=1)}


def _small_number(text: str) -> int | None:
    """``12``, ``十二``, ``二十`` → int (1–99); ``None`` otherwise."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _ZH_NUMBER.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    high = _ZH_NUMBER.get(tens, 0) if tens else 1
    low = _ZH_NUMBER.get(ones, 0) if ones else 0
    return high * 10 + low if high and (low or not ones) else None


def class_number(value: str) -> int | None:
    """A class written by its number within the grade: ``1班``, ``(1)班``, ``一班``."""
    match = _CLASS_NUMBER.match(fold(value))
    return _small_number(match.group(1) or match.group(2)) if match else None


_BLOCK_ORDINAL = re.compile(r"^第?(\d|[一二三四五])(?:个)?时段$")


def block_ordinal(value: str) -> int | None:
    """``第2时段`` / ``第二时段`` → 2 (``domain.block_label_zh`` spells it so)."""
    match = _BLOCK_ORDINAL.match(fold(value))
    return _small_number(match.group(1)) if match else None


# ---- times ------------------------------------------------------------------

_LEAVING = re.compile(
    r"^(上午|下午|傍晚|晚上)?(\d{1,2})(?::(\d{2})(?::00)?|点(?:(\d{1,2})分?|(半))?)"
    r"(?:离校|离开|放学|走)?$"
)


def leaving_time(value: str) -> int | None:
    """``16:30``, ``17:30离校``, ``16点30``, ``16点半``, and as Excel in Chinese
    shows a time (``下午5:30``, ``17:30:00``) → minutes; else ``None``."""
    match = _LEAVING.match(fold(value))
    if not match:
        return None
    hours = int(match.group(2))
    if match.group(1) in ("下午", "傍晚", "晚上") and hours < 12:
        hours += 12
    half = match.group(5)
    minutes = 30 if half else int(match.group(3) or match.group(4) or 0)
    if hours >= 24 or minutes >= 60:
        return None
    return hours * 60 + minutes
