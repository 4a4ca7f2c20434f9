"""Plain numbers about a timetable that a school reads beside the rules:
coverage, teachers' 课时, seat use, students' club wishes, clubs and sessions.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from paipian.checker.objectives import clubs_of_students, s1_population, staff_loads
from paipian.checker.violation import head_count
from paipian.data import ProblemData
from paipian.solution import Solution


@dataclass(frozen=True)
class Metrics:
    """Summary figures; percentages are 0–100, 课时 = weighted minutes ÷ 60.

    ``coverage_pct``: present student-slots placed in ≥1 session ÷ present
    student-slots. ``load_*``: weekly 课时 over S1's teachers.
    ``seat_use_pct``: students seated ÷ seats of the rooms used.
    ``first_choice_pct``/``any_choice_pct``: among students with ≥1 valid
    ranked club, those in their first / in any ranked club.
    """

    coverage_pct: float
    present_student_slots: int
    placed_student_slots: int
    load_min: float
    load_max: float
    load_mean: float
    load_sd: float
    teachers: int
    seats_used: int
    seats_opened: int
    seat_use_pct: float
    students_with_prefs: int
    first_choice_pct: float
    any_choice_pct: float
    clubs_opened: int
    clubs_closed: int
    sessions: int


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 100.0


def compute_metrics(data: ProblemData, solution: Solution) -> Metrics:
    """The summary figures of ``solution`` for ``data``."""
    placed_set = {
        (s.day, s.block, sid) for s in solution.sessions for sid in s.students
    }
    present = placed = 0
    for day, block in data.calendar.slots:
        for st in data.students_present(day, block):
            present += 1
            placed += (day, block, st.id) in placed_set

    loads = staff_loads(data, solution)
    hours = [loads.get(p.id, 0) / 60 for p in s1_population(data)] or [0.0]

    used = opened = 0
    for s in solution.sessions:
        r = data.room_by_id.get(s.room)
        if r is not None:
            used += head_count(s)
            opened += r.capacity

    member = clubs_of_students(solution)
    with_prefs = first = anyc = 0
    for st in data.students:
        ranked = data.allowed_club_prefs(st)
        if not ranked:
            continue
        with_prefs += 1
        joined = member.get(st.id, set())
        first += ranked[0].id in joined
        anyc += any(a.id in joined for a in ranked)

    running = {s.activity for s in solution.sessions}
    clubs = data.clubs
    opened_clubs = sum(a.id in running for a in clubs)
    return Metrics(
        coverage_pct=_pct(placed, present),
        present_student_slots=present,
        placed_student_slots=placed,
        load_min=round(min(hours), 2),
        load_max=round(max(hours), 2),
        load_mean=round(statistics.fmean(hours), 2),
        load_sd=round(statistics.pstdev(hours), 2),
        teachers=len(s1_population(data)),
        seats_used=used,
        seats_opened=opened,
        seat_use_pct=_pct(used, opened),
        students_with_prefs=with_prefs,
        first_choice_pct=_pct(first, with_prefs),
        any_choice_pct=_pct(anyc, with_prefs),
        clubs_opened=opened_clubs,
        clubs_closed=len(clubs) - opened_clubs,
        sessions=len(solution.sessions),
    )
