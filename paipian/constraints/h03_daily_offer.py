"""H03 每日双开 — every day, every grade with students is offered homework and quality.

A homework (homework/qa) session unless the grade is in
``grades_without_homework``, and a quality session, on every service day the
grade has present students, in a block the grade takes part in, of an activity
open to the grade. An admin_class/grade_mixed session counts only for its own
students' grade; a school-wide session counts for every grade it admits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from paipian import catalogue
from paipian.data import Activity, ProblemData
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import DropInVars

if TYPE_CHECKING:
    from paipian.model.plans import ClubPlan

RULE = catalogue.rule("H03")


def _is_quality(act: Activity) -> bool:
    return act.is_quality


def _is_homework(act: Activity) -> bool:
    return act.is_homework


def _wanted(data: ProblemData, grade: int) -> list[tuple[str, object]]:
    kinds: list[tuple[str, object]] = [("quality", _is_quality)]
    if grade not in data.rules.grades_without_homework:
        kinds.insert(0, ("homework", _is_homework))
    return kinds


def _club_offers(
    data: ProblemData, plan: ClubPlan, day: str, grade: int, test: object
) -> bool:
    blocks = set(data.grade_blocks(grade))
    for cid, slots in plan.meetings.items():
        club = data.activity_by_id[cid]
        if not test(club) or grade not in club.grades:  # type: ignore[operator]
            continue
        if not any(d == day and b in blocks for d, b in slots):
            continue
        if club.form in ("admin_class", "grade_mixed"):
            members = plan.members[cid]
            if not any(data.student_by_id[s].grade == grade for s in members):
                continue
        return True
    return False


def add(pm: PhaseModel, v: DropInVars, plan: ClubPlan) -> None:
    """Σ offers(day, grade, kind) ≥ 1 for every day, grade with students, kind."""
    data = pm.data
    if not pm.enabled("H03"):
        return
    for day in data.calendar.days:
        for g in data.grades:
            if not any(
                data.students_present(day, b)
                and any(s.grade == g.grade for s in data.students_present(day, b))
                for b in g.blocks
            ):
                continue
            for kind, test in _wanted(data, g.grade):
                if _club_offers(data, plan, day, g.grade, test):
                    continue
                offers = []
                for (slot, k, aid), var in v.count.items():
                    act = data.activity_by_id[aid]
                    if (
                        slot[0] == day
                        and test(act)  # type: ignore[operator]
                        and act.form in ("admin_class", "grade_mixed")
                        and data.class_by_id[k].grade == g.grade
                    ):
                        offers.append(var)
                for (slot, pool, aid), var in v.sessions.items():
                    act = data.activity_by_id[aid]
                    if (
                        slot[0] == day
                        and pool.kind == "school"
                        and test(act)  # type: ignore[operator]
                        and g.grade in act.grades
                        and slot[1] in g.blocks
                    ):
                        offers.append(var)
                pm.guard(
                    pm.model.add(sum(offers) >= 1)
                    if offers
                    else pm.model.add_bool_or([]),
                    "H03",
                    day=day,
                    grade=g.grade,
                    kind=kind,
                )
