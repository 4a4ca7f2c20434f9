"""Generated schools, built once per test session (generation is deterministic)."""

from __future__ import annotations

from functools import cache

from paipian.data import ProblemData
from paipian.generator import generate
from paipian.solution import Solution


@cache
def school(
    profile: str, seed: int, tightness: float = 0.0
) -> tuple[ProblemData, Solution]:
    """``generate(profile, seed, tightness)``, cached."""
    return generate(profile, seed, tightness)
