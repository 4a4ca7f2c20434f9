"""Generated schools look like Shanghai schools: sizes, grades, blocks, staff."""

from __future__ import annotations

from collections import Counter

import pytest
from gen_cache import school

from paipian.generator import PROFILES


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_sizes_within_ten_percent(profile: str) -> None:
    data, _ = school(profile, 1)
    target = PROFILES[profile].students
    assert 0.9 * target <= len(data.students) <= 1.1 * target
    per_class = Counter(s.class_id for s in data.students)
    assert set(per_class) == set(data.class_by_id)
    assert all(35 <= n <= 45 for n in per_class.values())


def test_tiny_has_two_blocks_and_small_grades() -> None:
    data, _ = school("tiny", 1)
    assert [b.id for b in data.calendar.blocks] == ["B1", "B2"]
    assert all(1 <= len(g.classes) <= 2 for g in data.grades)


def test_nine_year_juniors_join_later() -> None:
    """Grades 6–9 leave class later, so they take part only from B2 (H04)."""
    data, solution = school("nine_year_2100", 1)
    assert [g.grade for g in data.grades] == list(range(1, 10))
    start = {b.id: b.start for b in data.calendar.blocks}
    for g in data.grades:
        assert start[g.blocks[0]] >= g.dismissal
        if g.grade >= 6:
            assert g.blocks == ("B2", "B3")
            assert g.dismissal > data.grade_by_number[5].dismissal
    junior = {s.id for s in data.students if s.grade >= 6}
    assert not any(
        junior & set(s.students) for s in solution.sessions if s.block == "B1"
    )


def test_staff_offer_realistic_weeks() -> None:
    data, solution = school("primary_600", 1)
    teachers = [s for s in data.staff if s.kind == "teacher"]
    assert all(1 <= s.max_per_week <= 8 for s in teachers)
    assert sum(s.max_per_week >= 4 for s in teachers) >= 0.9 * len(teachers)
    every_slot = set(data.calendar.slots)
    whole_week = sum(s.available == every_slot for s in teachers)
    assert 0.2 * len(teachers) <= whole_week < len(teachers)
    assert {"health", "admin"} <= {s.kind for s in data.staff}
    assert len(solution.duty) == 2 * len(data.calendar.days)


def test_clubs_have_members_who_asked_for_them() -> None:
    data, solution = school("primary_600", 1)
    clubs = {a.id for a in data.clubs}
    for s in solution.sessions:
        if s.activity in clubs:
            for sid in s.students:
                assert s.activity in data.student_by_id[sid].prefs
    assert any(a.required for a in data.clubs)
    assert {a.sessions_per_week for a in data.clubs} == {1, 2}


def test_tightness_keeps_the_children_and_trims_resources() -> None:
    loose, _ = school("primary_600", 3, 0.0)
    tight, _ = school("primary_600", 3, 1.0)
    assert loose.students == tight.students
    assert len(tight.staff) < len(loose.staff)
    open_slots = lambda d: sum(  # noqa: E731
        len(d.calendar.slots) - len(r.closed) for r in d.rooms
    )
    assert open_slots(tight) < open_slots(loose)
