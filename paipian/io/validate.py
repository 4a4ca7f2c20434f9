"""Cross-references between sections: homerooms, head teachers, preferences.

Row-level checks (a student's class, an activity's staff) live with the rows in
``paipian.io.records``; what is left here needs two whole tables at once.
"""

from __future__ import annotations

from paipian.data import Activity, Room, Staff
from paipian.domain import DAYS
from paipian.io.issues import Issues
from paipian.io.records import Context
from paipian.io.suggest import did_you_mean
from paipian.io.tables import Row


def check_references(
    ctx: Context,
    rooms: list[tuple[Room, Row]],
    staff: list[tuple[Staff, Row]],
    activities: list[tuple[Activity, Row]],
    issues: Issues,
) -> None:
    """Every id a class or a staff preference names must exist."""
    room_ids = {r.id for r, _ in rooms}
    staff_ids = {s.id for s, _ in staff}
    activity_ids = {a.id for a, _ in activities}
    # The ids as read (``cells.text``), not the raw cells: what is checked is
    # what ProblemData will hold.
    classes = [c for grade in ctx.grades.grades for c in grade.classes]
    for school_class in classes:
        class_id, row = school_class.id, ctx.grades.class_rows[school_class.id]
        homeroom = school_class.homeroom
        if homeroom is not None and homeroom not in room_ids and room_ids:
            issues.error(
                row.loc("homeroom"),
                f"场地表中没有这个教室（班级 {class_id} 的 homeroom）",
                f"no room with this id (homeroom of class {class_id})",
                value=row.get("homeroom"),
                hint=did_you_mean(homeroom, room_ids),
            )
        head = school_class.head_teacher
        if head is not None and head not in staff_ids and staff_ids:
            issues.error(
                row.loc("head_teacher"),
                f"教职工表中没有这个编号（班级 {class_id} 的班主任）",
                f"no staff member with this id (head teacher of class {class_id})",
                value=row.get("head_teacher"),
                hint=did_you_mean(head, staff_ids),
            )
    for person, row in staff:
        for item in sorted(person.prefers):
            if item not in DAYS and item not in activity_ids:
                issues.warn(
                    row.loc("prefers"),
                    "偏好既不是星期也不是活动编号，已忽略",
                    "a preference that is neither a day nor an activity id; ignored",
                    value=item,
                    rule="S5",
                    hint=did_you_mean(item, [*DAYS, *activity_ids]),
                )
