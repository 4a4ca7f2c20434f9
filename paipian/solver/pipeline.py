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
from paipian.data import ProblemData, Slot
from paipian.solution import CoreItem, Infeasibility, Objective, Solution
from paipian.solver.assemble import build_solution, club_sessions
from paipian.solver.clubs import (
    Reservations,
    build_club_model,
    choose_meetings,
    reserve_for,
)
from paipian.solver.dropins import (
    ClubPlan,
    DropInCuts,
    PlannedSession,
    build_dropin_model,
    form_sessions,
)
from paipian.solver.phase_model import (
    PhaseModel,
    PhaseOutcome,
    ProgressFn,
    StopFlag,
    run_phase,
)
from paipian.solver.result import PhaseReport, Result, SolveParams
from paipian.solver.rooms import build_room_model, greedy_rooms, hint_rooms
from paipian.solver.staffing import build_staff_model, greedy_staff, hint_staff

# Staff balance (S1) dominates the objective, so the staff phase gets most of
# the time, and a complete timetable exists after about a third of it.
SHARES = {"clubs": 0.1, "dropins": 0.12, "rooms": 0.08, "staff": 0.7}
# Seconds (or 5% of the limit, if more) after which an upstream phase yields
# to the staff phase, where the dominant S1 term is decided.
CAPS = {"clubs": 2.5, "dropins": 3.5, "rooms": 2.0}
MAX_REPAIRS = 8
MIN_PHASE_SECONDS = 2.0

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
        self.raw: dict[str, dict[str, int]] = {}  # phase → raw S-terms
        self.bounds: dict[str, float] = {}  # phase → weighted bound
        self.first_feasible: float | None = None  # staff phase's first solution

    def on_progress(
        self, phase: str, solutions: int, objective: float, bound: float, t: float
    ) -> None:
        if phase == "staff" and self.first_feasible is None:
            self.first_feasible = time.monotonic() - self.started
        if self.progress is not None:
            self.progress(phase, solutions, objective, bound, t)

    def limit(self, phase: str) -> float:
        """This phase's share of the time left (it and the phases after it)."""
        order = list(SHARES)
        remaining = sum(SHARES[p] for p in order[order.index(phase) :])
        left = self.params.time_limit - self.spent
        share = left * SHARES[phase] / remaining
        if phase in CAPS:  # upstream phases stop early: a timetable exists sooner
            share = min(share, max(CAPS[phase], 0.05 * self.params.time_limit))
        # A repair round after the budget is spent still gets a little time.
        return max(MIN_PHASE_SECONDS, share)

    def total_raw(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for raw in self.raw.values():
            for rule, amount in raw.items():
                out[rule] = out.get(rule, 0) + amount
        return out

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
            progress=self.on_progress,
            first_solution=self.params.first_solution,
        )
        self.spent += (
            outcome.deterministic_time if self.params.deterministic else outcome.seconds
        )
        n_vars = len(pm.model.proto.variables)
        self.reports.append(PhaseReport(pm.phase, outcome, n_vars))
        if outcome.status in ("OPTIMAL", "FEASIBLE"):
            raw = pm.raw_terms(solver.value)
            self.raw[pm.phase] = raw
            if bounded:
                constants = sum(
                    pm.weight(r) * amount for r, amount in pm.constant_terms.items()
                )
                self.bounds[pm.phase] = outcome.bound + constants
            else:
                self.bounds[pm.phase] = sum(pm.weight(r) * a for r, a in raw.items())
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

    # Fast necessary conditions first (about a second even for a large
    # school): a school that cannot work is told why before any search.
    from paipian.diagnosis import diagnose

    early = diagnose(data, time_limit=0, workers=params.workers)
    if early is not None:
        return _no_timetable(run, "INFEASIBLE", early, "necessary checks")

    # Phase 1 — clubs; closing the smallest optional club when the drop-ins
    # that must house everyone else cannot be planned around them.
    closed: set[str] = set()
    for _ in range(MAX_REPAIRS + 1):
        t0 = time.monotonic()
        held = Reservations.empty()
        meetings = choose_meetings(data, held, frozenset(closed))
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
        t0 = time.monotonic()
        pm, dv = build_dropin_model(data, plan, held)
        solver, outcome = run.solve(pm, t0, bounded=False)
        if outcome.status in ("OPTIMAL", "FEASIBLE"):
            break
        optional = [c for c in running if not data.activity_by_id[c].required]
        if outcome.status != "INFEASIBLE" or not optional:
            return _diagnose(run, "dropins")
        closed.add(min(optional, key=lambda c: (len(members[c]), c)))
    else:
        return _diagnose(run, "dropins")

    # Phases 2–4, repeated with tighter drop-in limits where rooms or staff
    # could not follow the plan.
    cuts = DropInCuts()
    for attempt in range(MAX_REPAIRS + 1):
        if attempt:
            t0 = time.monotonic()
            pm, dv = build_dropin_model(data, plan, held, cuts=cuts)
            solver, outcome = run.solve(pm, t0, bounded=False)
            if outcome.status not in ("OPTIMAL", "FEASIBLE"):
                return _diagnose(run, "dropins")
        sessions = club_sessions(data, plan)
        n_clubs = len(sessions)
        sessions += form_sessions(data, plan, dv, solver.value, start_index=n_clubs)
        dropins = sessions[n_clubs:]

        t0 = time.monotonic()
        chosen, chosen_backup, unhoused = greedy_rooms(data, sessions)
        keep = {
            si: {r for r in (chosen.get(si), chosen_backup.get(si)) if r}
            for si in chosen
        }
        pm, rv = build_room_model(data, sessions, keep=keep)
        hint_rooms(pm, rv, chosen, chosen_backup, not unhoused)
        solver, outcome = run.solve(pm, t0)
        if outcome.status not in ("OPTIMAL", "FEASIBLE"):
            bad = _shortfall(unhoused) or failing_slots(
                data, sessions, build_room_model
            )
            if attempt < MAX_REPAIRS and _tighten(cuts, dropins, bad):
                continue
            return _diagnose(run, "rooms")
        rooms = {si: rid for (si, rid), var in rv.room.items() if solver.value(var)}
        backups = {si: rid for (si, rid), var in rv.backup.items() if solver.value(var)}

        t0 = time.monotonic()
        lead_of, assist_of, unstaffed = greedy_staff(data, sessions)
        keep = {
            si: {p for p in (lead_of.get(si), assist_of.get(si)) if p} for si in lead_of
        }
        # An incomplete greedy leaves CP-SAT to find the rest: offer it more.
        pm, sv = build_staff_model(
            data, sessions, keep=keep, widen=3 if unstaffed else 1
        )
        hint_staff(pm, sv, lead_of, assist_of, not unstaffed)
        solver, outcome = run.solve(pm, t0)
        if outcome.status not in ("OPTIMAL", "FEASIBLE"):
            bad = _shortfall(unstaffed) or failing_slots(
                data, sessions, build_staff_model
            )
            if attempt < MAX_REPAIRS and _tighten(cuts, dropins, bad):
                continue
            return _diagnose(run, "staff")
        break
    leads = {si: pid for (si, pid), var in sv.lead.items() if solver.value(var)}
    assists = {si: pid for (si, pid), var in sv.assist.items() if solver.value(var)}
    duty = [key for key, var in sv.duty.items() if solver.value(var)]

    raw_total = run.total_raw()
    terms = {r: data.weights.of(r) * a for r, a in sorted(raw_total.items())}
    value = float(sum(terms.values()))
    bound = float(min(value, math.ceil(sum(run.bounds.values()) - 1e-6)))
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
        first_feasible_seconds=run.first_feasible or run.elapsed(),
        raw_terms=MappingProxyType(raw_total),
        message="stopped early by the user" if stop and stop.stopped else "",
    )


