"""Running a phase model: CP-SAT parameters, progress, Ctrl-C, the watchdog."""

from __future__ import annotations

import dataclasses
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from paipian.model.phase_model import PhaseModel


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
        self._solvers: set[cp_model.CpSolver] = set()  # searching now
        self._lock = threading.Lock()

    def attach(self, solver: cp_model.CpSolver) -> None:
        with self._lock:
            self._solvers.add(solver)
            if self.stopped:
                solver.stop_search()

    def detach(self, solver: cp_model.CpSolver) -> None:
        with self._lock:
            self._solvers.discard(solver)

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
            for solver in self._solvers:
                solver.stop_search()

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
# One thread from a complete start: its own tree search first, for at most
# this share of the limit and until it stalls this long ...
DESCENT_SHARE = 0.4
DESCENT_PATIENCE = 1.0
# ... then neighbourhoods of the best so far, for the rest (a limit shorter
# than this is all descent).
TWO_STAGES_FROM = 3.0


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
    patience: float = PATIENCE_SHARE,
    enough: float = 0.0,
    lns_only: bool = False,
    local_search: bool = False,
    interleave: bool = True,
    patience_min: float = PATIENCE_MIN,
) -> tuple[cp_model.CpSolver, PhaseOutcome]:
    """Solve one phase model under the run's parameters. ``patience``: the
    share of the limit a search may go without a better solution before it
    stops and passes its time on (0: never stops early). ``enough``: an
    absolute gap to the bound at which the search may stop — for a search
    from a complete hint (the slot search), whose presolve then keeps every
    solution so that the hint stays one. ``lns_only``:
    every worker improves the hinted solution by large-neighbourhood search
    (for a model started from a complete solution). ``local_search``: with one
    worker, the search is CP-SAT's feasibility-jump local search alone (the
    worker a second thread would run; a lone tree search can miss a large
    plan's first solution for minutes where it finds one in seconds).
    ``interleave``: with one worker, take turns between search strategies
    (off for a small model started from a complete hint, where the lone tree
    search with its LP is the better one). One worker from a complete hint
    searches in two stages (``_descend_then_neighbourhoods``)."""
    if (
        workers <= 1
        and not deterministic
        and interleave
        and not lns_only
        and not local_search
        and not first_solution
        and time_limit >= TWO_STAGES_FROM
        and pm.complete_hint()
    ):
        return _descend_then_neighbourhoods(
            pm,
            time_limit=time_limit,
            seed=seed,
            stop=stop,
            progress=progress,
            patience=patience,
            enough=enough,
        )
    solver = cp_model.CpSolver()
    params = solver.parameters
    if first_solution and not pm.first_solution_ok:
        first_solution, time_limit = False, min(time_limit, QUICK_SEARCH)
    params.stop_after_first_solution = first_solution
    params.num_workers = 1 if deterministic else max(1, workers)
    params.random_seed = seed
    params.use_lns_only = lns_only and not deterministic
    if enough > 0:
        params.absolute_gap_limit = enough
        params.keep_all_feasible_solutions_in_presolve = True
    if params.num_workers == 1 and not deterministic and local_search:
        params.use_ls_only = True
    elif params.num_workers == 1 and not deterministic and interleave:
        # one thread (``--workers 1``, an old laptop): take turns between the
        # search strategies several workers would run side by side — a lone
        # tree search can miss a large plan's first solution for a minute
        params.interleave_search = True
    # Ctrl-C is ours (StopFlag): CP-SAT's own handler would stop one phase and
    # leave the run unaware that the user asked to stop.
    params.catch_sigint_signal = False
    if deterministic:
        # Deterministic time is CP-SAT's own work counter: same input, same answer.
        params.max_deterministic_time = max(0.05, time_limit)
    else:
        params.max_time_in_seconds = max(0.05, time_limit)
    if stop is not None and stop.stopped:
        # stopped: what is left runs only long enough to keep what was found
        params.max_time_in_seconds = min(params.max_time_in_seconds, 1.0)
    started = time.monotonic()
    pm.complete_hint()
    callback = _Progress(pm.phase, progress, started)
    if stop is not None:
        stop.attach(solver)
    done = threading.Event()
    if not deterministic and not first_solution and patience > 0:
        patience = max(patience_min, patience * time_limit)
        threading.Thread(
            target=_watch, args=(solver, callback, done, patience), daemon=True
        ).start()
    try:
        code = _solve_interruptibly(solver, pm, callback)
    finally:
        done.set()
        if stop is not None:
            stop.detach(solver)
    status = STATUS_NAMES.get(code, "UNKNOWN")
    if status == "UNKNOWN" and pm.hint_complete and pm.hints:
        # The search's own bound still holds; the pinned model's would not.
        searched_bound = solver.best_objective_bound
        pm.fix_to_hint()
        pm.hints = {}
        pinned, outcome = run_phase(
            pm,
            time_limit=min(3.0, max(1.0, time_limit / 4)),
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


def _descend_then_neighbourhoods(
    pm: PhaseModel,
    *,
    time_limit: float,
    seed: int,
    stop: StopFlag | None,
    progress: ProgressFn | None,
    patience: float,
    enough: float,
) -> tuple[cp_model.CpSolver, PhaseOutcome]:
    """One worker from a complete start. Two workers run a tree search and
    neighbourhoods side by side; one thread taking turns between them gives
    each too little, and neither alone serves every model: the tree search
    finishes a small school's staff phase in 2 s (small_primary_11: 1,181
    where turns reach 5,863) and never moves a large one's (nine_year_11:
    38,381 after 8 s, where neighbourhoods reach 21,477). So the tree search
    first, until it stalls, then neighbourhoods of its best for the rest."""
    started = time.monotonic()
    first, descent = run_phase(
        pm,
        time_limit=time_limit * DESCENT_SHARE,
        workers=1,
        seed=seed,
        deterministic=False,
        stop=stop,
        progress=progress,
        patience=0.01,  # stops DESCENT_PATIENCE s after its last improvement
        patience_min=DESCENT_PATIENCE,
        enough=enough,
        interleave=False,
    )
    rest = time_limit - (time.monotonic() - started)
    if (
        descent.status != "FEASIBLE"  # optimal, or nothing to start from
        or rest < 1.0
        or (stop is not None and stop.stopped)
    ):
        return first, descent
    onward = PhaseModel(pm.data, pm.phase, model=pm.model.clone())
    onward.start_from(list(first.response_proto.solution))
    second, moved = run_phase(
        onward,
        time_limit=rest,
        workers=1,
        seed=seed + 1,
        deterministic=False,
        stop=stop,
        progress=progress,
        patience=patience,
        enough=enough,
        lns_only=True,
    )
    spent = time.monotonic() - started
    if (
        moved.status not in ("OPTIMAL", "FEASIBLE")
        or moved.objective > descent.objective
    ):
        return first, dataclasses.replace(descent, seconds=spent)
    return second, dataclasses.replace(
        moved,
        bound=max(moved.bound, descent.bound),  # both hold for the same model
        seconds=spent,
        solutions=descent.solutions + moved.solutions,
    )
