"""分批离校表: waves per day and block end; every present student leaves once."""

from __future__ import annotations

import csv
from pathlib import Path

from paipian.data import ProblemData
from paipian.report.departures import departure_counts, departures_table
from paipian.report.students import student_table
from paipian.solution import Solution


def test_waves_by_hand(complete: ProblemData) -> None:
    counts = departure_counts(complete)
    # a3 and c5 leave after B1 both days; a4 and c6 come Monday only (to B2).
    assert dict(counts[("mon", "B1")]) == {"1-1": 1, "3-1": 1}
    assert dict(counts[("mon", "B2")]) == {"1-1": 3, "3-1": 5}
    assert dict(counts[("tue", "B1")]) == {"1-1": 1, "3-1": 1}
    assert dict(counts[("tue", "B2")]) == {"1-1": 2, "3-1": 4}
    table = departures_table(complete)
    assert table.rows[1][:4] == ("周一", "第2时段", "17:30", 8)
    assert table.rows[1][4] == "1-1班 3人、3-1班 5人"


def test_leavers_per_day_equal_students_present(
    example: tuple[ProblemData, Solution], example_outputs: dict[str, Path]
) -> None:
    data, _solution = example
    text = example_outputs["分批离校表.csv"].read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["星期", "结束时段", "离校时间", "离校人数"]
    day_names = {
        "mon": "周一",
        "tue": "周二",
        "wed": "周三",
        "thu": "周四",
        "fri": "周五",
    }
    for day in data.calendar.days:
        present = {
            s.id for b in data.calendar.blocks for s in data.students_present(day, b.id)
        }
        leavers = sum(int(r[3]) for r in body if r[0] == day_names[day])
        assert leavers == len(present) > 0


def test_student_table_by_hand(
    complete: ProblemData, complete_solution: Solution
) -> None:
    table = student_table(complete, complete_solution)
    assert table.header[:4] == ("学号", "学生姓名", "年级", "班级")
    rows = {r[0]: r for r in table.rows}
    assert len(rows) == len(complete.students)
    a4_mon, a4_tue = str(rows["a4"][4]), str(rows["a4"][5])
    assert "第1时段 15:30–16:30" in a4_mon and "17:30 离校" in a4_mon
    assert a4_tue == "不参加"
    # c1 is in BALL on the FIELD on Monday B1.
    assert "第1时段 15:30–16:30 BALL（FIELD）" in str(rows["c1"][4])
