"""Drop-in groups staffed per (slot, activity), inside the drop-in plan.

Who may lead a session, and who may assist an external leading it, depends
only on its activity and slot (H08, H09), so the groups of one (slot,
activity) are interchangeable for the staff. The drop-in plan therefore
decides, per (slot, activity), which staff lead its groups — as many leaders
as groups, club meetings included — and per slot which teachers assist the
externals among them: one session per person and slot, ``max_per_week`` per
person over the week. This is exact for H08 and H09: every plan can be
staffed, and the staff phase starts from a complete staffing and balances it.

``deal_staff`` hands each planned session its leader (and 助教).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from paipian.constraints import h08_staff_willingness, h09_external_staff
from paipian.data import ProblemData, Slot
from paipian.model.phase_model import PhaseModel
from paipian.model.plans import ClubPlan, PlannedSession
from paipian.model.vars import DropInVars


def add_pair_staffing(pm: PhaseModel, v: DropInVars, plan: ClubPlan) -> None:
    """Leaders per (slot, activity) equal its sessions; a 助教 per external
    leader; one session per person and slot; ``max_per_week`` per person."""
    data = pm.data
    sv = v.staffing
    sessions: dict[tuple[Slot, str], Any] = {}
    for (slot, _, aid), n in v.sessions.items():
        sessions[(slot, aid)] = sessions.get((slot, aid), 0) + n
    for cid, slots in plan.meetings.items():
        for t in slots:
            sessions[(t, cid)] = sessions.get((t, cid), 0) + 1
    busy: dict[tuple[str, Slot], list] = defaultdict(list)
    week: dict[str, list] = defaultdict(list)
    external: dict[Slot, list] = defaultdict(list)
    for (slot, aid), count in sorted(sessions.items(), key=lambda kv: kv[0]):
        act = data.activity_by_id[aid]
        leads = []
        for p in h08_staff_willingness.candidate_leaders(data, act, slot):
            y = pm.model.new_bool_var(f"leads({slot},{aid},{p.id})")
            sv.lead[(slot, aid, p.id)] = y
            leads.append(y)
            busy[(p.id, slot)].append(y)
            week[p.id].append(y)
            if p.is_external:
                external[slot].append(y)
        pm.model.add(sum(leads) == count)
    for slot, ext in sorted(external.items()):
        helps = []
        for helper in h09_external_staff.candidate_assistants(data, slot):
            z = pm.model.new_bool_var(f"assists({slot},{helper.id})")
            sv.assist[(slot, helper.id)] = z
            helps.append(z)
            busy[(helper.id, slot)].append(z)
            week[helper.id].append(z)
        pm.model.add(sum(helps) == sum(ext))
    for uses in busy.values():
        if len(uses) > 1:
            pm.model.add_at_most_one(uses)
    for pid, uses in week.items():
        most = data.staff_by_id[pid].max_per_week
        if len(uses) > most:
            pm.model.add(sum(uses) <= most)


def deal_staff(
    data: ProblemData, v: DropInVars, value: Any, sessions: list[PlannedSession]
) -> tuple[dict[int, str], dict[int, str]] | None:
    """Each session's leader (and 助教 when the leader is external) as the
    plan staffed its (slot, activity). None when the plan has no staffing."""
    sv = v.staffing
    if not sv.lead:
        return None
    leaders: dict[tuple[Slot, str], list[str]] = defaultdict(list)
    for (slot, aid, pid), y in sorted(sv.lead.items()):
        if value(y):
            leaders[(slot, aid)].append(pid)
    helpers: dict[Slot, list[str]] = defaultdict(list)
    for (slot, pid), z in sorted(sv.assist.items()):
        if value(z):
            helpers[slot].append(pid)
    lead_of: dict[int, str] = {}
    assist_of: dict[int, str] = {}
    for s in sessions:
        free = leaders[(s.slot, s.activity)]
        if not free:
            return None
        pid = free.pop(0)
        lead_of[s.index] = pid
        if data.staff_by_id[pid].is_external:
            if not helpers[s.slot]:
                return None
            assist_of[s.index] = helpers[s.slot].pop(0)
    return lead_of, assist_of
