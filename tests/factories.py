"""Builders of small ``ProblemData`` and ``Solution`` objects, straight from the
dataclasses (no files), for tests of every layer.

``make_data()`` with no argument is a 1-day (mon), 2-block school: grade 3 with
one class ``3-1`` and four students, a homework drop-in ``HW``, a quality
drop-in ``READ``, one sports club ``BALL``, three teachers ``T1``–``T3``, a health
``H1`` and an admin ``A1``, two classrooms ``R1``/``R2``, an outdoor ``FIELD`` and
a ``GYM``. Override any part::

    data = make_data(students=[student("s1", 3, mon="B2")],
                     staff=[teacher("T1", skills=["homework"]), health("H1")])

Availability and closures take the cell notation of FORMAT.md
(``"mon:B1,B2;tue"``; a bare day is the whole day), an iterable of
``(day, block)`` pairs, or ``"*"`` (every slot of the calendar, the default for
``available``). ``"*"`` and bare days are expanded by ``make_data`` against
its calendar — pass new staff/rooms through ``make_data``, not
``dataclasses.replace(data, staff=...)``, or the wildcards stay unexpanded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from types import MappingProxyType

from paipian.data import (
    Activity,
    Block,
    Calendar,
    Capacity,
    Grade,
    ProblemData,
    Room,
    Rules,
    School,
    SchoolClass,
    Staff,
    Student,
    Term,
    Weights,
)
from paipian.solution import Duty, Objective, Session, Solution

ALL = "*"
TERM_END = date(2027, 1, 20)
_WILD = "*"  # a block of "*" in a slot set means every block of that day

SlotSpec = str | Iterable[tuple[str, str]] | None


def minutes(hhmm: str) -> int:
    """``"15:30"`` → 930."""
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _slots(spec: SlotSpec) -> frozenset[tuple[str, str]]:
    """Parse cell notation into (day, block) pairs; ``*`` stays a wildcard."""
    if spec is None or spec == "":
        return frozenset()
    if isinstance(spec, str):
        if spec.strip() == ALL:
            return frozenset({(_WILD, _WILD)})
        out: set[tuple[str, str]] = set()
        for part in spec.split(";"):
            part = part.strip()
            if not part:
                continue
            if ":" in part:
                day, blocks = part.split(":", 1)
                out.update((day.strip(), b.strip()) for b in blocks.split(","))
            else:
                out.add((part, _WILD))
        return frozenset(out)
    return frozenset((d, b) for d, b in spec)


def _expand(
    slots: frozenset[tuple[str, str]], cal: Calendar
) -> frozenset[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for day, block in slots:
        days = cal.days if day == _WILD else (day,)
        blocks = [b.id for b in cal.blocks] if block == _WILD else [block]
        out.update((d, b) for d in days for b in blocks)
    return frozenset(out)


# ---- people ---------------------------------------------------------------
def student(
    id: str,
    grade: int = 3,
    class_id: str | None = None,
    *,
    prefs: Sequence[str] = (),
    name: str = "",
    needs_remedial: Sequence[str] = (),
    **days: str,
) -> Student:
    """A student; ``mon="B2"`` = booked on Monday through block B2."""
    return Student(
        id=id,
        grade=grade,
        class_id=class_id or f"{grade}-1",
        last_block=tuple((d, b) for d, b in days.items() if b),
        name=name,
        prefs=tuple(prefs),
        needs_remedial=tuple(needs_remedial),
    )


def teacher(
    id: str,
    available: SlotSpec = ALL,
    skills: Iterable[str] = ("homework",),
    *,
    kind: str = "teacher",
    max_per_week: int = 10,
    target_per_week: float | None = None,
    prefers: Iterable[str] = (),
    name: str | None = None,
) -> Staff:
    """A school teacher (or any ``kind``), available everywhere by default."""
    return Staff(
        id=id,
        name=name or id,
        kind=kind,
        skills=frozenset(skills),
        available=_slots(available),
        max_per_week=max_per_week,
        target_per_week=target_per_week,
        prefers=frozenset(prefers),
    )


def external(
    id: str,
    available: SlotSpec = ALL,
    skills: Iterable[str] = ("sports",),
    *,
    kind: str = "professional",
    cleared: bool = True,
    expires: date | None = date(2027, 12, 31),
    max_per_week: int = 10,
    name: str | None = None,
) -> Staff:
    """An external leader (H09); ``cleared`` sets verification + background."""
    return replace(
        teacher(id, available, skills, kind=kind, max_per_week=max_per_week, name=name),
        qualification_verified=cleared,
        background_check=cleared,
        qualification_expires=expires,
    )


def health(id: str = "H1", available: SlotSpec = ALL) -> Staff:
    """A health (卫生保健) staff member for H11 duty."""
    return teacher(id, available, (), kind="health")


def admin(id: str = "A1", available: SlotSpec = ALL) -> Staff:
    """An administrative duty officer (行政值班) for H11."""
    return teacher(id, available, (), kind="admin")


# ---- places and activities -------------------------------------------------
def room(
    id: str,
    kind: str = "classroom",
    capacity: int = 40,
    *,
    outdoor: bool = False,
    tags: Iterable[str] = (),
    closed: SlotSpec = None,
    name: str | None = None,
) -> Room:
    """A room; ``closed="mon:B2"`` closes it in that slot (bare day = whole day)."""
    return Room(
        id=id,
        name=name or id,
        kind=kind,
        capacity=capacity,
        outdoor=outdoor,
        tags=frozenset(tags),
        closed=_slots(closed),
    )


def activity(
    id: str,
    category: str = "homework",
    mode: str = "drop_in",
    form: str = "school_mixed",
    *,
    grades: Iterable[int] = range(1, 10),
    capacity: int | tuple[int, int] = 40,
    room_kinds: Iterable[str] = ("classroom",),
    room_tags: Iterable[str] = (),
    sessions_per_week: int = 1,
    required: bool = False,
    staff: Sequence[str] = (),
    staff_skills: Iterable[str] | None = None,
    rain_backup: bool = True,
    name: str | None = None,
) -> Activity:
    """An activity; ``staff_skills`` defaults to ``{category}`` like the loader."""
    cap = (
        Capacity(1, capacity)
        if isinstance(capacity, int)
        else Capacity(capacity[0], capacity[1])
    )
    return Activity(
        id=id,
        name=name or id,
        category=category,
        mode=mode,
        form=form,
        grades=frozenset(grades),
        capacity=cap,
        room_kinds=frozenset(room_kinds),
        room_tags=frozenset(room_tags),
        sessions_per_week=sessions_per_week,
        required=required,
        staff=tuple(staff),
        staff_skills=frozenset({category} if staff_skills is None else staff_skills),
        rain_backup=rain_backup,
    )


def club(id: str, category: str = "sports", **kw: object) -> Activity:
    """``activity(id, category, mode="club", ...)``."""
    return activity(id, category, "club", **kw)  # type: ignore[arg-type]


def grade(
    number: int,
    classes: Iterable[str] | None = None,
    *,
    blocks: Iterable[str] | None = None,
    dismissal: str = "15:20",
) -> Grade:
    """A grade; ``blocks=None`` is filled with every calendar block by make_data."""
    ids = list(classes) if classes is not None else [f"{number}-1"]
    return Grade(
        grade=number,
        dismissal=minutes(dismissal),
        blocks=tuple(blocks) if blocks is not None else (),
        classes=tuple(SchoolClass(c, f"{c}班", number) for c in ids),
    )


# ---- the default small school ---------------------------------------------
def default_students() -> list[Student]:
    """s1, s2, s3 stay through B2 on Monday; s4 leaves after B1."""
    return [
        student("s1", 3, prefs=["BALL"], mon="B2"),
        student("s2", 3, prefs=["BALL"], mon="B2"),
        student("s3", 3, mon="B2"),
        student("s4", 3, mon="B1"),
    ]


def default_staff() -> list[Staff]:
    """T1 homework, T2 sports, T3 reading; H1 health, A1 admin; all available."""
    return [
        teacher("T1", skills=["homework"]),
        teacher("T2", skills=["sports"]),
        teacher("T3", skills=["reading"]),
        health("H1"),
        admin("A1"),
    ]


def default_rooms() -> list[Room]:
    """Classrooms R1, R2 (40 seats), outdoor FIELD (100), GYM (60)."""
    return [
        room("R1"),
        room("R2"),
        room("FIELD", "field", 100, outdoor=True),
        room("GYM", "gym", 60),
    ]


def default_activities() -> list[Activity]:
    """HW homework (admin_class), READ reading (grade_mixed), BALL club (2–10)."""
    return [
        activity("HW", "homework", form="admin_class"),
        activity("READ", "reading", form="grade_mixed", room_kinds=["classroom"]),
        club("BALL", "sports", capacity=(2, 10), room_kinds=["gym", "field"]),
    ]


def make_data(
    students: Iterable[Student] | None = None,
    staff: Iterable[Staff] | None = None,
    rooms: Iterable[Room] | None = None,
    activities: Iterable[Activity] | None = None,
    *,
    days: Sequence[str] = ("mon",),
    blocks: Sequence[tuple[str, str, str]] = (
        ("B1", "15:30", "16:30"),
        ("B2", "16:30", "17:30"),
    ),
    grades: Iterable[Grade | int] | None = None,
    rules: Rules | None = None,
    weights: Weights | None = None,
    parent_off_work: str | None = None,
    term_end: date = TERM_END,
    name: str = "test",
) -> ProblemData:
    """A ``ProblemData`` from parts; every part defaults to the small school.

    ``grades`` may hold ``Grade`` objects or grade numbers; by default every
    grade of the students (classes from their ``class_id``). Grades with no
    ``blocks`` take every calendar block.
    """
    cal = Calendar(
        days=tuple(days),
        blocks=tuple(Block(b, minutes(s), minutes(e)) for b, s, e in blocks),
        parent_off_work=minutes(parent_off_work or blocks[-1][2]),
    )
    studs = tuple(default_students() if students is None else students)
    people = tuple(default_staff() if staff is None else staff)
    places = tuple(default_rooms() if rooms is None else rooms)
    acts = tuple(default_activities() if activities is None else activities)

    classes_of: dict[int, list[str]] = {}
    for st in studs:
        ids = classes_of.setdefault(st.grade, [])
        if st.class_id not in ids:
            ids.append(st.class_id)
    wanted = list(grades) if grades is not None else sorted(classes_of)
    built: list[Grade] = []
    for g in wanted:
        if isinstance(g, int):
            g = grade(g, classes_of.get(g))
        if not g.blocks:
            g = replace(g, blocks=tuple(b.id for b in cal.blocks))
        built.append(g)

    return ProblemData(
        school=School("测试小学"),
        term=Term("2026学年第一学期", date(2026, 9, 1), term_end),
        calendar=cal,
        grades=tuple(sorted(built, key=lambda g: g.grade)),
        rooms=tuple(replace(r, closed=_expand(r.closed, cal)) for r in places),
        staff=tuple(replace(s, available=_expand(s.available, cal)) for s in people),
        activities=acts,
        students=studs,
        rules=rules or Rules(),
        weights=weights or Weights(),
        name=name,
    )


# ---- timetables -------------------------------------------------------------
def session(
    activity: str,
    room: str,
    staff: Sequence[str] | str,
    students: Sequence[str],
    day: str = "mon",
    block: str = "B1",
    *,
    assistant: str | None = None,
    backup_room: str | None = None,
    id: str | None = None,
) -> Session:
    """A session; the id defaults to ``day-block-activity-room``."""
    leaders = (staff,) if isinstance(staff, str) else tuple(staff)
    return Session(
        id=id or f"{day}-{block}-{activity}-{room}",
        day=day,
        block=block,
        activity=activity,
        room=room,
        staff=leaders,
        students=tuple(students),
        assistant=assistant,
        backup_room=backup_room,
    )


def duty(day: str, kind: str, staff: str) -> Duty:
    """One H11 duty assignment."""
    return Duty(day=day, kind=kind, staff=staff)


def duties(
    days: Iterable[str] = ("mon",), health_id: str = "H1", admin_id: str = "A1"
) -> tuple[Duty, ...]:
    """Health + admin duty on each day (the usual H11 cover)."""
    out: list[Duty] = []
    for d in days:
        out += [duty(d, "health", health_id), duty(d, "admin", admin_id)]
    return tuple(out)


def make_solution(
    sessions: Iterable[Session],
    duty: Iterable[Duty] | None = None,
    *,
    closed_clubs: Iterable[str] = (),
    status: str = "FEASIBLE",
    terms: Mapping[str, float] | None = None,
    instance: str = "test",
) -> Solution:
    """A solution; ``duty=None`` puts H1 + A1 on Monday."""
    return Solution(
        instance=instance,
        status=status,
        sessions=tuple(sessions),
        closed_clubs=tuple(closed_clubs),
        duty=duties() if duty is None else tuple(duty),
        objective=Objective(terms=MappingProxyType(dict(terms or {}))),
    )


def replace_session(sol: Solution, session_id: str, **changes: object) -> Solution:
    """``sol`` with one session's fields changed (for violating variants)."""
    found = False
    out = []
    for s in sol.sessions:
        if s.id == session_id:
            s = replace(s, **changes)  # type: ignore[arg-type]
            found = True
        out.append(s)
    if not found:
        raise KeyError(session_id)
    return replace(sol, sessions=tuple(out))


def assert_only(report: object, rule: str | None, amount: int = 0) -> None:
    """Assert a ``CheckReport`` has ``amount`` of ``rule`` and no other hard
    violation (``rule=None``: clean)."""
    by_rule = dict(report.by_rule)  # type: ignore[attr-defined]
    expected = {r: 0 for r in by_rule}
    if rule is not None:
        expected[rule] = amount
    assert by_rule == expected, [
        (v.rule, v.amount, v.message)
        for v in report.violations  # type: ignore[attr-defined]
    ]
