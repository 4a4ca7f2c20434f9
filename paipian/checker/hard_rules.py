"""The hard-rule registry: ``check_h01`` … ``check_h14`` in rule order.

The functions live in ``hard_rules_students``, ``hard_rules_staff``,
``hard_rules_groups`` (calendar, activities) and ``hard_rules_rooms``; each
follows its line of
``shared/spec/RULES.md`` and documents what one unit of ``amount`` is.
"""

from __future__ import annotations

from collections.abc import Callable

from paipian.checker.hard_rules_groups import (
    check_h04,
    check_h07,
    check_h12,
    check_h13,
)
from paipian.checker.hard_rules_rooms import check_h10, check_h14
from paipian.checker.hard_rules_staff import check_h08, check_h09, check_h11
from paipian.checker.hard_rules_students import (
    check_h01,
    check_h02,
    check_h03,
    check_h05,
    check_h06,
)
from paipian.checker.violation import Violation
from paipian.data import ProblemData
from paipian.solution import Solution

RuleCheck = Callable[[ProblemData, Solution], list[Violation]]

HARD_RULE_CHECKS: dict[str, RuleCheck] = {
    "H01": check_h01,
    "H02": check_h02,
    "H03": check_h03,
    "H04": check_h04,
    "H05": check_h05,
    "H06": check_h06,
    "H07": check_h07,
    "H08": check_h08,
    "H09": check_h09,
    "H10": check_h10,
    "H11": check_h11,
    "H12": check_h12,
    "H13": check_h13,
    "H14": check_h14,
}

__all__ = [
    "HARD_RULE_CHECKS",
    "RuleCheck",
    "check_h01",
    "check_h02",
    "check_h03",
    "check_h04",
    "check_h05",
    "check_h06",
    "check_h07",
    "check_h08",
    "check_h09",
    "check_h10",
    "check_h11",
    "check_h12",
    "check_h13",
    "check_h14",
]
