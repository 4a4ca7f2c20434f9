"""Named small schools with valid timetables: tiny, tiny_external, complete.

Plain functions, importable from any test (``from schools import tiny_data``);
``conftest.py`` exposes them as fixtures.
"""

from __future__ import annotations

from factories import (
    activity,
    admin,
    club,
    duties,
    external,
    health,
    make_data,
    make_solution,
    room,
    session,
    student,
    teacher,
)

from paipian.data import ProblemData
from paipian.solution import Solution


def tiny_data() -> ProblemData:
    """``make_data()``: s1–s3 stay mon B1–B2, s4 only B1; HW, READ, club BALL."""
    return make_data()


def tiny_timetable() -> Solution:
    """mon B1: BALL in GYM (T2: s1, s2), READ in R2 (T3: s3, s4);
    mon B2: HW in R1 (T1: s1, s2, s3). Health H1 and admin A1 on duty."""
    return make_solution(
        [
            session("BALL", "GYM", "T2", ["s1", "s2"], "mon", "B1"),
            session("READ", "R2", "T3", ["s3", "s4"], "mon", "B1"),
            session("HW", "R1", "T1", ["s1", "s2", "s3"], "mon", "B2"),
        ]
    )


def tiny_external_data() -> ProblemData:
    """The tiny school with BALL led only by cleared external ``X1``."""
    base = tiny_data()
    acts = [
        club(
            "BALL",
            "sports",
            capacity=(2, 10),
            room_kinds=["gym", "field"],
            staff=["X1"],
            staff_skills=[],
        )
        if a.id == "BALL"
        else a
        for a in base.activities
    ]
    return make_data(
        staff=[*base.staff, external("X1", skills=["sports"])], activities=acts
    )


def tiny_external_timetable() -> Solution:
    """As ``tiny_timetable`` with BALL led by X1 and T2 as 助教."""
    return make_solution(
        [
            session("BALL", "GYM", "X1", ["s1", "s2"], "mon", "B1", assistant="T2"),
            session("READ", "R2", "T3", ["s3", "s4"], "mon", "B1"),
            session("HW", "R1", "T1", ["s1", "s2", "s3"], "mon", "B2"),
        ]
    )


def complete_data() -> ProblemData:
    """Two days (mon, tue), blocks B1 15:30–16:30 and B2 16:30–17:30.

    Students: grade 1 (class 1-1) a1–a4; grade 3 (class 3-1) c1–c6.
    a1, a2, c1–c4 stay through B2 both days; a3 and c5 leave after B1;
    a4 and c6 come on Monday only (through B2).
    Clubs: BALL (sports, grade 3, 2×/week, led by external X1, required),
    CHESS (other_quality, grade 3, closed). Drop-ins: HW homework admin_class
    (grade 3), PLAY sports on the FIELD (grades 1, 3), READ grade_mixed,
    REM remedial grade_mixed (grade 3, ≤ 15), CARE school_mixed.
    Rooms: R1, R2 classrooms, LIB library, GYM (closed tue B2), outdoor FIELD.
    """
    students = [
        student("a1", 1, "1-1", mon="B2", tue="B2"),
        student("a2", 1, "1-1", mon="B2", tue="B2"),
        student("a3", 1, "1-1", mon="B1", tue="B1"),
        student("a4", 1, "1-1", mon="B2"),
        student("c1", 3, "3-1", prefs=["BALL", "CHESS"], mon="B2", tue="B2"),
        student("c2", 3, "3-1", prefs=["BALL"], mon="B2", tue="B2"),
        student("c3", 3, "3-1", prefs=["CHESS", "BALL"], mon="B2", tue="B2"),
        student("c4", 3, "3-1", mon="B2", tue="B2"),
        student("c5", 3, "3-1", mon="B1", tue="B1"),
        student("c6", 3, "3-1", prefs=["CHESS"], mon="B2"),
    ]
    staff = [
        teacher("T1", skills=["homework", "remedial"]),
        teacher("T2", skills=["sports", "care"], prefers=["mon"]),
        teacher("T3", skills=["reading", "care"]),
        teacher("T4", "mon:B2;tue", skills=["homework", "other_quality"]),
        external("X1", "mon:B1;tue:B1", skills=["sports"], kind="retired_teacher"),
        health("H1"),
        admin("A1"),
        admin("A2", "tue"),
    ]
    rooms = [
        room("R1"),
        room("R2"),
        room("LIB", "library", 30),
        room("GYM", "gym", 60, closed="tue:B2"),
        room("FIELD", "field", 100, outdoor=True),
    ]
    activities = [
        activity("HW", "homework", form="admin_class", grades=[3]),
        activity(
            "PLAY",
            "sports",
            form="admin_class",
            grades=[1, 3],
            room_kinds=["field", "gym"],
        ),
        activity(
            "READ", "reading", form="grade_mixed", room_kinds=["library", "classroom"]
        ),
        activity(
            "REM",
            "remedial",
            form="grade_mixed",
            grades=[3],
            capacity=15,
            staff_skills=["remedial"],
        ),
        activity("CARE", "care", room_kinds=["classroom"]),
        club(
            "BALL",
            "sports",
            grades=[3],
            capacity=(2, 10),
            sessions_per_week=2,
            room_kinds=["gym", "field"],
            staff=["X1"],
            staff_skills=[],
            required=True,
        ),
        club("CHESS", "other_quality", grades=[3], capacity=(4, 20)),
    ]
    return make_data(students, staff, rooms, activities, days=("mon", "tue"))


def complete_timetable() -> Solution:
    """A valid week for ``complete_data`` (see the session list)."""
    return make_solution(
        [
            # Monday B1: BALL on the field (backup GYM), grade 1 READ, c5 REM
            session(
                "BALL",
                "FIELD",
                "X1",
                ["c1", "c2", "c3"],
                "mon",
                "B1",
                assistant="T2",
                backup_room="GYM",
            ),
            session("READ", "LIB", "T3", ["a1", "a2", "a3", "a4"], "mon", "B1"),
            session("HW", "R1", "T1", ["c4", "c5", "c6"], "mon", "B1"),
            # Monday B2: grade 3 PLAY (outdoor, backup GYM), grade 1 CARE
            session(
                "PLAY", "FIELD", "T2", ["c4", "c6"], "mon", "B2", backup_room="GYM"
            ),
            session("HW", "R1", "T1", ["c1", "c2", "c3"], "mon", "B2"),
            session("CARE", "R2", "T3", ["a1", "a2", "a4"], "mon", "B2"),
            # Tuesday B1: BALL again (same members, in the GYM), grade 1 PLAY, REM
            session(
                "BALL", "GYM", "X1", ["c1", "c2", "c3"], "tue", "B1", assistant="T4"
            ),
            session(
                "PLAY", "FIELD", "T2", ["a1", "a2", "a3"], "tue", "B1", backup_room="R2"
            ),
            session("READ", "LIB", "T3", ["c5"], "tue", "B1"),
            session("REM", "R1", "T1", ["c4"], "tue", "B1"),
            # Tuesday B2: grade 3 HW, grade 1 READ
            session("HW", "R1", "T4", ["c1", "c2", "c3", "c4"], "tue", "B2"),
            session("READ", "LIB", "T3", ["a1", "a2"], "tue", "B2"),
        ],
        duty=[
            *duties(["mon"], "H1", "A1"),
            *duties(["tue"], "H1", "A2"),
        ],
        closed_clubs=["CHESS"],
    )
