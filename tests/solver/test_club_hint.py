"""The clubs phase's greedy membership (``hint_clubs``): by the rank each
student gave, first choices for everyone first, and a whole membership the
search can start from (``PhaseModel.hint_complete``)."""

from __future__ import annotations

from factories import activity, admin, club, health, make_data, room, student, teacher

from paipian.data import ProblemData
from paipian.model.plans import Reservations
from paipian.solver.clubs import build_club_model, choose_meetings


def _school(students: list, clubs: list) -> ProblemData:
    return make_data(
        students=students,
        activities=[activity("HW", "homework"), *clubs],
        staff=[
            teacher("T1", skills=["homework"]),
            teacher("T2", skills=["sports"]),
            teacher("T3", skills=["sports"]),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("GYM1", "gym"), room("GYM2", "gym")],
    )


def _hinted(
    data: ProblemData, meetings: dict | None = None
) -> tuple[dict[str, list[str]], bool]:
    meetings = meetings or choose_meetings(data, Reservations.empty())
    pm, v = build_club_model(data, meetings)
    members: dict[str, list[str]] = {}
    for (sid, cid), var in v.member.items():
        if pm.hints.get(var):
            members.setdefault(cid, []).append(sid)
    return {c: sorted(m) for c, m in members.items()}, pm.hint_complete


def test_a_seat_goes_to_the_student_who_ranked_the_club_first() -> None:
    # A meets mon B2, B mon B1. s1 ranks A first but leaves after B1,
    # so B, s1's second choice, is the first club s1 can attend. B has one
    # seat and is s2's first choice: s2 gets it (by place among the clubs
    # each can attend, s1 — first by id — took it).
    a = club("A", capacity=(1, 10), room_kinds=["gym"])
    b = club("B", capacity=(1, 1), room_kinds=["gym"])
    students = [
        student("s1", 3, prefs=["A", "B"], mon="B1"),
        student("s2", 3, prefs=["B"], mon="B1"),
        student("s3", 3, prefs=["A"], mon="B2"),
    ]
    meetings = {"A": (("mon", "B2"),), "B": (("mon", "B1"),)}
    members, complete = _hinted(_school(students, [a, b]), meetings)
    assert members["B"] == ["s2"]
    assert members["A"] == ["s3"]
    assert complete


SAME_SLOT = {"A": (("mon", "B1"),), "R": (("mon", "B1"),)}


def test_a_short_club_takes_students_free_when_it_meets_as_a_further_club() -> None:
    # Both rank A first, then B (minimum 2); A meets mon B1, B mon B2. By
    # rank both join A; B, short, takes both as a further club.
    a = club("A", capacity=(1, 10), room_kinds=["gym"])
    b = club("B", capacity=(2, 10), room_kinds=["gym"])
    students = [
        student("s1", 3, prefs=["A", "B"], mon="B2"),
        student("s2", 3, prefs=["A", "B"], mon="B2"),
    ]
    meetings = {"A": (("mon", "B1"),), "B": (("mon", "B2"),)}
    members, complete = _hinted(_school(students, [a, b]), meetings)
    assert members == {"A": ["s1", "s2"], "B": ["s1", "s2"]}
    assert complete


def test_a_club_that_cannot_reach_its_minimum_closes_and_its_members_move_on() -> None:
    # s1 ranks C (minimum 2, nobody else wants it) first, then A. C cannot
    # open: s1 gets A, their next choice, in the same round-by-rank pass.
    a = club("A", capacity=(1, 10), room_kinds=["gym"])
    c = club("C", capacity=(2, 10), room_kinds=["gym"])
    students = [student("s1", 3, prefs=["C", "A"], mon="B2")]
    meetings = {"A": (("mon", "B1"),), "C": (("mon", "B1"),)}
    members, complete = _hinted(_school(students, [a, c]), meetings)
    assert members == {"A": ["s1"]}
    assert complete


def _required_beside(a_minimum: int) -> tuple[dict[str, list[str]], bool]:
    """Both students rank A (minimum ``a_minimum``) first, then the required
    R (minimum 1), which meets with A."""
    a = club("A", capacity=(a_minimum, 10), room_kinds=["gym"])
    r = club("R", capacity=(1, 10), room_kinds=["gym"], required=True)
    students = [
        student("s1", 3, prefs=["A", "R"], mon="B2"),
        student("s2", 3, prefs=["A", "R"], mon="B2"),
    ]
    return _hinted(_school(students, [a, r]), SAME_SLOT)


def test_a_required_club_left_short_takes_a_member_another_club_can_spare() -> None:
    # By rank both join A; R then takes one of them, since A keeps its
    # minimum of 1 without them: the hint is a whole membership.
    members, complete = _required_beside(1)
    assert len(members["R"]) == 1 and len(members["A"]) == 1
    assert complete


def test_control_a_club_that_cannot_spare_a_member_keeps_it() -> None:
    # A's minimum is 2: moving either student to R would close A, so R stays
    # short in the greedy and the search completes the membership itself.
    members, complete = _required_beside(2)
    assert members == {"A": ["s1", "s2"]}
    assert not complete
