"""``solve``: instance → timetable, as a short sequence of named steps.

    refuse early     H04 and the fast necessary checks (the report, at once)
    bound            a lower bound valid for every timetable (diagnosis/bound.py)
    construct        four CP-SAT phases, each fixing what the next builds on:
      clubs    when clubs meet, who joins, which run    H01 H02 H12 H13 S3
      dropins  who goes to which drop-in, how many      H01 H03 H05 H06 H13 S4
               (groups the others can seat folded into them: solver/fold.py)
      rooms    a room per session, indoor backups       H10 H14 S2
      staff    a leader per session, 助教, duty          H08 H09 H11 S1 S5 S7
    repair           a room or staff phase that cannot follow the plan tells it
                     which slots lacked what; the plan is re-solved under that
                     cut; when cuts run out, the smallest optional club closes
                     and the construction starts again — until the time limit

A phase that finds nothing in its share of the time is run again with the
time left, never abandoned while time remains. Every outcome is a
``Result``; when no timetable is found, the infeasibility diagnosis says
whether the school's data admit none (INFEASIBLE) or the search fell short
(UNKNOWN, with the partial plan reached).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from paipian.constraints import (
    h04_blocks,
    s4_sport_time,
    s6_stability,
)
from paipian.data import ProblemData, Slot
from paipian.model.phase_model import PhaseModel
from paipian.model.plans import ClubPlan, PlannedSession, Reservations
from paipian.model.vars import DropInVars, StaffVars
from paipian.resolve.previous import Previous
from paipian.solution import CoreItem, Infeasibility, Objective, Solution
from paipian.solver.assemble import build_solution, club_sessions
from paipian.solver.clubs import (
    build_club_model,
    choose_meetings,
    meeting_slots,
    reserve_for,
)
from paipian.solver.cuts import (
    crowded_meetings,
    hall_cut,
    leader_candidates,
    room_candidates,
    server_candidates,
    shortfall_cut,
    size_cut,
    week_cut,
)
from paipian.solver.dropins import (
    DropInCuts,
    Formed,
    build_dropin_model,
    form_sessions,
)
from paipian.solver.fold import fold_small_groups
from paipian.solver.pair_staffing import deal_staff
from paipian.solver.rebalance import rebalance
from paipian.solver.result import PhaseReport, Result, SolveParams
from paipian.solver.rooms import (
    build_room_model,
    greedy_rooms,
    hint_rooms,
    matched_rooms,
)
from paipian.solver.runtime import (
    PhaseOutcome,
    ProgressFn,
    StopFlag,
    run_phase,
)
from paipian.solver.slot_search import Plan, improve_by_slot, objective_of
from paipian.solver.staffing import (
    build_staff_model,
    flow_staff,
    greedy_staff,
    hint_staff,
)

# Staff balance (S1) is decided last, so the staff phase gets most of the time,
# and a complete timetable exists after about a third of it.
SHARES = {"clubs": 0.1, "dropins": 0.12, "rooms": 0.08, "staff": 0.7}
# Seconds (or 5% of the limit, if more) after which an upstream phase yields
# to the staff phase — for its first try; a phase that found nothing yet is
# run again with the time left.
CAPS = {"clubs": 2.5, "dropins": 3.5, "rooms": 2.0}
CAP_SHARE = {"clubs": 0.08, "dropins": 0.05, "rooms": 0.05}  # of the limit, if more
# Phases whose first solution is slow to come: a feasibility pass first, and
# more time while they have found nothing (nothing downstream can mend them).
PROBED = frozenset({"clubs", "dropins"})
PROBE_TRIES = 3  # restarts of such a feasibility pass (fresh seed, twice the time)
# The first pass, once the drop-in plan has a complete solution (a successful
# feasibility pass, or the plan's own housing for the rooms), searches on only
# this long (seconds): the first timetable comes sooner, and the second pass
# (``_improve``) improves both with most of the time, from these starts.
# When a second pass will come, a large drop-in plan takes its feasibility
# pass's solution as it is (``_Run._as_started``). The club membership
# starts from a greedy that already holds every first choice its meeting
# slots allow, and a longer search gains little (S3 1,973 at the start,
# 1,958 after 1 s, 1,955 after 2.5 s on big_primary_11).
FIRST_PASS_AFTER_START = {"clubs": 1.0, "dropins": 0.2, "rooms": 0.3}
# … from this many variables of the drop-in model (big_primary_11 29k,
# nine_year_2100 17k, primary_1200 11k, tiny 1k). Below, the 0.2 s search
# costs little and gives the second pass a better start: tiny seed 3 ended
# at 0.66-0.71 of the planted objective from the feasibility pass's plan,
# 0.63-0.65 from the searched one.
AS_STARTED_FROM = 15_000
# … and the staff phase, from its complete start, this share of the limit: the
# second pass balances the loads again on the better plan, and a second of
# the drop-in plan's search buys far more (S2, S4) than one of S1 here
FIRST_PASS_STAFF = 0.1
CUTS_PER_PLAN = 8  # room/staff cuts tried before an optional club closes
# The improvement pass (``_improve``): the drop-in plan gets the most time.
IMPROVE_SHARES = {"clubs": 0.0, "dropins": 0.65, "rooms": 0.1, "staff": 0.25}
# … and a re-solve's, whose staff phase keeps last round's staff (S6)
RESOLVE_IMPROVE_SHARES = {"clubs": 0.0, "dropins": 0.55, "rooms": 0.1, "staff": 0.35}
# A re-solve starts every phase from last round's timetable, so its first pass
# is its main one: no time is held back for a second, no phase is capped, and
# the drop-in plan — where a new group, and so a changed week, is decided —
# gets the largest share (the staff phase mostly keeps last round's staff).
RESOLVE_SHARES = {"clubs": 0.1, "dropins": 0.45, "rooms": 0.1, "staff": 0.35}
REBALANCE = 1.0  # seconds at most for moving sessions to pull S1 in
# When the drop-in plan is infeasible under a club plan, the search for the
# meeting to blame (``_move_blocking``) may take this share of the time left
# (at least as long as one try), and this long (seconds) for each meeting it
# leaves out
BLAME_SHARE = 0.1
BLAME_TRY = 1.0
WHOLE_PLAN_AFTER = 2.0  # seconds left of a converged slot search: the whole plan
IMPROVE_MIN_LEFT = 8.0  # seconds: below this a second pass cannot pay off
FIRST_PASS = 0.45  # of the limit: the first timetable's budget
MIN_PHASE = 1.0  # seconds a phase gets even when its budget is spent
ROOMS_UNHINTED_MAX = 15.0  # seconds for a room phase the constructions left short
STAFF_UNHINTED_MIN = 5.0  # … and at least this for such a staff phase
SLACK = 0.5  # seconds under which no new phase starts
# of the limit, kept for what follows the last phase (the timetable and its
# exact terms, ≈ 0.5 s at 3,200 students; a re-solve also reads last round),
# so that the limit holds
FINISH = 0.05

PhaseStartFn = Callable[[str], None]


class _Run:
    """Book-keeping of one solve: the deadline, phase reports, objective parts."""

    def __init__(
        self,
        data: ProblemData,
        params: SolveParams,
        progress: ProgressFn | None,
        on_phase: PhaseStartFn | None,
        stop: StopFlag | None,
        previous: Previous | None = None,
    ) -> None:
        self.data = data
        self.previous = previous  # S6: a re-solve's previous round
        self.params = params
        self.progress = progress
        self.on_phase = on_phase
        self.stop = stop
        self.started = time.monotonic()
        self.spent = 0.0  # seconds, or deterministic time in deterministic mode
        self.build = 0.0
        self.reports: list[PhaseReport] = []
        self.raw: dict[str, dict[str, int]] = {}  # phase → raw S-terms
        self.first_feasible: float | None = None  # staff phase's first solution
        self.partial = Partial()
        self.improving = False  # the second pass: other shares, no caps
        self.blamed: set[str] = set()  # clubs a cut found short on their own
        # club meetings whose staff the drop-ins of their slot cannot spare
        # (``crowded_meetings``); ``moved``: the last construction added one
        self.avoid: set[tuple[str, Slot]] = set()
        self.moved = False
        # the limit left no time to improve the first timetable (``_improve``)
        self.short_of_time = False

    def on_progress(
        self, phase: str, solutions: int, objective: float, bound: float, t: float
    ) -> None:
        if phase == "staff" and self.first_feasible is None:
            self.first_feasible = time.monotonic() - self.started
        if self.progress is not None:
            self.progress(phase, solutions, objective, bound, t)

    def used(self) -> float:
        """Time used so far: wall seconds, or deterministic time."""
        if self.params.deterministic:
            return self.spent
        return time.monotonic() - self.started

    def left(self) -> float:
        """Time the phases may still use: the limit less what was used and
        what writing the result takes (``FINISH``)."""
        finish = 0.0 if self.params.deterministic else FINISH * self.params.time_limit
        return self.params.time_limit - finish - self.used()

    def over(self) -> bool:
        """The limit is spent or the user stopped the run."""
        stopped = self.stop is not None and self.stop.stopped
        return stopped or self.left() < SLACK

    def limit(self, phase: str, *, capped: bool = True) -> float:
        """This phase's share of the time left (it and the phases after it);
        ``capped``: upstream phases stop early in the first pass."""
        shares = RESOLVE_SHARES if self.previous else SHARES
        if self.improving:
            shares = RESOLVE_IMPROVE_SHARES if self.previous else IMPROVE_SHARES
        order = list(shares)
        remaining = sum(shares[p] for p in order[order.index(phase) :])
        left = max(0.0, self.left())
        first_pass = not self.improving and not self.previous
        if first_pass and not self.params.first_solution:
            # the first pass keeps time back for the second (``_improve``)
            # (once spent, a first timetable not yet found may take it all)
            first = FIRST_PASS * self.params.time_limit - self.used()
            if first > MIN_PHASE:
                left = min(left, first)
        share = left * shares[phase] / remaining
        if capped and phase in CAPS and first_pass:  # a timetable soon
            cap = CAP_SHARE[phase] * self.params.time_limit
            share = min(share, max(CAPS[phase], cap))
        return max(min(MIN_PHASE, max(0.0, self.left())), share)

    def total_raw(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for raw in self.raw.values():
            for rule, amount in raw.items():
                out[rule] = out.get(rule, 0) + amount
        return out

    def solve(
        self, pm: PhaseModel, built_at: float, by_slot: DropInVars | None = None
    ) -> tuple[Any, PhaseOutcome]:
        """Run one phase; while it has found nothing and time is left, again
        with all the time left (a busy machine must not end the run early).
        ``by_slot``: a drop-in plan started from a complete plan is improved
        one slot at a time (``solver/slot_search.py``)."""
        self.build += time.monotonic() - built_at
        if self.on_phase is not None:
            self.on_phase(pm.phase)
        limit = self.limit(pm.phase, capped=pm.phase != "rooms" or pm.hint_complete)
        if pm.phase == "staff" and not pm.hint_complete:
            # the constructions left sessions without a leader and no cut
            # explains it: a short try, then the plan is cut
            limit = min(limit, max(STAFF_UNHINTED_MIN, self.left() / 4))
        if pm.phase == "rooms" and not pm.hint_complete:
            # no complete construction: it must find one, or the plan is cut
            # for want of time rather than of rooms
            limit = max(limit, min(self.left() / 3, ROOMS_UNHINTED_MAX))
        # A re-solve's hints (last round) lead its search, not a probe's; so
        # does a fresh club phase's greedy membership when it is a whole one
        # (``build_club_model``): a probe's first solution, not the greedy,
        # then led the search, and gave far fewer first choices
        # (big_primary_11: S3 2,283 against 1,998 in the same 2.5 s).
        # A re-solve's drop-in plan whose sketch from last round found no
        # complete plan (``_sketch_from_previous``: this round's changes broke
        # it) is probed like a fresh one: its hint alone found nothing in 20 s
        # on a 3,200-student round with a fifth of the rows changed.
        led_by_hints = bool(pm.hints) and (
            (self.previous is not None and (pm.phase != "dropins" or pm.hint_complete))
            or (self.previous is None and (pm.phase != "clubs" or pm.hint_complete))
        )
        if pm.phase in PROBED and not led_by_hints and not self.params.first_solution:
            probe = self._feasible_first(pm, limit)
            limit = max(min(2.0, self.left()), limit - probe)
        if pm.hint_complete and not self.improving and not self.previous:
            limit = min(limit, FIRST_PASS_AFTER_START.get(pm.phase, limit))
            if pm.phase == "staff" and not self.params.first_solution:
                limit = min(
                    limit, max(MIN_PHASE, FIRST_PASS_STAFF * self.params.time_limit)
                )
        if by_slot is not None and pm.hint_complete and not self.params.first_solution:
            swept = self._by_slot(pm, by_slot, limit)
            if swept is not None:
                return swept
        if (
            pm.phase == "dropins"
            and pm.hint_complete
            and not self.improving
            and not self.previous
            and not self.params.first_solution
            and self.left() >= 2 * IMPROVE_MIN_LEFT  # a second pass will come
            and len(pm.model.proto.variables) >= AS_STARTED_FROM
        ):
            taken = self._as_started(pm)
            if taken is not None:
                return taken
        if pm.phase == "staff" and self.first_feasible is None and pm.complete_hint():
            # the constructions staffed every session and the staff model
            # accepts them: a whole timetable, every rule checked, is in hand
            self.first_feasible = time.monotonic() - self.started
        first_solution = self.params.first_solution
        alone = self.params.workers == 1 and not self.params.deterministic
        rerun = 0  # a phase that found nothing runs again: one worker in turn
        while True:
            search = self._search()
            search["seed"] += 7919 * rerun  # a fresh seed for each run again
            solver, outcome = run_phase(
                pm,
                time_limit=limit,
                **search,
                first_solution=first_solution,
                # … with local search (as ``_feasible_first``)
                local_search=alone and rerun % 2 == 1,
                # a re-solve's drop-in plan improves in long, slow steps
                # (it climbs back to last round's), in its second pass by
                # neighbourhoods from the first
                patience=0.0
                if pm.phase == "dropins" and (self.improving or self.previous)
                else 0.25,
                lns_only=self.improving and pm.phase == "dropins" and pm.hint_complete,
            )
            self._record(pm, outcome)
            if outcome.status != "UNKNOWN" or self.over() or pm.phase not in PROBED:
                break  # rooms and staff that find nothing cut the plan instead
            # the later phases' shares go to this one (without it, nothing),
            # and it stops at its first solution: it has overrun its share
            limit = max(1.0, self.left() * SHARES[pm.phase] + self.left() / 2)
            first_solution = pm.first_solution_ok = True
            rerun += 1
        if outcome.status in ("OPTIMAL", "FEASIBLE"):
            self.raw[pm.phase] = pm.raw_terms(solver.value)
        return solver, outcome

    def _search(self) -> dict[str, Any]:
        """The run's search settings, as ``run_phase`` and the slot search take them."""
        return {
            "workers": self.params.workers,
            "seed": self.params.seed,
            "deterministic": self.params.deterministic,
            "stop": self.stop,
            "progress": self.on_progress,
        }

    def _record(self, pm: PhaseModel, outcome: PhaseOutcome) -> None:
        """Count a phase's time and keep its report."""
        self.spent += (
            outcome.deterministic_time if self.params.deterministic else outcome.seconds
        )
        n_vars = len(pm.model.proto.variables)
        self.reports.append(PhaseReport(pm.phase, outcome, n_vars))

    def _by_slot(
        self, pm: PhaseModel, v: DropInVars, limit: float
    ) -> tuple[Plan, PhaseOutcome] | None:
        start = pm.pinned_solution(5.0, minimise=True)  # the hinted plan, in full
        if start is None:
            return None
        began = time.monotonic()
        plan, outcome = improve_by_slot(
            pm, v, start, time_limit=limit, **self._search()
        )
        rest = limit - (time.monotonic() - began)
        if self.params.deterministic or rest < WHOLE_PLAN_AFTER or self.over():
            return self._kept(pm, plan, outcome)
        # no slot alone improves: the whole plan, from it, for the time left
        self._record(pm, outcome)
        pm.hint_all(list(plan.response_proto.solution))
        solver, whole = run_phase(
            pm, time_limit=rest, **self._search(), lns_only=True, patience=0.0
        )
        if (
            whole.status in ("OPTIMAL", "FEASIBLE")
            and whole.objective < outcome.objective
        ):
            self._record(pm, whole)
            self.raw[pm.phase] = pm.raw_terms(solver.value)
            return Plan(list(solver.response_proto.solution)), whole
        self.raw[pm.phase] = pm.raw_terms(plan.value)
        return plan, outcome

    def _as_started(self, pm: PhaseModel) -> tuple[Plan, PhaseOutcome] | None:
        """The first pass's drop-in plan as its feasibility pass found it,
        when a second pass (``_improve``) will search it slot by slot. A search of
        0.2 s from it took 1.4 s on big_primary_11 (the whole model's
        presolve) and found nothing better; reading the start back through
        the model takes 0.2 s."""
        began = time.monotonic()
        start = pm.pinned_solution(5.0, minimise=True)
        if start is None:
            return None
        plan = Plan(start)
        outcome = PhaseOutcome(
            status="FEASIBLE",
            objective=float(objective_of(pm, start)),
            bound=0.0,  # nothing searched: no bound
            seconds=time.monotonic() - began,
            solutions=1,
            deterministic_time=0.0,
        )
        return self._kept(pm, plan, outcome)

    def _kept(
        self, pm: PhaseModel, plan: Plan, outcome: PhaseOutcome
    ) -> tuple[Plan, PhaseOutcome]:
        """A drop-in plan read without ``run_phase``: its time, report and terms."""
        self._record(pm, outcome)
        self.raw[pm.phase] = pm.raw_terms(plan.value)
        return plan, outcome

    def _feasible_first(self, pm: PhaseModel, limit: float) -> float:
        """A phase without a complete construction first looks for any solution
        (no objective: far quicker on large plans), which then becomes the
        hint of the real search. Returns the time it took.

        It stops at its first solution, so it may take up to half the time
        left: without one, the search proper finds nothing either (one thread
        on a large plan). How long a first solution takes varies widely with
        the seed, so it restarts with a fresh seed and twice the time, rather
        than waiting out one unlucky search."""
        probe = pm.feasibility_copy()
        budget = max(0.5, min(max(limit, self.left() / 2), self.left()))
        tries = 1 if self.params.deterministic else PROBE_TRIES
        # one worker: local search first, then in turn with the tree search
        # (two workers run it beside the tree search; one worker's tree
        # search alone found no drop-in plan in 80 s on a tight 3,064-student
        # school, local search in 1.4 s; on big_primary_11 tightened around
        # its witness, local search needed 1.8–3.1 s by the seed, more than
        # its first turn, and the tree search found nothing in the 55 s left)
        alone = self.params.workers == 1 and not self.params.deterministic
        tries += 1 if alone else 0
        step = budget / (2**tries - 1)  # step, 2·step, 4·step … sum to the budget
        taken = 0.0
        for attempt in range(tries):
            solver, outcome = run_phase(
                probe,
                time_limit=max(0.5, min(step * 2**attempt, self.left())),
                workers=self.params.workers,
                seed=self.params.seed + 7919 * attempt,
                deterministic=self.params.deterministic,
                stop=self.stop,
                first_solution=True,
                local_search=alone and attempt % 2 == 0,
            )
            taken += outcome.seconds
            if self.params.deterministic:
                self.spent += outcome.deterministic_time
            if outcome.status in ("OPTIMAL", "FEASIBLE"):
                # a complete hint: the search starts from it, and a search
                # that runs out of time falls back to it (``run_phase``)
                pm.hint_all(list(solver.response_proto.solution))
                break
            if outcome.status != "UNKNOWN" or self.over():
                break
        return taken


