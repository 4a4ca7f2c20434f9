"""H07 不上新课 — no new lessons, exam drill or mass remedial; small 补差 groups.

Forbidden categories are refused when the instance is loaded (``paipian.io``).
In the model, a remedial session's upper size is ``remedial_max_group``
(``max_group``), which H13's size constraints then apply.
"""

from __future__ import annotations

from paipian import catalogue
from paipian.data import Activity, ProblemData
from paipian.domain import FORBIDDEN_CATEGORIES

RULE = catalogue.rule("H07")


def max_group(data: ProblemData, activity: Activity) -> int:
    """The largest group ``activity`` may hold: its capacity, and for 补差 the cap."""
    if activity.category == "remedial":
        return min(activity.capacity.max, data.rules.remedial_max_group)
    return activity.capacity.max


def is_forbidden(activity: Activity) -> bool:
    return activity.category in FORBIDDEN_CATEGORIES
