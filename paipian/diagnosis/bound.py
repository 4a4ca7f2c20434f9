"""A lower bound on the objective that holds for every timetable of the school.

Each term gets a relaxation: a problem whose every constraint is necessary
for a timetable, so its optimum — or any lower bound on its optimum — never
exceeds that term in any valid timetable (the planted one, a hand-made one,
the solver's own). Terms bound separately add up: the minimum of a sum is at
least the sum of the minima.

- **S2, S3 and S4 together** (empty seats, wishes, students not in
  sports): the week's seats, rooms and leaders as a linear programme
  (``bound_seats.py``), with the linear relaxation of club membership
  (``membership``: the clubs' member limits and the students' presence) —
  bounded together because they trade: a sports group in a large field
  leaves seats empty, a wish granted in a club that is not a sport keeps
  its members from sport at every meeting. ``preference_bound`` is S3's
  part alone.
- **S1** (``workload_bound``): a teacher with a stated ``target_per_week``
  whose offered slots and ``max_per_week`` cannot reach it falls short by
  at least the difference in every timetable. Teachers measured against the
  mean count 0 (the mean itself depends on the timetable).
  S2 there includes its untagged uses of special rooms and its unused
  facility-days.
- **S5, S7**: 0. Valid, and weak; the gap they leave is reported.

Deterministic, no search: 1–2 s at 3,000 students (computed after the
search, it only reports the gap).
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp

from paipian.constraints import (
    h08_staff_willingness,
    h09_external_staff,
    s1_workload_balance,
)
from paipian.data import ProblemData
from paipian.diagnosis.bound_seats import membership, seats_and_sport_bound, solved


@dataclass(frozen=True)
class ObjectiveBound:
    """``value`` ≤ the weighted objective of every timetable; ``terms`` per rule."""

    value: int
    terms: dict[str, int] = field(default_factory=dict)  # weighted, per rule(s)
    seconds: float = 0.0


def objective_bound(data: ProblemData) -> ObjectiveBound:
    """The weighted lower bound over every timetable of ``data``: ``terms``
    keys the rules bounded together as ``"S2+S3+S4"``."""
    started = time.monotonic()
    terms = {
        "S1": data.weights.of("S1") * workload_bound(data),
        "S2+S3+S4": seats_and_sport_bound(data, wishes=True),
    }
    terms = {rules: amount for rules, amount in terms.items() if amount > 0}
    return ObjectiveBound(sum(terms.values()), terms, time.monotonic() - started)


def preference_bound(data: ProblemData) -> int:
    """Raw S3 lower bound: the LP relaxation of membership under club limits.

    Per student with ranked clubs: shortfall ≥ 4 − Σ points(rank) × x, x ∈ [0, 1]
    (``docs/objective.md``); per club: Σ x ≤ capacity.max. The LP optimum is
    at most the integer one, which is at most S3 of any timetable.
    """
    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None:  # GLOP ships with OR-Tools; without it, the trivial bound
        return 0
    shortfalls, _ = membership(data, lp)
    if not shortfalls:
        return 0
    lp.Minimize(lp.Sum(shortfalls))
    if not solved(lp):
        return 0
    # the integer optimum is an integer ≥ the LP optimum; a tolerance for GLOP
    return max(0, math.ceil(lp.Objective().Value() - 1e-6))


def workload_bound(data: ProblemData) -> int:
    """Raw S1 lower bound (minutes): ``max_t lack_t + ⌊Σ_t lack_t / |T|⌋``,
    where ``lack_t`` = a stated target less the most the teacher can work
    (``most_loads``), or 0 — ``dev_t`` is at least ``lack_t`` in every
    timetable, so both parts of S1 are at least these."""
    teachers = s1_workload_balance.population(data)
    if not teachers:
        return 0
    most = most_loads(data)
    lack = [
        max(0, round(p.target_per_week * 60) - most.get(p.id, 0))
        for p in teachers
        if p.target_per_week is not None
    ]
    return max(lack, default=0) + sum(lack) // len(teachers)


def most_loads(data: ProblemData) -> dict[str, int]:
    """Per staff id, the most weighted minutes they can work in a week: one
    session a slot they offered (H08), the heaviest they may lead there or
    an assist (H09), at most ``max_per_week`` of them."""
    per_slot: dict[str, list[int]] = defaultdict(list)
    for slot in data.calendar.slots:
        heaviest: dict[str, int] = {}
        for act in data.activities:
            load = data.lead_load(act, slot[1])
            for p in h08_staff_willingness.candidate_leaders(data, act, slot):
                heaviest[p.id] = max(heaviest.get(p.id, 0), load)
        for p in h09_external_staff.candidate_assistants(data, slot):
            heaviest[p.id] = max(heaviest.get(p.id, 0), data.assist_load(slot[1]))
        for pid, load in heaviest.items():
            per_slot[pid].append(load)
    return {
        pid: sum(sorted(loads, reverse=True)[: data.staff_by_id[pid].max_per_week])
        for pid, loads in per_slot.items()
    }
