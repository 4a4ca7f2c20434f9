"""Infeasibility cores of the aggregated model: assumptions + deletion filter.

1. Feasibility: every guard fixed true on a copy of the model, solved with
   ``workers`` threads (assumptions would force one thread, and the
   multi-thread portfolio finds a first solution far faster). Each slot is
   solved alone first: an infeasible slot is a smaller model to take the
   core from, and the slots' solutions hint the whole week's search.
2. When infeasible, all guards are *assumed* true (one thread, no objective)
   and ``sufficient_assumptions_for_infeasibility`` names a subset, which is
   checked before it is trusted.
3. A deletion filter shrinks that subset to a minimal one: guards are
   dropped in chunks, then one at a time, and kept only if the rest becomes
   feasible.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from paipian.diagnosis.aggregate import AggregateModel, Guard


@dataclass(frozen=True)
class CoreResult:
    """``feasible``: the aggregated model has a solution (no core).
    ``core``: the rule instances found; ``minimal``: the filter finished;
    ``decided``: False when time ran out before feasibility was known."""

    feasible: bool
    core: tuple[Guard, ...] = ()
    minimal: bool = False
    decided: bool = True


def _params(solver: cp_model.CpSolver, limit: float, workers: int) -> None:
    solver.parameters.num_workers = workers
    solver.parameters.max_time_in_seconds = max(0.05, limit)
    solver.parameters.stop_after_first_solution = True
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.random_seed = 0


def check(
    agg: AggregateModel,
    on: list[Guard],
    limit: float,
    workers: int = 2,
    hints: dict[str, int] | None = None,
    values: dict[str, int] | None = None,
) -> Any:
    """Solve a copy of the model with the guards ``on`` fixed true; the status.

    With one worker the search is guided by the fewest-sessions objective,
    which finds a first solution far faster in a single thread. ``hints``:
    values by variable name; ``values``: filled with the solution found.
    """
    model = agg.model.clone()
    model.clear_assumptions()
    for g in on:
        model.add(model.get_bool_var_from_proto_index(g.lit.index) == 1)
    if workers == 1:
        model.minimize(agg.total_sessions())
    proto_vars = model.proto.variables
    if hints:
        for i, var in enumerate(proto_vars):
            if var.name in hints:
                model.add_hint(model.get_int_var_from_proto_index(i), hints[var.name])
    solver = cp_model.CpSolver()
    _params(solver, limit, workers)
    status = solver.solve(model)
    if values is not None and status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for i, var in enumerate(proto_vars):
            if var.name:
                values[var.name] = solver.value(model.get_int_var_from_proto_index(i))
    return cp_model.FEASIBLE if status == cp_model.OPTIMAL else status


def _by_slot(
    agg: AggregateModel, time_limit: float, workers: int
) -> tuple[Any, dict[str, int], AggregateModel | None]:
    """Solve each slot alone (a relaxation): an infeasible slot proves the
    school infeasible (and is returned, a much smaller model for the core);
    otherwise the slot solutions are hints for the whole week."""
    start = time.monotonic()
    slots = list(agg.x)
    hints: dict[str, int] = {}
    for n, slot in enumerate(slots):
        left = time_limit - (time.monotonic() - start)
        if left <= 0.05:
            break
        sub = AggregateModel(agg.data, agg.f, slots=[slot])
        status = check(sub, sub.guards, left / (len(slots) - n), workers, values=hints)
        if status == cp_model.INFEASIBLE:
            return status, hints, sub
    return cp_model.UNKNOWN, hints, None


def _assumed_core(agg: AggregateModel, limit: float) -> list[Guard] | None:
    """CP-SAT's sufficient subset of the guards, or None if it gives none."""
    model = agg.model
    model.clear_objective()
    model.clear_assumptions()
    model.add_assumptions([g.lit for g in agg.guards])
    solver = cp_model.CpSolver()
    _params(solver, limit, 1)
    status = solver.solve(model)
    model.clear_assumptions()
    if status != cp_model.INFEASIBLE:
        return None
    by_index = {g.lit.index: g for g in agg.guards}
    found = solver.sufficient_assumptions_for_infeasibility()
    return [by_index[i] for i in found if i in by_index] or None


def find_core(
    agg: AggregateModel, time_limit: float = 10.0, workers: int = 2
) -> CoreResult:
    """Check the model with every guard on; on infeasibility, a minimal core
    (as far as ``time_limit`` allows)."""
    start = time.monotonic()

    def left() -> float:
        return time_limit - (time.monotonic() - start)

    guards = agg.guards
    # each slot alone first (a slot-local conflict gets a small model for its
    # core), then the whole week, hinted with the slots' solutions
    hints: dict[str, int] = {}
    if len(agg.x) > 1:
        status, hints, sub = _by_slot(agg, time_limit * 0.35, workers)
        if sub is not None:
            return find_core(sub, left(), workers)
    status = check(agg, guards, left() * 0.85, workers, hints=hints)
    if status == cp_model.FEASIBLE:
        return CoreResult(feasible=True)
    if status != cp_model.INFEASIBLE:
        return CoreResult(feasible=False, decided=False)
    core = guards
    hint = _assumed_core(agg, left() / 3)
    verified = (
        hint is not None
        and len(hint) < len(guards)
        and check(agg, hint, left() / 2, workers) == cp_model.INFEASIBLE
    )
    if verified and hint is not None:
        core = hint  # CP-SAT's subset, verified
    # deletion filter, in chunks first (most instances of a big core are
    # irrelevant), then one by one; a chunk is kept when dropping it makes
    # the rest feasible or undecided
    minimal = True
    chunk = max(1, len(core) // 4)
    while True:
        i = 0
        while i < len(core):
            if left() <= 0.05:
                return CoreResult(feasible=False, core=tuple(core), minimal=False)
            trial = core[:i] + core[i + chunk :]
            status = check(agg, trial, min(left(), max(1.0, left() / 4)), workers)
            if status == cp_model.INFEASIBLE:
                core = trial  # the instances at i..i+chunk are not needed
            else:
                if chunk == 1:
                    minimal = minimal and status == cp_model.FEASIBLE
                i += chunk
        if chunk == 1:
            break
        chunk = max(1, chunk // 4)
    return CoreResult(feasible=False, core=tuple(core), minimal=minimal)
