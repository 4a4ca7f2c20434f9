"""S6 稳定: the exact term on a hand-made pair of timetables, and the stable
dealing of a class into drop-in activities."""

from __future__ import annotations

from factories import make_data, make_solution, session

from paipian.checker.objectives import s6_stability
from paipian.constraints.s6_stability import deal_stably, recount


def test_recount_arithmetic() -> None:
    data = make_data()
    before = make_solution(
        [
            session("HW", "R1", "T1", ["s1", "s2"], block="B1", id="a"),
            session("BALL", "GYM", "T3", ["s3", "s4"], block="B1", id="b"),
            session("READ", "R2", "T2", ["s1", "s2", "s3", "s4"], block="B2", id="c"),
        ]
    )
    after = make_solution(
        [
            session("HW", "R1", "T1", ["s1"], block="B1", id="a"),
            session("BALL", "GYM", "T3", ["s2", "s3", "s4"], block="B1", id="b"),
            session("READ", "R1", "T2", ["s1", "s2", "s3", "s4"], block="B2", id="c"),
        ]
    )
    # s2 joins BALL (10000) and their B1 activity changes HW → BALL (2000);
    # no staff change; the READ group moved R2 → R1 (100): 12100.
    assert recount(data, after, before) == 12100
    assert s6_stability(data, after, before) == 12100
    assert recount(data, before, before) == 0
    # The reverse: s2 loses BALL, which they still rank (10000), and their B1
    # activity changes BALL → HW (2000); the room moves back (100).
    assert recount(data, before, after) == 12100
    assert s6_stability(data, before, after) == 12100


def test_dealing_keeps_activities_and_serves_h05_first() -> None:
    # Q (quality) has 2 seats, HW 1. a and b had Q and owe nothing; n is a
    # newcomer whom H05 sends to a quality activity: n takes a Q seat first,
    # a keeps Q, b moves to HW.
    out = deal_stably(
        ["a", "b", "n"], {"Q": 2, "HW": 1}, {"n"}, {"Q"}, {"a": "Q", "b": "Q"}
    )
    assert out == {"Q": ["n", "a"], "HW": ["b"]}
    # Nothing owed: everyone keeps what they had.
    same = deal_stably(
        ["a", "b"], {"Q": 1, "HW": 1}, set(), {"Q"}, {"a": "HW", "b": "Q"}
    )
    assert same == {"Q": ["b"], "HW": ["a"]}
