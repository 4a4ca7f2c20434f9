"""A limit that ends the search at its first timetable is reported
(``Result.short_of_time``), so that ``paipian solve`` can say that more time
would give a better one; a run whose second pass fits is not."""

from __future__ import annotations

import pytest

from paipian.generator import generate
from paipian.solver import pipeline
from paipian.solver.result import recommended_limit
from solver.helpers import solve_graded


def test_a_limit_with_no_time_for_a_second_pass_is_reported() -> None:
    data, _ = generate("tiny", 1)
    result = solve_graded(data, time_limit=5.0)
    assert result.short_of_time


def test_control_a_second_pass_that_fits_is_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pipeline, "IMPROVE_MIN_LEFT", 0.5)  # as if 5 s were plenty
    data, _ = generate("tiny", 1)
    result = solve_graded(data, time_limit=5.0)
    assert not result.short_of_time


def test_the_recommended_limit_grows_with_the_school() -> None:
    assert [recommended_limit(n) for n in (116, 600, 601, 2100, 3334)] == [
        30.0,
        30.0,
        60.0,
        60.0,
        90.0,
    ]
