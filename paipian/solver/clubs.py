"""Phase 1 — clubs: when each club meets, whether it runs, and who joins.

Meeting slots are chosen by a construction heuristic (the slots where most of
the students who ranked the club can all attend, with a leader and a room
still free there); membership and opening are then a CP-SAT model over
students × the clubs they ranked (H01, H02, H12, H13; S3), started from a
greedy membership by the rank each student gave (``_Greedy``).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from paipian.constraints import (
    h01_full_coverage,
    h02_voluntary,
    h08_staff_willingness,
    h10_rooms,
    h12_grade_and_form,
    h13_group_size,
    h14_outdoor,
    s3_student_preference,
    s6_stability,
)
from paipian.data import Activity, ProblemData, Slot, Staff
from paipian.model.phase_model import PhaseModel
from paipian.model.plans import Reservations
from paipian.model.vars import ClubVars
from paipian.resolve.previous import Previous


def eligible_leaders(data: ProblemData, club: Activity, slot: Slot) -> list[Staff]:
    """Staff who may lead ``club`` in ``slot`` — H08's (and H09's) own test."""
    return h08_staff_willingness.candidate_leaders(data, club, slot)


def fitting_rooms(data: ProblemData, act: Activity, slot: Slot, size: int) -> list[str]:
    """Ids of rooms that may hold ``act`` in ``slot`` with ``size`` — H10's test."""
    return [r.id for r in h10_rooms.candidate_rooms(data, act, slot, size)]


def meeting_slots(data: ProblemData, club: Activity) -> list[Slot]:
    """The slots ``club`` could meet in at all: a block of its grades, a
    leader who may lead it there and a room that may hold its minimum."""

    def compute() -> list[Slot]:
        blocks = {b for g in data.grades if g.grade in club.grades for b in g.blocks}
        return [
            (d, b)
            for d, b in data.calendar.slots
            if b in blocks
            and eligible_leaders(data, club, (d, b))
            and fitting_rooms(data, club, (d, b), club.capacity.min)
        ]

    return data.recall(("meeting slots", club.id), compute)


def dropin_versatility(data: ProblemData, person: Staff) -> int:
    """How many drop-in activities ``person`` could lead: holding the least
    versatile for clubs leaves the most cover for everyone else."""
    return data.recall(
        ("drop-ins led", person.id),
        lambda: sum(1 for a in data.drop_ins if a.may_lead(person)),
    )


def _reserve(
    data: ProblemData,
    club: Activity,
    slot: Slot,
    held: Reservations,
    size: int | None = None,
) -> bool:
    """Hold a leader (+ a teacher as assistant for an external) and a room
    seating ``size`` (the club's minimum when its members are not known yet),
    both or neither; nobody is held more often in the week than their
    ``max_per_week`` (H08)."""
    staff = _staff_for(data, club, slot, held)
    room = _room_for(data, club, slot, held, size)
    if staff is None or room is None:
        return False
    _hold(held, club, slot, staff, room)
    return True


def _staff_for(
    data: ProblemData, club: Activity, slot: Slot, held: Reservations
) -> tuple[Staff, Staff | None] | None:
    """A spare leader for a meeting, and a teacher to assist an external one."""
    taken = held.staff[slot]
    week: dict[str, int] = defaultdict(int)
    for people in held.staff.values():
        for pid in people:
            week[pid] += 1

    def spare(p: Staff) -> bool:
        return p.id not in taken and week[p.id] < p.max_per_week

    leaders = [p for p in eligible_leaders(data, club, slot) if spare(p)]
    leaders.sort(
        key=lambda p: (p.is_external, dropin_versatility(data, p), len(p.available))
    )
    leader = next((p for p in leaders if not p.is_external), None)
    if leader is not None:
        return leader, None
    teachers = sorted(
        (
            p
            for p in data.schedulable_staff()
            if p.kind == "teacher" and p.is_available(*slot) and spare(p)
        ),
        key=lambda p: (dropin_versatility(data, p), len(p.available), p.id),
    )
    if not leaders or not teachers:
        return None
    return leaders[0], teachers[0]