@dataclass
class Partial:
    """How far the construction got: what a failed run reports."""

    phase: str = ""  # the last phase reached
    student_slots: int = 0  # student-slots present in the week
    placed: int = 0  # … placed in a planned session
    sessions: int = 0
    without_room: int = 0
    without_leader: int = 0
    closed_clubs: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "phase": self.phase,
            "student_slots": self.student_slots,
            "placed": self.placed,
            "sessions": self.sessions,
            "without_room": self.without_room,
            "without_leader": self.without_leader,
            "closed_clubs": list(self.closed_clubs),
        }


@dataclass
class _Timetable:
    sessions: list[PlannedSession]
    rooms: dict[int, str]
    backups: dict[int, str]
    leads: dict[int, str]
    assists: dict[int, str]
    duty: list[tuple[str, str, str]]
    running: set[str]
    raw: dict[str, int]  # raw S-terms of this timetable
    plan: ClubPlan
    cuts: DropInCuts
    dropin_values: list[int]  # the drop-in model's solution, to start again from

    def value(self, data: ProblemData) -> int:
        return _weighted(data, self.raw)


class _GiveUp(Exception):
    """A phase failed in a way no retry inside the construction can mend."""

    def __init__(self, phase: str) -> None:
        super().__init__(phase)
        self.phase = phase


