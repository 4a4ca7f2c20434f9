"""Repairs for a core of the aggregated model, verified on the model itself.

For each rule instance of the core, candidate changes of growing size are
tried (one more room, two more staff, ...); the first one after which the
aggregated model of the changed data is feasible is the suggestion. The
quantity is therefore minimal among the candidates tried, and verified.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

from ortools.sat.python import cp_model

from paipian.data import ProblemData
from paipian.diagnosis.aggregate import AggregateModel, Guard
from paipian.diagnosis.core import check
from paipian.diagnosis.facts import Facts
from paipian.diagnosis.necessary import _seat_repairs, slot_activities
from paipian.diagnosis.necessary_offers import check_daily_offer
from paipian.diagnosis.offers import offer_slot
from paipian.diagnosis.repair import Repair, apply_suggestion, make_repair


def feasible(data: ProblemData, limit: float, workers: int = 2) -> bool | None:
    """Whether the aggregated model of ``data`` has a solution (None: unknown)."""
    agg = AggregateModel(data)
    status = check(agg, agg.guards, limit, workers)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    return False if status == cp_model.INFEASIBLE else None


def candidates(f: Facts, guard: Guard, lang: str) -> Iterator[list[Repair]]:
    """Changes that would lift ``guard``'s rule instance, smallest first."""
    p = guard.place
    rule = guard.rule
    if "block" in p:
        slot = (p["day"], p["block"])
        grades = set(f.grade_count[slot])
        if rule in ("H01", "H10", "H14"):
            acts = slot_activities(f, slot, grades)
            for k in (1, 2, 3, 5, 8):
                yield _seat_repairs(f, slot, acts, 45 * k, rule == "H14", lang)
        if rule in ("H08", "H09", "H01"):
            acts = slot_activities(f, slot, grades)
            spare = [
                t
                for t in f.workers
                if not f.works(t, slot)
                and (
                    (rule == "H09" and t.kind == "teacher")
                    or any(f.may_lead(a, t) for a in acts)
                )
            ]
            spare.sort(key=lambda t: (t.kind != "teacher", -t.max_per_week, t.id))
            for k in (1, 2, 3, 5, 8):
                if k <= len(spare):
                    yield [offer_slot(f, spare[:k], slot, lang)]
    if rule == "H08" and "staff" in p:
        ids = p["staff"].split(";")
        person = f.data.staff_by_id[ids[0]]
        for extra in (1, 2, 3):
            value = person.max_per_week + extra
            yield [
                make_repair(
                    "raise_max_per_week",
                    {"staff": person.id},
                    f"把 {f.staff_zh(person)} 的每周上限"
                    f"从 {person.max_per_week} 提高到 {value}",
                    f"raise {person.id}'s weekly limit "
                    f"from {person.max_per_week} to {value}",
                    lang,
                    staff=ids,
                    value=value,
                )
            ]
    if rule in ("H13", "H12") and "activity" in p:
        act = f.data.activity_by_id[p["activity"]]
        if act.required:
            yield [
                make_repair(
                    "drop_required",
                    {"activity": act.id},
                    f"取消{f.act_zh(act)}的“必开”设置",
                    f"make {act.id} not required",
                    lang,
                    activity=act.id,
                )
            ]
        for low in sorted({max(1, act.capacity.min // 2), 1}, reverse=True):
            if low < act.capacity.min:
                yield [
                    make_repair(
                        "relax_capacity",
                        {"activity": act.id},
                        f"把{f.act_zh(act)}的最少开班人数"
                        f"从 {act.capacity.min} 降到 {low}",
                        f"lower the minimum group size of {act.id} to {low}",
                        lang,
                        activity=act.id,
                        min=low,
                    )
                ]
    if rule == "H03":
        for finding in check_daily_offer(f, lang):
            if dict(finding.core[0].where) == p and finding.suggestions:
                yield list(finding.suggestions)


def repair_core(
    data: ProblemData,
    f: Facts,
    core: tuple[Guard, ...],
    lang: str,
    budget: float,
    workers: int = 2,
) -> tuple[list[Repair], bool]:
    """The first verified repair over the core's instances (and whether verified)."""
    start = time.monotonic()
    first: list[Repair] = []
    for guard in core:
        for repairs in candidates(f, guard, lang):
            if not repairs:
                continue
            first = first or repairs
            left = budget - (time.monotonic() - start)
            if left <= 0.1:
                return _unverified(first, lang), False
            changed = data
            for rep in repairs:
                changed = apply_suggestion(changed, rep)
            if feasible(changed, left, workers) is True:
                return repairs, True
    return _unverified(first, lang), False


def _unverified(repairs: list[Repair], lang: str) -> list[Repair]:
    """Mark suggestions whose effect could not be verified in time."""
    zh, en = (
        "（尚未验证此项修改能消除全部冲突）",
        " (not verified to remove every conflict)",
    )
    return [
        replace(
            r,
            detail=r.detail + (en if lang == "en" else zh),
            detail_en=r.detail_en + en,
        )
        for r in repairs
    ]
