"""S4 体育锻炼: S4 = Σ head count of sessions whose activity is not of category
sports, i.e. every non-sport student-session costs 1 (docs/objective.md)."""

from __future__ import annotations

from factories import activity, admin, club, health, make_data, room, student, teacher
from solver.helpers import sessions, solve_graded

from paipian.data import Activity, ProblemData, Weights


def _school(
    weights: Weights | None = None,
    *,
    prefs: tuple[str, ...] = (),
    extra: tuple[Activity, ...] = (),
) -> ProblemData:
    """Students s1, s2 (grade 3) through B2 on Monday; HW, READ and PLAY
    (sports, gym); T1 and T3 may lead any of them."""
    skills = ["homework", "reading", "sports", "other_quality"]
    return make_data(
        students=[student(s, 3, prefs=prefs, mon="B2") for s in ("s1", "s2")],
        activities=[
            activity("HW", "homework"),
            activity("READ", "reading"),
            activity("PLAY", "sports", room_kinds=["gym"]),
            *extra,
        ],
        staff=[
            teacher("T1", skills=skills),
            teacher("T3", skills=skills),
            health(),
            admin(),
        ],
        rooms=[room("R1"), room("R2"), room("GYM1", "gym"), room("GYM2", "gym")],
        weights=weights,
    )


def _places(result, activity: str) -> int:
    return sum(len(s.students) for s in sessions(result, activity))


def test_sport_fills_every_place_homework_does_not_need() -> None:
    # H03 needs one homework session on Monday; the rest is PLAY, never READ.
    result = solve_graded(_school())
    assert not sessions(result, "READ")
    assert _places(result, "PLAY") >= 2
    assert result.raw_terms["S4"] == _places(result, "HW") >= 1


def test_a_heavy_sport_weight_leaves_one_homework_place() -> None:
    # With sport at 1,000 a place, one student in HW (capacity.min 1) and the
    # other three places in PLAY: S4 = 1, weighted 1,000. (At 100 a place, a
    # second session in B1 — a 40-seat room, 3 × 40 in S2 — costs more than
    # the place it gains.)
    result = solve_graded(_school(Weights(sport=1000)))
    assert _places(result, "HW") == 1
    assert _places(result, "PLAY") == 3
    assert result.raw_terms["S4"] == 1
    assert result.terms["S4"] == 1000


def test_a_non_sport_club_meeting_counts_its_members() -> None:
    # s1, s2 meet in CHESS (other_quality) once: 2 places, plus the homework
    # places: S4 = 2 + HW places; with sport at 1,000, one HW place: S4 = 3.
    chess = club("CHESS", "other_quality", capacity=(2, 10))
    result = solve_graded(
        _school(Weights(sport=1000), prefs=("CHESS",), extra=(chess,))
    )
    (meeting,) = sessions(result, "CHESS")
    assert meeting.students == ("s1", "s2")
    assert result.raw_terms["S4"] == 3


def test_control_weight_zero_turns_s4_off() -> None:
    result = solve_graded(_school(Weights(sport=0)))
    assert "S4" not in result.terms