def _room_for(
    data: ProblemData,
    club: Activity,
    slot: Slot,
    held: Reservations,
    size: int | None,
) -> tuple[str, str | None] | None:
    """The smallest free room seating ``size``, indoor first: an outdoor
    meeting also needs a free indoor backup (H14)."""
    size = club.capacity.min if size is None else max(size, 1)
    rainy = h14_outdoor.needs_backup_possible(data, club)
    free = [
        r for r in fitting_rooms(data, club, slot, size) if r not in held.rooms[slot]
    ]
    for room in sorted(
        free,
        key=lambda r: (data.room_by_id[r].outdoor, data.room_by_id[r].capacity, r),
    ):
        if not (data.room_by_id[room].outdoor and rainy):
            return room, None
        backup = next(
            (
                b.id
                for b in sorted(
                    h14_outdoor.candidate_backups(data, slot, size),
                    key=lambda b: (b.capacity, b.id),
                )
                if b.id not in held.rooms[slot]
            ),
            None,
        )
        if backup is not None:
            return room, backup
    return None


def _reserve_all(
    data: ProblemData, club: Activity, slots: tuple[Slot, ...], held: Reservations
) -> bool:
    """Hold a leader and a room for every one of ``slots``, or for none."""
    before = {t: (set(held.staff[t]), set(held.rooms[t])) for t in slots}
    if all(_reserve(data, club, t, held) for t in slots):
        return True
    for t, (staff, rooms) in before.items():
        held.staff[t] = staff
        held.rooms[t] = rooms
        held.club_rooms.pop((club.id, t), None)
    return False


def _hold(
    held: Reservations,
    club: Activity,
    slot: Slot,
    staff: tuple[Staff, Staff | None] | None,
    room: tuple[str, str | None] | None,
) -> None:
    if staff is not None:
        held.staff[slot].update(p.id for p in staff if p is not None)
    if room is not None:
        held.rooms[slot].update(r for r in room if r)
        held.club_rooms[(club.id, slot)] = room


def choose_meetings(
    data: ProblemData,
    held: Reservations,
    closed: frozenset[str] = frozenset(),
    preferred: Mapping[str, tuple[Slot, ...]] | None = None,
    avoid: frozenset[tuple[str, Slot]] = frozenset(),
) -> dict[str, tuple[Slot, ...]]:
    """Pick each club's meeting slots; clubs nobody can attend get none.
    ``avoid``: (club, slot)s where the club's staff would leave the drop-ins
    short (``solver/cuts.py``, ``crowded_meetings``) — a club meets there
    only when it can meet nowhere else.

    Clubs are placed required-first, then by interest. For each club every
    combination of ``sessions_per_week`` slots (distinct days preferred) is
    scored by the rank-weighted number of interested students present at all
    of them and not already held by a club they ranked higher; the club takes
    the best-scored one whose leaders (within their ``max_per_week``) and
    rooms can all be held (``_reserve_all``). When none can, a club placed
    earlier that holds what it needs moves to its next best slots, if that
    costs its fans less than this club's fans gain (``_Meetings.make_way``).
    """
    placing = _Meetings(data, held, preferred or {}, avoid)
    # S6: pinned / previous meeting slots placed first
    order = sorted(
        data.clubs,
        key=lambda c: (
            c.id not in placing.preferred,
            not c.required,
            -len(placing.fans[c.id]),
            c.id,
        ),
    )
    for club in order:
        if club.id in closed:
            continue
        if not placing.fans[club.id] and not club.required:
            continue
        scored = placing.scored(club)
        if not scored:
            continue
        # The best-scored slots whose leaders and rooms can all be held: a
        # club whose leaders are few (volunteers at one session a week) must
        # meet where they are still free, or the drop-in plan cannot staff
        # the week (a tight 3,098-student school: two required clubs both
        # needed the one volunteer left).
        if placing.place(club, scored) or placing.make_way(club, scored):
            continue
        if club.required:  # runs anyway (H12); the plan's cuts tell why
            placing.take(club, scored[0][1], holds={})
    return placing.meetings


@dataclass
class _Placed:
    """One club's meetings as chosen: their score, what the club holds
    there (per slot: staff ids, room ids; rooms as ``club_rooms`` keeps
    them) and the slots it holds for its fans (student, slot, rank)."""

    combo: tuple[Slot, ...]
    score: float
    holds: dict[Slot, tuple[set[str], set[str]]]
    rooms: dict[Slot, tuple[str, str | None]] = field(default_factory=dict)
    claims: list[tuple[str, Slot, int]] = field(default_factory=list)


