"""S2's empty seats and S4 together: the week's seats, rooms and leaders as
a linear programme whose optimum no timetable can beat.

Per slot, every present student is in exactly one session (H01) of an
activity open to their grade (H12, H06); a session takes one room that may
hold it (H10) and seats at most ``min(room, activity maximum)``; it needs a
leader who may lead it (H08), who leads one session at a time and at most
``max_per_week`` in the week; a club meets at most once a slot and
``sessions_per_week`` times; a session holds at least its activity's minimum
(H13); a group of an ``admin_class`` activity holds one class — at most
that class's present students, so a late block's small classes leave seats
empty (H12); a class's or a grade's homework group holds one grade, and each
grade outside ``grades_without_homework`` has a homework session that counts
for it every day it is present (H03). Every timetable gives a solution of these
inequalities, in which

    empty seats (S2)  = Σ sessions' room seats − students present
    S4                = students in sessions that are not sports

so the programme's minimum of ``w2 × empty seats + w4 × S4`` is at most that
of any timetable. S2's other parts are there too: a session of an activity
asking no tag costs 60 more in a special room, and each facility-day S2
wants used has a session in a room of its kind or costs 60. Rooms of equal
seats that may hold the same activities, and staff who may lead the same
activities in the same slots, are counted together (their weekly sessions
pooled): a looser programme, still a bound.
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
from typing import NamedTuple

from ortools.linear_solver import pywraplp

from paipian.constraints import (
    h08_staff_willingness,
    h10_rooms,
    s2_room_utilisation,
    s3_student_preference,
)
from paipian.data import Activity, ProblemData, Slot

Term = tuple[pywraplp.Variable, float]


def seats_and_sport_bound(data: ProblemData, *, wishes: bool = False) -> int:
    """Weighted lower bound on ``w2 × S2 + w4 × S4`` over every timetable —
    with ``wishes``, on ``w2 × S2 + w3 × S3 + w4 × S4``: club members are
    then the students' (``membership``), and a club's heads over the week
    are at least those members at every meeting (H12), so a wish granted in
    a club that is not a sport costs S4 too. 0 when the weights are 0, or GLOP
    finds no optimum."""
    w2, w4 = data.weights.of("S2"), data.weights.of("S4")
    w3 = data.weights.of("S3") if wishes else 0
    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None or (w2 == 0 and w3 == 0 and w4 == 0):
        return 0
    inf = lp.infinity()
    leaders = _leader_pools(data)
    weekly: dict[int, list[Term]] = defaultdict(list)  # leader pool → sessions
    club_week: dict[str, list[Term]] = defaultdict(list)
    goal = lp.Objective()
    constant = 0  # − w2 × students present: empty seats are seats − students
    offered: dict[tuple[str, int], list[Term]] = defaultdict(list)  # H03
    attending: dict[str, list[Term]] = defaultdict(list)  # club → its heads
    opened: dict[tuple[str, str], list[Term]] = defaultdict(list)  # (day, kind)
    for slot in data.calendar.slots:
        present = Counter(st.grade for st in data.students_present(*slot))
        if not present:
            continue
        constant -= w2 * sum(present.values())
        classes = Counter(st.class_id for st in data.students_present(*slot))
        rooms = _room_pools(data, slot)
        in_room: dict[int, list[Term]] = defaultdict(list)
        led_by: dict[int, list[Term]] = defaultdict(list)
        of_grade: dict[int, list[Term]] = defaultdict(list)
        of_class: dict[str, list[Term]] = defaultdict(list)
        for act in data.activities:
            grades = [
                g
                for g in act.grades
                if g in present and not data.homework_barred(g, act)
            ]
            fits = [i for i, pool in enumerate(rooms) if act.id in pool.acts]
            pools = [
                i for i, (slots, _) in enumerate(leaders) if (act.id, slot) in slots
            ]
            if not grades or not fits or not pools:
                continue
            owners = _owners(data, act, grades, present, classes)
            by_owner = {
                owner: [(i, lp.NumVar(0, rooms[i].number, "")) for i in fits]
                for owner in owners
            }
            placed = [p for group in by_owner.values() for p in group]
            led = [(i, lp.NumVar(0, len(leaders[i][1]), "")) for i in pools]
            # heads per class where a session holds one class, else per grade:
            # (grade, class or None, variable)
            heads: list[tuple[int, str | None, pywraplp.Variable]]
            if act.form == "admin_class":
                heads = [
                    (g, c, lp.NumVar(0, most, ""))
                    for g, c, most in owners
                    if g is not None and c is not None
                ]
                for _, c, h in heads:
                    of_class[str(c)].append((h, 1))
            else:
                heads = [(g, None, lp.NumVar(0, present[g], "")) for g in grades]
            for i, x in placed:
                in_room[i].append((x, 1))
                opened[(slot[0], rooms[i].kind)].append((x, 1))
                cost = s2_room_utilisation.room_cost(rooms[i].kind, rooms[i].seats, act)
                goal.SetCoefficient(x, w2 * cost)
            for i, y in led:
                led_by[i].append((y, 1))
                weekly[i].append((y, 1))
            for g, _, h in heads:
                of_grade[g].append((h, 1))
                if act.is_club:
                    attending[act.id].append((h, 1))
                if act.category != "sports":
                    goal.SetCoefficient(h, w4)
            # every session has a leader (H08)
            _row(lp, -inf, 0, [(x, 1) for _, x in placed] + [(y, -1) for _, y in led])
            # its students fit its seats (H10, H13) — at most its class's
            # present students where it holds one class (H12) — and are at
            # least its minimum (H13)
            for owner in owners:
                mine = [(h, 1) for g, c, h in heads if owner.holds(g, c)]
                group = by_owner[owner]
                seats = [
                    (x, -min(rooms[i].seats, act.capacity.max, owner.most))
                    for i, x in group
                ]
                _row(lp, -inf, 0, mine + seats)
                least = [(x, -act.capacity.min) for _, x in group]
                _row(lp, 0, inf, mine + least)
                if act.is_homework:
                    counts_for = (
                        [owner.grade]
                        if owner.grade is not None
                        else _offered_to(data, act, slot)
                    )
                    for fg in counts_for:
                        offered[(slot[0], fg)] += [(x, 1) for _, x in group]
            if act.is_club:  # one meeting a slot (H12)
                _row(lp, -inf, 1, [(x, 1) for _, x in placed])
                club_week[act.id] += [(x, 1) for _, x in placed]
        for c, hs in of_class.items():  # a class's students in its groups
            _row(lp, -inf, classes[c], hs)
        for i, xs in in_room.items():  # one session a room (H10)
            _row(lp, -inf, rooms[i].number, xs)
        for i, ys in led_by.items():  # one session at a time (H08)
            _row(lp, -inf, len(leaders[i][1]), ys)
        for g, hs in of_grade.items():  # everyone in one session (H01)
            _row(lp, present[g], present[g], hs)
    _daily_homework(data, lp, offered)
    if w2:
        _facility_days(data, lp, opened)
    for i, ys in weekly.items():  # max_per_week (H08)
        _row(lp, -inf, sum(p.max_per_week for p in leaders[i][1]), ys)
    for cid, xs in club_week.items():  # sessions_per_week (H12)
        _row(lp, -inf, data.activity_by_id[cid].sessions_per_week, xs)
    if w3:
        shortfalls, members = membership(data, lp)
        for short in shortfalls:
            goal.SetCoefficient(short, w3)
        # every meeting holds all its members (H12): at least those who
        # wished for it, spw times (a club may take others in too)
        for act in data.clubs:
            joined: list[Term] = [
                (x, -act.sessions_per_week) for x in members.get(act.id, [])
            ]
            _row(lp, 0, inf, attending.get(act.id, []) + joined)
    goal.SetMinimization()
    if not solved(lp):
        return 0
    value = goal.Value() + constant
    # a timetable's terms are integers ≥ the optimum: its ceiling, less
    # GLOP's own tolerance
    return max(0, math.ceil(value - 1e-6 * max(1.0, abs(value))))


def solved(lp: pywraplp.Solver) -> bool:
    """Solve ``lp`` to optimality by the dual simplex: the same optimum as
    GLOP's default, in a third of the time at 3,000 students (large_3200
    seed 2: 0.9 s against 3.8 s), where the bound's time counts in the
    run's limit."""
    params = pywraplp.MPSolverParameters()
    params.SetIntegerParam(params.LP_ALGORITHM, params.DUAL)
    return bool(lp.Solve(params) == pywraplp.Solver.OPTIMAL)


