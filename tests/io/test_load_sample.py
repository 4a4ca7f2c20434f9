"""The bundled sample school and the spec's example load, with the right values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from paipian.io import load_instance

REPO = Path(__file__).resolve().parents[2]
SAMPLES = [
    REPO / "instances" / "tiny" / "instance.yaml",
    Path("/work/shared/spec/example/instance.yaml"),
]


@pytest.mark.parametrize("path", SAMPLES, ids=["tiny", "spec-example"])
def test_sample_loads_without_problems(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} not present on this machine")
    data, warnings = load_instance(path)
    assert warnings == []
    assert data.name == str(path)
    assert data.school.name == "浦东新区海桐小学"
    assert data.term.end == date(2027, 1, 20)
    assert data.calendar.days == ("mon", "tue", "wed", "thu", "fri")
    assert len(data.students) == 524  # 525 lines, header included
    assert len(data.staff) == 48
    assert len(data.rooms) == 31
    assert len(data.activities) == 22


def test_tiny_values() -> None:
    data, _ = load_instance(SAMPLES[0])
    # Blocks: "15:30"–"16:30" is 930–990 minutes, 60 minutes long.
    b1 = data.calendar.block_by_id["B1"]
    assert (b1.start, b1.end, b1.minutes) == (930, 990, 60)
    assert data.calendar.parent_off_work == 17 * 60 + 30
    # Grades without `blocks:` take every block; dismissal in minutes.
    assert data.grade_by_number[1].blocks == ("B1", "B2")
    assert data.grade_by_number[1].dismissal == 15 * 60 + 20
    # X01 offers "mon;wed": bare days expand to every block of the day.
    assert data.staff_by_id["X01"].available == {
        ("mon", "B1"),
        ("mon", "B2"),
        ("wed", "B1"),
        ("wed", "B2"),
    }
    assert data.staff_by_id["X01"].external_cleared(data.term.end)
    # Empty `available` = every block of every service day.
    assert data.staff_by_id["T001"].available == set(data.calendar.slots)
    assert data.staff_by_id["T001"].prefers == {"mon", "tue"}
    # `capacity: 45` means 1..45; defaults of an activity.
    hw = data.activity_by_id["HW"]
    assert (hw.capacity.min, hw.capacity.max) == (1, 45)
    assert hw.staff_skills == {"homework"}
    assert hw.rain_backup and not hw.required and hw.sessions_per_week == 1
    assert data.activity_by_id["READ"].grades == {1, 2, 3, 4, 5}
    assert data.activity_by_id["DANCE"].form == "school_mixed"
    assert data.activity_by_id["REM"].staff_skills == {"homework"}
    assert data.activity_by_id["BB"].capacity.min == 12
    # Rooms: tags and a closed slot.
    assert data.room_by_id["MUS1"].tags == {"music", "piano"}
    assert data.room_by_id["GYM"].closed == {("wed", "B2")}
    assert data.room_by_id["FIELD_E"].outdoor
    # S10104 books B1 every day: present in B1, not in B2.
    student = data.student_by_id["S10104"]
    assert data.is_present(student, "mon", "B1")
    assert not data.is_present(student, "mon", "B2")
    assert data.student_by_id["S10101"].prefs[0] == "KID"


def test_small_school_loads(school: Path) -> None:
    data, warnings = load_instance(school)
    assert warnings == []
    # Staff "mon:B1,B2;tue:B1" expands per day.
    assert data.staff_by_id["T002"].available == {
        ("mon", "B1"),
        ("mon", "B2"),
        ("tue", "B1"),
    }
    assert data.staff_by_id["T002"].max_per_week == 5
    assert data.staff_by_id["T001"].max_per_week == 10
    # A bare day closes the whole day.
    assert data.room_by_id["FIELD"].closed == {("wed", "B1"), ("wed", "B2")}
    assert not data.room_by_id["MUS"].outdoor
    # Grade 1 takes part in B1 only; "0" and empty mean "not that day".
    s1 = data.student_by_id["S1"]
    assert s1.last_block == (("mon", "B1"),)
    assert data.present_slots(s1) == (("mon", "B1"),)
    s2 = data.student_by_id["S2"]
    assert data.present_slots(s2)[:2] == (("mon", "B1"), ("mon", "B2"))
    assert data.rules.grades_without_homework == {1, 2}
    assert data.weights.balance == 10
