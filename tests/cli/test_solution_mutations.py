"""Any JSON in any place of a solution: read_solution either refuses it with a
located SolutionError or returns a Solution that, once its references are
checked against the instance, the checker grades without raising."""

from __future__ import annotations

import copy
import json
from typing import Any

from helpers import TINY
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from paipian.checker import check
from paipian.errors import SolutionError
from paipian.io import load_instance
from paipian.io.solution_json import solution_from_text, unknown_references

DATA, _ = load_instance(TINY / "instance.yaml")
TEXT = (TINY / "solution.json").read_text(encoding="utf-8")
BASE = json.loads(TEXT)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False)
    | st.sampled_from(["", "[/]", "[bold]x", "weird", "T999", "mon", "B1", "health"])
    | st.text(max_size=20)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node[:3]):  # the first few items are enough
            out += _paths(v, (*path, i))
    return out


PATHS = [p for p in _paths(BASE) if p]


@seed(20261202)
@settings(max_examples=120, deadline=None, database=None)
@given(st.lists(st.tuples(st.sampled_from(PATHS), values), min_size=1, max_size=3))
def test_any_value_anywhere_is_refused_or_graded(
    changes: list[tuple[tuple[Any, ...], Any]],
) -> None:
    tree = copy.deepcopy(BASE)
    for path, value in changes:
        node: Any = tree
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this place
    try:
        sol = solution_from_text(json.dumps(tree), file="solution.json")
    except SolutionError as exc:
        assert exc.problems and all(p.where.file for p in exc.problems)
        return
    if unknown_references(DATA, sol, "solution.json"):
        return
    report = check(DATA, sol)  # must not raise
    assert report.ok == (not report.violations)
