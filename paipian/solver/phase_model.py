"""A CP-SAT model that knows the rules and penalties it holds.

Every phase of the solver builds one ``PhaseModel``. Rule modules in
``paipian/constraints`` add their constraints through ``guard`` so that each
rule instance can carry an enforcement literal (named ``H10(day=wed,block=B2)``)
when the model is built for diagnosis; soft rules add named penalty terms
through ``penalise`` with their rule id and the instance's weight, so the
objective breakdown is read back from the model itself.
"""

from __future__ import annotations

import dataclasses
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from paipian.data import ProblemData

LinearExprT = (
    Any  # cp_model's linear expressions are not typed in a way mypy can follow
)


def place(**where: object) -> str:
    """``day=wed,block=B2`` — the stable text of a rule instance's place."""
    return ",".join(f"{k}={v}" for k, v in where.items())


@dataclass
class PenaltyTerm:
    rule: str  # S1..S7
    name: str  # e.g. S1(staff=T007)
    expr: LinearExprT
    coef: int = 1


@dataclass
class PhaseModel:
    """A CpModel plus its rule guards and named soft penalties."""

    data: ProblemData
    phase: str
    diagnose: bool = False  # build enforcement literals for every rule instance
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    guards: dict[str, Any] = field(default_factory=dict)
    penalties: list[PenaltyTerm] = field(default_factory=list)
    constant_terms: dict[str, int] = field(default_factory=dict)  # raw, per rule
    hints: dict[Any, int] = field(default_factory=dict)
    hint_complete: bool = False  # the hint is a full, feasible construction
    first_solution_ok: bool = True  # may stop at its first solution (quick mode)

    def hint(self, var: Any, value: int | bool) -> None:
        self.model.add_hint(var, value)
        self.hints[var] = int(value)

    def complete_hint(self) -> bool:
        """Extend a complete construction to every variable (loads, deviations,
        maxima): a clone with the hinted decisions pinned is fully determined,
        so it solves at once, and CP-SAT then starts from a whole solution
        instead of spending seconds completing a partial one."""
        if not (self.hint_complete and self.hints):
            return False
        clone = self.model.clone()
        clone.clear_objective()
        for var, value in self.hints.items():
            clone.add(clone.get_int_var_from_proto_index(var.index) == value)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = 10.0
        solver.parameters.catch_sigint_signal = False
        if solver.solve(clone) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        self.model.clear_hints()
        for index, value in enumerate(solver.response_proto.solution):
            self.model.add_hint(self.model.get_int_var_from_proto_index(index), value)
        return True

    def fix_to_hint(self) -> None:
        """Pin every hinted variable to its hint (used when the search ran out of
        time: the construction is then read back through the model's terms)."""
        for var, value in self.hints.items():
            self.model.add(var == value)

    # ---- hard rules ------------------------------------------------------
    def guard_literal(self, rule: str, **where: object) -> Any | None:
        """The enforcement literal of one rule instance (None when solving)."""
        if not self.diagnose:
            return None
        key = f"{rule}({place(**where)})"
        lit = self.guards.get(key)
        if lit is None:
            lit = self.model.new_bool_var(key)
            self.guards[key] = lit
        return lit

    def guard(self, constraint: Any, rule: str, **where: object) -> Any:
        """Attach ``rule``'s enforcement literal at ``where`` to ``constraint``."""
        lit = self.guard_literal(rule, **where)
        if lit is not None:
            constraint.only_enforce_if(lit)
        return constraint

    def enabled(self, rule: str) -> bool:
        return self.data.rules.enabled(rule)

    # ---- soft rules ------------------------------------------------------
    def weight(self, rule: str) -> int:
        return self.data.weights.of(rule)

    def penalise(self, rule: str, name: str, expr: LinearExprT, coef: int = 1) -> None:
        """Add ``coef × expr`` to ``rule``'s raw penalty (weighted in the objective)."""
        if self.weight(rule) == 0:
            return
        self.penalties.append(PenaltyTerm(rule, name, expr, coef))

    def add_constant(self, rule: str, raw: int) -> None:
        """A raw penalty fixed by earlier phases (reported, not optimised here)."""
        if self.weight(rule) == 0:
            return
        self.constant_terms[rule] = self.constant_terms.get(rule, 0) + raw

    def objective_expr(self) -> LinearExprT:
        return sum(
            (self.weight(p.rule) * p.coef * p.expr for p in self.penalties),
            start=cp_model.LinearExpr.constant(0),
        )

    def set_objective(self, extra: Iterable[tuple[int, LinearExprT]] = ()) -> None:
        """Minimise the weighted penalties plus optional tie-breaking terms."""
        objective = self.objective_expr()
        for coef, expr in extra:
            objective += coef * expr
        self.model.minimize(objective)

    def raw_terms(self, value: Callable[[LinearExprT], int]) -> dict[str, int]:
        """Raw penalty per rule under ``value`` (a solver's value function)."""
        terms: dict[str, int] = dict(self.constant_terms)
        for p in self.penalties:
            terms[p.rule] = terms.get(p.rule, 0) + p.coef * int(value(p.expr))
        return terms


@dataclass
class PhaseOutcome:
    status: str  # OPTIMAL | FEASIBLE | INFEASIBLE | UNKNOWN | MODEL_INVALID
    objective: float
    bound: float
    seconds: float
    solutions: int
    deterministic_time: float = 0.0