def membership(
    data: ProblemData, lp: pywraplp.Solver
) -> tuple[list[pywraplp.Variable], dict[str, list[pywraplp.Variable]]]:
    """S3's relaxation in ``lp``: per student with ranked clubs, a shortfall
    ≥ 4 − Σ points(rank) × x (x ∈ [0, 1] their membership; a club they
    cannot attend every meeting of is left out, H02, H12); per club, at most
    ``capacity.max`` members. Returns the shortfalls and each club's x."""
    members: dict[str, list[pywraplp.Variable]] = defaultdict(list)
    shortfalls = []
    for st in data.students:
        ranked = data.allowed_club_prefs(st)
        if not ranked:
            continue
        slots = len(data.present_slots(st))
        points = []
        for rank, club in enumerate(ranked, start=1):
            if slots < club.sessions_per_week:
                continue
            x = lp.NumVar(0.0, 1.0, "")
            members[club.id].append(x)
            points.append(s3_student_preference.points(rank) * x)
        short = lp.NumVar(0.0, 4.0, "")
        lp.Add(short >= 4 - lp.Sum(points))
        shortfalls.append(short)
    for cid, xs in members.items():
        lp.Add(lp.Sum(xs) <= data.activity_by_id[cid].capacity.max)
    return shortfalls, members


