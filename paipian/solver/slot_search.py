"""The drop-in plan improved one slot at a time (the second pass).

The plan's model is large (tens of thousands of variables at 3,000 students:
head counts, groups, room classes, H05's quality slots, who leads what), and
CP-SAT's own neighbourhoods improve it slowly. Its slots, though, are nearly
independent: a slot's groups, rooms and leaders concern that slot alone, and
only H05 (a quality activity once a week), the staff's weekly maximum and
S6 reach across slots. So the search re-opens one slot at a time, every
other slot held at its current value, and solves that slot close to optimal
within seconds; it sweeps the week slot after slot until its time is up or a
whole sweep improved nothing. Each step starts from the current plan, so the
plan only improves (nine_year_11: 140k → 86k in one sweep of 35 s, where the
whole model's neighbourhood search reached 113k in 40 s).
"""

from __future__ import annotations

import time
from typing import Any

from ortools.sat.python import cp_model_helper as cmh

from paipian.data import Slot
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import DropInVars
from paipian.solver.runtime import PhaseOutcome, ProgressFn, StopFlag, run_phase

PER_SLOT = 2.0  # seconds (or deterministic time) a slot's search may take
CLOSE_ENOUGH = 0.001  # … or less, once within this share of the plan's cost


class Plan:
    """A full solution of the drop-in model, read as a solver is read
    (``value``, ``response_proto.solution``)."""

    def __init__(self, values: list[int]) -> None:
        self.response_proto = cmh.CpSolverResponse()
        self.response_proto.solution.extend(values)

    def value(self, expression: Any) -> int:
        return int(cmh.ResponseHelper.value(self.response_proto, expression))


def slots_of(v: DropInVars) -> dict[int, Slot]:
    """Variable index → the slot it belongs to (every decision of the plan)."""
    out: dict[int, Slot] = {}
    for (slot, *_), var in v.count.items():
        out[var.index] = slot
    for (slot, *_), var in v.sessions.items():
        out[var.index] = slot
    for (slot, *_), levels in v.housing.groups.items():
        for _, k in levels:
            out[k.index] = slot
    for table in (v.housing.rooms, v.housing.backups):
        for (slot, *_), chosen in table.items():
            for _, _, z in chosen:
                out[z.index] = slot
    for (_, slot), var in v.quality_slot.items():
        out[var.index] = slot
    for (slot, *_), var in v.staffing.lead.items():
        out[var.index] = slot
    for (slot, *_), var in v.staffing.assist.items():
        out[var.index] = slot
    return out


def objective_of(pm: PhaseModel, values: list[int]) -> int:
    goal = pm.model.proto.objective
    return int(
        sum(c * values[i] for i, c in zip(goal.vars, goal.coeffs, strict=True))
        + goal.offset
    )


def improve_by_slot(
    pm: PhaseModel,
    v: DropInVars,
    start: list[int],
    *,
    time_limit: float,
    workers: int,
    seed: int,
    deterministic: bool,
    stop: StopFlag | None = None,
    progress: ProgressFn | None = None,
) -> tuple[Plan, PhaseOutcome]:
    """Sweep the slots from ``start`` (a full solution of ``pm``) until the
    time is spent, the user stops, or a sweep changes nothing."""
    slot_of = slots_of(v)
    slots = sorted(set(slot_of.values()))
    values = list(start)
    best = objective_of(pm, values)
    began = time.monotonic()
    spent = 0.0  # seconds, or deterministic time
    solutions = 0
    unchanged = 0  # slots in a row that improved nothing
    turn = 0
    while slots and unchanged < len(slots) and time_limit - spent > 0.2:
        if stop is not None and stop.stopped:
            break
        slot = slots[turn % len(slots)]
        turn += 1
        sub = _one_slot(pm, slot_of, slot, values)
        if not deterministic:  # holding the other slots copies the model
            spent = time.monotonic() - began
        if time_limit - spent < 0.2:
            break
        solver, outcome = run_phase(
            sub,
            time_limit=min(PER_SLOT, time_limit - spent),
            workers=workers,
            seed=seed + turn,
            deterministic=deterministic,
            stop=stop,
            patience=0.0,
            enough=best * CLOSE_ENOUGH,
            # one slot, hinted in full: one worker's tree search and LP
            # reach in 2 s what two workers do; taking turns with other
            # strategies leaves each too little (fri B1: 192k against 207k
            # after 1 s)
            interleave=False,
        )
        if deterministic:
            spent += outcome.deterministic_time
        else:
            spent = time.monotonic() - began
        found = outcome.status in ("OPTIMAL", "FEASIBLE")
        candidate = list(solver.response_proto.solution) if found else values
        value = objective_of(pm, candidate)
        if found and value < best:
            values, best, unchanged = candidate, value, 0
            solutions += 1
            if progress is not None:
                progress(pm.phase, solutions, best, 0.0, time.monotonic() - began)
        else:
            unchanged += 1
    return Plan(values), PhaseOutcome(
        status="FEASIBLE",
        objective=float(best),
        bound=0.0,  # no bound: each step proves only its own slot
        seconds=time.monotonic() - began,
        solutions=solutions,
        deterministic_time=spent if deterministic else 0.0,
    )


def _one_slot(
    pm: PhaseModel, slot_of: dict[int, Slot], slot: Slot, values: list[int]
) -> PhaseModel:
    """The plan's model with every decision outside ``slot`` held at its
    value, started from ``values``."""
    model = pm.model.clone()
    proto = model.proto
    for index, other in slot_of.items():
        if other != slot:
            domain = proto.variables[index].domain
            domain.clear()
            domain.extend([values[index], values[index]])
    model.clear_hints()
    proto.solution_hint.vars.extend(range(len(values)))
    proto.solution_hint.values.extend(values)
    return PhaseModel(pm.data, pm.phase, model=model)
