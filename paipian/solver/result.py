"""Parameters in, Result out: every outcome of ``solve`` is a Result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from paipian.solution import Solution
from paipian.solver.runtime import PhaseOutcome


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


def recommended_limit(students: int) -> float:
    """The time limit (seconds) a school of this size needs for a timetable
    worth keeping: the limits the solver's targets are stated for (issue 8)
    — 30 s up to 600 students, 60 s up to 2,100, 90 s beyond."""
    if students <= 600:
        return 30.0
    if students <= 2100:
        return 60.0
    return 90.0


# Writing the outputs after the search takes about this long per student
# (openpyxl's workbooks most: 2.4 s at 2,145 students, 3.8 s at 3,256).
WRITE_SECONDS_PER_STUDENT = 0.0012


def search_share(limit: float, students: int, spent: float) -> float:
    """The search's share of a school's time limit: what loading took
    (``spent``) and what writing the outputs will take come off it, so that
    the school's run as a whole keeps the limit (nine_year_2100 seed 104,
    2,145 students: 63 s for a limit of 60 before). At least half the limit."""
    return max(limit / 2, limit - spent - WRITE_SECONDS_PER_STUDENT * students)


@dataclass(frozen=True)
class PhaseReport:
    name: str
    outcome: PhaseOutcome
    variables: int


@dataclass(frozen=True)
class Result:
    """What a solve produced: the ``Solution`` and how the search went.

    Status, objective, bound, terms and runtime are read from the solution
    (one source of truth). ``objective``/``bound`` are weighted sums over
    S-terms; the bound holds for every timetable of the school (a relaxation,
    ``paipian/diagnosis/bound.py``), so it never exceeds any valid
    timetable's objective. ``partial``: how far a run without a timetable got.
    """

    solution: Solution
    phases: tuple[PhaseReport, ...] = ()
    build_seconds: float = 0.0
    message: str = ""
    first_feasible_seconds: float | None = None  # when a full timetable existed
    raw_terms: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    partial: Mapping[str, object] | None = None
    # the limit ended the search at its first timetable, with no time left to
    # improve it (``solver/pipeline.py``, ``_improve``): more time would help
    short_of_time: bool = False

    @classmethod
    def of(cls, solution: Solution, **how: object) -> Result:
        return cls(solution, **how)  # type: ignore[arg-type]

    @property
    def status(self) -> str:
        return self.solution.status

    @property
    def objective(self) -> float | None:
        return self.solution.objective.value

    @property
    def bound(self) -> float | None:
        return self.solution.objective.bound

    @property
    def terms(self) -> Mapping[str, float]:
        return self.solution.objective.terms

    @property
    def runtime(self) -> float:
        return self.solution.solve_seconds

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
