"""H01, H02, H03, H05, H06: one violating timetable and one control each."""

from __future__ import annotations

from dataclasses import replace

from factories import (
    activity,
    assert_only,
    grade,
    make_data,
    make_solution,
    replace_session,
    session,
    student,
)

from paipian.checker import check
from paipian.data import Rules


def test_fixture_controls_are_clean(tiny, tiny_solution):
    report = check(tiny, tiny_solution)
    assert report.ok
    assert_only(report, None)
    assert set(report.by_rule) == {f"H{i:02d}" for i in range(1, 15)}


def test_h01_missing_and_duplicate_placements(tiny, tiny_solution):
    # s1 dropped from HW (mon B2): 1 missing; s2 added to READ (mon B1) while in
    # BALL: placed twice → 1 duplicate. H01 = 1 + 1 = 2.
    sol = replace_session(tiny_solution, "mon-B2-HW-R1", students=("s2", "s3"))
    sol = replace_session(sol, "mon-B1-READ-R2", students=("s3", "s4", "s2"))
    report = check(tiny, sol)
    assert_only(report, "H01", 2)
    assert {v.where["student"] for v in report.of("H01")} == {"s1", "s2"}


def test_h01_student_listed_twice_in_one_session(tiny, tiny_solution):
    # s3 twice in HW: in 2 placements of mon B2 → 2 − 1 = 1.
    sol = replace_session(
        tiny_solution, "mon-B2-HW-R1", students=("s1", "s2", "s3", "s3")
    )
    assert_only(check(tiny, sol), "H01", 1)


def test_h02_unbooked_slot_and_unknown_student(tiny, tiny_solution):
    # s4 leaves after B1 but sits in HW at B2 (1); "zz" is not a student (1): 2.
    sol = replace_session(
        tiny_solution, "mon-B2-HW-R1", students=("s1", "s2", "s3", "s4", "zz")
    )
    report = check(tiny, sol)
    assert_only(report, "H02", 2)
    assert {v.where["student"] for v in report.of("H02")} == {"s4", "zz"}


def test_h02_block_outside_the_grades_blocks():
    # Grade 3 takes part in B2 only: s1 (booked through B2) is present in B2
    # alone, so placing s1 in B1 is 1 unbooked placement.
    data = make_data(
        students=[student("s1", 3, mon="B2")],
        grades=[grade(3, blocks=["B2"])],
        rules=Rules(min_quality_per_week=0, grades_without_homework=frozenset({3})),
    )
    base = [session("READ", "R2", "T3", ["s1"], "mon", "B2")]
    assert_only(check(data, make_solution(base)), None)
    wrong = [*base, session("READ", "R1", "T3", ["s1"], "mon", "B1")]
    assert_only(check(data, make_solution(wrong)), "H02", 1)


def test_h03_no_homework_offered(tiny, tiny_solution):
    # Grade 3 is present on mon; replacing HW by READ leaves no homework
    # session that day: 1 (day, grade, kind).
    sol = replace_session(tiny_solution, "mon-B2-HW-R1", activity="READ", staff=("T3",))
    report = check(tiny, sol)
    assert_only(report, "H03", 1)
    assert dict(report.of("H03")[0].where) == {"day": "mon", "grade": "3"}
    # control: a school without homework for grade 3 needs none
    no_hw = replace(tiny, rules=Rules(grades_without_homework=frozenset({3})))
    assert_only(check(no_hw, sol), None)


def test_h03_no_quality_offered(tiny):
    # Only HW on mon (min_quality 0 so that H05 stays quiet): no quality
    # session for grade 3 → 1.
    data = replace(tiny, rules=Rules(min_quality_per_week=0))
    sol = make_solution(
        [
            session("HW", "R1", "T1", ["s1", "s2", "s3", "s4"], "mon", "B1"),
            session("HW", "R1", "T1", ["s1", "s2", "s3"], "mon", "B2"),
        ]
    )
    assert_only(check(data, sol), "H03", 1)


def test_h03_grouped_sessions_count_only_for_their_own_grade():
    # Grades 3 and 4, one student each, on mon B1 only. READ (grade_mixed) holds
    # the grade-3 student, HW (admin_class) the grade-4 one. Grade 3 has no
    # homework and grade 4 no quality session → 2, though both activities are
    # open to both grades.
    data = make_data(
        students=[student("s1", 3, mon="B1"), student("t1", 4, mon="B1")],
        rules=Rules(min_quality_per_week=0),
    )
    sol = make_solution(
        [
            session("READ", "R2", "T3", ["s1"], "mon", "B1"),
            session("HW", "R1", "T1", ["t1"], "mon", "B1"),
        ]
    )
    report = check(data, sol)
    assert_only(report, "H03", 2)
    assert {(v.where["grade"], "作业" in v.message) for v in report.of("H03")} == {
        ("3", True),
        ("4", False),
    }
    # control: a school_mixed club session counts for every grade it is open
    # to, whoever sits in it (homework waived here to isolate quality)
    free = replace(data, rules=Rules(grades_without_homework=frozenset({3, 4})))
    club_sol = make_solution([session("BALL", "GYM", "T2", ["s1", "t1"], "mon", "B1")])
    assert_only(check(free, club_sol), None)


def test_h05_too_few_quality_sessions(tiny, tiny_solution):
    # min 2 a week; s1–s4 each have 1 quality session → 4 × (2 − 1) = 4.
    # s5 books no day and is exempt.
    data = make_data(
        students=[*tiny.students, student("s5", 3)],
        rules=Rules(min_quality_per_week=2),
    )
    report = check(data, tiny_solution)
    assert_only(report, "H05", 4)
    assert {v.where["student"] for v in report.of("H05")} == {"s1", "s2", "s3", "s4"}
    assert_only(check(replace(data, rules=Rules()), tiny_solution), None)


def test_h06_lower_grade_in_homework(tiny, tiny_solution):
    # Grade 3 declared homework-free: HW holds s1, s2, s3 → 3 placements.
    data = replace(tiny, rules=Rules(grades_without_homework=frozenset({3})))
    report = check(data, tiny_solution)
    assert_only(report, "H06", 3)
    # control: qa counts as homework too, reading does not
    qa = make_data(
        activities=[*tiny.activities, activity("QA", "qa", form="admin_class")],
        rules=Rules(grades_without_homework=frozenset({3})),
    )
    sol = replace_session(tiny_solution, "mon-B2-HW-R1", activity="QA")
    assert check(qa, sol).by_rule["H06"] == 3
    read = replace_session(
        tiny_solution, "mon-B2-HW-R1", activity="READ", staff=("T3",)
    )
    assert_only(check(data, read), None)
