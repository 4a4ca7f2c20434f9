"""学生安排.xlsx / 学生安排.csv: each student's week, for the class teacher.

One row per student: id, name, grade, class, and per service day the
activity and room of every block they stay. This is the only output that
holds student names; it is meant for the class teacher to send to parents,
never to be posted.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from paipian.data import ProblemData
from paipian.report.departures import last_present_block
from paipian.report.labels import (
    activity_label,
    block_label,
    block_time,
    class_label,
    day_label,
    grade_label,
    room_label,
    t,
)
from paipian.report.rows import Table
from paipian.report.sheets import (
    add_table_sheet,
    new_workbook,
    save_workbook,
    write_table_csv,
)
from paipian.solution import Session, Solution

STUDENTS_XLSX = "学生安排.xlsx"
STUDENTS_CSV = "学生安排.csv"


def student_table(data: ProblemData, solution: Solution, lang: str = "zh") -> Table:
    """The per-student week: one row per student, one column per service day."""
    placed: dict[tuple[str, str, str], Session] = {}
    for s in solution.sessions:
        for student_id in s.students:
            placed[(student_id, s.day, s.block)] = s
    class_order = {c: i for i, c in enumerate(data.class_by_id)}
    students = sorted(
        data.students,
        key=lambda st: (st.grade, class_order.get(st.class_id, 10**6), st.id),
    )
    days = data.calendar.days
    rows = []
    for st in students:
        per_day: dict[str, list[str]] = defaultdict(list)
        for day in days:
            for block in data.calendar.blocks:
                if not data.is_present(st, day, block.id):
                    continue
                session = placed.get((st.id, day, block.id))
                what = (
                    f"{activity_label(data, session.activity)}"
                    f"（{room_label(data, session.room)}）"
                    if session is not None
                    else ""
                )
                per_day[day].append(
                    f"{block_label(data, block.id, lang)} {block_time(data, block.id)}"
                    f" {what}".rstrip()
                )
            last = last_present_block(data, st, day)
            if last is not None:
                leave = block_time(data, last).split("–")[-1]
                per_day[day].append(
                    f"{t('block_end', lang)} {leave}"
                    if lang == "en"
                    else f"{leave} 离校"
                )
        rows.append(
            (
                st.id,
                st.name,
                grade_label(st.grade, lang),
                class_label(data, st.class_id),
                *("\n".join(per_day[d]) or t("not_staying", lang) for d in days),
            )
        )
    header = (
        t("student_id", lang),
        t("student_name", lang),
        t("grade", lang),
        t("class", lang),
        *(day_label(d, lang) for d in days),
    )
    widths = (10, 10, 9, 10, *(34 for _ in days))
    return Table(t("sheet_students", lang), header, tuple(rows), widths=widths)


def write_student_notice(
    data: ProblemData, solution: Solution, out_dir: Path, lang: str = "zh"
) -> list[Path]:
    """Write 学生安排.xlsx (one sheet per class and a full sheet) and 学生安排.csv."""
    out_dir = Path(out_dir)
    table = student_table(data, solution, lang)
    wb = new_workbook()
    used: set[str] = set()
    add_table_sheet(wb, table, used)
    class_col = 3
    for cls in data.class_by_id.values():
        name = class_label(data, cls.id)
        rows = tuple(r for r in table.rows if r[class_col] == name)
        if rows:
            add_table_sheet(
                wb, Table(name, table.header, rows, widths=table.widths), used
            )
    return [
        save_workbook(wb, out_dir / STUDENTS_XLSX),
        write_table_csv(out_dir / STUDENTS_CSV, table),
    ]
