"""The committed sample schools load, their timetables pass, and they are what
the generator writes today (regenerate with the commands in instances/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from paipian.checker import check
from paipian.generator import generate
from paipian.io import load_instance
from paipian.io.solution_json import read_solution

INSTANCES = Path(__file__).resolve().parents[2] / "instances"
SAMPLES = [
    ("primary_600", "primary_600", 1, 0.0),
    ("nine_year", "nine_year_2100", 1, 0.0),
    ("tight", "primary_600", 2, 0.9),
]
FIELDS = ("school", "calendar", "grades", "rooms", "staff", "activities", "students")


@pytest.mark.parametrize(("folder", "profile", "seed", "tightness"), SAMPLES)
def test_committed_sample(
    folder: str, profile: str, seed: int, tightness: float
) -> None:
    path = INSTANCES / folder
    assert sum(f.stat().st_size for f in path.iterdir()) < 1_000_000
    data, _ = load_instance(path / "instance.yaml")
    solution = read_solution(path / "solution.json")
    report = check(data, solution)
    assert report.ok, [v.message for v in report.violations[:10]]
    fresh, fresh_solution = generate(profile, seed, tightness)
    stale = [f for f in FIELDS if getattr(fresh, f) != getattr(data, f)]
    assert not stale, f"instances/{folder} is stale ({stale}); see instances/README.md"
    assert fresh_solution.sessions == solution.sessions
