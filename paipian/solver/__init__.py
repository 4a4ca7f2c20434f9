"""The CP-SAT solver: ``solve(data, params) -> Result``. See ``pipeline``."""

from paipian.solver.phase_model import StopFlag
from paipian.solver.pipeline import solve
from paipian.solver.result import PhaseReport, Result, SolveParams

__all__ = ["PhaseReport", "Result", "SolveParams", "StopFlag", "solve"]