ProgressFn = Callable[[str, int, float, float, float], None]
"""(phase, solutions found, objective, bound, elapsed seconds)."""


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, phase: str, report: ProgressFn | None, started: float) -> None:
        super().__init__()
        self.phase = phase
        self.report = report
        self.started = started
        self.solutions = 0
        self.last_solution = started

    def on_solution_callback(self) -> None:
        self.solutions += 1
        self.last_solution = time.monotonic()
        if self.report is not None:
            self.report(
                self.phase,
                self.solutions,
                self.objective_value,
                self.best_objective_bound,
                time.monotonic() - self.started,
            )


class StopFlag:
    """Set by Ctrl-C: the running phase stops its search, later phases go short."""

    def __init__(self) -> None:
        self.stopped = False
        self._solver: cp_model.CpSolver | None = None
        self._lock = threading.Lock()

    def attach(self, solver: cp_model.CpSolver | None) -> None:
        with self._lock:
            self._solver = solver
            if solver is not None and self.stopped:
                solver.stop_search()

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
            if self._solver is not None:
                self._solver.stop_search()

    @contextmanager
    def on_sigint(self) -> Iterator[None]:
        """While active, Ctrl-C stops the search instead of killing the run."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = signal.getsignal(signal.SIGINT)

        def handler(signum: int, frame: object) -> None:
            if self.stopped:  # a second Ctrl-C: give up for real
                signal.signal(signal.SIGINT, previous)
                raise KeyboardInterrupt
            self.stop()

        signal.signal(signal.SIGINT, handler)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, previous)


QUICK_SEARCH = 3.0  # quick mode: a short search where a first solution is poor
PATIENCE_MIN = 3.0  # seconds without a better solution before a phase stops
PATIENCE_SHARE = 0.25  # … or this share of the phase's limit, if longer


def _watch(
    solver: cp_model.CpSolver, callback: _Progress, done: threading.Event, wait: float
) -> None:
    """Stop a phase whose search has stalled, so its time passes to the next."""
    while not done.wait(0.25):
        if callback.solutions and time.monotonic() - callback.last_solution > wait:
            solver.stop_search()
            return


def _solve_interruptibly(
    solver: cp_model.CpSolver, pm: PhaseModel, callback: _Progress
) -> Any:
    """Solve in a worker thread while the main thread waits in short joins.

    Python runs signal handlers only in the main thread between bytecodes; a
    main thread inside CP-SAT's C++ solve would hold Ctrl-C until the phase
    ends. Waiting here lets ``StopFlag``'s handler call ``stop_search`` at once.
    """
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["code"] = solver.solve(pm.model, callback)
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name=f"cp-sat-{pm.phase}", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.1)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["code"]


STATUS_NAMES = {
    cp_model.OPTIMAL: "OPTIMAL",
    cp_model.FEASIBLE: "FEASIBLE",
    cp_model.INFEASIBLE: "INFEASIBLE",
    cp_model.UNKNOWN: "UNKNOWN",
    cp_model.MODEL_INVALID: "MODEL_INVALID",
}


def run_phase(
    pm: PhaseModel,
    *,
    time_limit: float,
    workers: int,
    seed: int,
    deterministic: bool,
    stop: StopFlag | None = None,
    progress: ProgressFn | None = None,
    first_solution: bool = False,
) -> tuple[cp_model.CpSolver, PhaseOutcome]:
    """Solve one phase model under the run's parameters."""
    solver = cp_model.CpSolver()
    params = solver.parameters
    if first_solution and not pm.first_solution_ok:
        first_solution, time_limit = False, min(time_limit, QUICK_SEARCH)
    params.stop_after_first_solution = first_solution
    params.num_workers = 1 if deterministic else max(1, workers)
    params.random_seed = seed
    # Ctrl-C is ours (StopFlag): CP-SAT's own handler would stop one phase and
    # leave the run unaware that the user asked to stop.
    params.catch_sigint_signal = False
    if deterministic:
        # Deterministic time is CP-SAT's own work counter: same input, same answer.
        params.max_deterministic_time = max(0.05, time_limit)
    else:
        params.max_time_in_seconds = max(0.05, time_limit)
    if stop is not None and stop.stopped:
        params.max_time_in_seconds = min(params.max_time_in_seconds, 2.0)
    started = time.monotonic()
    pm.complete_hint()
    callback = _Progress(pm.phase, progress, started)
    if stop is not None:
        stop.attach(solver)
    done = threading.Event()
    if not deterministic and not first_solution:
        patience = max(PATIENCE_MIN, PATIENCE_SHARE * time_limit)
        threading.Thread(
            target=_watch, args=(solver, callback, done, patience), daemon=True
        ).start()
    try:
        code = _solve_interruptibly(solver, pm, callback)
    finally:
        done.set()
        if stop is not None:
            stop.attach(None)
    status = STATUS_NAMES.get(code, "UNKNOWN")
    if status == "UNKNOWN" and pm.hint_complete and pm.hints:
        # The search's own bound still holds; the pinned model's would not.
        searched_bound = solver.best_objective_bound
        pm.fix_to_hint()
        pm.hints = {}
        pinned, outcome = run_phase(
            pm,
            time_limit=max(1.0, time_limit / 4),
            workers=workers,
            seed=seed,
            deterministic=deterministic,
            stop=None,
            progress=progress,
        )
        if outcome.status in ("OPTIMAL", "FEASIBLE"):
            outcome = dataclasses.replace(
                outcome,
                status="FEASIBLE",
                bound=min(outcome.bound, searched_bound),
                seconds=outcome.seconds + time.monotonic() - started,
            )
        return pinned, outcome
    has = status in ("OPTIMAL", "FEASIBLE")
    return solver, PhaseOutcome(
        status=status,
        objective=solver.objective_value if has else float("nan"),
        bound=solver.best_objective_bound if has else float("nan"),
        seconds=time.monotonic() - started,
        solutions=callback.solutions,
        deterministic_time=solver.deterministic_time,
    )
