"""``PhaseModel.complete_hint``: a complete construction is extended to every
variable once; a new hint makes it check again."""

from __future__ import annotations

from factories import make_data

from paipian.model.phase_model import PhaseModel


def _model() -> tuple[PhaseModel, object, object]:
    pm = PhaseModel(make_data(), "staff")
    x = pm.model.new_int_var(0, 5, "x")
    y = pm.model.new_int_var(0, 10, "y")
    pm.model.add(y == 2 * x)
    pm.hint(x, 2)
    pm.hint_complete = True
    return pm, x, y


def test_a_feasible_construction_is_completed_once(monkeypatch) -> None:
    pm, _, y = _model()
    calls = []
    pinned = pm.pinned_solution

    def counting(seconds: float, **kw: bool) -> list[int] | None:
        calls.append(seconds)
        return pinned(seconds, **kw)

    monkeypatch.setattr(pm, "pinned_solution", counting)
    assert pm.complete_hint() and pm.complete_hint()
    assert len(calls) == 1
    # the derived variable is hinted too, at the value the construction gives
    proto = pm.model.proto.solution_hint
    hinted = dict(zip(proto.vars, proto.values, strict=True))
    assert hinted[y.index] == 4


def test_a_new_hint_is_checked_again_and_an_infeasible_one_refused() -> None:
    pm, x, _ = _model()
    assert pm.complete_hint()
    pm.hint(x, 6)  # outside x's domain: no solution with it pinned
    assert pm.completed is False
    assert not pm.complete_hint()
