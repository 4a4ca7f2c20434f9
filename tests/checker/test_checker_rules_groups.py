"""H04, H07, H12, H13: one violating timetable and one control each."""

from __future__ import annotations

from dataclasses import replace

from factories import (
    activity,
    assert_only,
    club,
    default_activities,
    grade,
    make_data,
    make_solution,
    replace_session,
    session,
    student,
    teacher,
)

from paipian.checker import check
from paipian.data import Rules

HW_B2 = "mon-B2-HW-R1"
READ_B1 = "mon-B1-READ-R2"


def _with_activity(tiny, act):
    """tiny with ``act`` replacing (or added beside) the same-id activity."""
    acts = [act if a.id == act.id else a for a in tiny.activities]
    if act.id not in {a.id for a in tiny.activities}:
        acts.append(act)
    return replace(tiny, activities=tuple(acts))


def test_h04_calendar_facts(tiny_solution):
    # Grade 3 dismissed 15:40 but B1 starts 15:30 (1); parents off work 18:00
    # but B2 ends 17:30 (1). H04 = 2.
    data = make_data(grades=[grade(3, dismissal="15:40")], parent_off_work="18:00")
    assert_only(check(data, tiny_solution), "H04", 2)
    assert_only(check(make_data(), tiny_solution), None)


def test_h04_overlapping_blocks(tiny_solution):
    # B1 ends 16:40 after B2 starts 16:30 → 1.
    data = make_data(blocks=(("B1", "15:30", "16:40"), ("B2", "16:30", "17:30")))
    assert_only(check(data, tiny_solution), "H04", 1)


def test_h04_session_outside_the_calendar(tiny, tiny_solution):
    # One extra session on tue (not a service day) → H04 1. It also costs
    # H13 1 (empty, READ's minimum is 1) and H08 1 (T3 never offered tue).
    extra = session("READ", "R2", "T3", [], "tue", "B1")
    sol = replace(tiny_solution, sessions=(*tiny_solution.sessions, extra))
    report = check(tiny, sol)
    assert report.by_rule["H04"] == 1
    assert report.by_rule["H13"] == 1
    assert report.by_rule["H08"] == 1
    assert sum(report.by_rule.values()) == 3


def test_h07_remedial_group_too_large(tiny, tiny_solution):
    # REM limited to 1 student; it holds s2 and s3 → 2 − 1 = 1.
    data = make_data(
        staff=[*tiny.staff, teacher("T4", skills=["remedial"])],
        activities=[*default_activities(), activity("REM", "remedial")],
        rules=Rules(remedial_max_group=1),
    )
    sol = replace_session(tiny_solution, HW_B2, students=("s1",))
    rem = session("REM", "R2", "T4", ["s2", "s3"], "mon", "B2")
    sol = replace(sol, sessions=(*sol.sessions, rem))
    assert_only(check(data, sol), "H07", 1)
    ok = replace(sol, sessions=(*sol.sessions[:-1], replace(rem, students=("s2",))))
    ok = replace_session(ok, HW_B2, students=("s1", "s3"))
    assert_only(check(data, ok), None)


def test_h07_forbidden_category(tiny, tiny_solution):
    # A new_lesson session (the loader refuses such activities) → 1 session.
    data = _with_activity(tiny, activity("NEW", "new_lesson", staff=["T3"]))
    sol = replace_session(tiny_solution, HW_B2, students=("s1", "s2"))
    new = session("NEW", "R2", "T3", ["s3"], "mon", "B2")
    report = check(data, replace(sol, sessions=(*sol.sessions, new)))
    assert_only(report, "H07", 1)


def test_h12_grade_not_open(tiny, tiny_solution):
    # READ open to grades 4–5 only; it holds s3 and s4 of grade 3 → 2.
    data = _with_activity(
        tiny, activity("READ", "reading", form="grade_mixed", grades=[4, 5])
    )
    assert_only(check(data, tiny_solution), "H12", 2)


def test_h12_admin_class_mixes_classes(tiny_solution):
    # HW (admin_class) holds s1 of 3-1 and s2, s3 of 3-2: the largest class
    # has 2, so 3 − 2 = 1 student is out of place.
    data = make_data(
        students=[
            student("s1", 3, "3-1", prefs=["BALL"], mon="B2"),
            student("s2", 3, "3-2", prefs=["BALL"], mon="B2"),
            student("s3", 3, "3-2", mon="B2"),
            student("s4", 3, "3-1", mon="B1"),
        ]
    )
    report = check(data, tiny_solution)
    assert_only(report, "H12", 1)
    assert report.of("H12")[0].where["session"] == HW_B2


