"""Solution: the timetable as FORMAT.md's solution JSON describes it.

The solver produces it, the checker grades it, the reports render it. Reading
and writing the JSON lives in ``paipian.io.solution_json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

STATUSES = ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN", "MODEL_INVALID")


@dataclass(frozen=True)
class Session:
    id: str
    day: str
    block: str
    activity: str
    room: str
    staff: tuple[str, ...]  # leaders
    students: tuple[str, ...]
    assistant: str | None = None  # 助教, a school teacher (H09)
    backup_room: str | None = None  # indoor room held for an outdoor session (H14)

    @property
    def slot(self) -> tuple[str, str]:
        return (self.day, self.block)

    @property
    def workers(self) -> tuple[str, ...]:
        """Everyone busy in this session: leaders and the assistant."""
        return self.staff + ((self.assistant,) if self.assistant else ())


@dataclass(frozen=True)
class Duty:
    day: str
    kind: str  # health | admin
    staff: str


@dataclass(frozen=True)
class Objective:
    value: float | None = None
    bound: float | None = None
    terms: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class CoreItem:
    """One rule instance of an infeasibility core."""

    rule: str
    where: Mapping[str, str]
    message: str
    message_en: str = ""
    need: float | None = None
    have: float | None = None


@dataclass(frozen=True)
class Suggestion:
    change: str  # open_room | add_staff | add_assistant | add_duty | relax_rule | ...
    where: Mapping[str, str]
    detail: str
    detail_en: str = ""


@dataclass(frozen=True)
class Infeasibility:
    core: tuple[CoreItem, ...]
    suggestions: tuple[Suggestion, ...] = ()


@dataclass(frozen=True)
class Solution:
    instance: str
    status: str
    sessions: tuple[Session, ...] = ()
    closed_clubs: tuple[str, ...] = ()
    duty: tuple[Duty, ...] = ()
    objective: Objective = field(default_factory=Objective)
    solve_seconds: float = 0.0
    infeasibility: Infeasibility | None = None
    schema_version: int = 1
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    # Re-solve (FORMAT.md): the previous solution as given, and the change counts.
    previous: str | None = None
    changes: Mapping[str, int] | None = None

    @property
    def has_timetable(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    def __hash__(self) -> int:
        return id(self)