class _Meetings:
    """The meeting slots chosen so far (``placed``) and, per student, the
    slots a club they ranked holds against clubs they ranked lower
    (``claimed``)."""

    def __init__(
        self,
        data: ProblemData,
        held: Reservations,
        preferred: Mapping[str, tuple[Slot, ...]],
        avoid: frozenset[tuple[str, Slot]],
    ) -> None:
        self.data, self.held, self.preferred, self.avoid = data, held, preferred, avoid
        self.fans: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for st in data.students:
            for rank, club in enumerate(data.allowed_club_prefs(st), start=1):
                self.fans[club.id].append((st.id, rank))
        # student → slot → club → the rank they gave the club holding it
        self.claimed: dict[str, dict[Slot, dict[str, int]]] = defaultdict(
            lambda: defaultdict(dict)
        )
        self.placed: dict[str, _Placed] = {}

    def free(self, sid: str, slot: Slot, rank: int) -> bool:
        """No club the student ranked above ``rank`` holds ``slot`` for them."""
        return min(self.claimed[sid][slot].values(), default=rank + 1) > rank

    @property
    def meetings(self) -> dict[str, tuple[Slot, ...]]:
        return {cid: placed.combo for cid, placed in self.placed.items()}

    def scored(self, club: Activity) -> list[tuple[float, tuple[Slot, ...]]]:
        """``club``'s slot combinations, best first, with their scores."""
        data, held = self.data, self.held
        open_slots = meeting_slots(data, club)
        possible = [t for t in open_slots if (club.id, t) not in self.avoid]
        if len(possible) < max(1, club.sessions_per_week):
            possible = open_slots  # moving would close it: the plan decides
        pinned = self.preferred.get(club.id)
        if pinned is not None and set(pinned) <= set(possible):
            return [(0.0, pinned)]  # S6: the pinned / previous slots
        # Prefer slots where a leader and a room are still free of other clubs.
        slots = [
            t
            for t in possible
            if any(p.id not in held.staff[t] for p in eligible_leaders(data, club, t))
            and any(
                r not in held.rooms[t]
                for r in fitting_rooms(data, club, t, club.capacity.min)
            )
        ] or possible
        k = max(1, club.sessions_per_week)
        combos = list(itertools.combinations(slots, k))
        distinct = [c for c in combos if len({d for d, _ in c}) == len(c)]
        combos = distinct or combos
        fans = self.fans[club.id]
        # Bitmask over the club's fans: present at t and not held there already.
        index = {sid: i for i, (sid, _) in enumerate(fans)}
        by_points: dict[int, int] = defaultdict(int)
        for sid, rank in fans:
            by_points[s3_student_preference.points(rank)] |= 1 << index[sid]
        ranked_points = sorted(by_points.items(), reverse=True)
        free_at: dict[Slot, int] = {}
        for t in slots:
            mask = 0
            for sid, rank in fans:
                st = data.student_by_id[sid]
                if data.is_present(st, *t) and self.free(sid, t, rank):
                    mask |= 1 << index[sid]
            free_at[t] = mask
        specialist_free = {
            t: any(
                dropin_versatility(data, p) == 0 and p.id not in held.staff[t]
                for p in eligible_leaders(data, club, t)
            )
            for t in slots
        }
        scored: list[tuple[float, int, tuple[Slot, ...]]] = []
        for order_in, combo in enumerate(combos):
            mask = -1
            for t in combo:
                mask &= free_at[t]
            # Only ``capacity.max`` fans can join: count the best-placed ones.
            score: float = 0.0
            seats = club.capacity.max
            for p, m in ranked_points:
                take = min(seats, (mask & m).bit_count())
                score += p * take
                seats -= take
            # Spread clubs: a slot already holding club staff costs a little;
            # a slot where a specialist (who leads no drop-in) can take the
            # club is worth a little, since it spares the drop-ins' staff.
            score -= sum(len(held.staff[t]) for t in combo)
            score += 0.5 * sum(specialist_free[t] for t in combo)
            scored.append((-score, order_in, combo))
        scored.sort()
        return [(-neg, combo) for neg, _, combo in scored]

    def place(
        self, club: Activity, scored: list[tuple[float, tuple[Slot, ...]]]
    ) -> bool:
        """Take the best-scored combination whose leaders and rooms can all
        be held."""
        for score, combo in scored:
            holds = self._reserve(club, combo)
            if holds is not None:
                self.take(club, combo, holds, score)
                return True
        return False

    def make_way(
        self, club: Activity, scored: list[tuple[float, tuple[Slot, ...]]]
    ) -> bool:
        """``club`` can hold nothing anywhere: move one club placed before it
        that holds a leader or a room it could use to that club's next best
        slots, when ``club``'s score there is more than the other loses. A
        pinned meeting (S6) never moves."""
        data = self.data
        for score, combo in scored:
            if score <= 0:
                break
            leaders = {p.id for t in combo for p in eligible_leaders(data, club, t)}
            rooms = {(t, r) for t in combo for r in fitting_rooms(data, club, t, 1)}
            rivals = [
                cid
                for cid, placed in self.placed.items()
                if cid not in self.preferred
                and any(
                    staff & leaders or any((t, r) in rooms for r in room_ids)
                    for t, (staff, room_ids) in placed.holds.items()
                )
            ]
            for cid in sorted(rivals, key=lambda c: (self.placed[c].score, c)):
                if self._swap(club, combo, score, cid):
                    return True
        return False

    def _swap(
        self, club: Activity, combo: tuple[Slot, ...], score: float, cid: str
    ) -> bool:
        """``club`` at ``combo`` in place of club ``cid``, which moves to its
        best other slots that can be held, or nothing changes."""
        rival = self.data.activity_by_id[cid]
        old = self._release(cid)
        holds = self._reserve(club, combo)
        if holds is not None:
            self.take(club, combo, holds, score)
            for rival_score, rival_combo in self.scored(rival):
                if old.score - rival_score >= score:
                    break  # the move would cost more than it gains
                rival_holds = self._reserve(rival, rival_combo)
                if rival_holds is not None:
                    self.take(rival, rival_combo, rival_holds, rival_score)
                    return True
            self._release(club.id)
        self._restore(cid, old)
        return False

    def take(
        self,
        club: Activity,
        combo: tuple[Slot, ...],
        holds: dict[Slot, tuple[set[str], set[str]]],
        score: float = 0.0,
    ) -> None:
        """``club`` meets at ``combo``: the fans likely to get a seat (best
        ranks first) hold these slots against clubs they ranked lower."""
        data = self.data
        placed = _Placed(combo, score, holds)
        placed.rooms = {
            t: self.held.club_rooms[(club.id, t)]
            for t in combo
            if (club.id, t) in self.held.club_rooms
        }
        able = [
            (rank, sid)
            for sid, rank in self.fans[club.id]
            if all(
                data.is_present(data.student_by_id[sid], *t) and self.free(sid, t, rank)
                for t in combo
            )
        ]
        for rank, sid in sorted(able)[: club.capacity.max]:
            for t in combo:
                placed.claims.append((sid, t, rank))
                self.claimed[sid][t][club.id] = rank
        self.placed[club.id] = placed

    def _reserve(
        self, club: Activity, combo: tuple[Slot, ...]
    ) -> dict[Slot, tuple[set[str], set[str]]] | None:
        """Hold a leader and a room for every slot of ``combo`` (or none):
        what was held, per slot."""
        held = self.held
        before = {t: (set(held.staff[t]), set(held.rooms[t])) for t in combo}
        if not _reserve_all(self.data, club, combo, held):
            return None
        return {
            t: (held.staff[t] - staff, held.rooms[t] - rooms)
            for t, (staff, rooms) in before.items()
        }

    def _release(self, cid: str) -> _Placed:
        """Undo ``take`` and the club's reservations."""
        held, placed = self.held, self.placed.pop(cid)
        for t, (staff, room_ids) in placed.holds.items():
            held.staff[t] -= staff
            held.rooms[t] -= room_ids
            held.club_rooms.pop((cid, t), None)
        for sid, t, _ in placed.claims:
            del self.claimed[sid][t][cid]
        return placed

    def _restore(self, cid: str, placed: _Placed) -> None:
        """Redo what ``_release`` undid."""
        held = self.held
        for t, (staff, room_ids) in placed.holds.items():
            held.staff[t] |= staff
            held.rooms[t] |= room_ids
        for t, room in placed.rooms.items():
            held.club_rooms[(cid, t)] = room
        for sid, t, rank in placed.claims:
            self.claimed[sid][t][cid] = rank
        self.placed[cid] = placed


