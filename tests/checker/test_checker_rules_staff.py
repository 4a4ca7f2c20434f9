"""H08, H09, H11: one violating timetable and one control each."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from factories import (
    admin,
    assert_only,
    duties,
    duty,
    external,
    health,
    make_data,
    replace_session,
    teacher,
)

from paipian.checker import check
from paipian.data import Rules

READ_B1 = "mon-B1-READ-R2"
HW_B2 = "mon-B2-HW-R1"


def _staff(tiny, *people):
    """tiny's staff with same-id members replaced by ``people``."""
    by_id = {p.id: p for p in people}
    return make_data(
        staff=[by_id.pop(p.id, p) for p in tiny.staff] + list(by_id.values())
    )


@pytest.mark.parametrize(
    ("session_id", "changes", "why"),
    [
        (HW_B2, {"staff": ()}, "no leader"),
        (HW_B2, {"staff": ("T9",)}, "unknown staff id"),
        (HW_B2, {"staff": ("H1",)}, "health staff leads"),
        (HW_B2, {"staff": ("T1",), "assistant": "A1"}, "admin staff assists"),
        (HW_B2, {"staff": ("T2",)}, "T2 (sports) may not lead homework"),
        (READ_B1, {"assistant": "T2"}, "T2 also leads BALL in mon B1"),
    ],
)
def test_h08_one_unit_each(tiny, tiny_solution, session_id, changes, why):
    # Each change breaks H08 exactly once (amount 1).
    sol = replace_session(tiny_solution, session_id, **changes)
    assert_only(check(tiny, sol), "H08", 1)


def test_h08_unavailable_and_over_weekly_limit(tiny, tiny_solution):
    # T3 offered mon B2 only but leads READ in B1 (1); T1 may work 0 sessions
    # a week and works 1 (1 − 0 = 1). H08 = 2.
    data = _staff(
        tiny,
        teacher("T3", "mon:B2", skills=["reading"]),
        teacher("T1", skills=["homework"], max_per_week=0),
    )
    report = check(data, tiny_solution)
    assert_only(report, "H08", 2)
    assert {v.where["staff"] for v in report.of("H08")} == {"T1", "T3"}
    assert_only(check(tiny, tiny_solution), None)


def test_h08_double_booking_counts_extra_sessions(tiny, tiny_solution):
    # T1 leads HW in B2 and is added as assistant to BALL and READ in B1 — B1
    # has 2 sessions for T1: 2 − 1 = 1.
    sol = replace_session(tiny_solution, READ_B1, assistant="T1")
    sol = replace_session(sol, "mon-B1-BALL-GYM", assistant="T1")
    report = check(tiny, sol)
    assert_only(report, "H08", 1)
    assert dict(report.of("H08")[0].where) == {
        "day": "mon",
        "block": "B1",
        "staff": "T1",
    }


def test_h09_external_without_assistant(tiny_external, tiny_external_solution):
    # X1 leads BALL with no assistant → 1 session.
    assert_only(check(tiny_external, tiny_external_solution), None)
    sol = replace_session(tiny_external_solution, "mon-B1-BALL-GYM", assistant=None)
    report = check(tiny_external, sol)
    assert_only(report, "H09", 1)
    assert report.of("H09")[0].where["session"] == "mon-B1-BALL-GYM"


def test_h09_assistant_must_be_a_school_teacher(tiny_external, tiny_external_solution):
    # A cleared volunteer as the assistant is not kind teacher → 1.
    data = make_data(
        staff=[*tiny_external.staff, external("V1", kind="volunteer")],
        activities=tiny_external.activities,
    )
    sol = replace_session(tiny_external_solution, "mon-B1-BALL-GYM", assistant="V1")
    assert_only(check(data, sol), "H09", 1)


@pytest.mark.parametrize(
    "x1",
    [
        external("X1", expires=date(2026, 12, 31)),  # expires before term end
        external("X1", cleared=False),  # not verified, no background check
        external("X1", expires=None),
    ],
)
def test_h09_uncleared_external(tiny_external, tiny_external_solution, x1):
    # X1 works one session without clearance through 2027-01-20 → 1.
    staff = [x1 if p.id == "X1" else p for p in tiny_external.staff]
    data = make_data(staff=staff, activities=tiny_external.activities)
    assert_only(check(data, tiny_external_solution), "H09", 1)


def test_h11_no_duty_at_all(tiny, tiny_solution):
    # mon has students: health missing (1) + admin missing (1) = 2.
    report = check(tiny, replace(tiny_solution, duty=()))
    assert_only(report, "H11", 2)
    # control: a school that waives both needs none
    waived = replace(
        tiny, rules=Rules(require_health_staff=False, require_admin_duty=False)
    )
    assert_only(check(waived, replace(tiny_solution, duty=())), None)


def test_h11_wrong_kind_and_unavailable_duty(tiny, tiny_solution):
    # T1 (a teacher) as health duty: invalid entry (1) + no health (1);
    # A1 offered only mon B1 but students stay through B2: invalid entry (1)
    # + no admin (1). H11 = 4.
    data = _staff(tiny, admin("A1", "mon:B1"))
    sol = replace(
        tiny_solution, duty=(duty("mon", "health", "T1"), duty("mon", "admin", "A1"))
    )
    report = check(data, sol)
    assert_only(report, "H11", 4)


def test_h11_days_without_students_need_no_duty(tiny_solution):
    # tue is a service day nobody books: no duty needed there.
    data = make_data(
        days=("mon", "tue"),
        staff=[
            teacher("T1"),
            teacher("T2", skills=["sports"]),
            teacher("T3", skills=["reading"]),
            health("H1"),
            admin("A1"),
        ],
    )
    assert_only(check(data, replace(tiny_solution, duty=duties(["mon"]))), None)
