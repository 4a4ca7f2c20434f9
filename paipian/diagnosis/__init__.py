"""The infeasibility report (不可行报告): which rules collide, where, by how
much, and what to change.

``diagnose`` runs the fast necessary checks first (exact quantities, well
under a second); when they all pass it builds the aggregated CP-SAT model and
extracts a minimal core of guarded rule instances, then searches for a
verified repair. ``render_markdown`` writes the report.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from paipian.data import ProblemData
from paipian.diagnosis.aggregate import AggregateModel
from paipian.diagnosis.core import find_core
from paipian.diagnosis.describe import describe
from paipian.diagnosis.elastic import repair_core
from paipian.diagnosis.facts import Facts
from paipian.diagnosis.finding import Finding
from paipian.diagnosis.necessary import check_seats
from paipian.diagnosis.necessary_offers import (
    check_daily_offer,
    check_group_size,
    check_quality_reach,
    check_required_clubs,
)
from paipian.diagnosis.necessary_staff import (
    check_duty,
    check_staffing,
    check_weekly_staffing,
)
from paipian.diagnosis.render import render_markdown, render_rich
from paipian.diagnosis.repair import Repair, apply_suggestion
from paipian.solution import CoreItem, Infeasibility

__all__ = [
    "CHECKS",
    "Repair",
    "apply_suggestion",
    "diagnose",
    "necessary_findings",
    "render_markdown",
    "render_rich",
]

CHECKS: tuple[Callable[[Facts, str], list[Finding]], ...] = (
    check_seats,
    check_duty,
    check_staffing,
    check_weekly_staffing,
    check_group_size,
    check_daily_offer,
    check_required_clubs,
    check_quality_reach,
)
"""The necessary-condition checks, in the order they run."""


def necessary_findings(
    data: ProblemData, lang: str = "zh", facts: Facts | None = None
) -> list[Finding]:
    """Every failed necessary condition (empty when all pass)."""
    facts = facts or Facts(data)
    out: list[Finding] = []
    for check in CHECKS:
        out += check(facts, lang)
    return out


MAX_CORE_ITEMS = 40
"""A report lists at most this many rule instances (a core that could not be
minimised in time can be large)."""


def _key(s: Repair) -> str:
    return repr((s.change, sorted(s.params.items())))


def _merge(findings: list[Finding], max_items: int = MAX_CORE_ITEMS) -> Infeasibility:
    """All findings' items and suggestions; a finding whose every suggestion
    is already made (a consequence of an earlier one) is left out."""
    core: list[CoreItem] = []
    seen: set[str] = set()
    suggestions: list[Repair] = []
    for f in findings:
        keys = [_key(s) for s in f.suggestions]
        if core and keys and all(k in seen for k in keys):
            continue
        core += f.core
        for s, k in zip(f.suggestions, keys, strict=True):
            if k not in seen:
                seen.add(k)
                suggestions.append(s)
    return Infeasibility(core=tuple(core[:max_items]), suggestions=tuple(suggestions))


def diagnose(
    data: ProblemData, time_limit: float = 10.0, lang: str = "zh", workers: int = 2
) -> Infeasibility | None:
    """The infeasibility report of ``data``, or None when nothing is found.

    None means the necessary checks pass and the aggregated model is feasible
    (or could not be decided within ``time_limit``): the school may still be
    infeasible at the level of single students, which the solver reports.
    ``workers``: CP-SAT threads for the aggregated model. ``time_limit <= 0``
    runs only the fast checks (well under a second), e.g. before solving.
    """
    start = time.monotonic()
    facts = Facts(data)
    findings = necessary_findings(data, lang, facts)
    if findings:
        return _merge(findings)
    if time_limit <= 0:
        return None
    agg = AggregateModel(data, facts)
    left = time_limit - (time.monotonic() - start)
    result = find_core(agg, left * 0.9, workers)
    if result.feasible or not result.decided or not result.core:
        return None
    items = tuple(describe(facts, g, lang) for g in result.core[:MAX_CORE_ITEMS])
    left = time_limit - (time.monotonic() - start)
    repairs, _ = repair_core(data, facts, result.core, lang, max(0.5, left), workers)
    return Infeasibility(core=items, suggestions=tuple(repairs))