def _daily_homework(
    data: ProblemData,
    lp: pywraplp.Solver,
    offered: dict[tuple[str, int], list[Term]],
) -> None:
    """H03: each day, each grade with present students (outside
    ``grades_without_homework``) has a homework session that counts for it.
    Only where every homework session holds a student (its minimum ≥ 1):
    an empty one could count without a variable here."""
    rules = data.rules
    if not rules.enabled("H03") or any(
        a.capacity.min < 1 for a in data.activities if a.is_homework
    ):
        return
    for day in data.calendar.days:
        grades = {
            st.grade
            for b in data.calendar.blocks
            for st in data.students_present(day, b.id)
        }
        for g in sorted(grades - set(rules.grades_without_homework)):
            _row(lp, 1, lp.infinity(), offered.get((day, g), []))


def _facility_days(
    data: ProblemData,
    lp: pywraplp.Solver,
    opened: dict[tuple[str, str], list[Term]],
) -> None:
    """S2's unused facility-days: each (day, kind) S2 wants used
    (``s2_room_utilisation.facility_days``) either has a session in a room
    of that kind that day, or costs ``UNUSED_FACILITY_DAY`` seats —
    ``unused + Σ sessions there ≥ 1``, ``unused`` ∈ [0, 1]."""
    w2 = data.weights.of("S2")
    for day, kind in s2_room_utilisation.facility_days(data):
        unused = lp.NumVar(0, 1, "")
        lp.Objective().SetCoefficient(
            unused, w2 * s2_room_utilisation.UNUSED_FACILITY_DAY
        )
        _row(lp, 1, lp.infinity(), [(unused, 1), *opened.get((day, kind), [])])


class _Owner(NamedTuple):
    """Whom one session may hold: a class (``cls``), a grade, or anyone
    (both None), with at most ``most`` students."""

    grade: int | None
    cls: str | None
    most: int

    def holds(self, grade: int, cls: str | None) -> bool:
        if self.cls is not None:
            return cls == self.cls
        return self.grade is None or grade == self.grade


def _owners(
    data: ProblemData,
    act: Activity,
    grades: list[int],
    present: Counter[int],
    classes: Counter[str],
) -> list[_Owner]:
    """Whom a session of ``act`` may hold: one class of ``classes`` (at most
    its present students) where a session holds one class (H12); one grade
    where a homework group holds one grade (it counts for that grade's
    H03); else anyone."""
    if act.form == "admin_class":
        return [
            _Owner(data.class_by_id[c].grade, c, n)
            for c, n in sorted(classes.items())
            if data.class_by_id[c].grade in grades
        ]
    if act.is_homework and _one_grade(act):
        return [_Owner(g, None, present[g]) for g in grades]
    return [_Owner(None, None, act.capacity.max)]


def _one_grade(act: Activity) -> bool:
    """A group of one class or one grade (H12's forms)."""
    return not act.is_club and act.form in ("admin_class", "grade_mixed")


def _offered_to(data: ProblemData, act: Activity, slot: Slot) -> list[int]:
    """Grades a school-wide session (or a club) in ``slot`` counts for in H03."""
    return [
        g
        for g in act.grades
        if g in data.grade_by_number and slot[1] in data.grade_blocks(g)
    ]


def _row(lp: pywraplp.Solver, lo: float, hi: float, terms: Sequence[Term]) -> None:
    row = lp.Constraint(lo, hi)
    for var, coef in terms:
        row.SetCoefficient(var, coef)


class _Rooms(NamedTuple):
    """``number`` rooms open in a slot, alike for the bound: of ``kind``, with
    ``seats``, that may hold the activities ``acts``."""

    seats: int
    number: int
    acts: frozenset[str]
    kind: str


def _room_pools(data: ProblemData, slot: Slot) -> list[_Rooms]:
    """Rooms open in ``slot``, alike ones counted together."""
    holds: dict[str, set[str]] = defaultdict(set)
    for act in data.activities:
        for r in h10_rooms.candidate_rooms(data, act, slot, 0):
            holds[r.id].add(act.id)
    pools = Counter(
        (data.room_by_id[rid].capacity, frozenset(acts), data.room_by_id[rid].kind)
        for rid, acts in holds.items()
    )
    return [_Rooms(seats, n, acts, kind) for (seats, acts, kind), n in pools.items()]


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