def test_h12_grade_mixed_mixes_grades(tiny, tiny_solution):
    # READ (grade_mixed) holds s3 (grade 3) and s4 (grade 4) → 1 student.
    # Grade 4 has no homework rule here, so H03 stays quiet.
    s4 = student("s4", 4, mon="B1")
    data = make_data(
        students=[*tiny.students[:3], s4],
        rules=Rules(grades_without_homework=frozenset({4})),
    )
    assert_only(check(data, tiny_solution), "H12", 1)


def test_h12_required_club_does_not_run(tiny):
    # BALL is required but has no session → 1.
    data = _with_activity(
        tiny, club("BALL", capacity=(2, 10), room_kinds=["gym"], required=True)
    )
    sol = make_solution(
        [
            session("READ", "R2", "T3", ["s1", "s2", "s3", "s4"], "mon", "B1"),
            session("HW", "R1", "T1", ["s1", "s2", "s3"], "mon", "B2"),
        ]
    )
    assert_only(check(data, sol), "H12", 1)
    assert_only(check(tiny, sol), None)  # control: not required


def test_h12_club_meets_wrong_number_of_times(tiny, tiny_solution):
    # BALL should meet twice a week; it meets once → |1 − 2| = 1.
    data = _with_activity(
        tiny, club("BALL", capacity=(2, 10), room_kinds=["gym"], sessions_per_week=2)
    )
    assert_only(check(data, tiny_solution), "H12", 1)


def test_h12_club_members_differ(complete, complete_solution):
    # Tuesday's BALL drops c3 (who goes to REM instead): one member misses
    # one meeting → 1.
    sol = replace_session(complete_solution, "tue-B1-BALL-GYM", students=("c1", "c2"))
    sol = replace_session(sol, "tue-B1-REM-R1", students=("c4", "c3"))
    report = check(complete, sol)
    assert_only(report, "H12", 1)
    assert report.of("H12")[0].where == {"activity": "BALL"}


def test_h12_club_twice_in_one_slot(tiny, tiny_solution):
    # BALL (2 a week, min 1) meets twice in mon B1, in GYM with s1 and FIELD
    # with s2: 1 extra meeting in the slot + 2 missed member-meetings (s2 at
    # GYM, s1 at FIELD) = 3.
    data = _with_activity(
        tiny,
        club(
            "BALL", capacity=(1, 10), room_kinds=["gym", "field"], sessions_per_week=2
        ),
    )
    sol = replace_session(tiny_solution, "mon-B1-BALL-GYM", students=("s1",))
    field = session("BALL", "FIELD", "T1", ["s2"], "mon", "B1", backup_room="R1")
    sol = replace(sol, sessions=(*sol.sessions, field))
    data = replace(
        data,
        staff=tuple(
            replace(p, skills=p.skills | {"sports"}) if p.id == "T1" else p
            for p in data.staff
        ),
    )
    assert_only(check(data, sol), "H12", 3)


def test_h12_closed_clubs_contradict(tiny, tiny_solution):
    # BALL runs but is listed closed (1); HW is not a club (1); NOPE does not
    # exist (1) → 3.
    sol = replace(tiny_solution, closed_clubs=("BALL", "HW", "NOPE"))
    assert_only(check(tiny, sol), "H12", 3)


def test_h12_unknown_activity(tiny, tiny_solution):
    # An (empty) session of an activity that does not exist → 1.
    ghost = session("GHOST", "R2", "T3", [], "mon", "B2")
    sol = replace(tiny_solution, sessions=(*tiny_solution.sessions, ghost))
    assert_only(check(tiny, sol), "H12", 1)


def test_h13_group_size(tiny, tiny_solution):
    # BALL needs ≥ 3 and has 2 (1 short); READ takes ≤ 1 and has 2 (1 over).
    data = _with_activity(tiny, club("BALL", capacity=(3, 10), room_kinds=["gym"]))
    data = _with_activity(
        data, activity("READ", "reading", form="grade_mixed", capacity=1)
    )
    report = check(data, tiny_solution)
    assert_only(report, "H13", 2)
    assert {v.where["activity"] for v in report.of("H13")} == {"BALL", "READ"}
