"""The objective bound holds for every timetable: never above a valid timetable's
objective as the independent checker scores it (docs/objective.md, *The bound*)."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import activity, admin, club, health, make_data, room, student, teacher

from paipian.checker import CheckReport, check
from paipian.data import ProblemData, Room, Rules
from paipian.diagnosis.bound import objective_bound, preference_bound, workload_bound
from paipian.diagnosis.bound_seats import seats_and_sport_bound
from paipian.io import load_instance
from paipian.io.solution_json import read_solution
from paipian.solver import Result, SolveParams, solve

INSTANCES = Path(__file__).resolve().parents[2] / "instances"
NO_DAILY_OFFER = Rules(disabled=frozenset({"H03"}))


def _solved(data: ProblemData) -> tuple[Result, CheckReport]:
    """The solver's timetable for ``data`` and the independent checker's
    grading of it, which must find it valid."""
    result = solve(data, SolveParams(time_limit=10, workers=1))
    graded = check(data, result.solution)
    assert graded.ok, [(v.rule, v.message) for v in graded.violations]
    return result, graded


def _seats_and_sport_at_least(
    data: ProblemData, bound: int
) -> tuple[Result, CheckReport]:
    """The S2 + S4 bound of ``data`` is ``bound``, and the solver's graded
    timetable pays at least that much of S2 + S4."""
    assert seats_and_sport_bound(data) == bound
    result, graded = _solved(data)
    assert graded.objective.weighted["S2"] + graded.objective.weighted["S4"] >= bound
    return result, graded


@pytest.mark.parametrize("school", ["tiny", "primary_600", "nine_year", "tight"])
def test_bound_never_exceeds_a_planted_timetable(school: str) -> None:
    data, _ = load_instance(INSTANCES / school / "instance.yaml")
    planted = check(data, read_solution(INSTANCES / school / "solution.json"))
    assert planted.ok
    bound = objective_bound(data)
    assert 0 <= bound.value <= planted.objective.value
    for rules, weighted in bound.terms.items():  # "S2+S3+S4"
        parts = rules.split("+")
        assert weighted <= sum(planted.objective.weighted[r] for r in parts), rules


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
    # Two students present in B1 and B2 of Monday, no sports activity: S4 is
    # 4 in every timetable; a room of two seats leaves none empty.
    data = make_data(
        students=[student("s1", 3, mon="B2"), student("s2", 3, mon="B2")],
        activities=[activity("HW", "homework"), activity("READ", "reading")],
        staff=[teacher("T1"), health(), admin()],
        rooms=[room("R1", capacity=2)],
    )
    assert seats_and_sport_bound(data) == 4


def _sport_in_a_field_or_homework_indoors():
    """Two students, Monday B1–B2: homework in a classroom of 2 seats, or a
    sport for groups of at most 10 whose only room is a field of 40."""
    return make_data(
        students=[student("s1", 3, mon="B2"), student("s2", 3, mon="B2")],
        activities=[
            activity("HW", "homework"),
            activity("RUN", "sports", capacity=10, room_kinds=["field"]),
        ],
        staff=[teacher("T1", skills=("homework", "sports")), health(), admin()],
        rooms=[room("R1", capacity=2), room("F1", "field", capacity=40)],
    )


def test_empty_seats_and_sport_are_bounded_together() -> None:
    # The field is a facility: Monday uses it or counts 60 unused seats (S2).
    # A sports group there leaves at least 30 of its seats empty (3 each);
    # homework costs a student not in sport (1) each. The best timetable
    # runs both students in one slot and does homework in the other:
    # 38 × 3 + 2 = 116; the relaxation shares the field's hour between the
    # slots (both run in each, one also does homework): 115.
    data = _sport_in_a_field_or_homework_indoors()
    result, graded = _seats_and_sport_at_least(data, 115)
    assert result.solution.objective.bound is not None
    assert result.solution.objective.bound <= graded.objective.value


def _two_reading_in(reading_room: Room, *, tags: tuple[str, ...] = ()):
    """Two students, Monday B1–B2: homework in a classroom of two seats, or
    reading (asking ``tags``) whose only room is ``reading_room``."""
    kinds = [reading_room.kind]
    return make_data(
        students=[student("s1", 3, mon="B2"), student("s2", 3, mon="B2")],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading", room_kinds=kinds, room_tags=tags),
        ],
        staff=[teacher("T1", skills=("homework", "reading")), health(), admin()],
        rooms=[room("R1", capacity=2), reading_room],
    )


def test_a_facility_day_costs_its_seats_or_sixty() -> None:
    # S2: the library is a facility, so Monday either has a session there —
    # at least 38 of its 40 seats empty — or counts 60 seats as unused. No
    # sports at all: 4 student-sessions not in sport (S4).
    _seats_and_sport_at_least(_two_reading_in(room("L1", "library", 40)), 38 * 3 + 4)


def test_control_a_library_the_group_fills_costs_nothing() -> None:
    assert seats_and_sport_bound(_two_reading_in(room("L1", "library", 2))) == 4


def test_a_special_room_for_an_untagged_activity_costs_sixty() -> None:
    # S2: a session of an activity asking no tag in a special room counts
    # 60; the special room's facility-day counts 60 unless used: 60 either
    # way (3 each), and 4 student-sessions not in sport.
    _seats_and_sport_at_least(_two_reading_in(room("S1", "special", 2)), 60 * 3 + 4)


def test_control_a_special_room_for_its_tag_costs_nothing() -> None:
    lab = room("S1", "special", capacity=2, tags=("lab",))
    assert seats_and_sport_bound(_two_reading_in(lab, tags=("lab",))) == 4


def _one_sports_leader(max_per_week: int, rules: Rules = NO_DAILY_OFFER, grade=3):
    """Two students, Monday B1–B2; the only sports leader works
    ``max_per_week`` sessions; homework is led by another teacher. H03 off
    unless ``rules`` say otherwise (its daily homework is tested below)."""
    return make_data(
        students=[student("s1", grade, mon="B2"), student("s2", grade, mon="B2")],
        activities=[activity("HW", "homework"), activity("RUN", "sports")],
        staff=[
            teacher("T1", skills=("sports",), max_per_week=max_per_week),
            teacher("T2"),
            health(),
            admin(),
        ],
        rooms=[room("R1", capacity=2), room("R2", capacity=2)],
        rules=rules,
    )


def test_a_leaders_weekly_maximum_keeps_students_from_sport() -> None:
    # One sports session in the week: the other slot's two are not in sports.
    assert seats_and_sport_bound(_one_sports_leader(1)) == 2


def test_control_a_leader_free_for_both_slots_bounds_nothing() -> None:
    assert seats_and_sport_bound(_one_sports_leader(2)) == 0


def test_the_daily_homework_keeps_students_from_sport() -> None:
    # H03: grade 3 is offered homework on Monday in every timetable — a
    # group of at least one in a room of two: two students not in sports
    # (2), or one with an empty seat (1 + 3). Sport is otherwise free.
    data = _one_sports_leader(2, rules=Rules())
    assert seats_and_sport_bound(data) == 2
    _, graded = _solved(data)
    assert graded.objective.weighted["S2"] + graded.objective.weighted["S4"] >= 2


def test_control_a_grade_without_homework_is_offered_none() -> None:
    # grades_without_homework (1, 2): no daily homework, nothing bounded
    assert seats_and_sport_bound(_one_sports_leader(2, rules=Rules(), grade=2)) == 0


def _two_wishing_for(category: str):
    """Two students, Monday B1–B2, both ranking club C (``category``, one
    meeting) first; a sport for everyone otherwise; rooms of two seats."""
    return make_data(
        students=[
            student("s1", 3, mon="B2", prefs=("C",)),
            student("s2", 3, mon="B2", prefs=("C",)),
        ],
        activities=[
            activity("RUN", "sports"),
            club("C", category, capacity=(1, 2)),
        ],
        staff=[
            teacher("T1", skills=("sports", "arts")),
            teacher("T2", skills=("sports", "arts")),
            health(),
            admin(),
        ],
        rooms=[room("R1", capacity=2), room("R2", capacity=2)],
        rules=NO_DAILY_OFFER,
    )


def test_a_wish_for_a_club_that_is_not_a_sport_costs_sport_time() -> None:
    # Apart, S3 (both can join) and S2 + S4 (everyone runs) are 0. Together:
    # the wishes cost 2 students a slot of sport (2), or 2 × 4 points × 5.
    data = _two_wishing_for("arts")
    assert preference_bound(data) == 0
    assert seats_and_sport_bound(data) == 0
    bound = objective_bound(data)
    assert bound.terms == {"S2+S3+S4": 2}
    _, graded = _solved(data)
    assert graded.objective.value >= bound.value


def test_control_a_wish_for_a_sports_club_costs_nothing() -> None:
    assert objective_bound(_two_wishing_for("sports")).value == 0


def _one_from_each_class(classes: tuple[str, str]):
    """Two grade-3 students (of ``classes``), Monday B1–B2; the one activity
    is a sport whose groups hold one class (admin_class), in rooms of two."""
    return make_data(
        students=[
            student("s1", 3, classes[0], mon="B2"),
            student("s2", 3, classes[1], mon="B2"),
        ],
        activities=[activity("PLAY", "sports", form="admin_class")],
        staff=[
            teacher("T1", skills=("sports",)),
            teacher("T2", skills=("sports",)),
            health(),
            admin(),
        ],
        rooms=[room("R1", capacity=2), room("R2", capacity=2)],
        rules=NO_DAILY_OFFER,
    )


def test_a_group_of_one_class_leaves_the_seats_its_class_cannot_fill() -> None:
    # Two classes of one present student each: a group holds one class
    # (H12), so each slot has two groups of one in rooms of two — two empty
    # seats a slot (3 each), four over Monday's two slots. A room shared out
    # in fractions would have left none.
    data = _one_from_each_class(("3-1", "3-2"))
    assert seats_and_sport_bound(data) == 12
    _, graded = _solved(data)
    assert graded.objective.weighted["S2"] >= 12


def test_control_two_students_of_one_class_share_a_room() -> None:
    assert seats_and_sport_bound(_one_from_each_class(("3-1", "3-1"))) == 0


def _a_teacher_asked_for(target_per_week: float):
    """Monday B1–B2 (an hour each); T1 was asked for ``target_per_week``
    课时 but the calendar has two slots; T2 is measured against the mean."""
    return make_data(
        students=[student("s1", 3, mon="B2"), student("s2", 3, mon="B2")],
        activities=[activity("HW", "homework"), activity("RUN", "sports")],
        staff=[
            teacher("T1", target_per_week=target_per_week),
            teacher("T2", skills=("sports",)),
            health(),
            admin(),
        ],
        rooms=[room("R1", capacity=2), room("R2", capacity=2)],
        rules=NO_DAILY_OFFER,
    )


def test_a_target_beyond_what_a_teacher_can_work_bounds_s1() -> None:
    # T1 can work two hours at most, 60 minutes short of 3 课时 in every
    # timetable: S1 ≥ 60 (largest) + ⌊60 / 2⌋ (mean) = 90 minutes.
    data = _a_teacher_asked_for(3)
    assert workload_bound(data) == 90
    assert objective_bound(data).terms["S1"] == 90 * data.weights.of("S1")
    _, graded = _solved(data)
    assert graded.objective.raw["S1"] >= 90


def test_control_a_target_within_reach_bounds_nothing() -> None:
    assert workload_bound(_a_teacher_asked_for(2)) == 0
