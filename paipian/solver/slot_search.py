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

With two workers or more, two slots of one block on different days are
searched side by side, one worker each: a slot's search with one worker gets
as far in its time as with two (big_primary_11, four slots, 2 s each: within
1 % either way), so a sweep covers twice the slots. What the week shares
between the two (H05's quality activities, a teacher's weekly maximum, the
week's cuts) is shared out first (``_Week``): each may use half of the
slack its current plan leaves, so that both changes hold together; they
are kept together when the week's own terms settle (``_together``), else
the better one alone.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from ortools.sat.python import cp_model
from ortools.sat.python import cp_model_helper as cmh

from paipian.data import Slot
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import DropInVars
from paipian.solver.runtime import PhaseOutcome, ProgressFn, StopFlag, run_phase

PER_SLOT = 2.0  # seconds (or deterministic time) a slot's search may take
CLOSE_ENOUGH = 0.001  # … or less, once within this share of the plan's cost
SETTLE = 1.0  # seconds to settle the week's own terms of two slots' changes


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
    # a day's last block first: when two blocks of a day both hold a grade's
    # homework (H03 wants one), the later, emptier one gives it up
    late_first = {b.id: -i for i, b in enumerate(pm.data.calendar.blocks)}
    slots = sorted(set(slot_of.values()), key=lambda s: (s[0], late_first[s[1]]))
    values = list(start)
    best = objective_of(pm, values)
    began = time.monotonic()
    spent = 0.0  # seconds, or deterministic time
    solutions = 0
    unchanged = 0  # slots in a row that improved nothing
    turn = 0
    side_by_side = workers >= 2 and not deterministic and len(slots) >= 2
    if side_by_side:  # pairs of one block on two days: a day's blocks share H03
        slots.sort(key=lambda slot: (late_first[slot[1]], slot[0]))
        week = _Week(pm, slot_of)
    while slots and time_limit - spent > 0.2:
        if stop is not None and stop.stopped:
            break
        if unchanged >= len(slots):  # a whole sweep improved nothing
            if not side_by_side:
                break
            # each had half of the week's slack: on, one slot at a time with
            # all of it (tiny seed 3: 0.67 of the planted objective, else 0.63)
            side_by_side, unchanged = False, 0
            continue
        if side_by_side:
            pair = (slots[turn % len(slots)], slots[(turn + 1) % len(slots)])
            turn += 2
            candidate = _side_by_side(
                pm,
                slot_of,
                week,
                pair,
                values,
                time_limit=min(PER_SLOT, time_limit - spent),
                seed=seed + turn,
                stop=stop,
                enough=best * CLOSE_ENOUGH,
            )
            spent = time.monotonic() - began
            value = objective_of(pm, candidate) if candidate is not None else best
            if candidate is not None and value < best:
                values, best, unchanged = candidate, value, 0
                solutions += 1
                if progress is not None:
                    progress(pm.phase, solutions, best, 0.0, spent)
            else:
                unchanged += 2
            continue
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


class _Week:
    """The plan's linear constraints over decisions of two slots or more,
    with nothing else in them (H05's quality activities, the staff's weekly
    maximum, the week's cuts): what two slots searched side by side share."""

    def __init__(self, pm: PhaseModel, slot_of: dict[int, Slot]) -> None:
        self.slot_of = slot_of
        # (lowest, highest, [(variable index, coefficient)])
        self.rows: list[tuple[int, int, list[tuple[int, int]]]] = []
        for c in pm.model.proto.constraints:
            if not c.has_linear() or c.enforcement_literal or len(c.linear.domain) != 2:
                continue
            terms = list(zip(c.linear.vars, c.linear.coeffs, strict=True))
            if any(i < 0 or i not in slot_of for i, _ in terms):
                continue
            if len({slot_of[i] for i, _ in terms}) >= 2:
                lo, hi = c.linear.domain
                self.rows.append((lo, hi, terms))

    def share(
        self, pair: tuple[Slot, Slot], values: list[int], subs: list[PhaseModel]
    ) -> None:
        """Each of ``pair``'s searches (``subs``) may move its part of a shared
        row by half the slack ``values`` leave (the first the odd one), so any
        two of their plans keep every row."""
        for lo, hi, terms in self.rows:
            parts = [
                [(i, k) for i, k in terms if self.slot_of[i] == slot] for slot in pair
            ]
            if not parts[0] or not parts[1]:
                continue
            now = sum(k * values[i] for i, k in terms)
            up, down = hi - now, now - lo  # the slack either way
            for n, (part, sub) in enumerate(zip(parts, subs, strict=True)):
                mine = sum(k * values[i] for i, k in part)
                up_n = up - up // 2 if n == 0 else up // 2
                down_n = down - down // 2 if n == 0 else down // 2
                # an unbounded side stays unbounded (CP-SAT's own infinity)
                low = lo if lo <= cp_model.INT_MIN else mine - down_n
                high = hi if hi >= cp_model.INT_MAX else mine + up_n
                model = sub.model
                expr = sum(k * model.get_int_var_from_proto_index(i) for i, k in part)
                model.add_linear_constraint(expr, low, high)


def _side_by_side(
    pm: PhaseModel,
    slot_of: dict[int, Slot],
    week: _Week,
    pair: tuple[Slot, Slot],
    values: list[int],
    *,
    time_limit: float,
    seed: int,
    stop: StopFlag | None,
    enough: float,
) -> list[int] | None:
    """Search both slots of ``pair`` from ``values`` at once, one worker
    each; the best of their plans and, when the week holds with both, the
    plan with both changes. None when neither search found a plan."""
    subs = [_one_slot(pm, slot_of, slot, values) for slot in pair]
    week.share(pair, values, subs)
    found: list[list[int] | None] = [None, None]
    failed: list[BaseException] = []

    def search(i: int) -> None:
        try:
            solver, outcome = run_phase(
                subs[i],
                time_limit=time_limit,
                workers=1,
                seed=seed + i,
                deterministic=False,
                stop=stop,
                patience=0.0,
                enough=enough,
                interleave=False,
            )
            if outcome.status in ("OPTIMAL", "FEASIBLE"):
                found[i] = list(solver.response_proto.solution)
        except BaseException as exc:  # re-raised in the caller's thread
            failed.append(exc)

    threads = [threading.Thread(target=search, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failed:
        raise failed[0]
    plans = [plan for plan in found if plan is not None]
    if found[0] is not None and found[1] is not None:
        both = _together(pm, slot_of, pair, found[0], found[1], seed, stop)
        if both is not None:
            plans.append(both)
    return min(plans, key=lambda plan: objective_of(pm, plan), default=None)


def _together(
    pm: PhaseModel,
    slot_of: dict[int, Slot],
    pair: tuple[Slot, Slot],
    first: list[int],
    second: list[int],
    seed: int,
    stop: StopFlag | None,
) -> list[int] | None:
    """``first`` with ``pair[1]``'s decisions taken from ``second``, and the
    week's own terms (S1's totals, no slot's) settled again — or None when
    the week no longer holds (a student's quality activity or a teacher's
    session counted on by both)."""
    both = list(first)
    for index, slot in slot_of.items():
        if slot == pair[1]:
            both[index] = second[index]
    settle = _one_slot(pm, slot_of, None, both)
    solver, outcome = run_phase(
        settle,
        time_limit=SETTLE,
        workers=1,
        seed=seed,
        deterministic=False,
        stop=stop,
        patience=0.0,
        interleave=False,
    )
    if outcome.status not in ("OPTIMAL", "FEASIBLE"):
        return None
    return list(solver.response_proto.solution)


def _one_slot(
    pm: PhaseModel, slot_of: dict[int, Slot], slot: Slot | None, values: list[int]
) -> PhaseModel:
    """The plan's model with every decision outside ``slot`` held at its
    value (every decision, for None), started from ``values``."""
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
