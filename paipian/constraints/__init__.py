"""One module per rule of ``shared/spec/RULES.md``, named after its id.

Each module states its rule (``RULE``) and adds it to the phase model(s) where
it applies; every hard-rule constraint goes through ``PhaseModel.guard`` so the
same code serves solving and the infeasibility diagnosis. ``REGISTRY`` lists
them in catalogue order; ``paipian.constraints.rule`` looks one up by id.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class RuleInfo:
    id: str
    zh: str  # one-line statement for staff
    en: str
    phases: tuple[str, ...]  # solver phases whose model holds it


MODULES: tuple[str, ...] = (
    "h01_full_coverage",
    "h02_voluntary",
    "h03_daily_offer",
    "h04_blocks",
    "h05_weekly_quality",
    "h06_no_homework_lower",
    "h07_no_curriculum",
    "h08_staff_willingness",
    "h09_external_staff",
    "h10_rooms",
    "h11_safety_staffing",
    "h12_grade_and_form",
    "h13_group_size",
    "h14_outdoor",
    "s1_workload_balance",
    "s2_room_utilisation",
    "s3_student_preference",
    "s4_sport_time",
    "s5_staff_preference",
    "s6_stability",
    "s7_late_fairness",
)


def registry() -> tuple[RuleInfo, ...]:
    """Every rule, H01–H14 then S1–S7, as its module states it."""
    return tuple(
        importlib.import_module(f"paipian.constraints.{name}").RULE for name in MODULES
    )


def rule(rule_id: str) -> RuleInfo:
    return next(r for r in registry() if r.id == rule_id)
