"""H05 每周一项素质活动 — each student has ≥ min_quality_per_week quality sessions.

Club meetings of a quality category count; the rest comes from drop-ins. For a
student still short, a boolean per slot they can take a drop-in in says "here"
(Σ ≥ need), and per (slot, class) at least that many of the class's drop-in
places are in quality activities.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from paipian import catalogue
from paipian.data import Slot
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import DropInVars

if TYPE_CHECKING:
    from paipian.model.plans import ClubPlan

RULE = catalogue.rule("H05")


def club_quality_sessions(pm: PhaseModel, plan: ClubPlan) -> dict[str, int]:
    """Quality club meetings per student."""
    got: dict[str, int] = defaultdict(int)
    for cid, slots in plan.meetings.items():
        if pm.data.activity_by_id[cid].is_quality:
            for sid in plan.members[cid]:
                got[sid] += len(slots)
    return got


def add(
    pm: PhaseModel,
    v: DropInVars,
    plan: ClubPlan,
    residual: dict[tuple[Slot, str], list[str]],
) -> None:
    data = pm.data
    if not pm.enabled("H05"):
        return
    need_total = data.rules.min_quality_per_week
    from_clubs = club_quality_sessions(pm, plan)
    quality_counts: dict[tuple[Slot, str], list] = defaultdict(list)
    for (slot, k, aid), var in v.count.items():
        if data.activity_by_id[aid].is_quality:
            quality_counts[(slot, k)].append(var)
    options: dict[str, list[Slot]] = defaultdict(list)
    for (slot, k), ids in residual.items():
        if quality_counts.get((slot, k)):
            for sid in ids:
                options[sid].append(slot)
    takers: dict[tuple[Slot, str], list] = defaultdict(list)
    for st in data.students:
        if not data.present_slots(st):
            continue
        need = need_total - from_clubs.get(st.id, 0)
        if need <= 0:
            continue
        v.quality_need[st.id] = need
        flags = []
        for slot in options.get(st.id, []):
            q = pm.model.new_bool_var(f"quality({st.id},{slot[0]},{slot[1]})")
            v.quality_slot[(st.id, slot)] = q
            takers[(slot, st.class_id)].append(q)
            flags.append(q)
        pm.guard(
            pm.model.add(sum(flags) >= need) if flags else pm.model.add_bool_or([]),
            "H05",
            student=st.id,
        )
    for key, qs in takers.items():
        pm.model.add(sum(qs) <= sum(quality_counts[key]))
