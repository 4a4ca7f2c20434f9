"""Cell notation of FORMAT.md: one parser per kind of value.

A value reaches these parsers as a CSV string, an XLSX cell (int, float, date,
time, bool) or a YAML scalar/list/map. Each parser returns the Python value or
raises ``CellError`` with what is wrong in Chinese and English; the caller adds
the location. Nothing here knows about files.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from paipian.data import Capacity, Slot
from paipian.io.spellings import (
    DAY_ALIASES,
    FALSE_WORDS,
    NOTHING_WORDS,
    PASSED_WORDS,
    TRUE_WORDS,
    fold,
    grade_number,
)

FULL_WIDTH = str.maketrans({"；": ";", "，": ",", "：": ":", "、": ",", "－": "-"})

MAX_GROUP = 10_000  # children in one room or group: a whole large school
MAX_ITEMS = 1_000  # items in one list cell (tags, kinds, days, prefs …)
MAX_DIGITS = 15  # no count or size of a school has more digits

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_ZH_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$")
_RANGE = re.compile(r"^(\d{1,15})\s*[-~～至]\s*(\d{1,15})$")


class CellError(ValueError):
    """A value that does not parse; ``zh``/``en`` say what to write instead."""

    def __init__(
        self, zh: str, en: str, rule: str | None = None, value: str | None = None
    ):
        super().__init__(en)
        self.zh = zh
        self.en = en
        self.rule = rule
        self.value = value  # the offending item of a list cell, when not the whole


def show(value: Any) -> str:
    """The value as a user would recognise it in a message."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        text = str(int(value))
    elif isinstance(value, int) and not isinstance(value, bool):
        digits = len(str(abs(value))) if value.bit_length() < 10_000 else 3_000
        text = str(value) if digits <= 200 else f"（{digits} 位数字 / digits）"
    else:
        text = str(value)
    return text if len(text) <= 200 else text[:200] + "…"


def is_blank(value: Any) -> bool:
    """Empty cell: None, an empty/whitespace string, or a NaN float."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, float) and math.isnan(value)


def normalise(value: str) -> str:
    """Trim and turn the full-width separators into ASCII ones."""
    return value.translate(FULL_WIDTH).strip()


def text(value: Any) -> str:
    """An id, name or other free text; numbers from Excel lose their ``.0``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, (str, int, float, date)):
        return str(value).strip() if isinstance(value, str) else str(value)
    if isinstance(value, time):  # an Excel time cell, as it shows in Excel
        return value.strftime("%H:%M")
    if isinstance(value, (list, tuple, set, frozenset, Mapping)):
        raise CellError(
            "这里应是一段文字，不是列表或表格", "expected a single text value here"
        )
    raise CellError(
        f"这里应是一段文字，读到的却是 {type(value).__name__}"
        "（Excel 的时长或二进制？）",
        f"expected text here, found a {type(value).__name__} (an Excel duration "
        "or binary data?)",
    )


