"""S7 晚段公平: over S1's teachers who offered the calendar's last block on some
day, S7 = max late_t − min late_t, late_t = sessions in the last block that t
leads or assists (docs/objective.md)."""

from __future__ import annotations

from collections import Counter

from factories import activity, admin, health, make_data, room, student, teacher
from solver.helpers import sessions, solve_graded

from paipian.data import ProblemData, Staff, Weights

ABLE = ["homework", "reading"]


def _school(
    staff: list[Staff],
    *,
    days: tuple[str, ...] = ("mon",),
    weights: Weights | None = None,
) -> ProblemData:
    """Two grade-3 students through B2 on ``days``: one HW and one READ session
    a day, one per block (H03), so one session a day in the last block B2."""
    return make_data(
        students=[student(s, 3, **dict.fromkeys(days, "B2")) for s in ("s1", "s2")],
        activities=[activity("HW", "homework"), activity("READ", "reading")],
        staff=[*staff, health(), admin()],
        rooms=[room("R1"), room("R2")],
        days=days,
        weights=weights,
    )


def test_one_late_session_between_two_teachers_costs_one() -> None:
    # One B2 session: late = 1 for its leader, 0 for the other. S7 = 1 − 0 = 1.
    data = _school([teacher("T1", skills=ABLE), teacher("T3", skills=ABLE)])
    result = solve_graded(data)
    assert len(sessions(result, block="B2")) == 1
    assert result.raw_terms["S7"] == 1
    assert result.terms["S7"] == 2 * 1


def test_late_sessions_are_spread_over_the_week() -> None:
    # Two days, one B2 session each; S1 off, so only S7 asks T1 and T3 to take
    # one late session each: S7 = 1 − 1 = 0 (one teacher taking both: 2).
    data = _school(
        [teacher("T1", skills=ABLE), teacher("T3", skills=ABLE)],
        days=("mon", "tue"),
        weights=Weights(balance=0),
    )
    result = solve_graded(data)
    late = Counter(s.staff[0] for s in sessions(result, block="B2"))
    assert late == Counter({"T1": 1, "T3": 1})
    assert result.raw_terms["S7"] == 0


def test_teachers_who_never_offer_the_last_block_are_not_counted() -> None:
    # T1 offers B1 only: the population is T3 alone, late = 1: S7 = 0 (it would
    # be 1 − 0 = 1 if T1 counted).
    data = _school([teacher("T1", "mon:B1", skills=ABLE), teacher("T3", skills=ABLE)])
    result = solve_graded(data)
    assert {s.staff[0] for s in sessions(result, block="B2")} == {"T3"}
    assert result.raw_terms["S7"] == 0


def test_control_weight_zero_turns_s7_off() -> None:
    data = _school(
        [teacher("T1", skills=ABLE), teacher("T3", skills=ABLE)],
        weights=Weights(late_fairness=0),
    )
    assert "S7" not in solve_graded(data).terms
