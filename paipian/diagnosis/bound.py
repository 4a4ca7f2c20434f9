"""A lower bound on the objective that holds for every timetable of the school.

Each term gets a relaxation: a problem whose every constraint is necessary
for a timetable, so its optimum — or any lower bound on its optimum — never
exceeds that term in any valid timetable (the planted one, a hand-made one,
the solver's own). Terms bound separately add up: the minimum of a sum is at
least the sum of the minima.

- **S3** (student preference): the linear relaxation of club membership with
  only the clubs' member limits and the students' presence (a club meeting
  ``k`` times needs a member present in ``k`` slots), solved exactly by GLOP.
- **S2 and S4 together** (empty seats, students not in sports): the week's
  seats, rooms and leaders as a linear programme (``bound_seats.py``) —
  bounded together because they trade against each other (a sports group
  in a large field leaves its seats empty).
- **S1, S5, S7** and S2's untagged rooms and unused facility-days: 0. Valid,
  and weak; the gap they leave is reported.

Deterministic, no search, about a second at 3,000 students.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp

from paipian.constraints import s3_student_preference
from paipian.data import ProblemData
from paipian.diagnosis.bound_seats import seats_and_sport_bound


@dataclass(frozen=True)
class ObjectiveBound:
    """``value`` ≤ the weighted objective of every timetable; ``terms`` per rule."""

    value: int
    terms: dict[str, int] = field(default_factory=dict)  # weighted, per rule(s)
    seconds: float = 0.0


def objective_bound(data: ProblemData) -> ObjectiveBound:
    """The weighted lower bound over every timetable of ``data``: ``terms``
    keys the rules bounded together as ``"S2+S4"``."""
    started = time.monotonic()
    terms = {
        "S3": data.weights.of("S3") * preference_bound(data),
        "S2+S4": seats_and_sport_bound(data),
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
    members: dict[str, list] = {}
    shortfalls = []
    for st in data.students:
        ranked = data.allowed_club_prefs(st)
        if not ranked:
            continue
        slots = len(data.present_slots(st))
        points = []
        for rank, club in enumerate(ranked, start=1):
            if slots < club.sessions_per_week:
                continue  # cannot be at every meeting (H02, H12)
            x = lp.NumVar(0.0, 1.0, "")
            members.setdefault(club.id, []).append(x)
            points.append(s3_student_preference.points(rank) * x)
        short = lp.NumVar(0.0, 4.0, "")
        lp.Add(short >= 4 - lp.Sum(points))
        shortfalls.append(short)
    if not shortfalls:
        return 0
    for cid, xs in members.items():
        lp.Add(lp.Sum(xs) <= data.activity_by_id[cid].capacity.max)
    lp.Minimize(lp.Sum(shortfalls))
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return 0
    # the integer optimum is an integer ≥ the LP optimum; a tolerance for GLOP
    return max(0, math.ceil(lp.Objective().Value() - 1e-6))