def solve(
    data: ProblemData,
    params: SolveParams | None = None,
    *,
    progress: ProgressFn | None = None,
    on_phase: PhaseStartFn | None = None,
    stop: StopFlag | None = None,
    previous: Previous | None = None,
) -> Result:
    """Build the week's timetable for ``data``. Never raises for a hard school.

    ``previous`` (a re-solve, ``paipian.resolve``): the earlier timetable is
    the hint of every phase and the reference of S6; its pins are held.
    """
    params = params or SolveParams()
    run = _Run(data, params, progress, on_phase, stop, previous)
    refused = _refuse_early(run)
    if refused is not None:
        return refused
    closed: set[str] = set()
    while True:
        try:
            timetable = _construct(run, closed)
        except _GiveUp as failed:
            return _diagnose(run, failed.phase)
        if timetable is not None:
            # the bound (about a second at 3,000 students) only reports the
            # gap: after the search, not before the first timetable
            return _result(run, _improve(run, timetable), _bound(run))
        if run.moved and not run.over():
            run.moved = False
            continue  # the same clubs, a meeting elsewhere
        optional = [c.id for c in data.clubs if not c.required and c.id not in closed]
        if run.over() or not optional:
            return _diagnose(run, run.partial.phase)
        # the clubs hold rooms and staff the drop-ins could not do without:
        # one a cut named first, else the least wanted
        named = [c for c in optional if c in run.blamed] or optional
        closed.add(min(named, key=lambda c: (_interest(data, c), c)))
        run.blamed = set()
        run.partial.closed_clubs = sorted(closed)


