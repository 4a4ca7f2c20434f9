"""The CP-SAT solver: ``solve(data, params) -> Result``. See ``pipeline``."""

from paipian.solver.pipeline import solve
from paipian.solver.result import PhaseReport, Result, SolveParams
from paipian.solver.runtime import StopFlag

__all__ = ["PhaseReport", "Result", "SolveParams", "StopFlag", "solve"]
