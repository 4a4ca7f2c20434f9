"""Tables as files: activities in CSV, extra columns, calendar extras, rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from loadkit import STUDENTS, write_instance

from paipian.io import load_instance

ACTIVITIES = (
    "id,name,category,mode,form,grades,capacity,sessions_per_week,required,"
    "room_kinds,room_tags,staff,staff_skills,rain_backup,comment\n"
    """HW,作业辅导,homework,drop_in,admin_class,3,45,,,classroom,,,,,任何备注
BB,篮球社,sports,club,,1;3,12-30,2,是,field；gym,,X01,none,否,
PIANO,钢琴,arts,club,walk,,6-12,,,special,music,T001,arts;music,,
"""
)


def test_activities_from_csv(tmp_path: Path) -> None:
    path = write_instance(
        tmp_path,
        edit=lambda d: d.__setitem__("activities", "activities.csv"),
        files={"activities.csv": ACTIVITIES},
    )
    data, warnings = load_instance(path)
    assert warnings == []
    hw, bb, piano = data.activities
    assert (hw.capacity.min, hw.capacity.max, hw.grades) == (1, 45, {3})
    assert hw.staff_skills == {"homework"}  # empty cell: the [category] default
    assert hw.form == "admin_class" and hw.rain_backup
    assert (bb.capacity.min, bb.capacity.max) == (12, 30)
    assert bb.grades == {1, 3} and bb.room_kinds == {"field", "gym"}
    assert bb.required and bb.sessions_per_week == 2 and not bb.rain_backup
    assert bb.staff == ("X01",) and bb.staff_skills == frozenset()  # "none"
    assert bb.form == "school_mixed"
    assert piano.grades == {1, 3}  # empty: every grade
    assert piano.room_tags == {"music"} and piano.staff_skills == {"arts", "music"}


def test_extra_columns_are_ignored(tmp_path: Path) -> None:
    students = STUDENTS.replace("prefs", "prefs,needs_remedial,家长电话")
    students = students.replace(",BB\n", ",BB,数学;英语,123\n", 1)
    data, _ = load_instance(write_instance(tmp_path, files={"students.csv": students}))
    assert data.student_by_id["S2"].needs_remedial == ("数学", "英语")


def test_calendar_extras_rules_and_weights(tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["calendar"]["holidays"] = ["2026-10-01", "2026-10-02"]
        doc["calendar"]["workdays"] = "2026-10-10"
        doc["rules"] = {
            "grades_without_homework": [],
            "min_quality_per_week": 2,
            "forbidden_room_kinds": ["canteen", "guard_room", "offsite"],
            "require_admin_duty": "否",
            "session_weights": {"club": 1.5, "assistant": 0.25},
            "disabled": ["h14"],
        }
        doc["weights"] = {"balance": 0, "stability": "7"}

    data, _ = load_instance(write_instance(tmp_path, edit=edit))
    assert data.calendar.holidays == (date(2026, 10, 1), date(2026, 10, 2))
    assert data.calendar.workdays == (date(2026, 10, 10),)
    rules = data.rules
    assert rules.grades_without_homework == frozenset()
    assert rules.min_quality_per_week == 2
    assert "offsite" in rules.forbidden_room_kinds
    assert not rules.require_admin_duty and rules.require_health_staff
    assert dict(rules.session_weights) == {"assistant": 0.25, "club": 1.5}
    assert rules.disabled == {"H14"} and not rules.enabled("H14")
    assert (data.weights.balance, data.weights.stability, data.weights.rooms) == (
        0,
        7,
        3,
    )


def test_defaults_when_rules_and_weights_are_absent(tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        del doc["rules"], doc["weights"]

    data, _ = load_instance(write_instance(tmp_path, edit=edit))
    assert data.rules.grades_without_homework == {1, 2}
    assert data.rules.forbidden_room_kinds == {"canteen", "guard_room"}
    assert data.weights.of("S6") == 20


def test_days_come_in_week_order(tmp_path: Path) -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["calendar"]["days"] = "wed;周一；Tue"

    data, _ = load_instance(write_instance(tmp_path, edit=edit))
    assert data.calendar.days == ("mon", "tue", "wed")
