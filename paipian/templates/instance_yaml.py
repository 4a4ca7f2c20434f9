"""The template's ``instance.yaml``: every key with a Chinese comment.

Written as text rather than dumped, so the comments sit beside the keys they
explain. The grades, blocks and table file names come from ``example`` and the
writer, so the YAML and the workbooks always agree.
"""

from __future__ import annotations

from importlib.resources import files

from paipian.templates import example

# The commented YAML with ``{placeholders}``, kept as a data file beside this one.
TEMPLATE = "instance.yaml.in"

OFF_WORK = "17:30"


def instance_yaml(rooms: str, staff: str, students: str, activities: str) -> str:
    """The commented instance YAML, pointing at the four workbooks."""
    days = ", ".join(example.DAYS)
    blocks = "\n".join(
        f'    - {{id: {b}, start: "{start}", end: "{end}"}}'
        + f"   # 第{i}时段 {start}–{end}"
        for i, (b, start, end) in enumerate(example.BLOCKS, start=1)
    )
    grades: list[str] = []
    for grade in sorted(example.GRADE_NAMES):
        dismissal = "15:20" if grade <= 2 else "15:30"
        grades.append(
            f"  - grade: {grade}                    # {example.GRADE_NAMES[grade]}"
        )
        grades.append(f'    dismissal: "{dismissal}"')
        grades.append("    classes:")
        for c in example.CLASSES:
            if c.grade == grade:
                grades.append(
                    f'      - {{id: "{c.id}", name: {c.name}, '
                    f"homeroom: {c.homeroom}, head_teacher: {c.head_teacher}}}"
                )
        if grade == 1:
            grades.append(
                f'      # - {{id: "{grade}-2", name: 一(2)班}}   # 更多班级照此添加'
            )
    text = (files("paipian.templates") / TEMPLATE).read_text(encoding="utf-8")
    return text.format(
        days=days,
        blocks=blocks,
        off_work=OFF_WORK,
        grades="\n".join(grades),
        rooms=rooms,
        staff=staff,
        students=students,
        activities=activities,
    )