def _refuse_early(run: _Run) -> Result | None:
    """H04 and the fast necessary checks: a school that cannot work is told
    why before any search (about a second even for a large school)."""
    data = run.data
    calendar_problems = h04_blocks.violations(data)
    if calendar_problems:
        core = tuple(CoreItem("H04", {}, text, text) for text in calendar_problems)
        return _no_timetable(run, "INFEASIBLE", Infeasibility(core), "H04")
    from paipian.diagnosis import diagnose

    early = diagnose(data, time_limit=0, workers=run.params.workers)
    if early is not None:
        return _no_timetable(run, "INFEASIBLE", early, "necessary checks")
    return None


def _bound(run: _Run) -> float:
    """The objective bound over every timetable (relaxations, no search)."""
    from paipian.diagnosis.bound import objective_bound

    return float(objective_bound(run.data).value)


def _interest(data: ProblemData, club_id: str) -> int:
    """How many students ranked a club (the least wanted closes first)."""
    return sum(
        1
        for st in data.students
        if any(a.id == club_id for a in data.allowed_club_prefs(st))
    )


def _improve(run: _Run, first: _Timetable) -> _Timetable:
    """With the first timetable in hand, spend the time left on a second pass:
    the same club plan and cuts, the drop-in plan re-solved with most of the
    time (from the first plan as its hint), rooms and staff after it. The
    drop-in plan decides how many groups open, and so most of S2 and S4;
    the first pass could only give it seconds. Keeps the better timetable."""
    if run.params.first_solution:
        return first
    stopped = run.stop is not None and run.stop.stopped
    if run.over() or run.left() < IMPROVE_MIN_LEFT:
        # a re-solve's first pass is its main one (``RESOLVE_SHARES``)
        run.short_of_time = not stopped and run.previous is None
        return first
    run.improving = True
    try:
        second = _construct(run, set(), reuse=first)
    except _GiveUp:
        second = None
    finally:
        run.improving = False
    if second is None or second.value(run.data) >= first.value(run.data):
        return first
    return second


