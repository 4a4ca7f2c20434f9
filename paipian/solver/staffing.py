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
    s1_workload_balance.add(pm, v, sessions)
    s5_staff_preference.add(pm, v, sessions)
    s7_late_fairness.add(pm, v, sessions)
    s6_stability.add_staff(  # S6: previous staffing, must-leaders
        pm, v, sessions, keys or s6_stability.group_keys(data, sessions), previous
    )
    pm.set_objective()
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
