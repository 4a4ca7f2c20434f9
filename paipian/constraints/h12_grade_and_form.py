"""H12 年级与形式 — grades and forms; a running club meets fully and with all members.

Grades: clubs take only students whose grade it admits (``allowed_club_prefs``);
drop-in counts exist only for classes of admitted grades; admin_class sessions
are pooled per class and grade_mixed per grade (``paipian.solver.dropins``).
Clubs: ``add_clubs`` — a member implies the club runs; a ``required`` club
runs. Meeting exactly ``sessions_per_week`` times with the same members is how
the clubs phase lays sessions out (one meeting per chosen slot).
"""

from __future__ import annotations

from paipian import catalogue
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import ClubVars

RULE = catalogue.rule("H12")


def add_clubs(pm: PhaseModel, v: ClubVars) -> None:
    """member[s, c] ⇒ open[c]; required c ⇒ open[c]; no meetings ⇒ closed."""
    for (_, cid), var in v.member.items():
        pm.model.add_implication(var, v.open[cid])
    for club in pm.data.clubs:
        runs = v.open[club.id]
        if not v.meetings.get(club.id):
            pm.model.add(runs == 0)
        if club.required and pm.enabled("H12"):
            pm.guard(pm.model.add(runs == 1), "H12", activity=club.id)
