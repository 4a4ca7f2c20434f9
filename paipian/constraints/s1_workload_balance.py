"""S1 工作量均衡 — weekly 课时 of school teachers close to their targets.

Population T: teachers who offered at least one slot. load_t in weighted
minutes (lead and assist loads); target_t = target_per_week × 60 or the mean
⌊Σ load / |T|⌋; dev_t = |load_t − target_t|;
    S1 = max_t dev_t + ⌊Σ_t dev_t / |T|⌋     minutes: worst plus mean deviation
(docs/objective.md). Both parts are minutes of one teacher's week, so the
weight compares them directly with a student's wish (S3) or an empty seat (S2).
All modelled with equalities, so the term read from the model is exact.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from paipian import catalogue
from paipian.data import ProblemData, Staff
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import DropInVars, StaffVars

if TYPE_CHECKING:
    from paipian.model.plans import PlannedSession

RULE = catalogue.rule("S1")

# The drop-in plan's balance cost also counts, for every teacher, the minutes
# of their week beyond this distance from the mean (or their target): the
# largest deviation alone let the plan leave most teachers far from the mean
# (small_primary_11: 课时 sd 1.15-1.62 against the planted 1.06). With a band
# of 90 minutes single runs gave sd 0.89 / 1.11 / 0.79 on small_primary_11,
# big_primary_11 and tight_feasible_11 (planted 1.06 / 1.17 / 1.27) at 0.64-
# 0.72 of the planted objective; 60 minutes cost big_primary_11 its objective
# (0.82), 120 did not lower the sd.
BAND = 90
# The staff phase, whose sessions are given, pays each teacher's minutes
# beyond each of these distances: a convex staircase, close to the squared
# deviations the 课时 sd adds up (one band of 90 left a third of
# small_primary_11's teachers 70 minutes under the mean, sd 1.02-1.08 with
# one worker against the planted 1.06).
STAFF_STEPS = (30, 60, BAND)


def population(data: ProblemData) -> list[Staff]:
    return [p for p in data.staff if p.kind == "teacher" and p.available]


def load_exprs(
    pm: PhaseModel, v: StaffVars, sessions: list[PlannedSession]
) -> dict[str, list]:
    """Per staff member, the terms of their weekly load in weighted minutes."""
    data = pm.data
    by_index = {s.index: s for s in sessions}
    terms: dict[str, list] = defaultdict(list)
    for (si, pid), var in v.lead.items():
        s = by_index[si]
        terms[pid].append(
            data.lead_load(data.activity_by_id[s.activity], s.block) * var
        )
    for (si, pid), var in v.assist.items():
        terms[pid].append(data.assist_load(by_index[si].block) * var)
    return terms


def add(
    pm: PhaseModel,
    v: StaffVars,
    sessions: list[PlannedSession],
    *,
    tie_break: bool = True,
) -> list[tuple[int, Any]]:
    """S1's two parts as the staff phase's penalty; returns its tie-break
    (outside S1, as ``set_objective``'s extra terms): each teacher's minutes
    beyond each of ``STAFF_STEPS`` from their target, at S1's weight. S1's
    mean part is rounded down over all teachers, so alone it barely tells one
    teacher's hour from another's; the steps pull the farthest in most (the
    课时 sd the schools compare). ``tie_break=False`` (a re-solve, which
    keeps last round's leaders instead): S1 alone."""
    if pm.weight("S1") == 0:
        return []
    parts = _deviations(pm, load_exprs(pm, v, sessions))
    if parts is None:
        return []
    worst, mean_dev, devs = parts
    pm.penalise("S1", "S1(max)", worst)
    pm.penalise("S1", "S1(mean)", mean_dev)
    if not tie_break:
        return []
    beyond = []
    for dev in devs:
        for step in STAFF_STEPS:
            out = pm.model.new_int_var(0, _horizon(pm.data) + 60 * 40, "")
            pm.model.add(out >= dev - step)
            beyond.append(out)
    return [(pm.weight("S1"), sum(beyond))]


def dropin_costs(pm: PhaseModel, v: DropInVars) -> list[tuple[int, Any]]:
    """S1's largest deviation (its first part), as the drop-in plan's own leaders
    give it: the plan names who leads each (slot, activity), club meetings
    included, and who assists (``solver/pair_staffing.py``), and a load
    depends on nothing else. A cost of the plan, not its S1 term (the staff
    phase decides S1 and reports it), and kept linear — ``max ≥ ±(load −
    target)`` for every teacher, the mean target as ``|T|·max ≥ ±(|T|·load −
    Σ load)`` —
    so that the plan's search stays quick. Without it the plan fills the
    rooms with groups only a few can lead (big_primary_11: three sports
    teachers at 8–10 sessions, 课时 sd 1.46 against the planted 1.17). Plus
    each teacher's minutes beyond ``BAND`` of the mean, at the same weight."""
    teachers = population(pm.data)
    if pm.weight("S1") == 0 or not v.staffing.lead or not teachers:
        return []
    data = pm.data
    terms: dict[str, list] = defaultdict(list)
    for (slot, aid, pid), var in v.staffing.lead.items():
        terms[pid].append(data.lead_load(data.activity_by_id[aid], slot[1]) * var)
    for (slot, pid), var in v.staffing.assist.items():
        terms[pid].append(data.assist_load(slot[1]) * var)
    n = len(teachers)
    # the week's total once, as a variable: written into each teacher's two
    # constraints it made the plan quadratic in size (nine_year_11: 6.8 s to
    # build, and every step of the slot search slower)
    total = pm.model.new_int_var(0, _horizon(data) * n, "S1(plan total)")
    pm.model.add(total == sum(sum(terms.get(p.id, [])) for p in teachers))
    worst = pm.model.new_int_var(0, _horizon(data), "S1(plan max)")
    beyond = []
    for p in teachers:
        load = sum(terms.get(p.id, []))
        out = pm.model.new_int_var(0, _horizon(data), f"S1(plan band {p.id})")
        beyond.append(out)
        if p.target_per_week is not None:
            target = round(p.target_per_week * 60)
            pm.model.add(worst >= load - target)
            pm.model.add(worst >= target - load)
            pm.model.add(out >= load - target - BAND)
            pm.model.add(out >= target - load - BAND)
        else:
            pm.model.add(n * worst >= n * load - total)
            pm.model.add(n * worst >= total - n * load)
            pm.model.add(n * out >= n * load - total - n * BAND)
            pm.model.add(n * out >= total - n * load - n * BAND)
    return [(pm.weight("S1"), worst), (pm.weight("S1"), sum(beyond))]


def _horizon(data: ProblemData) -> int:
    """More minutes than any teacher's week can hold."""
    return (
        sum(
            max((data.lead_load(a, b.id) for a in data.activities), default=60)
            for b in data.calendar.blocks
        )
        * len(data.calendar.days)
        + 60 * 40
    )


def _deviations(
    pm: PhaseModel, terms: dict[str, list]
) -> tuple[Any, Any, list[Any]] | None:
    """S1's two parts (largest deviation, mean deviation) over ``terms``, the
    load terms per staff id, and each teacher's deviation; None when no
    teacher is in the population."""
    data = pm.data
    teachers = population(data)
    if not teachers:
        return None
    horizon = _horizon(data)
    loads = {}
    for p in teachers:
        load = pm.model.new_int_var(0, horizon, f"load({p.id})")
        pm.model.add(load == sum(terms.get(p.id, [])))
        loads[p.id] = load
    total = pm.model.new_int_var(0, horizon * len(teachers), "load(total)")
    pm.model.add(total == sum(loads.values()))
    mean = pm.model.new_int_var(0, horizon, "load(mean)")
    pm.model.add_division_equality(mean, total, len(teachers))
    devs = []
    for p in teachers:
        target = (
            round(p.target_per_week * 60) if p.target_per_week is not None else mean
        )
        dev = pm.model.new_int_var(0, horizon + 60 * 40, f"S1(staff={p.id})")
        pm.model.add_abs_equality(dev, loads[p.id] - target)
        devs.append(dev)
    bound = horizon + 60 * 40
    worst = pm.model.new_int_var(0, bound, "S1(max)")
    pm.model.add_max_equality(worst, devs)
    spread = pm.model.new_int_var(0, bound * len(teachers), "S1(sum)")
    pm.model.add(spread == sum(devs))
    mean_dev = pm.model.new_int_var(0, bound, "S1(mean)")
    pm.model.add_division_equality(mean_dev, spread, len(teachers))
    return worst, mean_dev, devs
