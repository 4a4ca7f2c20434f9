"""One module per rule of ``shared/spec/RULES.md``, named after its id.

Each module takes its ``RULE`` from ``paipian.catalogue`` (the one home of rule
ids, names and statements) and adds the rule to the phase model(s) where it
applies. ``MODULES`` lists them in catalogue order; ``registry()`` reads each
module's ``RULE``, so a test holds the modules and the catalogue together.

Hard-rule constraints pass through ``PhaseModel.guard`` with their rule id and
place. The solver builds no literal there, and the infeasibility diagnosis
does not reuse these models: it builds its own aggregated model with its own
guarded rule instances (``paipian.diagnosis.aggregate``).
"""

from __future__ import annotations

import importlib

from paipian.catalogue import RuleInfo

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