def build_club_model(
    data: ProblemData,
    meetings: dict[str, tuple[Slot, ...]],
    *,
    diagnose: bool = False,
    previous: Previous | None = None,
) -> tuple[PhaseModel, ClubVars]:
    """The membership model: variables only for students who ranked a club and
    can attend all its meetings (H02)."""
    pm = PhaseModel(data, "clubs", diagnose=diagnose)
    v = ClubVars(meetings=meetings)
    for club in data.clubs:
        v.open[club.id] = pm.model.new_bool_var(f"open({club.id})")
    for st in data.students:
        for club in data.allowed_club_prefs(st):
            if h02_voluntary.may_join(data, st, meetings.get(club.id, ())):
                v.member[(st.id, club.id)] = pm.model.new_bool_var(
                    f"member({st.id},{club.id})"
                )
    h01_full_coverage.add_club_conflicts(pm, v)
    h12_grade_and_form.add_clubs(pm, v)
    h13_group_size.add_clubs(pm, v)
    h10_rooms.add_club_room_limit(pm, v)
    s3_student_preference.add(pm, v)
    hint_clubs(pm, v)
    extra = s6_stability.add_clubs(pm, v, previous)  # S6: re-hints, penalises
    extra += s3_student_preference.first_choice_bonus(pm, v)
    pm.set_objective(extra=extra)
    if previous is None:
        # the greedy is a whole membership unless a required club is left
        # short: then CP-SAT completes it from the partial hint
        pm.hint_complete = True
        pm.hint_complete = pm.complete_hint()
    return pm, v


