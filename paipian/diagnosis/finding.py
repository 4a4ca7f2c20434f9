"""A finding: the rule instances that cannot hold together, and repairs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

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
