"""A finding: the rule instances that cannot hold together, and repairs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from paipian.data import Activity, Room, Staff
from paipian.diagnosis.repair import Repair
from paipian.solution import CoreItem


@dataclass(frozen=True)
class Finding:
    """One conflict: its core items and the repairs that resolve it."""

    core: tuple[CoreItem, ...]
    suggestions: tuple[Repair, ...] = ()


def core_item(
    rule: str,
    where: Mapping[str, object],
    zh: str,
    en: str,
    lang: str = "zh",
    need: float | None = None,
    have: float | None = None,
) -> CoreItem:
    """A CoreItem with ``message`` in ``lang`` and ``message_en`` in English."""
    return CoreItem(
        rule=rule,
        where=MappingProxyType({k: str(v) for k, v in where.items()}),
        message=en if lang == "en" else zh,
        message_en=en,
        need=need,
        have=have,
    )


# Names for messages: a finding says who and what, not only how many.
MAX_NAMED = 6


def _listed(parts: list[str], sep: str, more: str) -> str:
    shown = sep.join(parts[:MAX_NAMED])
    return shown + (more.format(n=len(parts)) if len(parts) > MAX_NAMED else "")


def people_zh(people: Iterable[Staff]) -> str:
    """``T001 丁欣妍、T002 胡芷若 等 9 人`` (``无`` when none)."""
    parts = [f"{p.id} {p.name}" if p.name and p.name != p.id else p.id for p in people]
    return _listed(parts, "、", " 等 {n} 人") if parts else "无"


def people_en(people: Iterable[Staff]) -> str:
    parts = [p.id for p in people]
    return _listed(parts, ", ", " and others ({n} in all)") if parts else "none"


def activities_zh(acts: Iterable[Activity]) -> str:
    parts = [f"{a.name}（{a.id}）" if a.name != a.id else a.id for a in acts]
    return _listed(parts, "、", " 等 {n} 项") if parts else "无"


def activities_en(acts: Iterable[Activity]) -> str:
    parts = [a.id for a in acts]
    return _listed(parts, ", ", " and others ({n} in all)") if parts else "none"


def rooms_zh(rooms: Iterable[Room], seats: Mapping[str, int] | None = None) -> str:
    """``R101 一(1)班教室 30 座、GYM 体育馆 60 座`` (seats as counted, if given)."""
    parts = []
    for r in rooms:
        n = r.capacity if seats is None else seats.get(r.id, 0)
        if seats is not None and n <= 0:
            continue
        label = f"{r.id} {r.name}" if r.name and r.name != r.id else r.id
        parts.append(f"{label} {n} 座")
    return _listed(parts, "、", " 等 {n} 处") if parts else "无"


def rooms_en(rooms: Iterable[Room], seats: Mapping[str, int] | None = None) -> str:
    parts = []
    for r in rooms:
        n = r.capacity if seats is None else seats.get(r.id, 0)
        if seats is not None and n <= 0:
            continue
        parts.append(f"{r.id} ({n})")
    return _listed(parts, ", ", " and others ({n} in all)") if parts else "none"
