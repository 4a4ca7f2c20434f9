"""The planted timetable meets every hard rule (checker), for every profile.

Beside the checker, a few rules are asserted directly, so a gap in one
referee does not hide a generator bug: H01 coverage, H06, H09 assistants,
H10 forbidden rooms.
"""

from __future__ import annotations

from collections import Counter

import pytest
from gen_cache import school

from paipian.checker import check
from paipian.domain import HOMEWORK_CATEGORIES
from paipian.generator import PROFILES

CASES = [
    ("tiny", 1, 0.0),
    ("tiny", 2, 0.0),
    ("tiny", 3, 1.0),
    ("primary_600", 1, 0.0),
    ("primary_600", 2, 0.5),
    ("primary_600", 3, 1.0),
    ("nine_year_2100", 1, 0.0),
    ("nine_year_2100", 2, 1.0),
    ("primary_1200", 1, 0.0),
    ("large_3200", 1, 0.0),
    ("huge_4000", 1, 0.0),
]


@pytest.mark.parametrize(("profile", "seed", "tightness"), CASES)
def test_planted_solution_passes_the_checker(
    profile: str, seed: int, tightness: float
) -> None:
    data, solution = school(profile, seed, tightness)
    report = check(data, solution)
    assert report.ok, [v.message for v in report.violations[:10]]
    assert solution.has_timetable and solution.sessions


@pytest.mark.parametrize(("profile", "seed", "tightness"), CASES[:8])
def test_every_present_student_in_exactly_one_session_per_slot(
    profile: str, seed: int, tightness: float
) -> None:
    """H01/H02: placements per (student, slot) equal presence exactly."""
    data, solution = school(profile, seed, tightness)
    placed = Counter(
        (sid, s.day, s.block) for s in solution.sessions for sid in s.students
    )
    wanted = {
        (st.id, day, block)
        for st in data.students
        for day, block in data.present_slots(st)
    }
    assert set(placed) == wanted
    assert set(placed.values()) == {1}


@pytest.mark.parametrize("profile", ["tiny", "primary_600", "nine_year_2100"])
def test_low_grades_never_in_homework(profile: str) -> None:
    """H06: no grade 1–2 child sits in a homework or Q&A session."""
    data, solution = school(profile, 1)
    low = {s.id for s in data.students if s.grade in (1, 2)}
    homework = [
        s
        for s in solution.sessions
        if data.activity_by_id[s.activity].category in HOMEWORK_CATEGORIES
    ]
    assert homework
    assert not any(low & set(s.students) for s in homework)


@pytest.mark.parametrize("profile", ["primary_600", "nine_year_2100"])
def test_externals_lead_only_with_a_teacher_assistant(profile: str) -> None:
    """H09: each session an external leads has a school-teacher 助教."""
    data, solution = school(profile, 1)
    led = [
        s
        for s in solution.sessions
        if any(data.staff_by_id[w].is_external for w in s.staff)
    ]
    assert led, "the sample schools bring in outside coaches"
    for s in led:
        assert s.assistant is not None
        assert data.staff_by_id[s.assistant].kind == "teacher"
        for w in s.staff:
            assert data.staff_by_id[w].external_cleared(data.term.end)


@pytest.mark.parametrize("profile", ["tiny", "primary_600", "nine_year_2100"])
def test_canteen_and_guard_room_stay_unused(profile: str) -> None:
    data, solution = school(profile, 1)
    kinds = {r.kind for r in data.rooms}
    assert {"canteen", "guard_room"} <= kinds
    forbidden = {r.id for r in data.rooms if r.kind in ("canteen", "guard_room")}
    used = {s.room for s in solution.sessions} | {
        s.backup_room for s in solution.sessions if s.backup_room
    }
    assert not used & forbidden


def test_outdoor_sessions_hold_an_indoor_backup() -> None:
    data, solution = school("primary_600", 1)
    outdoor = [s for s in solution.sessions if data.room_by_id[s.room].outdoor]
    assert outdoor
    for s in outdoor:
        assert s.backup_room is not None
        assert not data.room_by_id[s.backup_room].outdoor


def test_every_profile_has_a_committed_name() -> None:
    assert set(PROFILES) == {
        "tiny",
        "primary_600",
        "primary_1200",
        "nine_year_2100",
        "large_3200",
        "huge_4000",
    }


@pytest.mark.parametrize(("profile", "seed", "tightness"), CASES[:8])
def test_staff_rooms_and_clubs_directly(
    profile: str, seed: int, tightness: float
) -> None:
    """H08, H10, H12, H13 recounted here, independently of the checker."""
    data, solution = school(profile, seed, tightness)
    work: Counter[str] = Counter()
    busy: Counter[tuple[str, str, str]] = Counter()
    rooms: Counter[tuple[str, str, str]] = Counter()
    meetings: dict[str, list[tuple[str, ...]]] = {}
    for s in solution.sessions:
        act = data.activity_by_id[s.activity]
        assert act.capacity.min <= len(s.students) <= act.capacity.max  # H13
        for leader in s.staff:
            assert act.may_lead(data.staff_by_id[leader])  # H08
        for w in s.workers:
            assert data.staff_by_id[w].is_available(s.day, s.block)
            work[w] += 1
            busy[(w, s.day, s.block)] += 1
        room = data.room_by_id[s.room]
        assert act.fits_room(room) and room.is_open(s.day, s.block)  # H10
        assert room.capacity >= len(s.students)
        for rid in filter(None, (s.room, s.backup_room)):
            rooms[(rid, s.day, s.block)] += 1
        if act.is_club:
            meetings.setdefault(act.id, []).append(tuple(sorted(s.students)))
    assert max(busy.values()) == 1
    assert max(rooms.values()) == 1
    assert all(work[w] <= data.staff_by_id[w].max_per_week for w in work)
    for club in data.clubs:  # H12
        groups = meetings.get(club.id, [])
        if club.id in solution.closed_clubs:
            assert not groups and not club.required
        else:
            assert len(groups) == club.sessions_per_week
            assert len(set(groups)) == 1
