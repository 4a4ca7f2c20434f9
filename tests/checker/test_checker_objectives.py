"""S1–S7 recomputed by the checker, each against a hand computation
(docs/objective.md), plus the metrics."""

from __future__ import annotations

from dataclasses import replace

from factories import (
    activity,
    make_data,
    make_solution,
    replace_session,
    room,
    teacher,
)

from paipian.checker import check
from paipian.checker.objectives import (
    s1_workload_balance,
    s2_room_utilisation,
    s3_student_preference,
    s4_sport_time,
    s5_staff_preference,
    s6_stability,
    s7_late_fairness,
)
from paipian.data import Weights


def test_s1_balance_with_an_assistant(tiny_external, tiny_external_solution):
    # Loads (weighted minutes): T1 HW 60, T3 READ 60, T2 assists BALL
    # round(0.5 × 60) = 30; X1 is external, outside T. Target = floor(150/3)
    # = 50, devs 10, 30−50=20, 10 → S1 = 20 + ⌊(10 + 20 + 10) / 3⌋ = 33.
    assert s1_workload_balance(tiny_external, tiny_external_solution) == 33


def test_s1_explicit_target(tiny, tiny_solution):
    # Every teacher has 60. T1's target 2 课时 = 120 → dev 60; the others
    # target floor(180/3) = 60 → dev 0. S1 = 60 + ⌊60 / 3⌋ = 80.
    staff = [
        teacher("T1", skills=["homework"], target_per_week=2) if p.id == "T1" else p
        for p in tiny.staff
    ]
    assert s1_workload_balance(make_data(staff=staff), tiny_solution) == 80
    assert s1_workload_balance(tiny, tiny_solution) == 0


def test_s2_room_utilisation(tiny, tiny_solution):
    # Empty seats: GYM 60−2 + R2 40−2 + R1 40−3 = 58 + 38 + 37 = 133.
    # Facility-days: (mon, gym) used by BALL; (mon, field) listed by BALL,
    # open, unused → 60. S2 = 193.
    assert s2_room_utilisation(tiny, tiny_solution) == 193


def test_s2_untagged_use_of_a_special_room(tiny, tiny_solution):
    # READ (no room_tags) moves from R2 to the special room ART (40 seats,
    # 2 students): 38 empty + 60 for an untagged use. (mon, special) is a
    # facility-day READ uses. S2 = 58 (GYM) + 38 + 60 + 37 (R1) + 60 (field
    # unused) = 253.
    read = activity(
        "READ", "reading", form="grade_mixed", room_kinds=["classroom", "special"]
    )
    data = make_data(
        rooms=[*tiny.rooms, room("ART", "special", 40, tags=["art"])],
        activities=[tiny.activities[0], read, tiny.activities[2]],
    )
    sol = replace_session(tiny_solution, "mon-B1-READ-R2", room="ART")
    assert s2_room_utilisation(data, sol) == 253


def test_s3_student_preference(complete, complete_solution):
    # c1: BALL is rank 1 → 4 points → 0; c2: BALL rank 1 → 0;
    # c3: CHESS, BALL → in BALL (rank 2, 3 points) → 1; c6: CHESS closed → 4.
    # S3 = 0 + 0 + 1 + 4 = 5.
    assert s3_student_preference(complete, complete_solution) == 5


def test_s4_sport_time(tiny, tiny_solution):
    # Non-sports sessions: READ 2 + HW 3 = 5 (BALL is sports).
    assert s4_sport_time(tiny, tiny_solution) == 5


def test_s5_staff_preference(complete, complete_solution):
    # T2 prefers mon: works BALL (assist) and PLAY on mon (free) and PLAY on
    # tue (1). Nobody else has prefers → S5 = 1.
    assert s5_staff_preference(complete, complete_solution) == 1


def test_s6_is_zero_without_a_previous_solution(tiny, tiny_solution):
    assert s6_stability(tiny, tiny_solution) == 0


def test_s7_late_fairness(tiny, tiny_solution, complete, complete_solution):
    # tiny: B2 sessions: T1 1, T2 0, T3 0 → 1 − 0 = 1.
    assert s7_late_fairness(tiny, tiny_solution) == 1
    # complete: B2 on mon/tue: T1 1 (HW mon), T2 1 (PLAY mon), T3 2 (CARE mon,
    # READ tue), T4 1 (HW tue) → 2 − 1 = 1.
    assert s7_late_fairness(complete, complete_solution) == 1


def test_weighted_terms_and_value(tiny, tiny_solution):
    # Default weights: S1 10×0, S2 3×193, S3 5×0, S4 1×5, S5 1×0, S6 20×0,
    # S7 2×1 → 0 + 579 + 0 + 5 + 0 + 0 + 2 = 586.
    obj = check(tiny, tiny_solution).objective
    assert dict(obj.raw) == {
        "S1": 0,
        "S2": 193,
        "S3": 0,
        "S4": 5,
        "S5": 0,
        "S6": 0,
        "S7": 1,
    }
    assert obj.weighted["S2"] == 579
    assert obj.value == 586


def test_zero_weight_terms_are_omitted(tiny, tiny_solution):
    data = replace(tiny, weights=Weights(rooms=0, stability=0))
    obj = check(data, tiny_solution).objective
    assert "S2" not in obj.raw and "S6" not in obj.weighted
    assert obj.value == 5 + 2


def test_claimed_terms_are_compared(tiny, tiny_solution):
    # The solution says S4 costs 4; the checker finds 5 (and S2 unreported).
    sol = replace(tiny_solution, objective=make_solution([], terms={"S4": 4}).objective)
    mismatches = check(tiny, sol).objective.mismatches
    assert mismatches["S4"] == (4, 5)
    assert mismatches["S2"] == (None, 579)
    assert "S1" not in mismatches  # 0 claimed by omission, 0 found


def test_metrics(complete, complete_solution):
    # Drop Monday's BALL: c1–c3 miss mon B1 → 29 of 32 student-slots placed.
    sol = replace(complete_solution, sessions=complete_solution.sessions[1:])
    m = check(complete, sol).metrics
    assert (m.present_student_slots, m.placed_student_slots) == (32, 29)
    assert m.coverage_pct == 90.6
    assert m.sessions == 11 and m.clubs_opened == 1 and m.clubs_closed == 1
    # 4 students with valid club wishes; c1, c2 have BALL first; c3 has it 2nd
    assert m.students_with_prefs == 4
    assert (m.first_choice_pct, m.any_choice_pct) == (50.0, 75.0)
    full = check(complete, complete_solution).metrics
    assert full.coverage_pct == 100.0
    # loads 课时: T1 3 (HW, HW, REM), T2 2.5 (assist 0.5 + PLAY 2),
    # T3 4 (READ ×3, CARE), T4 1.5 (assist 0.5 + HW) → mean 2.75
    assert (full.load_min, full.load_max, full.load_mean) == (1.5, 4.0, 2.75)
    assert full.seats_used == 32
