"""``solve``: instance → timetable in four CP-SAT phases.

    clubs    when clubs meet (heuristic), who joins, which run   H01 H02 H12 H13 S3
    dropins  who goes to which drop-in, how many groups          H01 H03 H05 H06 H13 S4
    rooms    a room per session, indoor backups                  H10 H14 S2
    staff    a leader per session, 助教 for externals, duty       H08 H09 H11 S1 S5 S7

Each phase fixes what the next one builds on. The time limit is shared out
over the phases (time a phase leaves unused passes on). Every outcome is a
``Result``; when a phase finds no answer, the infeasibility diagnosis says
whether the school's data admit none (INFEASIBLE) or the search fell short
(UNKNOWN).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

from paipian.constraints import h04_blocks
from paipian.data import ProblemData
from paipian.solution import CoreItem, Infeasibility, Objective, Solution
from paipian.solver.assemble import build_solution, club_sessions
from paipian.solver.clubs import (
    Reservations,
    build_club_model,
    choose_meetings,
    reserve_for,
)
from paipian.solver.dropins import ClubPlan, build_dropin_model, form_sessions
from paipian.solver.phase_model import (
    PhaseModel,
    PhaseOutcome,
    ProgressFn,
    StopFlag,
    run_phase,
)
from paipian.solver.result import PhaseReport, Result, SolveParams
from paipian.solver.rooms import build_room_model, hint_rooms
from paipian.solver.staffing import build_staff_model, hint_staff

SHARES = {"clubs": 0.15, "dropins": 0.2, "rooms": 0.25, "staff": 0.4}

PhaseStartFn = Callable[[str], None]


class _Run:
    """Book-keeping of one solve: time left, phase reports, objective parts."""

    def __init__(
        self,
        data: ProblemData,
        params: SolveParams,
        progress: ProgressFn | None,
        on_phase: PhaseStartFn | None,
        stop: StopFlag | None,
    ) -> None:
        self.data = data
        self.params = params
        self.progress = progress
        self.on_phase = on_phase
        self.stop = stop
        self.started = time.monotonic()
        self.spent = 0.0  # seconds, or deterministic time in deterministic mode
        self.build = 0.0
        self.reports: list[PhaseReport] = []
        self.raw: dict[str, int] = {}
        self.bound = 0.0

    def limit(self, phase: str) -> float:
        remaining_shares = sum(
            SHARES[p] for p in SHARES if p not in {r.name for r in self.reports}
        )
        left = max(0.5, self.params.time_limit - self.spent)
        return left * SHARES[phase] / remaining_shares

    def solve(
        self, pm: PhaseModel, built_at: float, *, bounded: bool = True
    ) -> tuple[Any, PhaseOutcome]:
        """Run one phase. ``bounded=False``: the phase objective carries
        tie-breaking terms, so its value (not its bound) enters the bound."""
        self.build += time.monotonic() - built_at
        if self.on_phase is not None:
            self.on_phase(pm.phase)
        solver, outcome = run_phase(
            pm,
            time_limit=self.limit(pm.phase),
            workers=self.params.workers,
            seed=self.params.seed,
            deterministic=self.params.deterministic,
            stop=self.stop,
            progress=self.progress,
        )
        self.spent += (
            outcome.deterministic_time if self.params.deterministic else outcome.seconds
        )
        n_vars = len(pm.model.proto.variables)
        self.reports.append(PhaseReport(pm.phase, outcome, n_vars))
        if outcome.status in ("OPTIMAL", "FEASIBLE"):
            raw = pm.raw_terms(solver.value)
            for rule, amount in raw.items():
                self.raw[rule] = self.raw.get(rule, 0) + amount
            if bounded:
                constants = sum(
                    pm.weight(r) * amount for r, amount in pm.constant_terms.items()
                )
                self.bound += outcome.bound + constants
            else:
                self.bound += sum(pm.weight(r) * a for r, a in raw.items())
        return solver, outcome

    def elapsed(self) -> float:
        if self.params.deterministic:
            return round(self.spent, 3)
        return time.monotonic() - self.started


def solve(
    data: ProblemData,
    params: SolveParams | None = None,
    *,
    progress: ProgressFn | None = None,
    on_phase: PhaseStartFn | None = None,
    stop: StopFlag | None = None,
) -> Result:
    """Build the week's timetable for ``data``. Never raises for a hard school."""
    params = params or SolveParams()
    run = _Run(data, params, progress, on_phase, stop)
    calendar_problems = h04_blocks.violations(data)
    if calendar_problems:
        core = tuple(CoreItem("H04", {}, text, text) for text in calendar_problems)
        return _no_timetable(run, "INFEASIBLE", Infeasibility(core), "H04")

    # Phase 1 — clubs.
    t0 = time.monotonic()
    held = Reservations.empty()
    meetings = choose_meetings(data, held)
    pm, cv = build_club_model(data, meetings)
    solver, outcome = run.solve(pm, t0)
    if outcome.status not in ("OPTIMAL", "FEASIBLE"):
        return _diagnose(run, "clubs")
    running = {
        cid: slots for cid, slots in meetings.items() if solver.value(cv.open[cid])
    }
    members = {
        cid: tuple(
            sorted(
                sid
                for (sid, c), var in cv.member.items()
                if c == cid and solver.value(var)
            )
        )
        for cid in running
    }
    plan = ClubPlan(running, members)
    held = reserve_for(data, running)

    # Phase 2 — drop-ins.
    t0 = time.monotonic()
    pm, dv = build_dropin_model(data, plan, held)
    solver, outcome = run.solve(pm, t0, bounded=False)
    if outcome.status not in ("OPTIMAL", "FEASIBLE"):
        return _diagnose(run, "dropins")
    sessions = club_sessions(data, plan)
    sessions += form_sessions(data, plan, dv, solver.value, start_index=len(sessions))

    # Phase 3 — rooms.
    t0 = time.monotonic()
    pm, rv = build_room_model(data, sessions)
    hint_rooms(pm, rv, data, sessions)
    solver, outcome = run.solve(pm, t0)
    if outcome.status not in ("OPTIMAL", "FEASIBLE"):
        return _diagnose(run, "rooms")
    rooms = {si: rid for (si, rid), var in rv.room.items() if solver.value(var)}
    backups = {si: rid for (si, rid), var in rv.backup.items() if solver.value(var)}

    # Phase 4 — staff.
    t0 = time.monotonic()
    pm, sv = build_staff_model(data, sessions)
    hint_staff(pm, sv, data, sessions)
    solver, outcome = run.solve(pm, t0)
    if outcome.status not in ("OPTIMAL", "FEASIBLE"):
        return _diagnose(run, "staff")
    leads = {si: pid for (si, pid), var in sv.lead.items() if solver.value(var)}
    assists = {si: pid for (si, pid), var in sv.assist.items() if solver.value(var)}
    duty = [key for key, var in sv.duty.items() if solver.value(var)]

    terms = {r: data.weights.of(r) * a for r, a in sorted(run.raw.items())}
    value = float(sum(terms.values()))
    bound = float(min(value, math.ceil(run.bound - 1e-6)))
    solution = build_solution(
        data,
        sessions,
        rooms=rooms,
        backups=backups,
        leads=leads,
        assists=assists,
        duty=duty,
        closed=[c.id for c in data.clubs if c.id not in running],
        objective=Objective(value, bound, MappingProxyType(dict(terms))),
        seconds=run.elapsed(),
    )
    return Result(
        status="FEASIBLE",
        objective=value,
        bound=bound,
        terms=MappingProxyType(dict(terms)),
        runtime=run.elapsed(),
        solution=solution,
        phases=tuple(run.reports),
        build_seconds=run.build,
        raw_terms=MappingProxyType(dict(run.raw)),
        message="stopped early by the user" if stop and stop.stopped else "",
    )


def _no_timetable(
    run: _Run, status: str, infeasibility: Infeasibility | None, where: str
) -> Result:
    solution = Solution(
        instance=run.data.name,
        status=status,
        solve_seconds=run.elapsed(),
        infeasibility=infeasibility,
    )
    return Result(
        status=status,
        objective=None,
        bound=None,
        terms=MappingProxyType({}),
        runtime=run.elapsed(),
        solution=solution,
        phases=tuple(run.reports),
        build_seconds=run.build,
        message=where,
    )


def _diagnose(run: _Run, phase: str) -> Result:
    """A phase found nothing: ask the diagnosis whether the data admit a timetable."""
    from paipian.diagnosis import diagnose

    last = run.reports[-1].outcome.status if run.reports else "UNKNOWN"
    found = diagnose(run.data, time_limit=min(10.0, max(2.0, run.params.time_limit)))
    if found is not None:
        return _no_timetable(run, "INFEASIBLE", found, phase)
    status = "MODEL_INVALID" if last == "MODEL_INVALID" else "UNKNOWN"
    return _no_timetable(run, status, None, phase)
