"""H07 不上新课: forbidden kinds are refused at load time (tests/io); in the model,
a remedial (补差) session holds at most ``remedial_max_group`` students."""

from __future__ import annotations

from factories import activity, admin, health, make_data, room, student, teacher
from solver.helpers import sessions, solve_graded

from paipian.constraints.h07_no_curriculum import max_group
from paipian.data import Rules


def test_a_remedial_group_is_capped_by_the_rule_not_only_by_capacity() -> None:
    rem = activity("REM", "remedial", capacity=40)
    data = make_data(activities=[rem], rules=Rules(remedial_max_group=15))
    assert max_group(data, rem) == 15
    small = make_data(activities=[rem], rules=Rules(remedial_max_group=3))
    assert max_group(small, rem) == 3


def test_control_a_smaller_capacity_and_other_categories_keep_their_own() -> None:
    rem = activity("REM", "remedial", capacity=8)
    read = activity("READ", "reading", capacity=40)
    data = make_data(activities=[rem, read], rules=Rules(remedial_max_group=15))
    assert max_group(data, rem) == 8
    assert max_group(data, read) == 40


def test_a_solved_week_never_holds_a_remedial_group_above_the_cap() -> None:
    # Four students who need 补差, a cap of 2. (The drop-in phase does not plan
    # remedial groups on its own; whatever it plans must respect the cap.)
    data = make_data(
        students=[
            student(s, 3, needs_remedial=["REM"], mon="B2")
            for s in ("s1", "s2", "s3", "s4")
        ],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading"),
            activity("REM", "remedial", capacity=40, staff_skills=["remedial"]),
        ],
        staff=[
            teacher("T1", skills=["homework", "reading", "remedial"]),
            teacher("T3", skills=["homework", "reading", "remedial"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2")],
        rules=Rules(remedial_max_group=2),
    )
    result = solve_graded(data)
    assert all(len(s.students) <= 2 for s in sessions(result, "REM"))
