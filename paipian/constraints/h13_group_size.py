"""H13 开班人数 — every session holds capacity.min … capacity.max students.

Clubs: min·open ≤ members ≤ max·open. Drop-ins: a (slot, pool, activity) with
n sessions holds between n·min and n·max students, split evenly afterwards
(an even split of H students into n groups stays within [min, max]).
"""

from __future__ import annotations

from collections import defaultdict

from paipian import catalogue
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import ClubVars, DropInVars

RULE = catalogue.rule("H13")


def add_clubs(pm: PhaseModel, v: ClubVars) -> None:
    members: dict[str, list] = defaultdict(list)
    for (_, cid), var in v.member.items():
        members[cid].append(var)
    for club in pm.data.clubs:
        runs = v.open[club.id]
        size = sum(members[club.id])
        cap = club.capacity
        pm.model.add(size <= cap.max * runs)  # an absent club holds nobody
        if pm.enabled("H13"):
            pm.guard(pm.model.add(size >= cap.min * runs), "H13", activity=club.id)
        else:
            pm.model.add(size >= runs)


def add_dropins(pm: PhaseModel, v: DropInVars) -> None:
    for (slot, pool, aid), n_sessions in v.sessions.items():
        act = pm.data.activity_by_id[aid]
        head = sum(v.count[(slot, k, aid)] for k in v.pool_members[(slot, pool, aid)])
        pm.model.add(head <= act.capacity.max * n_sessions)
        lower = act.capacity.min if pm.enabled("H13") else 1
        pm.guard(
            pm.model.add(head >= lower * n_sessions),
            "H13",
            day=slot[0],
            block=slot[1],
            activity=aid,
        )
