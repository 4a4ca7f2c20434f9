"""Small schools feasible by construction: draw the survey, plant a timetable
that meets every hard rule, and build the instance around it.

The plant: in a booked day's first block every class does homework (HW,
admin_class) — grades without homework read instead (READ, grade_mixed); in
later blocks everyone reads, except the members of an optional club (school
mixed, sports) that meets in the second block of the first day, where all of
its members are present. Every booked student stays at least two blocks, so
each has a quality session every day they come (H05) and each grade is offered
homework and quality every day (H03).

``planted_schools()``: four classrooms, four teachers who may lead HW and READ,
a coach and a gym for the club, a nurse and an admin officer, all available
everywhere — more than any slot needs. ``planted_schools(tight=True)``: no
club; groups of at most ``cap`` students; exactly as many classrooms as the
busiest slot of the plant uses, and each teacher offers only the slots the plant
gives them, with ``max_per_week`` equal to their planted sessions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from factories import (
    activity,
    admin,
    club,
    duties,
    health,
    make_data,
    make_solution,
    room,
    session,
    student,
    teacher,
)
from hypothesis import strategies as st

from paipian.data import ProblemData, Staff, Student
from paipian.solution import Session, Solution

BLOCKS = (("B1", "15:30", "16:20"), ("B2", "16:30", "17:20"), ("B3", "17:30", "18:00"))
SKILLS = ("homework", "reading", "play")


@dataclass(frozen=True)
class Planted:
    data: ProblemData
    timetable: Solution


@dataclass(frozen=True)
class _Survey:
    days: tuple[str, ...]
    blocks: tuple[tuple[str, str, str], ...]
    grades: list[int]
    students: list[Student]


@st.composite
def _surveys(draw: st.DrawFn, *, max_students: int, club_fans: bool) -> _Survey:
    days = draw(st.sampled_from((("mon",), ("mon", "tue"))))
    blocks = BLOCKS[: draw(st.integers(2, 3))]
    block_ids = [b for b, _, _ in blocks]
    grades = draw(st.lists(st.integers(1, 6), min_size=1, max_size=2, unique=True))
    if len(grades) == 1:
        n_classes = draw(st.integers(1, 2))
        classes = [(f"{grades[0]}-{i}", grades[0]) for i in range(1, n_classes + 1)]
    else:
        classes = [(f"{g}-1", g) for g in grades]
    students: list[Student] = []
    for i in range(draw(st.integers(1, max_students))):
        class_id, grade = draw(st.sampled_from(classes))
        booked = draw(st.lists(st.sampled_from(days), min_size=1, unique=True))
        # Through the second block at least: two slots on every booked day.
        last = {d: block_ids[draw(st.integers(1, len(blocks) - 1))] for d in booked}
        fan = club_fans and draw(st.booleans())
        students.append(
            student(f"s{i}", grade, class_id, prefs=["BALL"] if fan else (), **last)
        )
    return _Survey(days, blocks, grades, students)


def _activities(cap: int, outdoor: bool) -> list:
    acts = [
        activity("HW", "homework", form="admin_class", capacity=cap),
        activity("READ", "reading", form="grade_mixed", capacity=cap),
        club("BALL", "sports", capacity=(1, 10), room_kinds=["gym"]),
    ]
    if outdoor:
        # Sport on the outdoor field: the solver may use it, with a backup.
        acts.append(
            activity("PLAY", "sports", room_kinds=["field"], staff_skills=["play"])
        )
    return acts


@st.composite
def planted_schools(
    draw: st.DrawFn, *, outdoor: bool = False, tight: bool = False
) -> Planted:
    """A school of one or two classes, 1–8 (tight: 1–12) students, 1–2 days,
    2–3 blocks, with a planted timetable (see the module docstring)."""
    survey = draw(_surveys(max_students=12 if tight else 8, club_fans=not tight))
    cap = draw(st.integers(1, 5)) if tight else 40
    # A first instance fixes presence; the plant decides the staff and rooms.
    draft = make_data(
        survey.students,
        [health("H1"), admin("A1")],
        [room("R1")],
        _activities(cap, outdoor),
        days=survey.days,
        blocks=survey.blocks,
        grades=survey.grades,
    )
    sessions, slots_of, n_rooms = _plant(draft, cap)
    if tight:
        staff: list[Staff] = [
            teacher(t, sorted(slots), SKILLS, max_per_week=len(slots))
            for t, slots in sorted(slots_of.items())
        ]
        rooms = [room(f"R{i}") for i in range(1, n_rooms + 1)]
    else:
        staff = [teacher(f"T{i}", "*", SKILLS, max_per_week=20) for i in range(1, 5)]
        staff.append(teacher("TC", "*", ["sports"], max_per_week=20))
        rooms = [room(f"R{i}") for i in range(1, 5)] + [room("GYM", "gym", 60)]
    if outdoor:
        rooms.append(room("FIELD", "field", 100, outdoor=True))
    data = make_data(
        survey.students,
        [*staff, health("H1"), admin("A1")],
        rooms,
        _activities(cap, outdoor),
        days=survey.days,
        blocks=survey.blocks,
        grades=survey.grades,
    )
    running = any(s.activity == "BALL" for s in sessions)
    timetable = make_solution(
        sessions, duties(data.calendar.days), closed_clubs=() if running else ("BALL",)
    )
    return Planted(data, timetable)


def _plant(
    data: ProblemData, cap: int
) -> tuple[list[Session], dict[str, set[tuple[str, str]]], int]:
    """The planted sessions, each teacher's slots, and the most rooms in a slot."""
    club_slot = (data.calendar.days[0], "B2")
    members = [
        pupil.id
        for pupil in data.students
        if "BALL" in pupil.prefs and data.is_present(pupil, *club_slot)
    ]
    out: list[Session] = []
    slots_of: dict[str, set[tuple[str, str]]] = defaultdict(set)
    most = 1
    for day in data.calendar.days:
        for index, blk in enumerate(data.calendar.blocks):
            slot = (day, blk.id)
            groups: dict[tuple[str, str], list[str]] = defaultdict(list)
            for pupil in data.students_present(*slot):
                if slot == club_slot and pupil.id in members:
                    continue
                homework = (
                    index == 0 and pupil.grade not in data.rules.grades_without_homework
                )
                key = ("HW", pupil.class_id) if homework else ("READ", str(pupil.grade))
                groups[key].append(pupil.id)
            chunks = [
                (aid, ids[i : i + cap])
                for (aid, _), ids in sorted(groups.items())
                for i in range(0, len(ids), cap)
            ]
            for n, (aid, ids) in enumerate(chunks, start=1):
                out.append(
                    session(
                        aid,
                        f"R{n}",
                        f"T{n}",
                        ids,
                        day,
                        blk.id,
                        id=f"{day}-{blk.id}-{n}",
                    )
                )
                slots_of[f"T{n}"].add(slot)
            most = max(most, len(chunks))
            if slot == club_slot and members:
                out.append(session("BALL", "GYM", "TC", members, day, blk.id))
    return out, slots_of, most
