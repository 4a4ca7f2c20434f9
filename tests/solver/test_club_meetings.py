"""Club meeting slots (``choose_meetings``): each club takes its best-scored
slots whose leader and room can be held — a leader's weekly maximum (H08)
counted — and otherwise its next best; a required club runs even when none can
be held. Every timetable is graded by the checker."""

from __future__ import annotations

from factories import (
    activity,
    admin,
    club,
    external,
    health,
    make_data,
    room,
    student,
    teacher,
)

from paipian.data import ProblemData
from paipian.model.plans import Reservations
from paipian.solver.clubs import choose_meetings
from solver.helpers import sessions, solve_graded


def _school(v1_per_week: int) -> ProblemData:
    # A's fans come on Monday only, B's on Tuesday through B2. Only two
    # volunteers may lead science: V1 in B1 of both days, V2 in B2 of both.
    # A takes Monday B1 and V1; B scores Tuesday B1 and B2 alike and takes
    # the first, B1 — unless V1's week is already full.
    fans_a = [student(f"a{i}", 3, prefs=["A"], mon="B2") for i in range(3)]
    fans_b = [student(f"b{i}", 3, prefs=["B"], tue="B2") for i in range(3)]
    return make_data(
        students=fans_a + fans_b,
        activities=[
            activity("HW", "homework"),
            club("A", "science", capacity=(1, 10), required=True),
            club("B", "science", capacity=(1, 10), required=True),
        ],
        staff=[
            external(
                "V1",
                "mon:B1;tue:B1",
                ["science"],
                kind="volunteer",
                max_per_week=v1_per_week,
            ),
            external(
                "V2", "mon:B2;tue:B2", ["science"], kind="volunteer", max_per_week=1
            ),
            teacher("T1"),
            teacher("T2"),
            teacher("T3"),
            health(),
            admin(),
        ],
        rooms=[room(f"R{i}") for i in range(4)],
        days=("mon", "tue"),
    )


def test_a_club_whose_leader_has_no_session_left_meets_where_another_can_lead() -> None:
    data = _school(v1_per_week=1)
    meetings = choose_meetings(data, Reservations.empty())
    assert meetings["A"] == (("mon", "B1"),)
    assert meetings["B"] == (("tue", "B2"),)  # V1's one session went to A
    result = solve_graded(data)
    assert {(s.day, s.block) for s in sessions(result, "B")} == {("tue", "B2")}
    assert sessions(result, "A")


def test_control_a_leader_with_sessions_left_keeps_the_best_slot() -> None:
    data = _school(v1_per_week=2)
    meetings = choose_meetings(data, Reservations.empty())
    assert meetings["B"] == (("tue", "B1"),)
    assert sessions(solve_graded(data), "B")
