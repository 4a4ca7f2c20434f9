"""S4 体育锻炼 — more student-sessions of sports.

Each present student is in exactly one session per slot, so maximising sports
student-sessions is minimising the others:
    S4 = Σ_{sessions not of category sports} head count      (docs/objective.md)
Club meetings are fixed by the clubs phase and enter as a constant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paipian import catalogue
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import DropInVars

if TYPE_CHECKING:
    from collections.abc import Iterable

    from paipian.data import ProblemData
    from paipian.model.plans import ClubPlan, PlannedSession

RULE = catalogue.rule("S4")


def add(pm: PhaseModel, v: DropInVars, plan: ClubPlan) -> None:
    if pm.weight("S4") == 0:
        return
    data = pm.data
    pm.add_constant(
        "S4",
        sum(
            len(plan.members[cid]) * len(slots)
            for cid, slots in plan.meetings.items()
            if data.activity_by_id[cid].category != "sports"
        ),
    )
    others = [
        var
        for (_, _, aid), var in v.count.items()
        if data.activity_by_id[aid].category != "sports"
    ]
    pm.penalise("S4", "S4(non_sport_places)", sum(others))


def recount(data: ProblemData, sessions: Iterable[PlannedSession]) -> int:
    """S4 of the sessions as they stand. The drop-in plan counted it before
    its groups were formed and folded into others (``solver/fold.py``);
    counted again from the groups, whatever the fold moves, the reported S4
    is theirs (the checker's)."""
    return sum(
        len(s.students)
        for s in sessions
        if data.activity_by_id[s.activity].category != "sports"
    )
