"""From phase decisions to the Solution of FORMAT.md (session ids, rooms, staff)."""

from __future__ import annotations

from paipian.data import ProblemData
from paipian.model.plans import ClubPlan, PlannedSession, in_written_order
from paipian.solution import Duty, Objective, Session, Solution


def club_sessions(data: ProblemData, plan: ClubPlan) -> list[PlannedSession]:
    """One session per meeting of each running club, all members in each."""
    sessions: list[PlannedSession] = []
    for cid in sorted(plan.meetings):
        members = plan.members[cid]
        classes = tuple(sorted({data.student_by_id[s].class_id for s in members}))
        for day, block in plan.meetings[cid]:
            sessions.append(
                PlannedSession(len(sessions), day, block, cid, members, classes)
            )
    return sessions


def build_solution(
    data: ProblemData,
    sessions: list[PlannedSession],
    *,
    rooms: dict[int, str],
    backups: dict[int, str],
    leads: dict[int, str],
    assists: dict[int, str],
    duty: list[tuple[str, str, str]],
    closed: list[str],
    objective: Objective,
    seconds: float,
) -> Solution:
    """Sessions sorted by day, block, activity; ids ``mon-B1-HW-3``."""
    ordered = in_written_order(data, sessions)
    day_pos = {d: i for i, d in enumerate(data.calendar.days)}  # duty rows too
    counters: dict[tuple[str, str, str], int] = {}
    out = []
    for s in ordered:
        key = (s.day, s.block, s.activity)
        counters[key] = counters.get(key, 0) + 1
        out.append(
            Session(
                id=f"{s.day}-{s.block}-{s.activity}-{counters[key]}",
                day=s.day,
                block=s.block,
                activity=s.activity,
                room=rooms[s.index],
                staff=(leads[s.index],),
                students=tuple(sorted(s.students)),
                assistant=assists.get(s.index),
                backup_room=backups.get(s.index),
            )
        )
    duties = tuple(
        Duty(day, kind, pid)
        for day, kind, pid in sorted(duty, key=lambda d: (day_pos[d[0]], d[1], d[2]))
    )
    return Solution(
        instance=data.name,
        status="FEASIBLE",
        sessions=tuple(out),
        closed_clubs=tuple(sorted(closed)),
        duty=duties,
        objective=objective,
        solve_seconds=round(seconds, 3),
    )