def reserve_for(
    data: ProblemData,
    meetings: dict[str, tuple[Slot, ...]],
    sizes: Mapping[str, int] | None = None,
) -> Reservations:
    """Hold a leader and a room for every meeting of the clubs that run,
    largest clubs first (``sizes``: members per club, when known)."""
    held = Reservations.empty()
    size = dict(sizes or {})
    meets = [(cid, slot) for cid, slots in sorted(meetings.items()) for slot in slots]
    # what can be held is, even when the rest cannot: staff largest club
    # first, rooms for the meetings with the fewest rooms that fit first
    for cid, slot in sorted(meets, key=lambda m: (-size.get(m[0], 0), m)):
        club = data.activity_by_id[cid]
        _hold(held, club, slot, _staff_for(data, club, slot, held), None)

    def scarcity(m: tuple[str, Slot]) -> tuple[int, int, tuple[str, Slot]]:
        club = data.activity_by_id[m[0]]
        fits = fitting_rooms(data, club, m[1], size.get(m[0], club.capacity.min))
        return (len(fits), -size.get(m[0], 0), m)

    for cid, slot in sorted(meets, key=scarcity):
        club = data.activity_by_id[cid]
        _hold(held, club, slot, None, _room_for(data, club, slot, held, size.get(cid)))
    return held


def hint_clubs(pm: PhaseModel, v: ClubVars) -> None:
    """Greedy membership as a hint (``_Greedy``); clubs it leaves below their
    minimum are hinted closed (required ones open, for CP-SAT to fill)."""
    data = pm.data
    greedy = _Greedy(data, v)
    greedy.run()
    runs = {
        cid
        for cid, people in greedy.members.items()
        if len(people) >= data.activity_by_id[cid].capacity.min
    }
    for (sid, cid), var in v.member.items():
        pm.hint(var, cid in runs and sid in greedy.members[cid])
    for cid, var in v.open.items():
        pm.hint(var, cid in runs or data.activity_by_id[cid].required)


