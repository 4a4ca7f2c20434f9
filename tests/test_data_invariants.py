"""ProblemData checks its invariants on construction (``paipian.invariants``).

Each case breaks one invariant of the small school of ``make_data()`` (mon,
B1–B2; grade 3 with class 3-1 and students s1–s4; teachers T1–T3, health H1,
admin A1; rooms R1, R2, FIELD, GYM; activities HW, READ and the club BALL) and
expects a ``ValueError`` that names the offending item. The controls show what
stays allowed: what the rules judge, not the data's shape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from types import MappingProxyType
from typing import Any

import pytest
from factories import make_data

from paipian.data import (
    Block,
    Capacity,
    ProblemData,
    SchoolClass,
    Weights,
)

Break = Callable[[ProblemData], ProblemData]


def _one(items: tuple[Any, ...], ident: Any, key: str = "id", **changes: Any):
    """``items`` with the one whose ``key`` is ``ident`` changed."""
    return tuple(
        replace(item, **changes) if getattr(item, key) == ident else item
        for item in items
    )


def room(ident: str, **changes: Any) -> Break:
    return lambda d: replace(d, rooms=_one(d.rooms, ident, **changes))


def staff(ident: str, **changes: Any) -> Break:
    return lambda d: replace(d, staff=_one(d.staff, ident, **changes))


def activity(ident: str, **changes: Any) -> Break:
    return lambda d: replace(d, activities=_one(d.activities, ident, **changes))


def student(ident: str, **changes: Any) -> Break:
    return lambda d: replace(d, students=_one(d.students, ident, **changes))


def grade(number: int, **changes: Any) -> Break:
    return lambda d: replace(d, grades=_one(d.grades, number, "grade", **changes))


def school_class(ident: str, **changes: Any) -> Break:
    def edit(d: ProblemData) -> ProblemData:
        grades = tuple(
            replace(g, classes=_one(g.classes, ident, **changes)) for g in d.grades
        )
        return replace(d, grades=grades)

    return edit


def calendar(**changes: Any) -> Break:
    return lambda d: replace(d, calendar=replace(d.calendar, **changes))


def rules(**changes: Any) -> Break:
    return lambda d: replace(d, rules=replace(d.rules, **changes))


def twice(kind: str, ident: Any, key: str = "id") -> Break:
    """The item of ``kind`` (a field of ProblemData) listed a second time."""

    def edit(d: ProblemData) -> ProblemData:
        items = getattr(d, kind)
        first = next(i for i in items if getattr(i, key) == ident)
        return replace(d, **{kind: (*items, first)})

    return edit


def second_grade_with_class(class_id: str) -> Break:
    def edit(d: ProblemData) -> ProblemData:
        g3 = d.grade_by_number[3]
        g4 = replace(g3, grade=4, classes=(SchoolClass(class_id, "x", 4),))
        return replace(d, grades=(g3, g4))

    return edit


# (name, how the school is broken, what the error must say)
CASES: list[tuple[str, Break, str]] = [
    # ---- calendar and term
    ("no service day", calendar(days=()), "calendar: has no service day"),
    ("unknown day", calendar(days=("mon", "xyz")), "unknown day 'xyz'"),
    ("day twice", calendar(days=("mon", "mon")), "calendar day 'mon'"),
    ("block id twice", calendar(blocks=(Block("B1", 930, 990),) * 2), "block 'B1'"),
    (
        "term ends before it starts",
        lambda d: replace(d, term=replace(d.term, end=date(2026, 8, 1))),
        "term '2026学年第一学期'",
    ),
    # ---- grades and classes
    ("grade 10", grade(3, grade=10), "grade 10: a grade is 1 to 9"),
    ("grade twice", twice("grades", 3, "grade"), "grade 3: the grade is listed twice"),
    ("grade without block", grade(3, blocks=()), "grade 3: takes part in no block"),
    ("grade unknown block", grade(3, blocks=("B1", "B9")), "grade 3: block 'B9'"),
    ("grade blocks out of order", grade(3, blocks=("B2", "B1")), "grade 3: blocks"),
    ("class id twice", second_grade_with_class("3-1"), "class '3-1': the id is used"),
    ("class empty id", school_class("3-1", id=""), "a class of grade 3"),
    ("class in another grade", school_class("3-1", grade=4), "class '3-1': says"),
    ("homeroom unknown", school_class("3-1", homeroom="R9"), "class '3-1': homeroom"),
    (
        "head teacher unknown",
        school_class("3-1", head_teacher="T9"),
        "class '3-1': head_teacher 'T9'",
    ),
    # ---- rooms
    ("room id twice", twice("rooms", "R1"), "room 'R1': the id is used twice"),
    ("room empty id", room("R1", id=""), "a room: has an empty id"),
    ("room unknown kind", room("R1", kind="pool"), "room 'R1': unknown kind 'pool'"),
    ("room no seat", room("R1", capacity=0), "room 'R1': capacity 0"),
    (
        "room closed off the calendar",
        room("R1", closed=frozenset({("tue", "B1")})),
        "room 'R1': closed slot ('tue', 'B1')",
    ),
    # ---- staff
    ("staff id twice", twice("staff", "T1"), "staff member 'T1': the id is used"),
    ("staff unknown kind", staff("T1", kind="parent"), "staff member 'T1': unknown"),
    (
        "available off the calendar",
        staff("T1", available=frozenset({("mon", "B3")})),
        "staff member 'T1': available slot ('mon', 'B3')",
    ),
    ("negative max_per_week", staff("T1", max_per_week=-1), "'T1': max_per_week"),
    ("negative target", staff("T2", target_per_week=-2.0), "'T2': target_per_week"),
    # ---- activities
    ("activity id twice", twice("activities", "HW"), "activity 'HW': the id is used"),
    ("unknown category", activity("HW", category="chess"), "'HW': unknown category"),
    ("unknown mode", activity("HW", mode="weekly"), "activity 'HW': unknown mode"),
    ("unknown form", activity("HW", form="mixed"), "activity 'HW': unknown form"),
    ("grade 0", activity("HW", grades=frozenset({0, 3})), "activity 'HW': grade 0"),
    (
        "capacity min above max",
        activity("BALL", capacity=Capacity(11, 10)),
        "activity 'BALL': capacity min 11 / max 10",
    ),
    (
        "capacity min negative",
        activity("BALL", capacity=Capacity(-1, 10)),
        "activity 'BALL': capacity min -1",
    ),
    (
        "unknown room kind",
        activity("HW", room_kinds=frozenset({"pool"})),
        "activity 'HW': unknown room kind 'pool'",
    ),
    ("no session a week", activity("BALL", sessions_per_week=0), "'BALL': sessions"),
    ("staff unknown", activity("HW", staff=("T1", "T9")), "'HW': staff 'T9'"),
    ("leader unknown", activity("BALL", leaders=("T9",)), "'BALL': leader 'T9'"),
    ("pinned room unknown", activity("BALL", room="POOL"), "'BALL': room 'POOL'"),
    (
        "meets off the calendar",
        activity("BALL", meets=(("tue", "B1"),)),
        "activity 'BALL': meeting slot ('tue', 'B1')",
    ),
    # ---- students
    ("student id twice", twice("students", "s1"), "student 's1': the id is used"),
    ("student empty id", student("s1", id=""), "a student: has an empty id"),
    ("student grade unknown", student("s1", grade=4), "student 's1': grade 4"),
    ("student class unknown", student("s1", class_id="3-9"), "student 's1': class"),
    (
        "student class of another grade",
        lambda d: student("s1", grade=4)(second_grade_with_class("4-1")(d)),
        "student 's1': class '3-1' is in grade 3",
    ),
    (
        "booked on a day without service",
        student("s1", last_block=(("tue", "B2"),)),
        "student 's1': booked day 'tue'",
    ),
    (
        "booked a day twice",
        student("s1", last_block=(("mon", "B1"), ("mon", "B2"))),
        "student 's1': a day is booked twice",
    ),
    (
        "booked a block the grade has not",
        lambda d: student("s1", last_block=(("mon", "B2"),))(
            grade(3, blocks=("B1",))(d)
        ),
        "student 's1': booked block 'B2'",
    ),
    # ---- rules and weights
    ("disable H01", rules(disabled=frozenset({"H01"})), "rules: disabled 'H01'"),
    ("disable unknown", rules(disabled=frozenset({"H99"})), "rules: disabled 'H99'"),
    ("disable S1", rules(disabled=frozenset({"S1"})), "rules: disabled 'S1'"),
    ("negative quality", rules(min_quality_per_week=-1), "rules: min_quality_per"),
    ("remedial group of 0", rules(remedial_max_group=0), "rules: remedial_max_group"),
    (
        "forbidden kind unknown",
        rules(forbidden_room_kinds=frozenset({"pool"})),
        "rules: unknown forbidden room kind 'pool'",
    ),
    (
        "negative session weight",
        rules(session_weights=MappingProxyType({"assistant": -0.5})),
        "rules: session weight 'assistant'",
    ),
    (
        "negative weight",
        lambda d: replace(d, weights=Weights(balance=-1)),
        "weights: balance is negative",
    ),
]


@pytest.mark.parametrize(
    ("edit", "says"), [pytest.param(e, s, id=name) for name, e, s in CASES]
)
def test_a_broken_invariant_is_refused_naming_the_item(edit: Break, says: str) -> None:
    with pytest.raises(ValueError) as info:
        edit(make_data())
    assert says in str(info.value)


def test_control_the_small_school_is_valid() -> None:
    data = make_data()
    assert replace(data, name="again").name == "again"  # rebuilt, checked again


# What the rules judge, and what the loader keeps as written, is allowed.
CONTROLS: list[tuple[str, Break]] = [
    ("capacity min 0", activity("BALL", capacity=Capacity(0, 10))),
    ("open to a grade the school lacks", activity("HW", grades=frozenset({3, 5}))),
    ("forbidden category (H07 judges)", activity("HW", category="new_lesson")),
    (
        "forbidden room kind (H10 judges)",
        activity("HW", room_kinds=frozenset({"canteen"})),
    ),
    ("unknown pref (skipped)", student("s1", prefs=("CHESS", "BALL"))),
    ("unknown staff preference", staff("T1", prefers=frozenset({"CHESS", "mon"}))),
    ("disable a rule that may be", rules(disabled=frozenset({"H11", "H05"}))),
    ("known homeroom and head", school_class("3-1", homeroom="R1", head_teacher="T1")),
    ("pins that resolve", activity("BALL", leaders=("T2",), room="GYM")),
    ("a club pinned to a slot", activity("BALL", meets=(("mon", "B2"),))),
    (
        "overlapping blocks (H04 judges)",
        calendar(blocks=(Block("B1", 930, 1000), Block("B2", 990, 1050))),
    ),
    ("every weight off", lambda d: replace(d, weights=Weights(*[0] * 7))),
]


@pytest.mark.parametrize("edit", [pytest.param(e, id=n) for n, e in CONTROLS])
def test_control_what_the_rules_judge_is_allowed(edit: Break) -> None:
    data = make_data()
    assert edit(data) != data  # built without error, and the edit took hold
