"""The independent checker: grades a timetable against RULES.md.

It reads only ``ProblemData`` and a ``Solution`` and never imports ortools,
``paipian.solver`` or ``paipian.constraints`` — it is the referee of the
solver, not a part of it. ``check(data, solution)`` returns a ``CheckReport``:
every hard-rule violation, located and counted, the total amount per rule,
the objective recomputed term by term, and summary metrics.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from types import MappingProxyType
from typing import Any

from paipian.catalogue import HARD_RULES, UNDISABLEABLE_RULES
from paipian.checker.hard_rules import HARD_RULE_CHECKS
from paipian.checker.metrics import Metrics, compute_metrics
from paipian.checker.objectives import ObjectiveCheck, check_objective
from paipian.checker.violation import Violation
from paipian.data import ProblemData
from paipian.solution import Solution


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` found. ``by_rule`` holds every H01–H14 (0 when clean or
    disabled); ``ok`` is true when no hard rule is violated."""

    violations: tuple[Violation, ...]
    by_rule: Mapping[str, int]
    objective: ObjectiveCheck
    metrics: Metrics
    disabled: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(self.by_rule.values())

    def of(self, rule: str) -> tuple[Violation, ...]:
        """The violations of one rule."""
        return tuple(v for v in self.violations if v.rule == rule)

    def to_dict(self) -> dict[str, Any]:
        """The machine form printed by ``paipian check --json``."""
        return {
            "ok": self.ok,
            "by_rule": dict(self.by_rule),
            "disabled": list(self.disabled),
            "violations": [
                {
                    "rule": v.rule,
                    "where": dict(v.where),
                    "amount": v.amount,
                    "message": v.message,
                    "message_en": v.message_en,
                }
                for v in self.violations
            ],
            "objective": {
                "value": self.objective.value,
                "raw": dict(self.objective.raw),
                "terms": dict(self.objective.weighted),
                "mismatches": {
                    k: {"claimed": c, "recomputed": r}
                    for k, (c, r) in self.objective.mismatches.items()
                },
            },
            "metrics": asdict(self.metrics),
        }


def check(
    data: ProblemData, solution: Solution, previous: Solution | None = None
) -> CheckReport:
    """Grade ``solution`` against every hard rule (in id order) and every
    weighted soft objective (S6 against ``previous``, in a re-solve). Rules in
    ``rules.disabled`` are skipped, except those a school may not turn off
    (H01, H02, H07, H09, H10)."""
    disabled = tuple(
        r
        for r in HARD_RULES
        if not data.rules.enabled(r) and r not in UNDISABLEABLE_RULES
    )
    violations: list[Violation] = []
    by_rule: dict[str, int] = {}
    for rule, fn in HARD_RULE_CHECKS.items():
        found = [] if rule in disabled else fn(data, solution)
        violations.extend(found)
        by_rule[rule] = sum(v.amount for v in found)
    return CheckReport(
        violations=tuple(violations),
        by_rule=MappingProxyType(by_rule),
        objective=check_objective(data, solution, previous),
        metrics=compute_metrics(data, solution),
        disabled=disabled,
    )


__all__ = [
    "CheckReport",
    "Metrics",
    "ObjectiveCheck",
    "Violation",
    "check",
]