def _construct(
    run: _Run, closed: set[str], reuse: _Timetable | None = None
) -> _Timetable | None:
    """One construction with ``closed`` clubs kept closed. None: the drop-ins,
    rooms or staff could not follow this club plan (close one more club).
    ``reuse``: keep that timetable's club plan and cuts, start the drop-in
    plan from its plan (the improvement pass)."""
    if reuse is not None:
        return _after_clubs(run, reuse.plan, reuse.cuts, reuse)
    data, previous = run.data, run.previous
    run.partial.phase = "clubs"
    t0 = time.monotonic()
    keep_slots = s6_stability.preferred_meetings(data, previous)  # S6
    meetings = choose_meetings(
        data, Reservations.empty(), frozenset(closed), keep_slots, frozenset(run.avoid)
    )
    pm, cv = build_club_model(data, meetings, previous=previous)
    solver, outcome = run.solve(pm, t0)
    if outcome.status not in ("OPTIMAL", "FEASIBLE"):
        raise _GiveUp("clubs")
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
    return _after_clubs(run, ClubPlan(running, members), DropInCuts(), None)


def _after_clubs(
    run: _Run, plan: ClubPlan, cuts: DropInCuts, reuse: _Timetable | None
) -> _Timetable | None:
    """Drop-ins, rooms and staff for a club plan, cutting the plan where rooms
    or leaders run short."""
    data, previous = run.data, run.previous
    held = _held(data, plan)
    if reuse is None and _move_crowded(run, plan, held):
        return None
    for _ in range(CUTS_PER_PLAN + 1):
        run.partial.phase = "dropins"
        t0 = time.monotonic()
        # the second pass of a fresh solve: slot by slot from the first plan,
        # the loads its leaders give among its costs. A re-solve's second
        # pass searches the whole plan, whose S6 terms span the week.
        sweep = reuse is not None and bool(reuse.dropin_values) and previous is None
        pm, dv = build_dropin_model(
            data, plan, held, cuts=cuts, previous=previous, balance=sweep
        )
        by_slot = dv if sweep else None
        if reuse is not None and reuse.dropin_values:
            pm.hint_all(reuse.dropin_values)
            reuse = None  # after a cut the model differs: no hint
        elif previous is not None:
            _sketch_from_previous(run, pm, dv, plan, held, cuts)
        solver, outcome = run.solve(pm, t0, by_slot)
        if outcome.status not in ("OPTIMAL", "FEASIBLE"):
            if outcome.status == "INFEASIBLE" and not run.over():
                # this club plan leaves the drop-ins no room: a meeting
                # elsewhere, when one is to blame, else one club fewer
                _move_blocking(run, plan, cuts)
                return None
            raise _GiveUp("dropins")
        dropin_values = list(solver.response_proto.solution)
        sessions = club_sessions(data, plan)
        n_clubs = len(sessions)
        formed = form_sessions(
            data, plan, dv, solver.value, start_index=n_clubs, previous=previous
        )
        if previous is None:  # a re-solve keeps last round's groups (S6)
            formed = fold_small_groups(data, formed)
        sessions += formed.sessions
        if "S4" in run.raw.get("dropins", {}):  # the groups as they stand
            run.raw["dropins"] = {
                **run.raw["dropins"],
                "S4": s4_sport_time.recount(data, sessions),
            }
        staffed = deal_staff(data, dv, solver.value, sessions)  # as planned
        keys = s6_stability.group_keys(data, sessions)  # S6: groups as numbered
        dropins = sessions[n_clubs:]
        _count_partial(run, sessions)

        run.partial.phase = "rooms"
        t0 = time.monotonic()
        # the drop-in plan housed its groups; the clubs hold their rooms
        chosen, chosen_backup = _planned_rooms(sessions[:n_clubs], held, formed)
        unhoused = [s for s in sessions if s.index not in chosen]
        if unhoused:
            chosen, chosen_backup, unhoused = greedy_rooms(data, sessions)
        if unhoused and previous is None:
            matched = matched_rooms(data, sessions)
            if len(matched[2]) < len(unhoused):
                chosen, chosen_backup, unhoused = matched
        run.partial.without_room = len(unhoused)
        if unhoused:
            cut = hall_cut(data, cuts, sessions, room_candidates(data), run.blamed)
            if cut is None:
                return None  # the clubs alone outnumber the rooms somewhere
            if cut:
                continue
        keep = {
            si: {r for r in (chosen.get(si), chosen_backup.get(si)) if r}
            for si in chosen
        }
        s6_stability.keep_rooms(data, sessions, keys, previous, keep)  # S6
        pm, rv = build_room_model(
            data, sessions, keep=keep, previous=previous, keys=keys
        )
        s6_stability.hint_rooms(  # S6: start from the previous rooms
            data, rv, sessions, keys, previous, chosen, chosen_backup
        )
        hint_rooms(pm, rv, chosen, chosen_backup, not unhoused)
        solver, outcome = run.solve(pm, t0)
        if outcome.status not in ("OPTIMAL", "FEASIBLE"):
            if run.over():
                raise _GiveUp("rooms")
            if not size_cut(data, cuts, sessions, chosen, chosen_backup, unhoused):
                _cut(run, cuts, dropins, unhoused, sessions, build_room_model)
            continue
        run.partial.without_room = 0
        rooms = {si: rid for (si, rid), var in rv.room.items() if solver.value(var)}
        backups = {si: rid for (si, rid), var in rv.backup.items() if solver.value(var)}

        run.partial.phase = "staff"
        t0 = time.monotonic()
        if staffed is not None:
            lead_of, assist_of = staffed
            unstaffed: list[PlannedSession] = []
            if previous is None:  # the week-long flow balances the loads (S1)
                flowed = flow_staff(data, sessions)
                if not flowed[2]:
                    lead_of, assist_of = flowed[0], flowed[1]
        else:
            lead_of, assist_of, unstaffed = greedy_staff(data, sessions)
        if unstaffed and previous is None:  # a re-solve starts from last round's
            flowed = flow_staff(data, sessions)
            if len(flowed[2]) < len(unstaffed):
                lead_of, assist_of, unstaffed = flowed
        run.partial.without_leader = len(unstaffed)
        if unstaffed:
            cut = hall_cut(data, cuts, sessions, leader_candidates(data), run.blamed)
            for who in (leader_candidates(data), server_candidates(data)):
                if cut is False:  # short over the week: leaders, then 助教
                    cut = week_cut(data, cuts, sessions, who, run.blamed)
            if cut is None:
                return None  # the clubs alone outnumber the staff somewhere
            if cut:
                continue
        keep = {
            si: {p for p in (lead_of.get(si), assist_of.get(si)) if p} for si in lead_of
        }
        # An incomplete greedy leaves CP-SAT to find the rest: offer it more.
        s6_stability.keep_staff(data, sessions, keys, previous, keep)  # S6
        pm, sv = build_staff_model(
            data,
            sessions,
            keep=keep,
            widen=3 if unstaffed else 1,
            previous=previous,
            keys=keys,
        )
        s6_stability.hint_staff(  # S6: start from the previous staffing
            data, sv, sessions, keys, previous, lead_of, assist_of
        )
        hint_staff(pm, sv, lead_of, assist_of, not unstaffed)
        solver, outcome = run.solve(pm, t0)
        if outcome.status not in ("OPTIMAL", "FEASIBLE"):
            if run.over():
                raise _GiveUp("staff")
            _cut(run, cuts, dropins, unstaffed, sessions, build_staff_model)
            continue
        run.partial.without_leader = 0
        value = solver.value
        if previous is None and not run.params.deterministic:
            value = _rebalanced(run, pm, sv, sessions, value)
        return _Timetable(
            sessions,
            rooms,
            backups,
            leads={si: pid for (si, pid), var in sv.lead.items() if value(var)},
            assists={si: pid for (si, pid), var in sv.assist.items() if value(var)},
            duty=[key for key, var in sv.duty.items() if value(var)],
            running=set(plan.meetings),
            raw=run.total_raw(),
            plan=plan,
            cuts=cuts,
            dropin_values=dropin_values,
        )
    return None


