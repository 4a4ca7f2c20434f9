"""S5 教师偏好 — staff get the days and activities they marked preferred.

For staff with a non-empty ``prefers``, each session they lead or assist that
is neither on a preferred day nor of a preferred activity costs 1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paipian import catalogue
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import StaffVars

if TYPE_CHECKING:
    from paipian.model.plans import PlannedSession

RULE = catalogue.rule("S5")


def add(pm: PhaseModel, v: StaffVars, sessions: list[PlannedSession]) -> None:
    if pm.weight("S5") == 0:
        return
    data = pm.data
    by_index = {s.index: s for s in sessions}
    for works in (v.lead, v.assist):
        for (si, pid), var in works.items():
            prefers = data.staff_by_id[pid].prefers
            s = by_index[si]
            if prefers and s.day not in prefers and s.activity not in prefers:
                pm.penalise("S5", f"S5(staff={pid},session={si})", var)
