"""What every ``ProblemData`` guarantees, checked once when it is built.

The loader (``paipian.io``) reports bad input as located ``InstanceError``\\s
(file, row, field); the solver, the checker and the reports then take for
granted what it checked. Code that builds ``ProblemData`` directly (tests, the
generator, the diagnosis's repairs) gets the same guarantee here, or a
``ValueError`` naming the offending item — a programming error, not a user's:
the loader reports each of these first, with its location, so a file it
accepts passes them.

What holds:

- ids are unique per kind (days, blocks, grades, classes, rooms, staff,
  activities, students) and never empty;
- every reference resolves: a grade's blocks, a class's homeroom and head
  teacher, an activity's staff, must-leaders, pinned room and meeting slots, a
  student's grade, class and booked blocks (within their grade's);
- every slot (availability, closures, meetings) is a (day, block) of the
  calendar;
- coded values are known (room, staff and activity kinds; forbidden
  categories and room kinds too, so a test can hand H07 or H10 a breach);
- counts make sense: room capacity ≥ 1, 0 ≤ capacity.min ≤ capacity.max,
  sessions_per_week ≥ 1, weights and weekly limits ≥ 0, the term ends after
  it starts; ``rules.disabled`` names hard rules that may be switched off.

Not checked here: the rules themselves (H04's block times and count, H07's
forbidden categories, H10's forbidden room kinds) — the solver and the checker
judge those, and tests build instances that break them on purpose. An
activity may be open to a grade (1–9) the school does not list: the loader
refuses that as a likely typo, but nothing downstream needs it. A
student's ``prefs`` and a staff member's ``prefers`` may name what does not
exist: the loader keeps such entries as written (with a warning) and
``allowed_club_prefs`` / S5 skip them.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import fields
from typing import TYPE_CHECKING, NoReturn

from paipian.catalogue import HARD_RULES, UNDISABLEABLE_RULES
from paipian.domain import (
    CATEGORIES,
    DAYS,
    FORBIDDEN_CATEGORIES,
    FORMS,
    GRADE_ZH,
    MODES,
    ROOM_KINDS,
    STAFF_KINDS,
)

if TYPE_CHECKING:
    from paipian.data import Calendar, ProblemData, Slot


def check(data: ProblemData) -> None:
    """Raise ``ValueError`` naming the first item of ``data`` that breaks an
    invariant of the module docstring. O(size of the data)."""
    _calendar(data.calendar)
    slots = frozenset(data.calendar.slots)
    if data.term.end < data.term.start:
        _fail(f"term {data.term.name!r}", "ends before it starts")
    room_ids = _unique("room", (r.id for r in data.rooms))
    staff_ids = _unique("staff member", (s.id for s in data.staff))
    _grades(data, room_ids, staff_ids)
    for room in data.rooms:
        where = f"room {room.id!r}"
        _known(where, "kind", room.kind, ROOM_KINDS)
        if room.capacity < 1:
            _fail(where, f"capacity {room.capacity} is below 1")
        _within(where, "closed slot", room.closed, slots, "the calendar's slots")
    for person in data.staff:
        where = f"staff member {person.id!r}"
        _known(where, "kind", person.kind, STAFF_KINDS)
        _within(
            where, "available slot", person.available, slots, "the calendar's slots"
        )
        if person.max_per_week < 0:
            _fail(where, f"max_per_week {person.max_per_week} is negative")
        if person.target_per_week is not None and person.target_per_week < 0:
            _fail(where, f"target_per_week {person.target_per_week} is negative")
    _activities(data, slots, room_ids, staff_ids)
    _students(data)
    _rules_and_weights(data)


def _fail(where: str, what: str) -> NoReturn:
    raise ValueError(f"ProblemData: {where}: {what}")


def _unique(kind: str, ids: Iterable[str]) -> frozenset[str]:
    seen: set[str] = set()
    for ident in ids:
        if not ident:
            _fail(f"a {kind}", "has an empty id")
        if ident in seen:
            _fail(f"{kind} {ident!r}", "the id is used twice")
        seen.add(ident)
    return frozenset(seen)


def _known(where: str, field: str, value: str, allowed: frozenset[str]) -> None:
    if value not in allowed:
        _fail(where, f"unknown {field} {value!r}; known: {', '.join(sorted(allowed))}")


def _within(
    where: str, what: str, items: Iterable[object], known: Container[object], among: str
) -> None:
    for item in items:
        if item not in known:
            _fail(where, f"{what} {item!r} is not among {among}")


def _calendar(calendar: Calendar) -> None:
    if not calendar.days:
        _fail("calendar", "has no service day")
    for day in calendar.days:
        _known("calendar", "day", day, frozenset(DAYS))
    _unique("calendar day", calendar.days)
    if not calendar.blocks:
        _fail("calendar", "has no block")
    _unique("block", (b.id for b in calendar.blocks))


def _grades(
    data: ProblemData, room_ids: frozenset[str], staff_ids: frozenset[str]
) -> None:
    order = {b.id: i for i, b in enumerate(data.calendar.blocks)}
    numbers: set[int] = set()
    class_ids: set[str] = set()
    for grade in data.grades:
        where = f"grade {grade.grade}"
        if grade.grade not in GRADE_ZH:
            _fail(where, "a grade is 1 to 9")
        if grade.grade in numbers:
            _fail(where, "the grade is listed twice")
        numbers.add(grade.grade)
        if not grade.blocks:
            _fail(where, "takes part in no block")
        _within(where, "block", grade.blocks, order, "the calendar's blocks")
        positions = [order[b] for b in grade.blocks]
        if positions != sorted(set(positions)):
            _fail(where, f"blocks {grade.blocks} are not in calendar order, once each")
        for school_class in grade.classes:
            cwhere = f"class {school_class.id!r}"
            if not school_class.id:
                _fail(f"a class of {where}", "has an empty id")
            if school_class.id in class_ids:
                _fail(cwhere, "the id is used twice")
            class_ids.add(school_class.id)
            if school_class.grade != grade.grade:
                _fail(cwhere, f"says grade {school_class.grade} but is in {where}")
            if school_class.homeroom is not None:
                _within(
                    cwhere, "homeroom", (school_class.homeroom,), room_ids, "the rooms"
                )
            if school_class.head_teacher is not None:
                head = (school_class.head_teacher,)
                _within(cwhere, "head_teacher", head, staff_ids, "the staff")


def _activities(
    data: ProblemData,
    slots: frozenset[Slot],
    room_ids: frozenset[str],
    staff_ids: frozenset[str],
) -> None:
    _unique("activity", (a.id for a in data.activities))
    for act in data.activities:
        where = f"activity {act.id!r}"
        _known(where, "category", act.category, CATEGORIES | FORBIDDEN_CATEGORIES)
        _known(where, "mode", act.mode, MODES)
        _known(where, "form", act.form, FORMS)
        _within(where, "grade", act.grades, GRADE_ZH, "grades 1 to 9")
        low, high = act.capacity.min, act.capacity.max
        if not 0 <= low <= high:
            _fail(where, f"capacity min {low} / max {high}: need 0 ≤ min ≤ max")
        for kind in act.room_kinds:
            _known(where, "room kind", kind, ROOM_KINDS)
        if act.sessions_per_week < 1:
            _fail(where, f"sessions_per_week {act.sessions_per_week} is below 1")
        _within(where, "staff", act.staff, staff_ids, "the staff")
        _within(where, "leader", act.leaders, staff_ids, "the staff")
        if act.room is not None:
            _within(where, "room", (act.room,), room_ids, "the rooms")
        _within(where, "meeting slot", act.meets, slots, "the calendar's slots")


def _students(data: ProblemData) -> None:
    _unique("student", (s.id for s in data.students))
    grades = data.grade_by_number
    classes = data.class_by_id
    day_set = frozenset(data.calendar.days)
    for st in data.students:
        where = f"student {st.id!r}"
        grade = grades.get(st.grade)
        if grade is None:
            _fail(where, f"grade {st.grade} is not among the grades")
        school_class = classes.get(st.class_id)
        if school_class is None:
            _fail(where, f"class {st.class_id!r} is not among the classes")
        if school_class.grade != st.grade:
            _fail(where, f"class {st.class_id!r} is in grade {school_class.grade}")
        days = [day for day, _ in st.last_block]
        _within(where, "booked day", days, day_set, "the service days")
        if len(set(days)) < len(days):
            _fail(where, "a day is booked twice")
        booked = (block for _, block in st.last_block)
        _within(
            where, "booked block", booked, grade.blocks, f"grade {st.grade}'s blocks"
        )


def _rules_and_weights(data: ProblemData) -> None:
    rules = data.rules
    may_disable = frozenset(HARD_RULES) - UNDISABLEABLE_RULES
    _within(
        "rules",
        "disabled",
        sorted(rules.disabled),
        may_disable,
        "the rules a school may switch off",
    )
    if rules.min_quality_per_week < 0:
        _fail("rules", "min_quality_per_week is negative")
    if rules.remedial_max_group < 1:
        _fail("rules", "remedial_max_group is below 1")
    for kind in rules.forbidden_room_kinds:
        _known("rules", "forbidden room kind", kind, ROOM_KINDS)
    for key, weight in rules.session_weights.items():
        if weight < 0:
            _fail("rules", f"session weight {key!r} is negative")
    for objective in fields(data.weights):
        if getattr(data.weights, objective.name) < 0:
            _fail("weights", f"{objective.name} is negative")