def _rebalanced(
    run: _Run,
    pm: PhaseModel,
    sv: StaffVars,
    sessions: list[PlannedSession],
    value: Callable[[Any], int],
) -> Callable[[Any], int]:
    """The staff phase's solution (read by ``value``) with the largest
    deviation pulled in (``rebalance.py``), when the staff model accepts it
    — every hard rule, duty as it was — and its terms are lower; else
    ``value`` itself."""
    data = run.data
    # the last staff phase takes all the time left: this takes up to half of
    # what is kept for writing the timetable (``FINISH``) less a second
    kept = 0.0 if run.params.deterministic else FINISH * run.params.time_limit
    seconds = min(REBALANCE, (max(0.0, run.left()) + kept - 1.0) / 2)
    if seconds < 0.1 or (run.stop is not None and run.stop.stopped):
        return value
    leads = {si: pid for (si, pid), var in sv.lead.items() if value(var)}
    assists = {si: pid for (si, pid), var in sv.assist.items() if value(var)}
    moved = rebalance(data, sessions, leads, assists, sv.lead, seconds=seconds)
    if moved == leads:
        return value
    # the decisions only: the hints derived from the staff phase's start
    # (loads, deviations) no longer hold
    pm.forget_hints()
    for (si, pid), var in sv.lead.items():
        pm.hint(var, moved.get(si) == pid)
    for var in [*sv.assist.values(), *sv.duty.values()]:
        pm.hint(var, value(var))
    values = pm.pinned_solution(seconds, minimise=True)
    if values is None:
        return value
    plan = Plan(values)
    raw = pm.raw_terms(plan.value)
    before = run.raw.get(pm.phase, {})
    if _weighted(data, raw) >= _weighted(data, before):
        return value
    run.raw[pm.phase] = raw
    return plan.value