def integer(value: Any) -> int:
    """A whole number: ``45``, ``45.0`` from Excel, or the string ``"45"``."""
    if isinstance(value, bool):
        raise CellError("应为整数", "expected a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        s = fold(value)
        whole = re.fullmatch(r"([+-]?\d+)(?:\.0*)?", s)
        if whole and len(whole.group(1).lstrip("+-0")) > MAX_DIGITS:
            raise CellError(
                f"数字太大（{len(whole.group(1))} 位），不可能是这里要的数",
                f"a number far too large ({len(whole.group(1))} digits) for this",
            )
        if whole:
            return int(whole.group(1))
    raise CellError("应为整数，例如 10", "expected a whole number, e.g. 10")


def within(value: int | float, low: float, high: float) -> None:
    """Refuse a number outside the sane range of its column.

    Every count and size is bounded at load so that the solver never sees a
    room for 10^30 children or a club meeting 10^18 times a week.
    """
    if not low <= value <= high:
        raise CellError(
            f"超出合理范围：应在 {low:g} 到 {high:g} 之间",
            f"out of the sensible range: between {low:g} and {high:g}",
        )


def grade(value: Any) -> int:
    """A grade: ``3``, ``3年级`` or ``三年级``."""
    try:
        return integer(value)
    except CellError:
        number = grade_number(value) if isinstance(value, str) else None
        if number is None:
            raise CellError(
                "年级应写作 3、3年级 或 三年级",
                "a grade is written 3, 3年级 or 三年级",
            ) from None
        return number


def number(value: Any) -> float:
    """A number such as ``4`` or ``4.5``."""
    if isinstance(value, bool):
        raise CellError("应为数字", "expected a number")
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    if isinstance(value, str):
        try:
            result = float(normalise(value))
        except ValueError:
            pass
        else:
            if math.isfinite(result):
                return result
    raise CellError("应为数字，例如 4 或 4.5", "expected a number, e.g. 4 or 4.5")


def boolean(value: Any) -> bool:
    """``true/false``, ``yes/no``, ``是/否``, ``1/0``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = normalise(value).lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise CellError(
        "应为 是/否（true/false、yes/no、1/0）",
        "expected yes or no (true/false, yes/no, 是/否, 1/0)",
    )


def background_passed(value: Any) -> bool:
    """Background check: ``passed``/``通过`` (or yes/true) means passed."""
    if isinstance(value, str) and normalise(value).lower() in PASSED_WORDS:
        return True
    return boolean(value)


def time_of_day(value: Any) -> int:
    """``"15:30"`` or ``"9:05"`` as minutes after midnight.

    YAML 1.1 reads an unquoted ``15:30`` as the base-60 integer 930, which is
    exactly 15*60+30, so an int in 0..1439 is taken as minutes already.
    """
    if isinstance(value, bool):
        raise CellError("时间应写作 HH:MM", "a time is written HH:MM")
    if isinstance(value, int) and 0 <= value < 24 * 60:
        return value
    if isinstance(value, time):
        return value.hour * 60 + value.minute
    if isinstance(value, str):
        match = _TIME.match(normalise(value))
        if match:
            hours, minutes = int(match.group(1)), int(match.group(2))
            if hours < 24 and minutes < 60:
                return hours * 60 + minutes
    raise CellError(
        '时间应写作 HH:MM，例如 "15:30"', 'a time is written HH:MM, e.g. "15:30"'
    )


def iso_date(value: Any) -> date:
    """A date: YAML date, Excel date, ``2026-09-01`` (also ``2026/9/1``,
    ``2026年9月1日``)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        spelled = fold(value)
        match = _DATE.match(spelled) or _ZH_DATE.match(spelled)
        if match:
            try:
                return date(*(int(g) for g in match.groups()))
            except ValueError:
                pass
    raise CellError(
        "日期应写作 YYYY-MM-DD，例如 2026-09-01",
        "a date is written YYYY-MM-DD, e.g. 2026-09-01",
    )


def items(value: Any) -> tuple[str, ...]:
    """A list cell: ``music;piano`` (also ``，``/``；``) or a YAML list."""
    if is_blank(value):
        return ()
    if isinstance(value, (list, tuple, set, frozenset)):
        out: list[str] = []
        for item in value:
            out.extend(items(item))
            if len(out) > MAX_ITEMS:
                raise CellError(
                    f"列表过长（超过 {MAX_ITEMS:,} 项），不可能是这里要的内容",
                    f"a list far too long (over {MAX_ITEMS:,} items) for this",
                )
        return tuple(out)
    if isinstance(value, Mapping):
        raise CellError(
            "这里应是用分号分隔的列表，例如 music;piano",
            "expected a list separated by ';', e.g. music;piano",
        )
    parts = re.split(r"[;,]", normalise(text(value)))
    listed = tuple(p.strip() for p in parts if p.strip())
    if len(listed) > MAX_ITEMS:
        raise CellError(
            f"列表过长（超过 {MAX_ITEMS:,} 项），不可能是这里要的内容",
            f"a list far too long (over {MAX_ITEMS:,} items) for this",
        )
    return listed


def day_code(word: str) -> str:
    """``mon`` … ``sun`` (also ``Mon``, ``周一``, ``星期一``, ``Monday``)."""
    code = DAY_ALIASES.get(fold(word))
    if code is None:
        raise CellError(
            f"未知的星期「{word}」，应为 mon、tue、wed、thu、fri、sat、sun",
            f"unknown day '{word}'; use mon, tue, wed, thu, fri, sat, sun",
            value=word,
        )
    return code


def day_list(value: Any) -> tuple[str, ...]:
    """A list of day codes."""
    return tuple(day_code(d) for d in items(value))


def slot_spec(value: Any) -> dict[str, tuple[str, ...] | None] | None:
    """Availability notation: ``mon:B1,B2;tue`` → {"mon": ("B1","B2"), "tue": None}.

    ``None`` for the day means the whole day. Returns ``None`` for an empty
    cell (the caller decides what empty means) and ``{}`` for ``none``/``无``.
    YAML lists (``["mon:B1", "tue"]``) and maps (``{mon: [B1], tue: null}``)
    are accepted too.
    """
    if is_blank(value):
        return None
    spec: dict[str, tuple[str, ...] | None] = {}
    if isinstance(value, Mapping):
        for day, blocks in value.items():
            _add_day(
                spec, day_code(text(day)), None if is_blank(blocks) else items(blocks)
            )
        return spec
    if isinstance(value, (list, tuple)):
        entries: Sequence[Any] = [text(v) for v in value]
    else:
        whole = normalise(text(value))
        if fold(whole) in NOTHING_WORDS:
            return {}
        entries = whole.split(";")
    for entry in entries:
        entry = normalise(entry)
        if not entry:
            continue
        if ":" in entry:
            day, _, rest = entry.partition(":")
            blocks = tuple(b.strip() for b in rest.split(",") if b.strip())
            _add_day(spec, day_code(day), blocks or None)
        else:
            for day in entry.split(","):
                if day.strip():
                    _add_day(spec, day_code(day), None)
    return spec


def _add_day(
    spec: dict[str, tuple[str, ...] | None], day: str, blocks: tuple[str, ...] | None
) -> None:
    if day in spec and spec[day] is not None and blocks is not None:
        spec[day] = tuple(spec[day] or ()) + blocks
    else:
        spec[day] = None if (day in spec and spec[day] is None) else blocks


def expand_slots(
    spec: Mapping[str, tuple[str, ...] | None], block_ids: Iterable[str]
) -> frozenset[Slot]:
    """(day, block) pairs of a parsed spec; a bare day covers ``block_ids``."""
    all_blocks = tuple(block_ids)
    return frozenset(
        (day, block)
        for day, blocks in spec.items()
        for block in (all_blocks if blocks is None else blocks)
    )


def capacity(value: Any) -> Capacity:
    """``{min, max}``, a plain N (= 1..N), or a cell ``N`` / ``min-max``."""
    if isinstance(value, Mapping):
        keys = {text(k).lower(): v for k, v in value.items()}
        if "max" not in keys:
            raise CellError("容量缺少 max", "capacity needs a max")
        high = integer(keys["max"])
        low = integer(keys["min"]) if not is_blank(keys.get("min")) else 1
    elif isinstance(value, str) and _RANGE.match(normalise(value)):
        match = _RANGE.match(normalise(value))
        assert match is not None
        low, high = int(match.group(1)), int(match.group(2))
    else:
        try:
            low, high = 1, integer(value)
        except CellError:
            raise CellError(
                "容量应写作人数 N，或 最少-最多（例如 12-30）",
                "capacity is a number N, or min-max (e.g. 12-30)",
            ) from None
    if low < 1 or high < 1:
        raise CellError("容量必须是正整数", "capacity must be positive")
    within(high, 1, MAX_GROUP)
    if low > high:
        raise CellError(
            f"最少人数 {low} 大于最多人数 {high}",
            f"capacity min {low} is greater than max {high}",
            rule="H13",
        )
    return Capacity(min=low, max=high)
