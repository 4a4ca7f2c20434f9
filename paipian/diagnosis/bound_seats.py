"""S2's empty seats and S4 together: the week's seats, rooms and leaders as
a linear programme whose optimum no timetable can beat.

Per slot, every present student is in exactly one session (H01) of an
activity open to their grade (H12, H06); a session takes one room that may
hold it (H10) and seats at most ``min(room, activity maximum)``; it needs a
leader who may lead it (H08), who leads one session at a time and at most
``max_per_week`` in the week; a club meets at most once a slot and
``sessions_per_week`` times. Every timetable gives a solution of these
inequalities, in which

    empty seats (S2)  = Σ sessions' room seats − students present
    S4                = students in sessions that are not sports

so the programme's minimum of ``w2 × empty seats + w4 × S4`` is at most that
of any timetable. Rooms of equal seats that may hold the same activities,
and staff who may lead the same activities in the same slots, are counted
together (their weekly sessions pooled): a looser programme, still a bound.
Eligibility is read where the phases read it (``candidate_rooms``,
``candidate_leaders``).

What it cannot see — that a room is used whole (a fraction of a room seats
a fraction of a group), which class a group is, club members held together,
minimum group sizes — is why its S2 part is small: only a room larger than
an activity's largest group leaves seats empty here. S4's part is not: the
sports leaders' weeks and the rooms that may hold a sport keep students
from sport in every timetable.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from ortools.linear_solver import pywraplp

from paipian.constraints import h08_staff_willingness, h10_rooms
from paipian.data import Activity, ProblemData, Slot

Term = tuple[pywraplp.Variable, float]


def seats_and_sport_bound(data: ProblemData) -> int:
    """Weighted lower bound on ``w2 × S2 + w4 × S4`` over every timetable
    (0 when both weights are 0, or GLOP finds no optimum)."""
    w2, w4 = data.weights.of("S2"), data.weights.of("S4")
    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None or (w2 == 0 and w4 == 0):
        return 0
    inf = lp.infinity()
    leaders = _leader_pools(data)
    weekly: dict[int, list[Term]] = defaultdict(list)  # leader pool → sessions
    club_week: dict[str, list[Term]] = defaultdict(list)
    goal = lp.Objective()
    constant = 0  # − w2 × students present: empty seats are seats − students
    for slot in data.calendar.slots:
        present = Counter(st.grade for st in data.students_present(*slot))
        if not present:
            continue
        constant -= w2 * sum(present.values())
        rooms = _room_pools(data, slot)
        in_room: dict[int, list[Term]] = defaultdict(list)
        led_by: dict[int, list[Term]] = defaultdict(list)
        of_grade: dict[int, list[Term]] = defaultdict(list)
        for act in data.activities:
            grades = [
                g
                for g in act.grades
                if g in present and not data.homework_barred(g, act)
            ]
            fits = [i for i, (_, _, acts) in enumerate(rooms) if act.id in acts]
            pools = [
                i for i, (slots, _) in enumerate(leaders) if (act.id, slot) in slots
            ]
            if not grades or not fits or not pools:
                continue
            placed = [(i, lp.NumVar(0, rooms[i][1], "")) for i in fits]
            led = [(i, lp.NumVar(0, len(leaders[i][1]), "")) for i in pools]
            heads = [(g, lp.NumVar(0, present[g], "")) for g in grades]
            for i, x in placed:
                in_room[i].append((x, 1))
                goal.SetCoefficient(x, w2 * rooms[i][0])
            for i, y in led:
                led_by[i].append((y, 1))
                weekly[i].append((y, 1))
            for g, h in heads:
                of_grade[g].append((h, 1))
                if act.category != "sports":
                    goal.SetCoefficient(h, w4)
            # every session has a leader (H08)
            _row(lp, -inf, 0, [(x, 1) for _, x in placed] + [(y, -1) for _, y in led])
            # its students fit its seats (H10, H13)
            seats = [(x, -_seats(rooms[i][0], act)) for i, x in placed]
            _row(lp, -inf, 0, [(h, 1) for _, h in heads] + seats)
            if act.is_club:  # one meeting a slot (H12)
                _row(lp, -inf, 1, [(x, 1) for _, x in placed])
                club_week[act.id] += [(x, 1) for _, x in placed]
        for i, xs in in_room.items():  # one session a room (H10)
            _row(lp, -inf, rooms[i][1], xs)
        for i, ys in led_by.items():  # one session at a time (H08)
            _row(lp, -inf, len(leaders[i][1]), ys)
        for g, hs in of_grade.items():  # everyone in one session (H01)
            _row(lp, present[g], present[g], hs)
    for i, ys in weekly.items():  # max_per_week (H08)
        _row(lp, -inf, sum(p.max_per_week for p in leaders[i][1]), ys)
    for cid, xs in club_week.items():  # sessions_per_week (H12)
        _row(lp, -inf, data.activity_by_id[cid].sessions_per_week, xs)
    goal.SetMinimization()
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return 0
    value = goal.Value() + constant
    # a timetable's terms are integers ≥ the optimum: its ceiling, less
    # GLOP's own tolerance
    return max(0, math.ceil(value - 1e-6 * max(1.0, abs(value))))


def _row(lp: pywraplp.Solver, lo: float, hi: float, terms: Sequence[Term]) -> None:
    row = lp.Constraint(lo, hi)
    for var, coef in terms:
        row.SetCoefficient(var, coef)


def _seats(room_seats: int, act: Activity) -> int:
    return min(room_seats, act.capacity.max)


def _room_pools(data: ProblemData, slot: Slot) -> list[tuple[int, int, frozenset[str]]]:
    """Rooms open in ``slot`` as (seats, how many, activities they may hold)."""
    holds: dict[str, set[str]] = defaultdict(set)
    for act in data.activities:
        for r in h10_rooms.candidate_rooms(data, act, slot, 0):
            holds[r.id].add(act.id)
    pools = Counter(
        (data.room_by_id[rid].capacity, frozenset(acts)) for rid, acts in holds.items()
    )
    return [(seats, n, acts) for (seats, acts), n in pools.items()]


def _leader_pools(data: ProblemData) -> list[tuple[frozenset, list]]:
    """Staff as (the (activity, slot)s they may lead, the staff so placed)."""
    may: dict[str, set[tuple[str, Slot]]] = defaultdict(set)
    for slot in data.calendar.slots:
        for act in data.activities:
            for p in h08_staff_willingness.candidate_leaders(data, act, slot):
                may[p.id].add((act.id, slot))
    pools: dict[frozenset, list] = defaultdict(list)
    for pid, pairs in may.items():
        pools[frozenset(pairs)].append(data.staff_by_id[pid])
    return list(pools.items())