def _weighted(data: ProblemData, raw: dict[str, int]) -> int:
    """The objective of raw terms: each by its weight."""
    return sum(data.weights.of(rule) * amount for rule, amount in raw.items())


def _move_crowded(run: _Run, plan: ClubPlan, held: Reservations) -> bool:
    """Where the staff a slot's meetings hold leave its drop-ins too few
    leaders (``crowded_meetings``), the least wanted club meeting there is to
    meet elsewhere: True when one is newly moved (choose the meetings again).
    A meeting the school pinned there (``meets``) stays."""
    data = run.data
    moved = False
    for slot, clubs in crowded_meetings(data, plan, held).items():
        movable = [c for c in clubs if _movable(run, c, slot)]
        if movable:
            club = min(movable, key=lambda c: (_interest(data, c), c))
            run.avoid.add((club, slot))
            moved = True
    run.moved = moved
    return moved


def _held(data: ProblemData, plan: ClubPlan) -> Reservations:
    """The rooms and staff ``plan``'s meetings hold, rooms sized to members."""
    return reserve_for(
        data, plan.meetings, {cid: len(m) for cid, m in plan.members.items()}
    )


def _movable(run: _Run, club: str, slot: Slot) -> bool:
    """A meeting that may still move: not moved from there before, not
    pinned there by the school (``meets``), and the club has slots enough
    elsewhere — else moving it would close it (a tightened reference school:
    a club whose leader comes once a week closed on a count of leaders)."""
    act = run.data.activity_by_id[club]
    if (club, slot) in run.avoid or slot in act.meets:
        return False
    elsewhere = [
        t
        for t in meeting_slots(run.data, act)
        if t != slot and (club, t) not in run.avoid
    ]
    return len(elsewhere) >= max(1, act.sessions_per_week)


def _move_blocking(run: _Run, plan: ClubPlan, cuts: DropInCuts) -> None:
    """The drop-in plan is infeasible under ``plan``: find a meeting without
    which it is not — each movable meeting (not pinned by ``meets``, not
    moved before) left out in turn, least wanted club first, the drop-in
    plan asked only for a solution — and have it meet elsewhere
    (``run.avoid``, ``run.moved``); a meeting of an optional club with no
    other slot, found to blame, closes its club (``run.blamed``). At most
    ``BLAME_SHARE`` of the time left, or one try's, and never more than
    half of it. A tiny school
    (seed 80, tightness 1.0): five of seven clubs closed, least wanted
    first, before the one to blame, its first choices 35 % against the
    planted timetable's 54 %."""
    data = run.data
    # movable meetings first; then those of optional clubs that cannot move,
    # which close when they are the ones to blame (``run.blamed``)
    meetings = sorted(
        (stuck, _interest(data, cid), cid, slot)
        for cid, slots in plan.meetings.items()
        for slot in slots
        for stuck in (not _movable(run, cid, slot),)
        if not stuck or not data.activity_by_id[cid].required
    )
    budget = min(run.left() / 2, max(BLAME_TRY, BLAME_SHARE * run.left()))
    for stuck, _, cid, slot in meetings:
        if budget <= 0 or run.over():
            break
        probe = plan.without(cid, slot)
        began = time.monotonic()
        pm, _ = build_dropin_model(data, probe, _held(data, probe), cuts=cuts)
        _, outcome = _quick(run, pm, first_solution=True, limit=min(budget, BLAME_TRY))
        if run.params.deterministic:
            budget -= outcome.deterministic_time
        else:
            budget -= time.monotonic() - began
        if outcome.status in ("OPTIMAL", "FEASIBLE"):
            if stuck:
                run.blamed = {cid}
            else:
                run.avoid.add((cid, slot))
                run.moved = True
            return


def _sketch_from_previous(
    run: _Run,
    pm: PhaseModel,
    dv: Any,
    plan: ClubPlan,
    held: Reservations,
    cuts: DropInCuts,
) -> None:
    """A re-solve: the exact plan's search starts from a complete solution
    beside last round (S6). First last round's own plan, read onto this
    round (``resolve/hints.dropin_plan``), with rooms and staff found for
    it, else with only its head counts held; where this round's changes
    leave even those invalid, the plan without its housing and staffing is
    quick to bring close to last round, and its counts are held instead."""
    last_round = dict(pm.hints)
    groups = {var: last_round[var] for var in dv.sessions.values() if var in last_round}
    counts = {var: last_round[var] for var in dv.count.values() if var in last_round}
    quality = {
        var: last_round[var] for var in dv.quality_slot.values() if var in last_round
    }
    staff = {
        var: last_round[var]
        for table in (dv.staffing.lead, dv.staffing.assist)
        for var in table.values()
        if var in last_round
    }
    plan_held = {**counts, **groups}
    for pinned in (  # each student's activity last: groups, then staff free
        {**plan_held, **quality, **staff},
        {**plan_held, **staff},
        plan_held,
    ):
        if _hold(run, pm, pinned):
            return
    # rooms and staff to be found for the groups too: a harder search, and
    # the last that keeps every student where they were
    if _hold(run, pm, counts, share=0.2):
        return
    sketch, sv = build_dropin_model(
        run.data, plan, held, cuts=cuts, previous=run.previous, exact=False
    )
    solver, outcome = _quick(run, sketch, first_solution=False, share=0.25)
    if outcome.status not in ("OPTIMAL", "FEASIBLE"):
        return
    sketched = {}  # the sketch's counts and H05 slots
    for key, var in dv.count.items():
        sketched[var] = solver.value(sv.count[key])
    for key, var in dv.quality_slot.items():
        sketched[var] = solver.value(sv.quality_slot[key])
    groups = {var: solver.value(sv.sessions[key]) for key, var in dv.sessions.items()}
    pm.model.clear_hints()
    pm.hints = {}
    for var, value in {**last_round, **sketched, **groups}.items():
        pm.hint(var, value)
    # its groups too if rooms allow, else the rooms decide them
    if not _hold(run, pm, {**sketched, **groups}):
        _hold(run, pm, sketched)


