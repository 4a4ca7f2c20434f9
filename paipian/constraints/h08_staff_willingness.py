"""H08 教师意愿 — staff work only when they offered, only what they may lead,
one session at a time, within their weekly maximum; every session has a leader;
health and admin staff never lead or assist.

Variables exist only for (session, staff) pairs where the staff member offered
the slot and may lead the activity (``candidate_leaders``; health/admin are
never candidates). ``add``: exactly one leader per session; per staff and slot
at most one session (leading or assisting); per staff ≤ ``max_per_week``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from paipian import catalogue
from paipian.data import Activity, ProblemData, Slot, Staff
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import StaffVars

if TYPE_CHECKING:
    from paipian.model.plans import PlannedSession

RULE = catalogue.rule("H08")


def candidate_leaders(data: ProblemData, act: Activity, slot: Slot) -> list[Staff]:
    """Who may lead ``act`` in ``slot``: the one answer every phase, heuristic
    and check uses (asked thousands of times on a large school, so kept)."""
    found = data.recall(
        ("H08 leaders", act.id, slot),
        lambda: tuple(
            p
            for p in data.schedulable_staff()
            if act.may_lead(p) and p.is_available(*slot) and p.max_per_week > 0
        ),
    )
    return list(found)


def add(pm: PhaseModel, v: StaffVars, sessions: list[PlannedSession]) -> None:
    slot_of = {s.index: s.slot for s in sessions}
    leads: dict[int, list] = defaultdict(list)
    busy: dict[tuple[str, Slot], list] = defaultdict(list)
    week: dict[str, list] = defaultdict(list)
    for (si, pid), var in v.lead.items():
        leads[si].append(var)
        busy[(pid, slot_of[si])].append(var)
        week[pid].append(var)
    for (si, pid), var in v.assist.items():
        busy[(pid, slot_of[si])].append(var)
        week[pid].append(var)
    for s in sessions:
        pm.guard(
            pm.model.add_exactly_one(leads[s.index]),
            "H08",
            day=s.day,
            block=s.block,
            activity=s.activity,
            session=s.index,
        )
    for (pid, (day, block)), works in busy.items():
        if len(works) > 1:
            pm.guard(
                pm.model.add_at_most_one(works), "H08", staff=pid, day=day, block=block
            )
    for pid, works in week.items():
        cap = pm.data.staff_by_id[pid].max_per_week
        if len(works) > cap:
            pm.guard(pm.model.add(sum(works) <= cap), "H08", staff=pid)
