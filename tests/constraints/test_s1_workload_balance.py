"""S1 工作量均衡: S1 = max_t dev_t + ⌊Σ_t dev_t / |T|⌋ over school teachers who
offered a slot, dev_t = |load_t − target_t| in weighted minutes, target_t =
target_per_week × 60 or the mean load rounded down (docs/objective.md)."""

from __future__ import annotations

from collections import Counter

from factories import activity, admin, health, make_data, room, student, teacher
from solver.helpers import solve_graded

from paipian.data import ProblemData, Staff, Weights


def _school(staff: list[Staff], *, weights: Weights | None = None) -> ProblemData:
    """Two grade-3 students on Monday, two 60-minute blocks: H03 needs one HW and
    one READ session, one per block, so there are exactly two sessions of 60
    weighted minutes each (session weight 1.0)."""
    return make_data(
        students=[student(s, 3, mon="B2") for s in ("s1", "s2")],
        activities=[activity("HW", "homework"), activity("READ", "reading")],
        staff=[*staff, health(), admin()],
        rooms=[room("R1"), room("R2")],
        weights=weights,
    )


def _leads(result) -> Counter[str]:
    return Counter(p for s in result.solution.sessions for p in s.staff)


def test_an_idle_teacher_costs_exactly_the_spread() -> None:
    # T1 must lead HW, T3 READ; T4 may lead neither. Loads 60, 60, 0; mean
    # ⌊120 / 3⌋ = 40; devs 20, 20, 40 → S1 = 40 + ⌊80 / 3⌋ = 66.
    data = _school(
        [
            teacher("T1", skills=["homework"]),
            teacher("T3", skills=["reading"]),
            teacher("T4", skills=["arts"]),
        ]
    )
    result = solve_graded(data)
    assert len(result.solution.sessions) == 2
    assert result.raw_terms["S1"] == 66
    assert result.terms["S1"] == 10 * 66


def test_targets_replace_the_mean() -> None:
    # T1 aims at 2 课时 (120 min) and gets 60: dev 60; T3 has no target, so the
    # mean ⌊120 / 2⌋ = 60: dev 0. S1 = 60 + ⌊60 / 2⌋ = 90.
    data = _school(
        [
            teacher("T1", skills=["homework"], target_per_week=2),
            teacher("T3", skills=["reading"]),
        ]
    )
    assert solve_graded(data).raw_terms["S1"] == 90


def test_balance_splits_the_sessions_between_two_able_teachers() -> None:
    # Either teacher may lead both sessions (different blocks). Balanced:
    # loads 60, 60 → S1 = 0; one teacher doing both would cost 60 + 60.
    able = ["homework", "reading"]
    data = _school([teacher("T1", skills=able), teacher("T3", skills=able)])
    result = solve_graded(data)
    assert _leads(result) == Counter({"T1": 1, "T3": 1})
    assert result.raw_terms["S1"] == 0


def test_duty_staff_and_teachers_offering_nothing_are_outside_the_population() -> None:
    # T5 offers no slot, H1/A1 are duty staff: only T1 and T3 count. S1 = 0.
    data = _school(
        [
            teacher("T1", skills=["homework"]),
            teacher("T3", skills=["reading"]),
            teacher("T5", "", skills=["homework"]),
        ]
    )
    assert solve_graded(data).raw_terms["S1"] == 0


def test_control_weight_zero_turns_s1_off() -> None:
    data = _school(
        [
            teacher("T1", skills=["homework"]),
            teacher("T3", skills=["reading"]),
            teacher("T4", skills=["arts"]),
        ],
        weights=Weights(balance=0),
    )
    result = solve_graded(data)
    assert "S1" not in result.terms


# ---- the staff phase's staircase (a tie-break outside S1) --------------------
def _staircase_school() -> ProblemData:
    """Ten 30-minute slots; T0 may lead nothing (load 0, in the population),
    T1 and T2 lead homework, T2 preferring reading (S5: each HW it leads
    costs 1)."""
    days = ("mon", "tue", "wed", "thu", "fri")
    return make_data(
        students=[student("s1", 3, **dict.fromkeys(days, "B2"))],
        activities=[activity("HW", "homework")],
        staff=[
            teacher("T0", skills=[]),
            teacher("T1"),
            teacher("T2", prefers=["READ"]),
            health(),
            admin(),
        ],
        rooms=[room("R1")],
        days=days,
        blocks=(("B1", "15:30", "16:00"), ("B2", "16:00", "16:30")),
    )


def test_staff_phase_splits_sessions_evenly_where_s1_cannot_tell() -> None:
    # Eight HW sessions of 30 minutes, target floor(240 / 3) = 80: T1/T2 at
    # 120/120 or 150/90 give the same S1 (T0 is 80 off either way; Σ dev
    # 160), and S5 prefers T1. The staircase (30, 60, 90 minutes) pays
    # 70 + 2 × 10 for the even split and 70 + 50 for the other: even wins.
    from paipian.model.plans import PlannedSession
    from paipian.solver.runtime import run_phase
    from paipian.solver.staffing import build_staff_model

    data = _staircase_school()
    slots = [(d, b) for d in ("mon", "tue", "wed", "thu") for b in ("B1", "B2")]
    planned = [
        PlannedSession(i, d, b, "HW", ("s1",), ("3-1",))
        for i, (d, b) in enumerate(slots)
    ]
    pm, v = build_staff_model(data, planned)
    solver, outcome = run_phase(
        pm, time_limit=10, workers=1, seed=0, deterministic=True
    )
    assert outcome.status == "OPTIMAL", outcome.status
    leads = Counter(p for (_, p), var in v.lead.items() if solver.value(var))
    assert leads == {"T1": 4, "T2": 4}
    # S1 as reported is what the uneven split would have had as well
    raw = pm.raw_terms(solver.value)
    assert raw["S1"] == 80 + 160 // 3