def _shortfall(left_out: list[PlannedSession]) -> dict[Slot, int]:
    """Sessions the greedy could not place, counted per slot."""
    short: dict[Slot, int] = {}
    for s in left_out:
        short[s.slot] = short.get(s.slot, 0) + 1
    return short


def failing_slots(
    data: ProblemData,
    sessions: list[PlannedSession],
    build: Callable[..., tuple[PhaseModel, Any]],
) -> dict[Slot, int]:
    """Slots whose sessions alone admit no room (or staff) assignment."""
    bad: dict[Slot, int] = {}
    for slot in sorted({s.slot for s in sessions}):
        pm, _ = build(data, [s for s in sessions if s.slot == slot])
        _, outcome = run_phase(
            pm, time_limit=2.0, workers=1, seed=0, deterministic=True
        )
        if outcome.status not in ("OPTIMAL", "FEASIBLE"):
            bad[slot] = 1
    return bad


def _tighten(
    cuts: DropInCuts, dropins: list[PlannedSession], bad: dict[Slot, int]
) -> bool:
    """In each failing slot, as many drop-in groups fewer as went without a room
    or leader (at least one); fewer in the week when no single slot is to
    blame (weekly caps). Returns whether anything changed."""
    count: dict[Slot, int] = {}
    for s in dropins:
        count[s.slot] = count.get(s.slot, 0) + 1
    if bad:
        for slot, short in bad.items():
            now = min(count.get(slot, 0), cuts.per_slot.get(slot, 10**6))
            cuts.per_slot[slot] = max(0, now - max(1, short))
        return True
    total = len(dropins)
    cuts.total = max(0, total - max(1, total // 20))
    return total > 0


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
    found = diagnose(
        run.data,
        time_limit=min(10.0, max(2.0, run.params.time_limit)),
        workers=run.params.workers,
    )
    if found is not None:
        return _no_timetable(run, "INFEASIBLE", found, phase)
    status = "MODEL_INVALID" if last == "MODEL_INVALID" else "UNKNOWN"
    return _no_timetable(run, status, None, phase)
