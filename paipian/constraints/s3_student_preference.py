"""S3 学生意愿 — clubs given by rank; a first choice is worth more than a second.

For a student with valid ranked clubs, points(rank) = 4, 2, 1, 1, … and
    S3 = Σ_students max(0, 4 − Σ_{clubs joined} points(rank))
so a first choice fully satisfies, and no two lower choices make up for one.
(docs/objective.md). Modelled exactly as shortfall_s = max(0, 4 − Σ points·member).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from paipian import catalogue
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import ClubVars

RULE = catalogue.rule("S3")

FULL = 4
# The clubs phase also counts each first choice it grants at this many
# points, outside S3 (docs/objective.md): under S3 alone, moving a child from
# their second choice up to their first and giving another child a second
# choice instead of nothing weigh the same, and the search gave fewer first
# choices than a hand-made timetable (nine_year_11: 1,223 against 1,248).
FIRST_CHOICE_BONUS = 2


def points(rank: int) -> int:
    """4 for a first choice, 2 for a second, 1 for any later one."""
    return {1: 4, 2: 2}.get(rank, 1)


def add(pm: PhaseModel, v: ClubVars) -> None:
    if pm.weight("S3") == 0:
        return
    joined: dict[str, list] = defaultdict(list)
    for (sid, cid), var in v.member.items():
        joined[sid].append((cid, var))
    for st in pm.data.students:
        ranked = pm.data.allowed_club_prefs(st)
        if not ranked:
            continue
        rank_of = {c.id: r for r, c in enumerate(ranked, start=1)}
        gained = sum(points(rank_of[cid]) * var for cid, var in joined.get(st.id, []))
        if not joined.get(st.id):
            pm.add_constant("S3", FULL)  # nothing they ranked can meet for them
            continue
        shortfall = pm.model.new_int_var(0, FULL, f"S3(student={st.id})")
        pm.model.add_max_equality(shortfall, [0, FULL - gained])
        pm.penalise("S3", f"S3(student={st.id})", shortfall)


def first_choice_bonus(pm: PhaseModel, v: ClubVars) -> list[tuple[int, Any]]:
    """The clubs phase's tie-break towards first choices, as ``set_objective``
    extra terms: −FIRST_CHOICE_BONUS points (at S3's weight) per first choice
    granted. Not part of S3, nor of the reported objective."""
    weight = pm.weight("S3")
    if weight == 0:
        return []
    firsts = [
        var
        for (sid, cid), var in v.member.items()
        if pm.data.allowed_club_prefs(pm.data.student_by_id[sid])[0].id == cid
    ]
    return [(-FIRST_CHOICE_BONUS * weight, sum(firsts))] if firsts else []
