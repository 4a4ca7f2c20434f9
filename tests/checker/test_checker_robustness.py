"""The checker grades any timetable, however wrong, without crashing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from schools import complete_data, complete_timetable

from paipian.checker import check
from paipian.solution import Session

DATA = complete_data()
IDS = {
    "day": ["mon", "tue", "sun"],
    "block": ["B1", "B2", "B9"],
    "activity": ["HW", "PLAY", "READ", "REM", "CARE", "BALL", "CHESS", "NOPE"],
    "room": ["R1", "R2", "LIB", "GYM", "FIELD", "NOWHERE"],
    "staff": ["T1", "T2", "T3", "T4", "X1", "H1", "A1", "A2", "ZZ"],
    "student": [s.id for s in DATA.students] + ["ghost"],
}

sessions = st.builds(
    Session,
    id=st.text("abc", min_size=1, max_size=3),
    day=st.sampled_from(IDS["day"]),
    block=st.sampled_from(IDS["block"]),
    activity=st.sampled_from(IDS["activity"]),
    room=st.sampled_from(IDS["room"]),
    staff=st.lists(st.sampled_from(IDS["staff"]), max_size=2).map(tuple),
    students=st.lists(st.sampled_from(IDS["student"]), max_size=6).map(tuple),
    assistant=st.none() | st.sampled_from(IDS["staff"]),
    backup_room=st.none() | st.sampled_from(IDS["room"]),
)


@settings(deadline=None, max_examples=60, derandomize=True)
@given(st.lists(sessions, max_size=12))
def test_any_timetable_is_graded(extra):
    base = complete_timetable()
    sol = type(base)(
        instance=base.instance,
        status=base.status,
        sessions=base.sessions[: len(extra) % 5] + tuple(extra),
        duty=base.duty[: len(extra) % 4],
        closed_clubs=("CHESS", "HW")[: len(extra) % 3],
    )
    report = check(DATA, sol)
    assert all(v.amount > 0 for v in report.violations)
    assert report.ok == (not report.violations)
    for rule, total in report.by_rule.items():
        assert total == sum(v.amount for v in report.violations if v.rule == rule)
    assert report.objective.value == sum(report.objective.weighted.values())
    assert 0 <= report.metrics.coverage_pct <= 100
