"""The week-level rules of the aggregated model: H03, H05, H11.

Functions over an :class:`AggregateModel` whose slots are already built.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from paipian.data import Activity, Slot

if TYPE_CHECKING:
    from paipian.diagnosis.aggregate import AggregateModel


# ---- H11 ------------------------------------------------------------
def add_duty(agg: AggregateModel) -> None:
    """H11: a day with students and no health/admin person on duty
    throughout makes its guard false."""
    rules = agg.data.rules
    if not rules.enabled("H11"):
        return
    for day in agg.data.calendar.days:
        blocks = [b.id for b in agg.data.calendar.blocks if agg.f.present((day, b.id))]
        if not blocks:
            continue
        for kind, on in (
            ("health", rules.require_health_staff),
            ("admin", rules.require_admin_duty),
        ):
            ok = any(
                t.kind == kind and all(t.is_available(day, b) for b in blocks)
                for t in agg.data.staff
            )
            if on and not ok:
                agg.model.add_bool_or([agg.guard("H11", day=day).Not()])


# ---- H03 ------------------------------------------------------------
def add_daily_offer(agg: AggregateModel) -> None:
    """H03: per grade and day, a homework and a quality session that count for it."""
    if not agg.data.rules.enabled("H03"):
        return
    gwh = agg.data.rules.grades_without_homework
    for day in agg.data.calendar.days:
        for grade in agg.data.grades:
            g = grade.grade
            if not any(agg.f.grade_count[(day, b)][g] for b in grade.blocks):
                continue
            kinds = (["homework"] if g not in gwh else []) + ["quality"]
            for kind in kinds:
                terms = []
                for b in grade.blocks:
                    for aid, pools in agg.sessions.get((day, b), {}).items():
                        act = agg.data.activity_by_id[aid]
                        if act.is_homework if kind == "homework" else act.is_quality:
                            terms += [
                                k for key, k in pools if _counts_for(agg, act, key, g)
                            ]
                lit = agg.guard("H03", grade=g, day=day)
                agg._require(terms, ">=", 1, lit)


def _counts_for(agg: AggregateModel, act: Activity, key: object, grade: int) -> bool:
    if act.is_club or act.form not in ("admin_class", "grade_mixed"):
        return agg.f.open_to(act, grade)
    if act.form == "admin_class":
        return agg.data.class_by_id[str(key)].grade == grade
    return key == grade


# ---- H05 ------------------------------------------------------------
def add_weekly_quality(agg: AggregateModel) -> None:
    """Per grade and booking pattern P: quality places in P cover everyone
    whose bookings lie within P, ``min_quality_per_week`` times each."""
    rules = agg.data.rules
    if not rules.enabled("H05") or rules.min_quality_per_week <= 0:
        return
    mq = rules.min_quality_per_week
    patterns: dict[int, Counter[frozenset[Slot]]] = defaultdict(Counter)
    for st in agg.data.students:
        slots = frozenset(agg.data.present_slots(st))
        if slots:
            patterns[st.grade][slots] += 1
    seats: dict[tuple[Slot, int], cp_model.IntVar] = {}
    for (slot, grade), terms in agg._quality.items():
        total = agg.f.grade_count[slot][grade]
        q = agg.model.new_int_var(0, total, f"q[{slot[0]}.{slot[1]},{grade}]")
        agg.model.add(q == sum(terms))
        seats[(slot, grade)] = q
    for grade, pats in patterns.items():
        lit = agg.guard("H05", grade=grade)
        for pat in pats:
            count = sum(n for p, n in pats.items() if p <= pat)
            terms = [seats[(s, grade)] for s in pat if (s, grade) in seats]
            agg._require(terms, ">=", mq * count, lit)
