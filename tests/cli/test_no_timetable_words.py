"""Exit 4 says what happened: the limit was used, how far the plan got, that the
data checks found nothing, and whether more time could help (issue: honest
failure)."""

from __future__ import annotations

from types import MappingProxyType

from paipian.commands.solve import _no_timetable_words
from paipian.solution import Solution
from paipian.solver import Result


def _unknown(partial: dict[str, object] | None) -> Result:
    solution = Solution(instance="x", status="UNKNOWN", solve_seconds=61.0)
    return Result.of(
        solution, partial=MappingProxyType(partial) if partial is not None else None
    )


PARTIAL = {
    "phase": "staff",
    "student_slots": 18326,
    "placed": 18326,
    "sessions": 633,
    "without_room": 0,
    "without_leader": 73,
    "closed_clubs": ["CHESS"],
}


def test_the_partial_plan_and_both_findings_are_said() -> None:
    text = "\n".join(_no_timetable_words(_unknown(PARTIAL), en=False))
    assert "用时 61 秒" in text
    assert "人员安排" in text
    assert "18,326/18,326 人次已分组" in text
    assert "73 个缺负责人" in text
    assert "CHESS" in text
    assert "没有发现规则冲突" in text
    assert "--time-limit" in text  # the staff phase was reached: time helps


def test_stuck_in_the_drop_in_plan_more_time_is_not_promised() -> None:
    text = "\n".join(
        _no_timetable_words(_unknown({**PARTIAL, "phase": "dropins"}), en=True)
    )
    assert "drop-in groups" in text
    assert "--time-limit" not in text
    assert "paipian explain" in text


def test_control_without_a_partial_plan_it_still_says_what_it_knows() -> None:
    lines = _no_timetable_words(_unknown(None), en=False)
    assert lines[0].startswith("! 在时间上限内没有排出完整的排片表")
    assert "已做到" not in "\n".join(lines)


def test_a_drop_in_plan_with_no_groups_yet_was_cut_short_more_time_helps() -> None:
    # 3,334 students in 20 s: the drop-in plan's search had found nothing
    # when the limit came; in 90 s the same school gets a timetable
    nothing = {**PARTIAL, "phase": "dropins", "placed": 0, "sessions": 0}
    text = "\n".join(_no_timetable_words(_unknown(nothing), en=True))
    assert "try a larger --time-limit" in text


def test_a_limit_below_what_the_school_size_needs_names_that_limit() -> None:
    stuck = {**PARTIAL, "phase": "dropins"}
    zh = _no_timetable_words(_unknown(stuck), en=False, students=3334, time_limit=20)
    assert "可将 --time-limit 加大到 90 后重试" in "\n".join(zh)
    en = _no_timetable_words(_unknown(stuck), en=True, students=1200, time_limit=30)
    assert "try --time-limit 60" in "\n".join(en)


def test_control_a_limit_the_size_allows_promises_nothing() -> None:
    stuck = {**PARTIAL, "phase": "dropins"}
    text = "\n".join(
        _no_timetable_words(_unknown(stuck), en=True, students=3334, time_limit=90)
    )
    assert "--time-limit" not in text
