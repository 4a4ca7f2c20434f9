"""S7 晚段公平 — the last block's duties spread evenly among school teachers.

Population: S1's teachers who offered the calendar's last block on some day.
late_t = sessions in the last block that t leads or assists;
    S7 = max_t late_t − min_t late_t                         (docs/objective.md)
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from paipian import catalogue
from paipian.constraints.s1_workload_balance import population as s1_population
from paipian.data import ProblemData, Staff
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import StaffVars

if TYPE_CHECKING:
    from paipian.model.plans import PlannedSession

RULE = catalogue.rule("S7")


def population(data: ProblemData) -> list[Staff]:
    last = data.calendar.last_block
    return [
        p
        for p in s1_population(data)
        if any(p.is_available(d, last) for d in data.calendar.days)
    ]


def add(pm: PhaseModel, v: StaffVars, sessions: list[PlannedSession]) -> None:
    if pm.weight("S7") == 0:
        return
    data = pm.data
    people = population(data)
    if not people:
        return
    last = data.calendar.last_block
    late_ids = {s.index for s in sessions if s.block == last}
    works: dict[str, list] = defaultdict(list)
    for table in (v.lead, v.assist):
        for (si, pid), var in table.items():
            if si in late_ids:
                works[pid].append(var)
    n = len(late_ids)
    lates = []
    for p in people:
        late = pm.model.new_int_var(0, n, f"late({p.id})")
        pm.model.add(late == sum(works.get(p.id, [])))
        lates.append(late)
    most = pm.model.new_int_var(0, n, "S7(max)")
    least = pm.model.new_int_var(0, n, "S7(min)")
    pm.model.add_max_equality(most, lates)
    pm.model.add_min_equality(least, lates)
    pm.penalise("S7", "S7(spread)", most - least)
