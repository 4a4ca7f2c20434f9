"""A lower bound on the objective that holds for every timetable of the school.

Each term gets a relaxation: a problem whose every constraint is necessary
for a timetable, so its optimum — or any lower bound on its optimum — never
exceeds that term in any valid timetable (the planted one, a hand-made one,
the solver's own). Terms bound separately add up: the minimum of a sum is at
least the sum of the minima.

- **S3** (student preference): the linear relaxation of club membership with
  only the clubs' member limits and the students' presence (a club meeting
  ``k`` times needs a member present in ``k`` slots), solved exactly by GLOP.
- **S4** (sport time): in each slot, students can be in sports only up to the
  seats of the rooms that may hold a sports activity open to a present grade,
  counting only as many rooms as there are staff able to lead one. Everyone
  else is in a non-sports session.
- **S1, S2, S5, S7**: 0. Valid, and weak; the gap they leave is reported.

Deterministic, no search, well under a second at 3,000 students.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp

from paipian.data import ProblemData, Slot


@dataclass(frozen=True)
class ObjectiveBound:
    """``value`` ≤ the weighted objective of every timetable; ``terms`` per rule."""

    value: int
    terms: dict[str, int] = field(default_factory=dict)  # weighted, per S-rule
    seconds: float = 0.0


def objective_bound(data: ProblemData) -> ObjectiveBound:
    """The weighted lower bound over every timetable of ``data``."""
    started = time.monotonic()
    raw = {"S3": preference_bound(data), "S4": sport_bound(data)}
    terms = {
        rule: data.weights.of(rule) * amount
        for rule, amount in raw.items()
        if data.weights.of(rule) and amount > 0
    }
    return ObjectiveBound(sum(terms.values()), terms, time.monotonic() - started)


def sport_bound(data: ProblemData) -> int:
    """Raw S4 lower bound: present students who cannot all be in sports."""
    total = 0
    for slot in data.calendar.slots:
        present = data.students_present(*slot)
        if present:
            total += max(0, len(present) - _sport_seats(data, slot, present))
    return total


def _sport_seats(data: ProblemData, slot: Slot, present: tuple) -> int:
    grades = {st.grade for st in present}
    sports = [
        a for a in data.activities if a.category == "sports" and grades & set(a.grades)
    ]
    if not sports:
        return 0
    forbidden = data.rules.forbidden_room_kinds
    seats = sorted(
        (
            max(min(r.capacity, a.capacity.max) for a in sports if a.fits_room(r))
            for r in data.rooms
            if r.kind not in forbidden
            and r.is_open(*slot)
            and any(a.fits_room(r) for a in sports)
        ),
        reverse=True,
    )
    leaders = sum(
        1
        for p in data.schedulable_staff()
        if p.is_available(*slot)
        and p.max_per_week > 0
        and any(a.may_lead(p) for a in sports)
    )
    by_grade = sum(1 for st in present if any(st.grade in a.grades for a in sports))
    return min(by_grade, sum(seats[:leaders]))


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
            points.append(max(1, 5 - rank) * x)
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
