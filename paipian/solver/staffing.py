"""Phase 4 — staff: a leader for every session, a 助教 where an external leads,
and a health and an admin officer on duty every day.

CP-SAT over session × staff pairs that are allowed (available in the slot, may
lead the activity, cleared if external — H08, H09) plus daily duty (H11),
minimising S1 (workload balance), S5 (staff preference) and S7 (late-duty
fairness). A greedy assignment is given as a complete hint.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Mapping

from ortools.graph.python import min_cost_flow

from paipian.constraints import (
    h08_staff_willingness,
    h09_external_staff,
    h11_safety_staffing,
    s1_workload_balance,
    s5_staff_preference,
    s6_stability,
    s7_late_fairness,
)
from paipian.data import ProblemData, Staff
from paipian.model.phase_model import PhaseModel
from paipian.model.plans import PlannedSession
from paipian.model.vars import StaffVars
from paipian.resolve.previous import GroupKey, Previous

LEADERS = 10  # candidate leaders per session beyond the greedy's own choice
ASSISTANTS = 6


def _shortlist(
    s: PlannedSession, people: list[Staff], keep: set[str], first: set[str], k: int
) -> list[Staff]:
    """``keep`` and ``first`` (head teachers, listed staff), then a per-session
    shuffle of the rest, so different sessions offer different people."""

    def order(p: Staff) -> tuple[int, int]:
        top = 0 if p.id in keep or p.id in first else 1
        return (top, zlib.crc32(f"{s.index}:{p.id}".encode()))

    ranked = sorted(people, key=order)
    must = sum(1 for p in ranked if p.id in keep or p.id in first)
    return ranked[: max(must, k)]


def build_staff_model(
    data: ProblemData,
    sessions: list[PlannedSession],
    *,
    keep: dict[int, set[str]] | None = None,
    widen: int = 1,
    diagnose: bool = False,
    previous: Previous | None = None,
    keys: Mapping[int, GroupKey] | None = None,
) -> tuple[PhaseModel, StaffVars]:
    """Session × staff variables; with ``keep`` (the greedy's choices) each
    session's leaders and assistants are shortlisted, otherwise all are offered."""
    pm = PhaseModel(data, "staff", diagnose=diagnose)
    v = StaffVars()
    for s in sessions:
        act = data.activity_by_id[s.activity]
        leaders = h08_staff_willingness.candidate_leaders(data, act, s.slot)
        helpers = (
            h09_external_staff.candidate_assistants(data, s.slot)
            if any(p.is_external for p in leaders)
            else []
        )
        if keep is not None:
            mine = keep.get(s.index, set())
            heads = {data.class_by_id[c].head_teacher or "" for c in s.classes}
            leaders = _shortlist(
                s, leaders, mine, heads | set(act.staff), LEADERS * widen
            )
            helpers = _shortlist(s, helpers, mine, heads, ASSISTANTS * widen)
        for p in leaders:
            v.lead[(s.index, p.id)] = pm.model.new_bool_var(f"lead({s.index},{p.id})")
        if any(p.is_external for p in leaders):
            for p in helpers:
                v.assist[(s.index, p.id)] = pm.model.new_bool_var(
                    f"assist({s.index},{p.id})"
                )
    h08_staff_willingness.add(pm, v, sessions)
    h09_external_staff.add(pm, v, sessions)
    h11_safety_staffing.add(pm, v)
    # its staircase: a fresh solve's tie-break (a re-solve keeps leaders)
    balance = s1_workload_balance.add(pm, v, sessions, tie_break=previous is None)
    s5_staff_preference.add(pm, v, sessions)
    s7_late_fairness.add(pm, v, sessions)
    kept = s6_stability.add_staff(  # S6: previous staffing, must-leaders
        pm, v, sessions, keys or s6_stability.group_keys(data, sessions), previous
    )
    # Tie-breaks outside S1 and S6: the staircase in a fresh solve; in a re-solve
    # each group keeps last round's leader first (the staircase would trade
    # leaders between groups of one activity: a change S6 does not see).
    pm.set_objective(balance + kept)
    return pm, v


def greedy_staff(
    data: ProblemData, sessions: list[PlannedSession]
) -> tuple[dict[int, str], dict[int, str], list[PlannedSession]]:
    """Per slot, sessions with the fewest candidates first; each takes the free
    candidate furthest below their target (school teachers before externals,
    who also need a free teacher as 助教). Returns leaders, assistants, and the
    sessions left without a leader."""
    busy: set[tuple[str, str, str]] = set()
    count: dict[str, int] = defaultdict(int)
    load: dict[str, int] = defaultdict(int)
    lead_of: dict[int, str] = {}
    assist_of: dict[int, str] = {}
    unstaffed: list[PlannedSession] = []
    target = {
        p.id: round(p.target_per_week * 60) if p.target_per_week is not None else 0
        for p in data.staff
    }

    def free(p: Staff, s: PlannedSession) -> bool:
        return (s.day, s.block, p.id) not in busy and count[p.id] < p.max_per_week

    def take(p: Staff, s: PlannedSession, minutes: int) -> None:
        busy.add((s.day, s.block, p.id))
        count[p.id] += 1
        load[p.id] += minutes

    options = {
        s.index: h08_staff_willingness.candidate_leaders(
            data, data.activity_by_id[s.activity], s.slot
        )
        for s in sessions
    }
    for s in sorted(sessions, key=lambda s: (s.day, s.block, len(options[s.index]))):
        act = data.activity_by_id[s.activity]
        ranked = sorted(
            (p for p in options[s.index] if free(p, s)),
            key=lambda p: (p.is_external, load[p.id] - target[p.id], p.id),
        )
        done = False
        for person in ranked:
            helper = None
            if person.is_external:
                helper = next(
                    (
                        h
                        for h in sorted(
                            h09_external_staff.candidate_assistants(data, s.slot),
                            key=lambda h: (load[h.id] - target[h.id], h.id),
                        )
                        if h.id != person.id and free(h, s)
                    ),
                    None,
                )
                if helper is None:
                    continue
            take(person, s, data.lead_load(act, s.block))
            lead_of[s.index] = person.id
            if helper is not None:
                take(helper, s, data.assist_load(s.block))
                assist_of[s.index] = helper.id
            done = True
            break
        if not done:
            unstaffed.append(s)
    return lead_of, assist_of, unstaffed


def flow_staff(
    data: ProblemData, sessions: list[PlannedSession], *, rounds: int = 4
) -> tuple[dict[int, str], dict[int, str], list[PlannedSession]]:
    """``_flow_staff`` again without the externals of sessions that found no
    助教, so a school teacher leads those (a flow cannot see assistants)."""
    barred: set[tuple[int, str]] = set()
    best = _flow_staff(data, sessions, barred)
    for _ in range(rounds):
        unstaffed = best[2]
        short = [s.index for s in unstaffed]
        if not short:
            break
        barred |= {(si, p.id) for si in short for p in data.staff if p.is_external}
        again = _flow_staff(data, sessions, barred)
        if len(again[2]) >= len(unstaffed):
            break
        best = again
    return best


def _flow_staff(
    data: ProblemData,
    sessions: list[PlannedSession],
    barred: set[tuple[int, str]],
) -> tuple[dict[int, str], dict[int, str], list[PlannedSession]]:
    """Leaders for the whole week at once, as a min-cost max flow: session →
    (person, slot) → person → sink, one session per person and slot (H08),
    at most ``max_per_week`` each, each further session dearer so loads even
    out, externals dearer still (they need a 助教). Then a free teacher with
    weekly room left assists each external (H09). For when the slot-by-slot
    greedy leaves sessions out although the week has the people. Same
    returns as ``greedy_staff``."""
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = 0, 1
    nodes: dict[object, int] = {}

    def node(key: object) -> int:
        if key not in nodes:
            nodes[key] = len(nodes) + 2
        return nodes[key]

    session_arcs: dict[int, list[tuple[int, str]]] = defaultdict(list)
    people: set[str] = set()
    for s in sessions:
        act = data.activity_by_id[s.activity]
        sn = node(("session", s.index))
        flow.add_arc_with_capacity_and_unit_cost(source, sn, 1, 0)
        for p in h08_staff_willingness.candidate_leaders(data, act, s.slot):
            if (s.index, p.id) in barred:
                continue
            if (p.id, s.slot) not in nodes:  # one session per person and slot
                flow.add_arc_with_capacity_and_unit_cost(
                    node((p.id, s.slot)), node(p.id), 1, 0
                )
            arc = flow.add_arc_with_capacity_and_unit_cost(
                sn, node((p.id, s.slot)), 1, 1000 if p.is_external else 0
            )
            session_arcs[s.index].append((arc, p.id))
            people.add(p.id)
    for pid in sorted(people):
        person = data.staff_by_id[pid]
        for k in range(1, person.max_per_week + 1):
            flow.add_arc_with_capacity_and_unit_cost(node(pid), sink, 1, 10 * k)
    flow.set_node_supply(source, len(sessions))
    flow.set_node_supply(sink, -len(sessions))
    lead_of: dict[int, str] = {}
    if flow.solve_max_flow_with_min_cost() == flow.OPTIMAL:
        for si, arcs in session_arcs.items():
            for arc, pid in arcs:
                if flow.flow(arc):
                    lead_of[si] = pid
    count: dict[str, int] = defaultdict(int)
    busy: set[tuple[str, str, str]] = set()
    slot_of = {s.index: s for s in sessions}
    for si, pid in lead_of.items():
        count[pid] += 1
        busy.add((*slot_of[si].slot, pid))
    assist_of: dict[int, str] = {}
    for si in sorted(lead_of):
        if not data.staff_by_id[lead_of[si]].is_external:
            continue
        s = slot_of[si]
        helper = min(
            (
                h
                for h in h09_external_staff.candidate_assistants(data, s.slot)
                if (*s.slot, h.id) not in busy and count[h.id] < h.max_per_week
            ),
            key=lambda h: (count[h.id], h.id),
            default=None,
        )
        if helper is None:
            del lead_of[si]
            continue
        assist_of[si] = helper.id
        count[helper.id] += 1
        busy.add((*s.slot, helper.id))
    return lead_of, assist_of, [s for s in sessions if s.index not in lead_of]


def hint_staff(
    pm: PhaseModel,
    v: StaffVars,
    lead_of: dict[int, str],
    assist_of: dict[int, str],
    complete: bool,
) -> None:
    """Give the greedy staffing (and the first duty candidate) to CP-SAT."""
    for (si, pid), var in v.lead.items():
        pm.hint(var, lead_of.get(si) == pid)
    for (si, pid), var in v.assist.items():
        pm.hint(var, assist_of.get(si) == pid)
    first: dict[tuple[str, str], str] = {}
    for day, kind, pid in sorted(v.duty):
        first.setdefault((day, kind), pid)
    for (day, kind, pid), var in v.duty.items():
        pm.hint(var, first[(day, kind)] == pid)
    pm.hint_complete = complete
