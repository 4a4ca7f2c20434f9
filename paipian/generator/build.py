"""``generate``: a seeded school with a planted timetable that meets H01–H14."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date

from paipian.data import (
    Grade,
    ProblemData,
    Rules,
    School,
    Staff,
    Student,
    Term,
)
from paipian.generator import catalog
from paipian.generator.draft import ActSpec, PlannedSession, StaffSpec
from paipian.generator.plan import plan_sessions
from paipian.generator.profiles import get_profile
from paipian.generator.rooms import RoomPlanner, close_some_slots, make_rooms
from paipian.generator.school import (
    DAYS,
    StudentDraft,
    make_calendar,
    make_grades,
    make_students,
)
from paipian.generator.staffing import (
    EXPIRES_LAPSED,
    EXPIRES_OK,
    StaffPlanner,
    make_duty,
    unverified_external,
)
from paipian.solution import Duty, Session, Solution

TERM = Term("2026学年第一学期", date(2026, 9, 1), date(2027, 1, 20))


def generate(
    profile: str, seed: int, tightness: float = 0.0
) -> tuple[ProblemData, Solution]:
    """A school of ``profile`` and a timetable for it that meets every hard rule.

    The same (profile, seed, tightness) always gives the same school and
    timetable. ``tightness`` 0 leaves spare rooms, staff and availability;
    1 leaves barely what the planted timetable uses.
    """
    prof = get_profile(profile)
    tightness = min(max(float(tightness), 0.0), 1.0)
    slack = 1.0 - tightness
    # One stream per stage: tightness changes the resources, never the children.
    rng = random.Random(f"paipian:{profile}:{seed}")
    room_rng = random.Random(f"paipian:{profile}:{seed}:rooms")
    staff_rng = random.Random(f"paipian:{profile}:{seed}:staff")
    calendar = make_calendar(prof)
    blocks = tuple(b.id for b in calendar.blocks)
    grades = make_grades(prof, calendar)
    students = make_students(prof, grades, rng)
    drop_ins = catalog.drop_ins(prof)
    clubs = catalog.clubs(prof, len(students), rng)

    sessions, closed = plan_sessions(grades, students, drop_ins, clubs, rng)
    running = [c for c in clubs if c.slots]
    for c in rng.sample(running, max(1, len(running) // 6)) if running else ():
        c.required = True
    _fit_club_capacity(clubs, slack)
    _write_prefs(students, clubs, rng)

    n_classes = sum(len(g.classes) for g in grades)
    rooms = make_rooms(grades, spare=round(slack * max(2, n_classes // 8)))
    RoomPlanner(rooms, room_rng).assign(sessions)
    close_some_slots(rooms, DAYS, blocks, room_rng, tightness)

    staffing = StaffPlanner(grades, blocks, staff_rng)
    staffing.assign(sessions, clubs)
    staffing.finish(tightness, spare=round(slack * 0.15 * len(staffing.teachers)))
    service_days = sorted({s.day for s in sessions}, key=DAYS.index)
    duty_staff, duty = make_duty(staff_rng, len(students), blocks, service_days)
    extras = [unverified_external(staff_rng)] if len(students) > 300 else []

    data = ProblemData(
        school=School(prof.school_name, prof.district, prof.stage),
        term=TERM,
        calendar=calendar,
        grades=tuple(grades),
        rooms=tuple(r.freeze() for r in rooms),
        staff=tuple(
            _freeze_staff(s, blocks)
            for s in staffing.teachers + staffing.externals + extras + duty_staff
        ),
        activities=tuple(a.freeze() for a in [*drop_ins.values(), *clubs]),
        students=tuple(_freeze_student(s, grades) for s in students),
        rules=Rules(),
        name=f"{profile}-{seed}",
    )
    solution = Solution(
        instance="instance.yaml",
        status="FEASIBLE",
        sessions=_sessions(sessions),
        closed_clubs=tuple(c.id for c in closed),
        duty=tuple(Duty(d, kind, who) for d, kind, who in duty),
    )
    return data, solution


def _fit_club_capacity(clubs: list[ActSpec], slack: float) -> None:
    """Capacity {min, max} around the planted members (H13), loose when slack."""
    for c in clubs:
        if not c.slots:
            continue
        n = len(c.members)
        c.cap_min = min(c.cap_min, n)
        c.cap_max = max(n, round(c.cap_max * (0.5 + 0.5 * slack)), n + round(slack * 6))


def _write_prefs(
    students: list[StudentDraft], clubs: list[ActSpec], rng: random.Random
) -> None:
    """Ranked club wishes: members asked for their club, mostly first."""
    member_of: dict[str, list[str]] = defaultdict(list)
    for c in clubs:
        for sid in c.members:
            member_of[sid].append(c.id)
    open_to: dict[int, list[str]] = defaultdict(list)
    for c in clubs:
        for g in c.grades:
            open_to[g].append(c.id)
    for s in students:
        mine = member_of[s.id]
        if not mine and (not s.last or rng.random() < 0.1):
            continue
        others = [c for c in open_to[s.grade] if c not in mine]
        wishes = rng.sample(others, min(len(others), rng.randint(1, 3)))
        prefs = list(mine) + wishes
        if mine and rng.random() < 0.3 and len(prefs) > 1:
            prefs[0], prefs[1] = prefs[1], prefs[0]  # got their second choice
        s.prefs = prefs


def _freeze_staff(s: StaffSpec, blocks: tuple[str, ...]) -> Staff:
    external = s.kind not in ("teacher", "health", "admin")
    available = s.available
    if available is None:
        available = {(d, b) for d in DAYS for b in blocks}
    return Staff(
        id=s.id,
        name=s.name,
        kind=s.kind,
        skills=frozenset(s.skills),
        available=frozenset(available),
        max_per_week=s.max_per_week,
        target_per_week=s.target,
        prefers=frozenset(s.prefers),
        qualification_verified=external,
        background_check=external,
        qualification_expires=(EXPIRES_OK if s.cleared else EXPIRES_LAPSED)
        if external
        else None,
    )


def _freeze_student(s: StudentDraft, grades: list[Grade]) -> Student:
    return Student(
        id=s.id,
        grade=s.grade,
        class_id=s.class_id,
        last_block=tuple((d, s.last[d]) for d in DAYS if d in s.last),
        name=s.name,
        prefs=tuple(s.prefs),
        needs_remedial=s.needs_remedial,
    )


def _sessions(planned: list[PlannedSession]) -> tuple[Session, ...]:
    """Frozen sessions with ids ``mon-B1-HW-3``, in day, block, activity order."""
    ordered = sorted(
        planned, key=lambda s: (DAYS.index(s.day), s.block, s.activity.id, s.students)
    )
    count: dict[tuple[str, str, str], int] = defaultdict(int)
    out = []
    for s in ordered:
        key = (s.day, s.block, s.activity.id)
        count[key] += 1
        out.append(
            Session(
                id=f"{s.day}-{s.block}-{s.activity.id}-{count[key]}",
                day=s.day,
                block=s.block,
                activity=s.activity.id,
                room=str(s.room),
                staff=tuple(s.staff),
                students=tuple(s.students),
                assistant=s.assistant,
                backup_room=s.backup_room,
            )
        )
    return tuple(out)
