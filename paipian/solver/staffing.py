"""Phase 4 — staff: a leader for every session, a 助教 where an external leads,
and a health and an admin officer on duty every day.

CP-SAT over session × staff pairs that are allowed (available in the slot, may
lead the activity, cleared if external — H08, H09) plus daily duty (H11),
minimising S1 (workload balance), S5 (staff preference) and S7 (late-duty
fairness). A greedy assignment is given as a complete hint.
"""

from __future__ import annotations

from collections import defaultdict

from paipian.constraints import (
    h08_staff_willingness,
    h09_external_staff,
    h11_safety_staffing,
    s1_workload_balance,
    s5_staff_preference,
    s7_late_fairness,
)
from paipian.data import ProblemData
from paipian.solver.dropins import PlannedSession
from paipian.solver.phase_model import PhaseModel
from paipian.solver.vars import StaffVars


def build_staff_model(
    data: ProblemData, sessions: list[PlannedSession], *, diagnose: bool = False
) -> tuple[PhaseModel, StaffVars]:
    pm = PhaseModel(data, "staff", diagnose=diagnose)
    v = StaffVars()
    for s in sessions:
        act = data.activity_by_id[s.activity]
        leaders = h08_staff_willingness.candidate_leaders(data, act, s.slot)
        for p in leaders:
            v.lead[(s.index, p.id)] = pm.model.new_bool_var(f"lead({s.index},{p.id})")
        if any(p.is_external for p in leaders):
            for p in h09_external_staff.candidate_assistants(data, s.slot):
                v.assist[(s.index, p.id)] = pm.model.new_bool_var(
                    f"assist({s.index},{p.id})"
                )
    h08_staff_willingness.add(pm, v, sessions)
    h09_external_staff.add(pm, v, sessions)
    h11_safety_staffing.add(pm, v)
    s1_workload_balance.add(pm, v, sessions)
    s5_staff_preference.add(pm, v, sessions)
    s7_late_fairness.add(pm, v, sessions)
    pm.set_objective()
    return pm, v


def hint_staff(
    pm: PhaseModel, v: StaffVars, data: ProblemData, sessions: list[PlannedSession]
) -> bool:
    """Greedy: per slot, sessions with the fewest candidates first; each takes the
    least-loaded free candidate (school teachers before externals). Returns
    whether every session got a leader (and 助教 where needed)."""
    leaders: dict[int, list[str]] = defaultdict(list)
    for si, pid in v.lead:
        leaders[si].append(pid)
    helpers: dict[int, list[str]] = defaultdict(list)
    for si, pid in v.assist:
        helpers[si].append(pid)
    busy: set[tuple[str, str, str]] = set()
    count: dict[str, int] = defaultdict(int)
    load: dict[str, int] = defaultdict(int)
    lead_of: dict[int, str] = {}
    assist_of: dict[int, str] = {}
    complete = True

    def free(pid: str, s: PlannedSession) -> bool:
        return (s.day, s.block, pid) not in busy and count[pid] < data.staff_by_id[
            pid
        ].max_per_week

    def take(pid: str, s: PlannedSession, minutes: int) -> None:
        busy.add((s.day, s.block, pid))
        count[pid] += 1
        load[pid] += minutes

    for s in sorted(sessions, key=lambda s: (s.day, s.block, len(leaders[s.index]))):
        act = data.activity_by_id[s.activity]
        options = sorted(
            (p for p in leaders[s.index] if free(p, s)),
            key=lambda p: (data.staff_by_id[p].is_external, load[p], p),
        )
        done = False
        for pid in options:
            person = data.staff_by_id[pid]
            helper = None
            if person.is_external:
                helper = next(
                    (
                        h
                        for h in sorted(helpers[s.index], key=lambda h: (load[h], h))
                        if h != pid and free(h, s)
                    ),
                    None,
                )
                if helper is None:
                    continue
            take(pid, s, data.lead_load(act, s.block))
            lead_of[s.index] = pid
            if helper is not None:
                take(helper, s, data.assist_load(s.block))
                assist_of[s.index] = helper
            done = True
            break
        complete &= done
    for (si, pid), var in v.lead.items():
        pm.model.add_hint(var, lead_of.get(si) == pid)
    for (si, pid), var in v.assist.items():
        pm.model.add_hint(var, assist_of.get(si) == pid)
    return complete
