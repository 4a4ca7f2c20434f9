"""The infeasibility report names who and what, shows each finding once with
all its rule codes, and says in words what each code means."""

from __future__ import annotations

import io

from factories import activity, admin, external, health, make_data, room, student
from factories import teacher as person
from rich.console import Console

from paipian.data import ProblemData
from paipian.diagnosis import diagnose, render_markdown, render_rich
from paipian.diagnosis.render import findings

DAYS = ("mon", "tue")


def _school(staff: list, rooms: list | None = None) -> ProblemData:
    students = [student(f"a{i:02d}", 1, "1-1", mon="B2", tue="B2") for i in range(20)]
    students += [student(f"c{i:02d}", 3, "3-1", mon="B2", tue="B2") for i in range(20)]
    rooms = rooms or [
        room(f"R{i}", capacity=30, name=f"{i}号教室") for i in range(1, 5)
    ]
    acts = [
        activity("HW", "homework", form="admin_class", grades=[3]),
        activity("READ", "reading", form="grade_mixed", grades=[1, 3]),
        activity("PLAY", "sports", form="admin_class", grades=[1, 3], name="篮球"),
        activity("CARE", "care", grades=[1, 3]),
    ]
    return make_data(students, staff, rooms, acts, days=DAYS)


def _h09_school() -> ProblemData:
    late = "mon:B2;tue"
    return _school(
        [
            person("T1", skills=["homework", "care"], name="丁欣妍"),
            person("T2", late, skills=["reading", "care"], name="胡芷若"),
            person("T3", late, skills=["sports", "care"], name="[/bold]"),
            external("X1", skills=["sports"], name="王教练"),
            health("H1"),
            admin("A1"),
        ]
    )


def test_h09_names_the_coach_the_activity_and_the_teachers() -> None:
    data = _h09_school()
    report = diagnose(data, time_limit=5, workers=1)
    assert report is not None
    text = render_markdown(report, data)
    assert "X1 王教练" in text and "篮球（PLAY）" in text  # who could lead what
    assert "T1 丁欣妍" in text  # the one school teacher free then
    english = render_markdown(report, data, lang="en")
    assert "X1 (PLAY)" in english and "(T1)" in english


def test_each_finding_is_shown_once_with_all_its_codes() -> None:
    data = _h09_school()
    report = diagnose(data, time_limit=5, workers=1)
    assert report is not None
    assert {i.rule for i in report.core} >= {"H01", "H09"}
    merged = findings(report.core)
    assert len(merged) < len(report.core)
    text = render_markdown(report, data)
    for _rules, item in merged:
        assert text.count(item.message) == 1
    assert "H01 愿留尽留、H09 校外人员" in text


def test_every_code_is_explained_in_words() -> None:
    data = _h09_school()
    report = diagnose(data, time_limit=5, workers=1)
    assert report is not None
    text = render_markdown(report, data)
    assert "## 规定说明" in text
    assert "- H09 校外人员：校外人员须资质核验" in text
    assert "- H01 愿留尽留：每位预约在校的学生" in text
    assert "What the rules say" in render_markdown(report, data, lang="en")


def test_a_seat_shortage_names_the_open_rooms() -> None:
    rooms = [room("R1", capacity=30, name="1号教室")] + [
        room(f"R{i}", capacity=30, closed="tue:B2") for i in range(2, 5)
    ]
    data = _school(
        [
            person("T1", skills=["homework", "care"]),
            person("T2", skills=["reading", "care"]),
            person("T3", skills=["sports", "care"]),
            person("T4", skills=["homework", "reading"]),
            health("H1"),
            admin("A1"),
        ],
        rooms,
    )
    report = diagnose(data, time_limit=5, workers=1)
    assert report is not None
    assert "R1 1号教室 30 座" in render_markdown(report, data)


def test_the_terminal_report_prints_names_literally() -> None:
    data = _h09_school()
    report = diagnose(data, time_limit=5, workers=1)
    assert report is not None
    buffer = io.StringIO()
    render_rich(report, data, Console(file=buffer, width=200), lang="zh")
    shown = buffer.getvalue()
    assert "规定说明" in shown and "X1 王教练" in shown
    narrow = io.StringIO()  # a narrow terminal folds long cells, never cuts them
    render_rich(report, data, Console(file=narrow, width=80, soft_wrap=True))
    assert "…" not in narrow.getvalue()
