"""S3 学生意愿: per student with valid ranked clubs, max(0, 4 − Σ points of the
clubs they are in), points(rank) = 4, 2, 1, 1, … (docs/objective.md)."""

from __future__ import annotations

import pytest
from factories import activity, admin, club, health, make_data, room, student, teacher
from solver.helpers import placements, solve_graded

from paipian.constraints import s3_student_preference
from paipian.data import Activity, ProblemData
from paipian.model.plans import Reservations
from paipian.solver.clubs import build_club_model, choose_meetings
from paipian.solver.runtime import run_phase


def _school(prefs: list[str], clubs: list[Activity], coach: str = "*") -> ProblemData:
    """s1 ranks ``prefs``; s2 ranks nothing. Both stay through B2 on Monday.
    Clubs are led by T2 (all skills), who offers ``coach``; their rooms are
    gyms (two of them)."""
    return make_data(
        students=[student("s1", 3, prefs=prefs, mon="B2"), student("s2", 3, mon="B2")],
        activities=[activity("HW", "homework"), activity("READ", "reading"), *clubs],
        staff=[
            teacher("T1", skills=["homework", "reading"]),
            teacher("T3", skills=["homework", "reading"]),
            teacher("T2", coach, skills=["sports", "arts"]),
            teacher("T4", coach, skills=["sports", "arts"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2"), room("GYM1", "gym"), room("GYM2", "gym")],
    )


def _club(cid: str, *, reachable: bool = True) -> Activity:
    """A one-member-minimum club; an unreachable one needs a hall, which the
    school lacks, so it can never meet."""
    kinds = ["gym"] if reachable else ["hall"]
    return club(cid, "sports", capacity=(1, 10), room_kinds=kinds)


def _clubs_of(result, sid: str) -> list[str]:
    return sorted(a for _, _, a in placements(result, sid) if a not in ("HW", "READ"))


@pytest.mark.parametrize(
    ("unreachable_first", "s3"),
    [(0, 0), (1, 2), (2, 3), (3, 3), (4, 3)],
)
def test_the_rank_of_the_club_given_sets_the_penalty(
    unreachable_first: int, s3: int
) -> None:
    # s1 ranks ``unreachable_first`` clubs that cannot meet, then A. A's rank
    # r = unreachable_first + 1 gives 4, 2, 1, 1, … points: S3 = 4 − points.
    dead = [_club(f"N{i}", reachable=False) for i in range(unreachable_first)]
    data = _school([*(c.id for c in dead), "A"], [*dead, _club("A")])
    result = solve_graded(data)
    assert _clubs_of(result, "s1") == ["A"]
    assert result.raw_terms["S3"] == s3


def test_no_club_that_can_meet_costs_the_full_four() -> None:
    data = _school(["N0"], [_club("N0", reachable=False)])
    assert solve_graded(data).raw_terms["S3"] == 4


def test_a_first_choice_wins_over_a_second_in_the_same_slot() -> None:
    # The coaches offer mon B1 only: A and B both meet then; s1 can join one.
    data = _school(["A", "B"], [_club("A"), _club("B")], coach="mon:B1")
    result = solve_graded(data)
    assert _clubs_of(result, "s1") == ["A"]
    assert result.raw_terms["S3"] == 0


def test_control_with_ranks_swapped_the_other_club_is_given() -> None:
    data = _school(["B", "A"], [_club("A"), _club("B")], coach="mon:B1")
    result = solve_graded(data)
    assert _clubs_of(result, "s1") == ["B"]
    assert result.raw_terms["S3"] == 0


def test_two_lower_choices_add_up() -> None:
    # N0 cannot meet; A (rank 2, 2 points) and B (rank 3, 1 point) meet in
    # different blocks: 4 − (2 + 1) = 1 (with only A it would be 2).
    data = _school(
        ["N0", "A", "B"], [_club("N0", reachable=False), _club("A"), _club("B")]
    )
    result = solve_graded(data)
    assert _clubs_of(result, "s1") == ["A", "B"]
    assert result.raw_terms["S3"] == 1


def test_prefs_naming_no_valid_club_cost_nothing() -> None:
    # HW is no club and G5 is for grade 5 only: s1 has no valid ranked club.
    g5 = club("G5", "sports", grades=[5], capacity=(1, 10), room_kinds=["gym"])
    data = _school(["HW", "G5"], [g5])
    # No S3 term is built; assert_graded checks the checker's S3 is 0 too.
    assert solve_graded(data).raw_terms.get("S3", 0) == 0


def _one_seat_school() -> ProblemData:
    """A has one seat and meets with B (the coaches offer mon B1 only). s1
    ranks A, B; s2 ranks N0 (never meets), then A."""
    one_seat = club("A", "sports", capacity=(1, 1), room_kinds=["gym"])
    clubs = [_club("N0", reachable=False), one_seat, _club("B")]
    data = _school(["A", "B"], clubs, coach="mon:B1")
    s2 = student("s2", 3, prefs=["N0", "A"], mon="B2")
    return make_data(
        students=[data.students[0], s2],
        activities=list(data.activities),
        staff=list(data.staff),
        rooms=list(data.rooms),
    )


def _phase_objective(data: ProblemData, s1_club: str) -> tuple[int, float]:
    """S3 and the clubs phase's objective with s1 held in ``s1_club``."""
    meetings = choose_meetings(data, Reservations.empty())
    assert meetings["A"] == meetings["B"]
    pm, v = build_club_model(data, meetings)
    pm.model.add(v.member[("s1", s1_club)] == 1)
    solver, outcome = run_phase(
        pm, time_limit=5.0, workers=1, seed=0, deterministic=True
    )
    assert outcome.status == "OPTIMAL"
    return pm.raw_terms(solver.value)["S3"], solver.objective_value


def test_at_equal_s3_the_clubs_phase_prefers_the_first_choice() -> None:
    # s1 in A and s2 in nothing, or s1 in B and s2 in A: S3 = 0 + 4 = 2 + 2.
    # The clubs phase counts each first choice at FIRST_CHOICE_BONUS points
    # besides (not in S3): its objective is lower with s1 in A.
    data = _one_seat_school()
    s3_first, objective_first = _phase_objective(data, "A")
    s3_second, objective_second = _phase_objective(data, "B")
    assert s3_first == s3_second == 4
    assert objective_second - objective_first == (
        s3_student_preference.FIRST_CHOICE_BONUS * 5  # S3's default weight
    )
    assert objective_first < objective_second


def test_the_first_choice_is_granted() -> None:
    result = solve_graded(_one_seat_school())
    assert _clubs_of(result, "s1") == ["A"]
    assert result.raw_terms["S3"] == 4