class _Greedy:
    """Club membership by the students' own ranking.

    Round by round in the order students ranked them (everyone's first
    choice first), each student without a club takes the club of that rank
    if they can attend it and it has a seat. A club then short of its
    minimum takes, as a further club, students who ranked it and are free
    when it meets; a required one also takes members another club can
    spare. An optional club still short closes — the one furthest from its
    minimum first — and the rounds start again without it, so its members
    get their next choice.

    Going by the rank the student gave (not by the place among the clubs
    they can attend) keeps a second choice from taking the seat a first
    choice wanted: on big_primary_11 803 first choices against 917 possible.
    """

    def __init__(self, data: ProblemData, v: ClubVars) -> None:
        self.data = data
        self.meetings = v.meetings
        self.options: dict[str, set[str]] = defaultdict(set)
        for sid, cid in v.member:
            self.options[sid].add(cid)
        self.students = sorted(self.options, key=lambda s: (len(self.options[s]), s))
        self.ranked = {
            sid: [c.id for c in data.allowed_club_prefs(data.student_by_id[sid])]
            for sid in self.students
        }
        self.seats = {
            club.id: min(
                club.capacity.max,
                h10_rooms.club_room_limit(data, club, v.meetings.get(club.id, ())),
            )
            for club in data.clubs
        }
        self.fans: dict[str, list[str]] = defaultdict(list)
        for sid in self.students:
            for cid in self.options[sid]:
                self.fans[cid].append(sid)
        self.joined: dict[str, list[str]] = defaultdict(list)
        self.members: dict[str, list[str]] = defaultdict(list)

    def run(self) -> None:
        closed: set[str] = set()
        while True:
            self.joined.clear()
            self.members.clear()
            self._by_rank(closed)
            for club in sorted(self.data.clubs, key=lambda c: not c.required):
                self._fill(club, closed)
            short = [
                club
                for club in self.data.clubs
                if not club.required
                and club.id not in closed
                and 0 < len(self.members[club.id]) < club.capacity.min
            ]
            if not short:
                return
            worst = min(
                short, key=lambda c: (len(self.members[c.id]) / c.capacity.min, c.id)
            )
            closed.add(worst.id)

    def _by_rank(self, closed: set[str]) -> None:
        depth = max((len(r) for r in self.ranked.values()), default=0)
        for rank in range(depth):
            for sid in self.students:
                if rank >= len(self.ranked[sid]) or self.joined[sid]:
                    continue
                cid = self.ranked[sid][rank]
                if cid in self.options[sid] and cid not in closed and self._seat(cid):
                    self._join(sid, cid)

    def _fill(self, club: Activity, closed: set[str]) -> None:
        """A club short of its minimum: free students who ranked it join it
        as a further club (those without one first, then by the rank they
        gave it); a required club also takes a member from a club that
        keeps its minimum without them."""
        cid, need = club.id, club.capacity.min
        if cid in closed:
            return
        takers = sorted(
            (s for s in self.fans[cid] if cid not in self.joined[s]),
            key=lambda s: (bool(self.joined[s]), self.ranked[s].index(cid), s),
        )
        for sid in takers:
            if len(self.members[cid]) >= need or not self._seat(cid):
                return
            if self._free(sid, cid):
                self._join(sid, cid)
        if not club.required:
            return
        for sid in takers:
            if len(self.members[cid]) >= need or not self._seat(cid):
                return
            if cid in self.joined[sid]:
                continue
            for other in list(self.joined[sid]):
                clash = set(self.meetings[other]) & set(self.meetings[cid])
                spare = (
                    len(self.members[other])
                    > self.data.activity_by_id[other].capacity.min
                )
                if clash and spare:  # leave ``other``, which keeps its minimum
                    self.members[other].remove(sid)
                    self.joined[sid].remove(other)
            if self._free(sid, cid):
                self._join(sid, cid)

    def _seat(self, cid: str) -> bool:
        return len(self.members[cid]) < self.seats[cid]

    def _free(self, sid: str, cid: str) -> bool:
        """``sid`` is in no club meeting when ``cid`` does (H01)."""
        when = set(self.meetings.get(cid, ()))
        return not any(when & set(self.meetings[c]) for c in self.joined[sid])

    def _join(self, sid: str, cid: str) -> None:
        self.joined[sid].append(cid)
        self.members[cid].append(sid)
