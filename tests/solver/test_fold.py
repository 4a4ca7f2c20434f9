"""Drop-in groups fold into other groups of their slot only where every
rule they touch still holds (``paipian/solver/fold.py``)."""

from __future__ import annotations

import dataclasses

import pytest
from factories import activity, admin, health, make_data, room, student, teacher

from paipian.data import ProblemData
from paipian.model.plans import PlannedSession
from paipian.solver import pipeline
from paipian.solver.dropins import Formed
from paipian.solver.fold import fold_small_groups
from solver.helpers import assert_graded, run


def _school(
    *,
    lone_grade: int = 3,
    seats: int = 40,
    mixed: str = "homework",
    lone_room: str = "classroom",
    lone: int = 1,
):
    """Ten grade-3 students of class 3-1 and one of class 3-2 (or of
    ``lone_grade``), Monday B1; homework by class (HW) or by grade (MIX)."""
    students = [student(f"a{i}", 3, "3-1", mon="B1") for i in range(10)]
    students += [
        student(f"b{i}", lone_grade, f"{lone_grade}-2", mon="B1")
        for i in range(1, lone + 1)
    ]
    return make_data(
        students=students,
        activities=[
            activity(
                "HW",
                "homework",
                form="admin_class",
                room_kinds=["classroom", lone_room],
            ),
            activity("MIX", mixed, form="grade_mixed"),
        ],
        staff=[teacher("T1"), teacher("T2"), health(), admin()],
        rooms=[room("R1", capacity=seats), room("R2", lone_room)],
    )


def _formed(data: ProblemData) -> Formed:
    """The ten in MIX (room R1), class 3-2 (or the other grade) in HW (room R2)."""
    many = [s.id for s in data.students if s.id.startswith("a")]
    lone = tuple(s.id for s in data.students if s.id.startswith("b"))
    return Formed(
        [
            PlannedSession(0, "mon", "B1", "MIX", tuple(many), ("3-1",)),
            PlannedSession(1, "mon", "B1", "HW", lone, ("3-2",)),
        ],
        {0: "R1", 1: "R2"},
        {},
    )


def test_a_lone_student_joins_a_group_of_their_grade_and_category() -> None:
    data = _school()
    folded = fold_small_groups(data, _formed(data))
    assert [s.index for s in folded.sessions] == [0]
    (group,) = folded.sessions
    assert "b1" in group.students and len(group.students) == 11
    assert group.classes == ("3-1", "3-2")
    assert folded.rooms == {0: "R1"}


def test_a_group_of_any_size_closes_when_the_others_seat_it() -> None:
    data = _school(lone=5)
    folded = fold_small_groups(data, _formed(data))
    assert [len(s.students) for s in folded.sessions] == [15]


def test_control_a_full_room_keeps_the_group() -> None:
    data = _school(seats=10)  # R1 seats the ten already
    folded = fold_small_groups(data, _formed(data))
    assert len(folded.sessions) == 2


def test_control_another_grade_keeps_the_group() -> None:
    # MIX is grade_mixed: one grade per group (H12)
    data = _school(lone_grade=4)
    folded = fold_small_groups(data, _formed(data))
    assert len(folded.sessions) == 2


def test_control_another_category_keeps_the_group() -> None:
    # reading instead of homework: H03's offer and S4 would change
    data = _school(mixed="reading")
    folded = fold_small_groups(data, _formed(data))
    assert len(folded.sessions) == 2


def test_control_the_days_last_group_in_a_facility_keeps_it() -> None:
    # R2 is the library, used by nothing else that day: closing the group
    # would leave the facility-day unused (S2: 60 × 3, more than 40 seats)
    data = _school(lone_room="library")
    folded = fold_small_groups(data, _formed(data))
    assert len(folded.sessions) == 2


def _class_on_two_days() -> ProblemData:
    """Eleven of class 3-1 on Monday and Tuesday B1: homework by class (H03
    wants an offer each day), sport by grade (H05 wants one in the week)."""
    return make_data(
        students=[student(f"a{i}", 3, "3-1", mon="B1", tue="B1") for i in range(11)],
        activities=[
            activity("HW", "homework", form="admin_class"),
            activity("SUN", "sports", form="grade_mixed"),
        ],
        staff=[
            teacher("T1", skills=("homework", "sports")),
            teacher("T2", skills=("homework", "sports")),
            health(),
            admin(),
        ],
        rooms=[room("R1", capacity=40), room("R2", capacity=40)],
        days=("mon", "tue"),
    )


def _one_more_in_homework(data: ProblemData, formed: Formed) -> Formed:
    """The real fold, then Monday's homework group takes one student from
    that day's sports group who has sport on Tuesday too (every rule holds;
    S4 grows by one)."""
    formed = fold_small_groups(data, formed)
    mon = {s.activity: s for s in formed.sessions if s.day == "mon"}
    tue_sport = {
        sid
        for s in formed.sessions
        if s.day == "tue" and s.activity == "SUN"
        for sid in s.students
    }
    mover = next(sid for sid in mon["SUN"].students if sid in tue_sport)
    changed = {
        mon["SUN"].index: tuple(x for x in mon["SUN"].students if x != mover),
        mon["HW"].index: (*mon["HW"].students, mover),
    }
    sessions = [
        dataclasses.replace(s, students=changed.get(s.index, s.students))
        for s in formed.sessions
    ]
    return Formed(sessions, formed.rooms, formed.backups)


def test_sport_time_is_counted_from_the_groups_as_folded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # S4 was the drop-in plan's count; a fold that moves a student between a
    # sports and another group changes it, and the solver must report the
    # groups' own count (the checker's)
    data = _class_on_two_days()
    monkeypatch.setattr(pipeline, "fold_small_groups", _one_more_in_homework)
    result = run(data)
    homework = [s for s in result.solution.sessions if s.activity == "HW"]
    assert sum(len(s.students) for s in homework) >= 3  # the plan's 2, and one moved
    assert_graded(data, result)  # every term, S4 included, as the checker counts
