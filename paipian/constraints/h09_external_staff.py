"""H09 校外人员 — externals only when cleared, and always with a school 助教.

An external (retired teacher, professional, volunteer, institution) is a
candidate only with a verified qualification, a passed background check and a
qualification valid through ``term.end`` (``Staff.external_cleared``). Every
session an external leads has exactly one assistant of kind teacher who offered
that slot; the assistant is then busy there (H08 counts assisting).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from paipian import catalogue
from paipian.constraints import h08_staff_willingness
from paipian.data import Activity, ProblemData, Slot, Staff
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import StaffVars

if TYPE_CHECKING:
    from paipian.model.plans import PlannedSession

RULE = catalogue.rule("H09")


def candidate_assistants(data: ProblemData, slot: Slot) -> list[Staff]:
    return [
        p
        for p in data.staff
        if p.kind == "teacher" and p.is_available(*slot) and p.max_per_week > 0
    ]


def candidate_servers(data: ProblemData, act: Activity, slot: Slot) -> list[Staff]:
    """The school staff a session of ``act`` in ``slot`` takes one of: its
    leader when that is school staff, else the teacher who assists the
    external leading it. (Each session takes exactly one.)"""
    leaders = h08_staff_willingness.candidate_leaders(data, act, slot)
    out = {p.id: p for p in leaders if not p.is_external}
    if any(p.is_external for p in leaders):
        out.update((p.id, p) for p in candidate_assistants(data, slot))
    return sorted(out.values(), key=lambda p: p.id)


def add(pm: PhaseModel, v: StaffVars, sessions: list[PlannedSession]) -> None:
    """Σ assist[s, ·] = Σ_{external p} lead[s, p] (one 助教 exactly when needed)."""
    data = pm.data
    external_leads: dict[int, list] = defaultdict(list)
    for (si, pid), var in v.lead.items():
        if data.staff_by_id[pid].is_external:
            external_leads[si].append(var)
    assists: dict[int, list] = defaultdict(list)
    for (si, _), var in v.assist.items():
        assists[si].append(var)
    for s in sessions:
        if not external_leads.get(s.index):
            continue
        pm.guard(
            pm.model.add(sum(assists[s.index]) == sum(external_leads[s.index])),
            "H09",
            day=s.day,
            block=s.block,
            activity=s.activity,
            session=s.index,
        )
