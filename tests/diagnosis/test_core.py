"""The aggregated model: never calls a feasible school infeasible, and finds
a minimal core (with a verified repair) when the fast checks all pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import activity, admin, health, make_data, room, student, teacher
from schools import complete_data, tiny_data, tiny_external_data

from paipian.data import ProblemData, Rules
from paipian.diagnosis import apply_suggestion, diagnose, necessary_findings
from paipian.diagnosis.aggregate import AggregateModel
from paipian.diagnosis.core import find_core
from paipian.generator import generate

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("build", [tiny_data, tiny_external_data, complete_data])
def test_fixture_schools_with_a_timetable_yield_no_report(build) -> None:
    data = build()
    assert necessary_findings(data) == []
    assert diagnose(data, time_limit=5, workers=1) is None


@pytest.mark.parametrize("tightness", [0.0, 1.0])
def test_generated_school_with_planted_timetable_passes(tightness: float) -> None:
    """The generator plants a valid timetable: the relaxation must accept it,
    even when the school has barely the resources that timetable uses."""
    data, _ = generate("tiny", 3, tightness)
    assert necessary_findings(data) == []
    result = find_core(AggregateModel(data), time_limit=10, workers=1)
    assert result.feasible


def test_spec_example_school_yields_no_report() -> None:
    from paipian.io import load_instance

    data, _ = load_instance(ROOT / "instances" / "tiny" / "instance.yaml")
    assert necessary_findings(data) == []
    result = find_core(AggregateModel(data), time_limit=20, workers=1)
    assert result.feasible or not result.decided  # never a false core


def one_teacher_for_two_offers() -> ProblemData:
    """Grade 3 stays only for B1 on Monday; H03 wants homework *and* a quality
    activity that day, and T1 is the only one who may lead either in B1 (T3
    reads too, but only offers B2). Every single check passes; together H03
    and H08 (one session per person per slot) cannot hold. (H05 is set to 0:
    with one slot booked, quality for all would leave no one for homework.)"""
    students = [student(f"c{i}", 3, "3-1", mon="B1") for i in range(20)]
    staff = [
        teacher("T1", "mon:B1", skills=["homework", "reading"]),
        teacher("T2", "mon:B1", skills=["care"]),
        teacher("T3", "mon:B2", skills=["reading"]),
        health("H1"),
        admin("A1"),
    ]
    acts = [
        activity("HW", "homework", grades=[3]),
        activity("READ", "reading", grades=[3]),
        activity("CARE", "care", grades=[3]),
    ]
    rooms = [room("R1", capacity=30), room("R2", capacity=30)]
    rules = Rules(min_quality_per_week=0)
    return make_data(students, staff, rooms, acts, rules=rules)


def test_aggregated_core_names_the_colliding_rules() -> None:
    data = one_teacher_for_two_offers()
    assert necessary_findings(data) == []
    report = diagnose(data, time_limit=10, workers=1)
    assert report is not None
    places = {(i.rule, tuple(sorted(i.where.items()))) for i in report.core}
    assert places == {
        ("H03", (("day", "mon"), ("grade", "3"))),
        ("H08", (("block", "B1"), ("day", "mon"))),
    }
    # the repair: T3 also offers Monday B1, verified on the model
    (rep,) = report.suggestions
    assert rep.change == "add_staff_availability"
    assert rep.params["staff"] == ["T3"]
    assert diagnose(apply_suggestion(data, rep), time_limit=5, workers=1) is None


def test_core_is_minimal() -> None:
    agg = AggregateModel(one_teacher_for_two_offers())
    result = find_core(agg, time_limit=10, workers=1)
    assert not result.feasible and result.minimal
    assert len(result.core) == 2


def test_zero_time_limit_runs_only_the_fast_checks() -> None:
    # the fast checks pass; the aggregated model (skipped) would find the core
    assert diagnose(one_teacher_for_two_offers(), time_limit=0) is None


def one_gym_for_two_coaches() -> ProblemData:
    """Monday B1, 40 first-graders: seats (R1 + GYM = 60), leaders (T1, T2)
    and teachers all suffice on their own, but both teachers only coach
    sports, which needs the one gym; READ's teacher T3 only offers B2."""
    students = [student(f"a{i}", 1, "1-1", mon="B1") for i in range(40)]
    staff = [
        teacher("T1", "mon:B1", skills=["sports"]),
        teacher("T2", "mon:B1", skills=["sports"]),
        teacher("T3", "mon:B2", skills=["reading"]),
        health("H1"),
        admin("A1"),
    ]
    acts = [
        activity("PLAY", "sports", grades=[1], capacity=30, room_kinds=["gym"]),
        activity("READ", "reading", grades=[1], capacity=30),
    ]
    rooms = [room("R1", capacity=30), room("GYM", "gym", 30)]
    return make_data(students, staff, rooms, acts)


def test_slot_local_conflict_core_and_verified_repair() -> None:
    data = one_gym_for_two_coaches()
    assert necessary_findings(data) == []
    report = diagnose(data, time_limit=10, workers=1)
    assert report is not None
    rules = {i.rule for i in report.core}
    assert {"H01", "H08", "H10"} <= rules
    assert all(i.where.get("day", "mon") == "mon" for i in report.core)
    (rep,) = report.suggestions
    assert rep.params["staff"] == ["T3"] and rep.params["block"] == "B1"
    assert "尚未验证" not in rep.detail
    assert diagnose(apply_suggestion(data, rep), time_limit=5, workers=1) is None
