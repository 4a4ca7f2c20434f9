"""H06 低年级无书面作业 — no homework or Q&A session holds a grade-1/2 student.

Enforced by construction in the drop-in phase: no count variable exists for a
class of a grade in ``grades_without_homework`` and a homework-category
activity (``allows``). Clubs of those categories never take such students
either (``allowed_club_prefs`` is filtered through ``allows`` too).
"""

from __future__ import annotations

from paipian import catalogue
from paipian.data import Activity, ProblemData

RULE = catalogue.rule("H06")


def allows(data: ProblemData, grade: int, activity: Activity) -> bool:
    """Whether a student of ``grade`` may be placed in ``activity`` under H06."""
    return not data.homework_barred(grade, activity)
