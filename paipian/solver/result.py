"""Parameters in, Result out: every outcome of ``solve`` is a Result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from paipian.solution import Solution
from paipian.solver.phase_model import PhaseOutcome


@dataclass(frozen=True)
class SolveParams:
    """How long and how hard to search.

    ``deterministic``: one worker and CP-SAT's deterministic time instead of wall
    time, so the same input gives byte-identical output (``solve_seconds`` then
    reports deterministic time too).
    """

    time_limit: float = 30.0
    workers: int = 2
    seed: int = 0
    deterministic: bool = False
    first_solution: bool = False  # each phase stops at its first solution


@dataclass(frozen=True)
class PhaseReport:
    name: str
    outcome: PhaseOutcome
    variables: int


@dataclass(frozen=True)
class Result:
    """What a solve produced: status, objective and bound, the timetable.

    ``objective``/``bound`` are weighted sums over S-terms. The bound holds for
    the phased model (each phase given the decisions of the ones before it),
    not for every conceivable timetable; ``terms`` are the weighted S-terms.
    """

    status: str
    objective: float | None
    bound: float | None
    terms: Mapping[str, float]
    runtime: float
    solution: Solution
    phases: tuple[PhaseReport, ...] = ()
    build_seconds: float = 0.0
    message: str = ""
    first_feasible_seconds: float | None = None  # when a full timetable existed
    raw_terms: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def feasible(self) -> bool:
        return self.status in ("OPTIMAL", "FEASIBLE")

    @property
    def gap(self) -> float | None:
        """Relative gap (objective − bound) / objective, 0 when both are 0."""
        if self.objective is None or self.bound is None:
            return None
        if self.objective == 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / abs(self.objective))
