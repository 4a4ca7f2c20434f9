"""H01 愿留尽留 — every present student is in exactly one session per slot.

Clubs phase: a student joins at most one club meeting in any slot
(``add_club_conflicts``). Drop-in phase: the students of a class present in a
slot and not in a club meeting are all placed, each in one drop-in
(``add_dropin_coverage``: Σ_activities count = residual).
"""

from __future__ import annotations

from collections import defaultdict

from paipian import catalogue
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import ClubVars, DropInVars

RULE = catalogue.rule("H01")


def add_club_conflicts(pm: PhaseModel, v: ClubVars) -> None:
    """Σ_{clubs meeting in t} member[s, c] ≤ 1 for every student s and slot t."""
    by_student_slot: dict[tuple[str, tuple[str, str]], list] = defaultdict(list)
    for (sid, cid), var in v.member.items():
        for slot in v.meetings.get(cid, ()):
            by_student_slot[(sid, slot)].append(var)
    for (sid, (day, block)), members in by_student_slot.items():
        if len(members) > 1:
            pm.guard(
                pm.model.add_at_most_one(members),
                "H01",
                student=sid,
                day=day,
                block=block,
            )


def add_dropin_coverage(pm: PhaseModel, v: DropInVars) -> None:
    """Σ_a count[t, k, a] = residual[t, k] for every slot t and class k."""
    by_class_slot: dict[tuple[tuple[str, str], str], list] = defaultdict(list)
    for (slot, class_id, _), var in v.count.items():
        by_class_slot[(slot, class_id)].append(var)
    for (slot, class_id), residual in v.residual.items():
        counts = by_class_slot.get((slot, class_id), [])
        pm.guard(
            pm.model.add(sum(counts) == residual),
            "H01",
            day=slot[0],
            block=slot[1],
            **{"class": class_id},
        )
