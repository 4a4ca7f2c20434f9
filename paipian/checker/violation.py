"""The checker's unit of account: one located ``Violation`` of one hard rule,
plus the helpers every rule function uses to say where it is, in Chinese and
English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from paipian.data import ProblemData
from paipian.domain import DAY_EN, DAY_ZH, GRADE_ZH, block_label_zh
from paipian.solution import Session

WHERE_KEYS = (
    "day",
    "block",
    "grade",
    "class",
    "activity",
    "staff",
    "room",
    "student",
    "session",
)


@dataclass(frozen=True)
class Violation:
    """``amount`` units (students, sessions, seats…) of ``rule`` broken at ``where``."""

    rule: str
    where: Mapping[str, str]
    amount: int
    message: str
    message_en: str = ""

    def place(self) -> str:
        """Short text of ``where``: its values in the fixed key order."""
        return " ".join(self.where[k] for k in WHERE_KEYS if k in self.where)


@dataclass(frozen=True)
class Places:
    """Chinese/English labels of days and blocks for one instance."""

    data: ProblemData
    _index: Mapping[str, int] = field(init=False)

    def __post_init__(self) -> None:
        idx = {b.id: i for i, b in enumerate(self.data.calendar.blocks)}
        object.__setattr__(self, "_index", MappingProxyType(idx))

    def slot_zh(self, day: str, block: str) -> str:
        i = self._index.get(block)
        label = block_label_zh(i) if i is not None else f"时段 {block}"
        return f"{DAY_ZH.get(day, day)}{label}"

    def slot_en(self, day: str, block: str) -> str:
        return f"{DAY_EN.get(day, day)} {block}"

    def session_zh(self, s: Session) -> str:
        return f"{self.slot_zh(s.day, s.block)}「{s.activity}」（{s.id}）"

    def session_en(self, s: Session) -> str:
        return f"{self.slot_en(s.day, s.block)} {s.activity} ({s.id})"


def day_zh(day: str) -> str:
    return DAY_ZH.get(day, day)


def day_en(day: str) -> str:
    return DAY_EN.get(day, day)


def grade_zh(grade: int) -> str:
    return GRADE_ZH.get(grade, f"{grade}年级")


def session_where(s: Session, **more: str) -> dict[str, str]:
    """``where`` of a session: its id, day, block, activity, plus ``more``."""
    out = {"session": s.id, "day": s.day, "block": s.block, "activity": s.activity}
    out.update(more)
    return out


def violation(
    rule: str, where: Mapping[str, str], amount: int, zh: str, en: str
) -> Violation:
    """A ``Violation`` with a read-only ``where``."""
    return Violation(rule, MappingProxyType(dict(where)), amount, zh, en)


def head_count(s: Session) -> int:
    """Students in a session (a name listed twice counts once; H01 flags it)."""
    return len(set(s.students))
