"""H02 自愿/弹性预约 — a student is only ever placed where the survey booked them.

Enforced by construction: variables exist only for (student, place) pairs the
survey allows. In the clubs phase a member must be present at every meeting
(``may_join``); in the drop-in phase only present students are counted
(``ProblemData.students_present``). H02 cannot be disabled.
"""

from __future__ import annotations

from paipian import catalogue
from paipian.data import ProblemData, Slot, Student

RULE = catalogue.rule("H02")


def may_join(data: ProblemData, student: Student, meetings: tuple[Slot, ...]) -> bool:
    """Whether ``student`` is present at every meeting of a club (and it meets)."""
    return bool(meetings) and all(data.is_present(student, d, b) for d, b in meetings)
