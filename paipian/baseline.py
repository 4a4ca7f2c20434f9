"""First-come-first-served: the timetable a school builds by hand today.

``fcfs_timetable(data)`` is the baseline the solver is measured against. It
optimises nothing and may break hard rules; the independent checker grades it
and its violations are counted. It never raises on a valid instance and uses
no ortools (it asks the H08/H10 rule modules who may lead and which room fits,
so it reads eligibility exactly as the solver does).

What it does, in the order a school office would:

1. **Clubs.** Each club gets ``sessions_per_week`` meeting slots on different
   days, in a block all its grades take part in, where someone may lead it
   and a room fits: where most of its applicants (those ranking it first or
   second) are present, discounted by the clubs already meeting there.
   Students, in arrival order (row order of the students table), join the
   highest-ranked club of their ``prefs`` that still has room and whose every
   meeting they attend (one club each). A club left below ``capacity.min`` is
   closed — required or not — and its members go to the drop-ins.
2. **Drop-ins, per class and slot.** Students present and not in a club
   meeting stay with their class: in the grade's first block homework
   tutoring (an ``admin_class`` homework/qa activity, where the grade may have
   homework), except on the class's "quality day" (one weekday, rotating over
   classes; none for a one-class grade) when they take a quality drop-in; in
   later blocks a quality drop-in (H05), else care/self-study. A class larger
   than the activity's ``capacity.max`` is split.
3. **Rooms, first fit.** The class's homeroom first, then the rooms table in
   order: the first open, free room of a fitting kind that seats the group.
   An outdoor session holds the first free indoor room as its rain backup.
4. **Leaders, first free.** The first staff member (table order) who may lead
   the activity, offered the slot, is free and under ``max_per_week``; an
   external leader gets the first free school teacher as assistant (助教).
5. **Duty.** Per service day, the first health and the first admin staff
   member available in every block with students present.

Whatever cannot be placed is left as the checker will find it: a session
without a free room takes a busy or unfit one, a session nobody may lead has
no leader.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from paipian.constraints.h08_staff_willingness import candidate_leaders
from paipian.constraints.h10_rooms import candidate_rooms
from paipian.data import Activity, ProblemData, Room, Slot, Student
from paipian.solution import Duty, Session, Solution

FALLBACK_CATEGORIES = ("care", "self_study")


@dataclass
class _Group:
    """A planned session before rooms and staff: who, what, when."""

    slot: Slot
    activity: Activity
    students: list[str]
    homeroom: str | None = None


@dataclass
class _Ledger:
    """What is taken so far: rooms and staff per slot, sessions per staff."""

    rooms: set[tuple[str, Slot]] = field(default_factory=set)
    staff: set[tuple[str, Slot]] = field(default_factory=set)
    week: Counter[str] = field(default_factory=Counter)


def fcfs_timetable(data: ProblemData) -> Solution:
    """The first-come-first-served timetable of ``data`` (see the module doc).

    The solution's status is ``FEASIBLE`` in the sense "a timetable was
    written"; whether it keeps the hard rules is for ``paipian.checker.check``.
    """
    meetings = _club_meetings(data)
    members = _club_members(data, meetings)
    running = {
        cid: m
        for cid, m in members.items()
        if m and len(m) >= data.activity_by_id[cid].capacity.min
    }
    groups: list[_Group] = []
    busy: set[tuple[str, Slot]] = set()  # (student, slot) taken by a club
    for cid, ids in running.items():
        for slot in meetings[cid]:
            groups.append(_Group(slot, data.activity_by_id[cid], list(ids)))
            busy.update((sid, slot) for sid in ids)
    groups += _drop_in_groups(data, busy)
    sessions = _place(data, groups)
    closed = tuple(a.id for a in data.clubs if a.id not in running)
    return Solution(
        instance=data.name,
        status="FEASIBLE",
        sessions=tuple(sessions),
        closed_clubs=closed,
        duty=tuple(_duty(data)),
    )


# ---- 1. clubs ------------------------------------------------------------
def _club_blocks(data: ProblemData, club: Activity) -> list[str]:
    """Blocks every grade of the club takes part in (all, if none is common)."""
    grades = [g for g in data.grades if g.grade in club.grades]
    common = [
        b.id for b in data.calendar.blocks if all(b.id in g.blocks for g in grades)
    ]
    if not common:
        common = [b.id for b in data.calendar.blocks]
    return common


def _club_meetings(data: ProblemData) -> dict[str, list[Slot]]:
    """Meeting slots of every club, on distinct days: where most of its
    applicants (students ranking it first or second) are present, discounted
    by the clubs already meeting in that slot."""
    applicants: dict[str, list[Student]] = defaultdict(list)
    for st in data.students:
        for club in data.allowed_club_prefs(st)[:2]:
            applicants[club.id].append(st)
    load: Counter[Slot] = Counter()
    days = data.calendar.days
    out: dict[str, list[Slot]] = {}
    for club in data.clubs:
        blocks = _club_blocks(data, club)
        options = [
            (d, b)
            for b in blocks
            for d in days
            if candidate_leaders(data, club, (d, b))
            and candidate_rooms(data, club, (d, b), 0)
        ] or [(d, b) for b in blocks for d in days]
        present = {
            slot: sum(data.is_present(st, *slot) for st in applicants[club.id])
            for slot in options
        }
        options.sort(key=lambda s: (-present[s] / (1 + load[s]), days.index(s[0])))
        chosen: list[Slot] = []
        for slot in options:
            if len(chosen) == club.sessions_per_week:
                break
            if all(slot[0] != c[0] for c in chosen):
                chosen.append(slot)
        for slot in chosen:
            load[slot] += 1
        out[club.id] = chosen
    return out


def _club_members(
    data: ProblemData, meetings: dict[str, list[Slot]]
) -> dict[str, list[str]]:
    """Students in arrival order take their best club with a seat left."""
    members: dict[str, list[str]] = {a.id: [] for a in data.clubs}
    for st in data.students:
        for club in data.allowed_club_prefs(st):
            slots = meetings.get(club.id, [])
            if (
                slots
                and len(slots) == club.sessions_per_week
                and len(members[club.id]) < club.capacity.max
                and all(data.is_present(st, *s) for s in slots)
            ):
                members[club.id].append(st.id)
                break
    return members


# ---- 2. drop-ins -----------------------------------------------------------
def _drop_in_choices(data: ProblemData, grade: int) -> dict[str, list[Activity]]:
    """Drop-ins open to ``grade`` by role, class-sized forms first."""
    form_order = {"admin_class": 0, "grade_mixed": 1, "school_mixed": 2, "walk": 3}
    open_ = sorted(
        (
            a
            for a in data.drop_ins
            if grade in a.grades
            and not data.homework_barred(grade, a)
            and a.category != "remedial"
        ),
        key=lambda a: form_order.get(a.form, 4),
    )
    return {
        "homework": [a for a in open_ if a.is_homework and a.form == "admin_class"],
        "quality": [a for a in open_ if a.is_quality],
        "fallback": [a for a in open_ if a.category in FALLBACK_CATEGORIES],
        "any": open_,
    }


def _drop_in_groups(data: ProblemData, busy: set[tuple[str, Slot]]) -> list[_Group]:
    """One group per class and slot (split at ``capacity.max``)."""
    groups: list[_Group] = []
    days = data.calendar.days
    class_index = 0
    for grade in data.grades:
        choices = _drop_in_choices(data, grade.grade)
        if not choices["any"]:
            continue
        for cls in grade.classes:
            # H03 wants homework offered to the grade every day: a one-class
            # grade has no quality day.
            quality_day = (
                days[class_index % len(days)] if len(grade.classes) > 1 else ""
            )
            class_index += 1
            students = [s for s in data.students if s.class_id == cls.id]
            for day in days:
                for i, block in enumerate(grade.blocks):
                    here = [
                        s.id
                        for s in students
                        if data.is_present(s, day, block)
                        and (s.id, (day, block)) not in busy
                    ]
                    if not here:
                        continue
                    if i == 0 and day != quality_day and choices["homework"]:
                        pool = choices["homework"]
                    else:
                        pool = (
                            choices["quality"] or choices["fallback"] or choices["any"]
                        )
                    act = pool[i % len(pool)]
                    size = max(1, act.capacity.max)
                    for k in range(0, len(here), size):
                        groups.append(
                            _Group((day, block), act, here[k : k + size], cls.homeroom)
                        )
    return groups


# ---- 3./4. rooms and leaders -------------------------------------------------
def _place(data: ProblemData, groups: list[_Group]) -> list[Session]:
    ledger = _Ledger()
    order = {s: i for i, s in enumerate(data.calendar.slots)}
    groups = sorted(groups, key=lambda g: order.get(g.slot, len(order)))
    sessions = []
    numbering: Counter[tuple[Slot, str]] = Counter()
    for g in groups:
        day, block = g.slot
        key = (g.slot, g.activity.id)
        numbering[key] += 1
        room = _room(data, g, ledger)
        backup = _backup(data, g, room, ledger)
        leaders, assistant = _leaders(data, g, ledger)
        sessions.append(
            Session(
                id=f"{day}-{block}-{g.activity.id}-{numbering[key]}",
                day=day,
                block=block,
                activity=g.activity.id,
                room=room.id if room else "",
                staff=leaders,
                students=tuple(g.students),
                assistant=assistant,
                backup_room=backup,
            )
        )
    return sessions


def _room(data: ProblemData, g: _Group, ledger: _Ledger) -> Room | None:
    fitting = candidate_rooms(data, g.activity, g.slot, len(g.students))
    home = data.room_by_id.get(g.homeroom or "")
    if home is not None and home in fitting:
        fitting.remove(home)
        fitting.insert(0, home)
    for room in fitting:
        if (room.id, g.slot) not in ledger.rooms:
            ledger.rooms.add((room.id, g.slot))
            return room
    # No free room that fits: take one anyway, as a school would squeeze in.
    fallback = fitting or candidate_rooms(data, g.activity, g.slot, 0)
    if fallback:
        return fallback[0]
    return home or (data.rooms[0] if data.rooms else None)


def _backup(
    data: ProblemData, g: _Group, room: Room | None, ledger: _Ledger
) -> str | None:
    """H14: the first free indoor room that seats the group, for rain."""
    if room is None or not room.outdoor or not g.activity.rain_backup:
        return None
    if not data.rules.enabled("H14"):
        return None
    forbidden = data.rules.forbidden_room_kinds
    for r in data.rooms:
        if (
            not r.outdoor
            and r.kind not in forbidden
            and r.is_open(*g.slot)
            and r.capacity >= len(g.students)
            and (r.id, g.slot) not in ledger.rooms
        ):
            ledger.rooms.add((r.id, g.slot))
            return r.id
    return None


def _free(data: ProblemData, pid: str, slot: Slot, ledger: _Ledger) -> bool:
    return (pid, slot) not in ledger.staff and ledger.week[pid] < (
        data.staff_by_id[pid].max_per_week
    )


def _take(pid: str, slot: Slot, ledger: _Ledger) -> None:
    ledger.staff.add((pid, slot))
    ledger.week[pid] += 1


def _leaders(
    data: ProblemData, g: _Group, ledger: _Ledger
) -> tuple[tuple[str, ...], str | None]:
    for person in candidate_leaders(data, g.activity, g.slot):
        if not _free(data, person.id, g.slot, ledger):
            continue
        _take(person.id, g.slot, ledger)
        if not person.is_external:
            return (person.id,), None
        for helper in data.schedulable_staff():
            if (
                helper.kind == "teacher"
                and helper.is_available(*g.slot)
                and _free(data, helper.id, g.slot, ledger)
            ):
                _take(helper.id, g.slot, ledger)
                return (person.id,), helper.id
        return (person.id,), None
    return (), None


# ---- 5. duty ---------------------------------------------------------------
def _duty(data: ProblemData) -> list[Duty]:
    out = []
    wanted = []
    if data.rules.require_health_staff:
        wanted.append("health")
    if data.rules.require_admin_duty:
        wanted.append("admin")
    for day in data.calendar.days:
        blocks = [
            b.id for b in data.calendar.blocks if data.students_present(day, b.id)
        ]
        if not blocks:
            continue
        for kind in wanted:
            pool = [p for p in data.staff if p.kind == kind]
            able = [p for p in pool if all(p.is_available(day, b) for b in blocks)]
            if able or pool:
                out.append(Duty(day, kind, (able or pool)[0].id))
    return out