def _hold(
    run: _Run, pm: PhaseModel, pinned: dict[Any, int], share: float = 0.1
) -> bool:
    """Whether the plan with ``pinned`` variables held has a solution (rooms
    and staff that carry it), found in a short search (``_quick``): it then
    becomes the plan's complete hint."""
    probe = pm.feasibility_copy()
    for var, value in pinned.items():
        probe.model.add(probe.model.get_int_var_from_proto_index(var.index) == value)
    solver, outcome = _quick(run, probe, first_solution=True, share=share)
    if outcome.status not in ("OPTIMAL", "FEASIBLE"):
        return False
    pm.hint_all(list(solver.response_proto.solution))
    return True


def _quick(
    run: _Run,
    pm: PhaseModel,
    *,
    first_solution: bool,
    share: float = 0.1,
    limit: float | None = None,
) -> tuple[Any, PhaseOutcome]:
    """A short side search (``share`` of the time left, 1–3 s; more for a
    larger share; or ``limit`` seconds) under the run's parameters, its
    deterministic time counted in the run's."""
    solver, outcome = run_phase(
        pm,
        time_limit=limit or min(30 * share, max(1.0, run.left() * share)),
        workers=run.params.workers,
        seed=run.params.seed,
        deterministic=run.params.deterministic,
        stop=run.stop,
        first_solution=first_solution,
    )
    if run.params.deterministic:
        run.spent += outcome.deterministic_time
    return solver, outcome


def _planned_rooms(
    clubs: list[PlannedSession], held: Reservations, formed: Formed
) -> tuple[dict[int, str], dict[int, str]]:
    """Rooms (and rain backups) as planned: each club meeting the room held
    for it, each drop-in group a room of the class the plan housed it in."""
    rooms, backups = dict(formed.rooms), dict(formed.backups)
    for s in clubs:
        room, backup = held.club_rooms.get((s.activity, s.slot), ("", None))
        if room:
            rooms[s.index] = room
        if backup:
            backups[s.index] = backup
    return rooms, backups


def _count_partial(run: _Run, sessions: list[PlannedSession]) -> None:
    data = run.data
    run.partial.student_slots = sum(
        len(data.students_present(*slot)) for slot in data.calendar.slots
    )
    run.partial.placed = sum(len(s.students) for s in sessions)
    run.partial.sessions = len(sessions)


def _cut(
    run: _Run,
    cuts: DropInCuts,
    dropins: list[PlannedSession],
    left_out: list[PlannedSession],
    sessions: list[PlannedSession],
    build: Callable[..., tuple[PhaseModel, Any]],
) -> None:
    """Fewer groups where rooms (or leaders) ran out and no valid cut says why:
    the slots that lacked them, found within a tenth of the time left."""
    shortfall_cut(
        run.data,
        cuts,
        dropins,
        left_out,
        sessions,
        build,
        seconds=min(2.0, max(0.2, run.left() / 10)),
        until=run.over,
    )


def _result(run: _Run, t: _Timetable, bound: float | None) -> Result:
    data = run.data
    raw_total = dict(t.raw)
    solution = build_solution(
        data,
        t.sessions,
        rooms=t.rooms,
        backups=t.backups,
        leads=t.leads,
        assists=t.assists,
        duty=t.duty,
        closed=[c.id for c in data.clubs if c.id not in t.running],
        objective=Objective(),
        seconds=run.used(),
    )
    previous = run.previous
    if s6_stability.applies(previous) and data.weights.stability:
        # S6: the phases' terms guide the search; the exact count is reported.
        assert previous is not None
        raw_total["S6"] = s6_stability.recount(data, solution, previous.solution)
    else:
        raw_total.pop("S6", None)
    terms = {r: data.weights.of(r) * a for r, a in sorted(raw_total.items())}
    value = float(sum(terms.values()))
    objective = Objective(value, bound, MappingProxyType(dict(terms)))
    solution = dataclasses.replace(solution, objective=objective)
    stopped = run.stop is not None and run.stop.stopped
    return Result.of(
        solution,
        phases=tuple(run.reports),
        build_seconds=run.build,
        first_feasible_seconds=run.first_feasible or run.used(),
        raw_terms=MappingProxyType(raw_total),
        message="stopped early by the user" if stopped else "",
        short_of_time=run.short_of_time,
    )


def _no_timetable(
    run: _Run, status: str, infeasibility: Infeasibility | None, where: str
) -> Result:
    partial = run.partial.as_dict() if run.reports else None
    solution = Solution(
        instance=run.data.name,
        status=status,
        solve_seconds=run.used(),
        infeasibility=infeasibility,
        # how far the construction got, kept with the run's record
        extra=MappingProxyType({"partial": partial} if partial else {}),
    )
    return Result.of(
        solution,
        phases=tuple(run.reports),
        build_seconds=run.build,
        message=where,
        partial=MappingProxyType(partial) if partial else None,
    )


def _diagnose(run: _Run, phase: str) -> Result:
    """No timetable was found: ask the diagnosis whether the data admit one,
    within the time left (at least 2 s, so a short run still gets an answer)."""
    from paipian.diagnosis import diagnose

    last = run.reports[-1].outcome.status if run.reports else "UNKNOWN"
    # past the limit or stopped: the fast checks only, so the limit holds
    search = 0.0 if run.over() else min(10.0, run.left())
    found = diagnose(run.data, time_limit=search, workers=run.params.workers)
    if found is not None:
        return _no_timetable(run, "INFEASIBLE", found, phase)
    status = "MODEL_INVALID" if last == "MODEL_INVALID" else "UNKNOWN"
    return _no_timetable(run, status, None, phase)
