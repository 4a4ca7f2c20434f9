"""The aggregated model is a relaxation: a valid timetable, counted per class
(drop-ins) or grade (clubs) and slot, satisfies it with every guard on.

Fixing the model's student counts to those of a known-valid timetable must
leave it feasible (and the solver then finds the rest at once); an
infeasible result would mean some constraint is not a necessary condition.
"""

from __future__ import annotations

from collections import Counter

import pytest
from ortools.sat.python import cp_model
from schools import complete_data, complete_timetable, tiny_data, tiny_timetable

from paipian.data import ProblemData
from paipian.diagnosis import necessary_findings
from paipian.diagnosis.aggregate import AggregateModel
from paipian.generator import generate
from paipian.solution import Solution


def counts(data: ProblemData, solution: Solution) -> Counter[tuple]:
    out: Counter[tuple] = Counter()
    for s in solution.sessions:
        act = data.activity_by_id[s.activity]
        for sid in s.students:
            st = data.student_by_id[sid]
            unit = f"grade:{st.grade}" if act.is_club else st.class_id
            out[((s.day, s.block), unit, s.activity)] += 1
    return out


def timetable_fits(data: ProblemData, solution: Solution) -> bool:
    agg = AggregateModel(data)
    model = agg.model.clone()
    for g in agg.guards:
        model.add(model.get_bool_var_from_proto_index(g.lit.index) == 1)
    planted = counts(data, solution)
    for slot, xs in agg.x.items():
        for (unit, aid), var in xs.items():
            fixed = model.get_int_var_from_proto_index(var.index)
            model.add(fixed == planted.pop((slot, unit, aid), 0))
    assert not planted, f"timetable uses pairs the model lacks: {planted}"
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 20
    status = solver.solve(model)
    assert status != cp_model.UNKNOWN, "undecided"
    return status in (cp_model.OPTIMAL, cp_model.FEASIBLE)


@pytest.mark.parametrize(
    ("build", "timetable"),
    [(tiny_data, tiny_timetable), (complete_data, complete_timetable)],
)
def test_fixture_timetables_fit_the_aggregated_model(build, timetable) -> None:
    assert timetable_fits(build(), timetable())


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("tightness", [0.0, 1.0])
def test_generated_timetables_fit_the_aggregated_model(seed: int, tightness: float):
    data, solution = generate("tiny", seed, tightness)
    assert necessary_findings(data) == []
    assert timetable_fits(data, solution)


def test_a_larger_generated_timetable_fits() -> None:
    data, solution = generate("primary_600", 1, 1.0)
    assert necessary_findings(data) == []
    assert timetable_fits(data, solution)
