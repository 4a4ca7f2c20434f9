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
- **S1, S5, S7** and S2's untagged rooms and unused facility-days: 0. Valid,
  and weak; the gap they leave is reported.

Deterministic, no search, about a second at 3,000 students.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp

from paipian.data import ProblemData
from paipian.diagnosis.bound_seats import membership, seats_and_sport_bound


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
    terms = {"S2+S3+S4": seats_and_sport_bound(data, wishes=True)}
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
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return 0
    # the integer optimum is an integer ≥ the LP optimum; a tolerance for GLOP
    return max(0, math.ceil(lp.Objective().Value() - 1e-6))
