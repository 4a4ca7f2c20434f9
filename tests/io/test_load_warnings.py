"""Warnings never stop a load: uncleared externals (H09) and odd preferences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from loadkit import STAFF, STUDENTS, matching, write_instance

from paipian.io import load_instance

CLEARED = "X01,范教练,professional,sports,mon;wed,4,true,passed,2027-06-30"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (
            "X01,范教练,professional,sports,mon;wed,4,false,passed,2027-06-30",
            "verified",
        ),
        ("X01,范教练,professional,sports,mon;wed,4,,passed,2027-06-30", "verified"),
        (
            "X01,范教练,professional,sports,mon;wed,4,true,未通过,2027-06-30",
            "background",
        ),
        (
            "X01,范教练,professional,sports,mon;wed,4,是,pending,2027-06-30",
            "background",
        ),
        ("X01,范教练,professional,sports,mon;wed,4,true,通过,", "expiry"),
        ("X01,范教练,professional,sports,mon;wed,4,true,passed,next year", "expiry"),
        (
            "X01,范教练,professional,sports,mon;wed,4,yes,passed,2026-12-31",
            "2027-01-20",
        ),
    ],
    ids=[
        "not-verified",
        "empty",
        "failed",
        "pending",
        "no-expiry",
        "bad-date",
        "expires",
    ],
)
def test_external_not_cleared_is_a_warning(
    tmp_path: Path, row: str, reason: str
) -> None:
    path = write_instance(tmp_path, files={"staff.csv": STAFF.replace(CLEARED, row)})
    data, warnings = load_instance(path)
    warning = matching(warnings, file="staff.csv", line=4, rule="H09", says=reason)
    assert "will not be scheduled" in warning.en and "不会被排课" in warning.zh
    assert "X01" in warning.zh and "X01" in warning.en
    assert warning.value is None  # the person is named; no cell value to show
    x01 = data.staff_by_id["X01"]
    assert not x01.external_cleared(data.term.end)
    assert x01 not in data.schedulable_staff()


def test_cleared_external_and_teachers_warn_nothing(tmp_path: Path) -> None:
    data, warnings = load_instance(write_instance(tmp_path))
    assert warnings == []
    assert data.staff_by_id["X01"].external_cleared(data.term.end)
    assert data.staff_by_id["X01"] in data.schedulable_staff()


@pytest.mark.parametrize(
    ("prefs", "value", "says"),
    [("BB;CHESS", "CHESS", "no such club"), ("HW;BB", "HW", "not a club")],
    ids=["unknown", "drop-in"],
)
def test_odd_prefs_are_warnings(
    tmp_path: Path, prefs: str, value: str, says: str
) -> None:
    students = STUDENTS.replace("S3,王五,3,3-1,,B2,,BB", f"S3,王五,3,3-1,,B2,,{prefs}")
    data, warnings = load_instance(
        write_instance(tmp_path, files={"students.csv": students})
    )
    matching(
        warnings, file="students.csv", line=4, column="prefs", value=value, says=says
    )
    # The preference is kept as given; allowed_club_prefs filters it.
    assert [a.id for a in data.allowed_club_prefs(data.student_by_id["S3"])] == ["BB"]


def test_unknown_top_level_key_is_a_warning(tmp_path: Path) -> None:
    path = write_instance(tmp_path, edit=lambda d: d.__setitem__("weight", {"x": 1}))
    _, warnings = load_instance(path)
    matching(warnings, key="weight", file="instance.yaml")


def test_day_that_is_not_served_is_ignored_with_a_warning(tmp_path: Path) -> None:
    staff = STAFF.replace('"mon:B1,B2;tue:B1"', "mon:B1;sat")
    data, warnings = load_instance(write_instance(tmp_path, files={"staff.csv": staff}))
    matching(warnings, file="staff.csv", line=3, column="available", value="sat")
    assert data.staff_by_id["T002"].available == {("mon", "B1")}


def test_health_staff_listed_as_leader_is_a_warning(tmp_path: Path) -> None:
    path = write_instance(
        tmp_path, edit=lambda d: d["activities"][1].__setitem__("staff", ["X01", "H01"])
    )
    data, warnings = load_instance(path)
    matching(warnings, key="activities[BB].staff", value="H01", rule="H08")
    assert not data.activity_by_id["BB"].may_lead(data.staff_by_id["H01"])


def test_an_expiry_date_in_chinese_is_a_date(tmp_path: Path) -> None:
    row = "X01,范教练,professional,sports,mon;wed,4,true,passed,2027年6月30日"
    path = write_instance(tmp_path, files={"staff.csv": STAFF.replace(CLEARED, row)})
    data, warnings = load_instance(path)
    assert warnings == []
    assert data.staff_by_id["X01"].qualification_expires == date(2027, 6, 30)


def test_an_unreadable_expiry_is_named_by_its_own_value(tmp_path: Path) -> None:
    row = "X01,范教练,professional,sports,mon;wed,4,true,passed,2027年6月31日"
    path = write_instance(tmp_path, files={"staff.csv": STAFF.replace(CLEARED, row)})
    _, warnings = load_instance(path)
    matching(
        warnings,
        file="staff.csv",
        line=4,
        column="qualification_expires",
        value="2027年6月31日",
        says="YYYY-MM-DD",
    )
    assert not any(w.value == "X01" for w in warnings)
