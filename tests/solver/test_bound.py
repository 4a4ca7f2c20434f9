"""The objective bound holds for every timetable: never above a valid timetable's
objective as the independent checker scores it (docs/objective.md, *The bound*)."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import activity, admin, club, health, make_data, room, student, teacher

from paipian.checker import check
from paipian.diagnosis.bound import objective_bound, preference_bound, sport_bound
from paipian.io import load_instance
from paipian.io.solution_json import read_solution

INSTANCES = Path(__file__).resolve().parents[2] / "instances"


@pytest.mark.parametrize("school", ["tiny", "primary_600", "nine_year", "tight"])
def test_bound_never_exceeds_a_planted_timetable(school: str) -> None:
    data, _ = load_instance(INSTANCES / school / "instance.yaml")
    planted = check(data, read_solution(INSTANCES / school / "solution.json"))
    assert planted.ok
    bound = objective_bound(data)
    assert 0 <= bound.value <= planted.objective.value
    for rule, weighted in bound.terms.items():
        assert weighted <= planted.objective.weighted[rule], rule


def _two_wanting_one_seat():
    """Two grade-3 students both rank club C (one seat) first, nothing else."""
    return make_data(
        students=[
            student("s1", 3, mon="B2", prefs=("C",)),
            student("s2", 3, mon="B2", prefs=("C",)),
        ],
        activities=[
            activity("HW", "homework"),
            club("C", "sports", capacity=(1, 1)),
        ],
        staff=[teacher("T1"), health(), admin()],
        rooms=[room("R1")],
    )


def test_a_full_club_leaves_one_student_without_their_wish() -> None:
    # One seat, two first choices: one of them misses out entirely, 4 points
    # (docs/objective.md S3), and no timetable can do better.
    assert preference_bound(_two_wanting_one_seat()) == 4


def test_control_a_club_with_room_for_all_costs_nothing() -> None:
    data = make_data(
        students=[student("s1", 3, mon="B2", prefs=("C",))],
        activities=[activity("HW", "homework"), club("C", "sports", capacity=(1, 5))],
        staff=[teacher("T1"), health(), admin()],
        rooms=[room("R1")],
    )
    assert preference_bound(data) == 0


def test_without_any_sports_activity_every_student_slot_counts_for_s4() -> None:
    # Two students present in B1 and B2 of Monday, no sports activity: 4.
    data = make_data(
        students=[student("s1", 3, mon="B2"), student("s2", 3, mon="B2")],
        activities=[activity("HW", "homework"), activity("READ", "reading")],
        staff=[teacher("T1"), health(), admin()],
        rooms=[room("R1")],
    )
    assert sport_bound(data) == 4
