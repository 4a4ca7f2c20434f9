"""The spec's example school (525 students) and its outputs, written once."""

from __future__ import annotations

from pathlib import Path

import pytest

from paipian.data import ProblemData
from paipian.io import load_instance
from paipian.io.solution_json import read_solution
from paipian.report import write_outputs
from paipian.solution import Solution

EXAMPLE = Path(__file__).resolve().parents[2] / "instances" / "tiny"


@pytest.fixture(scope="session")
def example() -> tuple[ProblemData, Solution]:
    """The example instance and its valid solution.json."""
    data, _warnings = load_instance(EXAMPLE / "instance.yaml")
    return data, read_solution(EXAMPLE / "solution.json")


@pytest.fixture(scope="session")
def example_outputs(
    example: tuple[ProblemData, Solution], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """Every output of ``write_outputs`` for the example, by file name."""
    data, solution = example
    out = tmp_path_factory.mktemp("outputs")
    return {p.name: p for p in write_outputs(data, solution, out)}
