"""Pure row builders shared by the workbook, the CSV files and the HTML page.

Nothing here writes files. A ``Table`` is a header and rows (the 总表, the
分批离校表); a ``Grid`` is a blocks × days week (per grade, staff member, room
or class). Public tables carry head counts only, never a student's id or name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from paipian.data import ProblemData
from paipian.report.labels import (
    activity_label,
    block_label,
    block_time,
    category_label,
    class_label,
    day_label,
    form_label,
    grade_label,
    room_label,
    staff_label,
    t,
)
from paipian.solution import Session, Solution


@dataclass(frozen=True)
class Table:
    """A titled table: ``header`` and ``rows`` of plain values."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    widths: tuple[int, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Grid:
    """A week: ``cells[row][col]`` for row labels (blocks) × column labels (days)."""

    title: str
    key: str  # the grade / staff / room / class id it shows
    corner: str
    col_labels: tuple[str, ...]
    row_labels: tuple[str, ...]
    cells: tuple[tuple[str, ...], ...]


# ---- session facts ----------------------------------------------------------
def session_order(
    data: ProblemData, session: Session, class_position: Mapping[str, int] | None = None
) -> tuple[int, int, int, str]:
    """Sort key: day, block, the first class in it, activity name."""
    position = class_position if class_position is not None else _class_position(data)
    days = data.calendar.days
    day_i = days.index(session.day) if session.day in days else len(days)
    try:
        block_i = data.calendar.block_index(session.block)
    except ValueError:
        block_i = len(data.calendar.blocks)
    classes = session_classes(data, session, position)
    class_i = position.get(classes[0], 10**6) if classes else 10**6
    return (day_i, block_i, class_i, activity_label(data, session.activity))


def sorted_sessions(data: ProblemData, solution: Solution) -> list[Session]:
    """The solution's sessions in reading order (see ``session_order``)."""
    position = _class_position(data)
    return sorted(solution.sessions, key=lambda s: session_order(data, s, position))


def _class_position(data: ProblemData) -> dict[str, int]:
    return {c.id: i for i, c in enumerate(data.class_by_id.values())}


def session_classes(
    data: ProblemData, session: Session, class_position: Mapping[str, int] | None = None
) -> list[str]:
    """Class ids of the session's students, in the instance's class order."""
    ids = {
        data.student_by_id[s].class_id
        for s in session.students
        if s in data.student_by_id
    }
    order = class_position if class_position is not None else _class_position(data)
    return sorted(ids, key=lambda c: (order.get(c, 10**6), c))


def session_grades(data: ProblemData, session: Session) -> list[int]:
    grades = {
        data.student_by_id[s].grade for s in session.students if s in data.student_by_id
    }
    return sorted(grades)


def grades_text(grades: Iterable[int], lang: str) -> str:
    return "、".join(grade_label(g, lang) for g in grades)


def classes_text(data: ProblemData, class_ids: Iterable[str]) -> str:
    return "、".join(class_label(data, c) for c in class_ids)


def leaders_text(data: ProblemData, session: Session) -> str:
    return "、".join(staff_label(data, s) for s in session.staff)


def slot_label(data: ProblemData, block_id: str, lang: str) -> str:
    """``第1时段 15:30–16:30``."""
    return f"{block_label(data, block_id, lang)} {block_time(data, block_id)}".strip()


# ---- 总表 --------------------------------------------------------------------
def master_table(data: ProblemData, solution: Solution, lang: str = "zh") -> Table:
    """The 排片表: every session's five elements plus grade, classes, head count."""
    header = (
        t("day", lang),
        t("block", lang),
        t("time", lang),
        t("activity", lang),
        t("category", lang),
        t("form", lang),
        t("room", lang),
        t("backup_room", lang),
        t("leader", lang),
        t("assistant", lang),
        t("grade", lang),
        t("class", lang),
        t("head_count", lang),
        t("capacity", lang),
    )
    rows = []
    for s in sorted_sessions(data, solution):
        act = data.activity_by_id.get(s.activity)
        room = data.room_by_id.get(s.room)
        rows.append(
            (
                day_label(s.day, lang),
                block_label(data, s.block, lang),
                block_time(data, s.block),
                activity_label(data, s.activity),
                category_label(act.category, lang) if act else "",
                form_label(act.form, lang) if act else "",
                room_label(data, s.room),
                room_label(data, s.backup_room),
                leaders_text(data, s),
                staff_label(data, s.assistant) if s.assistant else "",
                grades_text(session_grades(data, s), lang),
                classes_text(data, session_classes(data, s)),
                len(s.students),
                room.capacity if room else "",
            )
        )
    total = sum(len(s.students) for s in solution.sessions)
    return Table(
        title=t("sheet_master", lang),
        header=header,
        rows=tuple(rows),
        widths=(6, 9, 13, 22, 11, 11, 16, 14, 18, 12, 16, 30, 7, 7),
        note=t("master_count", lang, n=len(rows), m=total),
    )


def duty_table(data: ProblemData, solution: Solution, lang: str = "zh") -> Table:
    """Health and admin duty (H11) per day."""
    days = data.calendar.days
    duties = sorted(
        solution.duty,
        key=lambda d: (days.index(d.day) if d.day in days else 99, d.kind, d.staff),
    )
    rows = tuple(
        (
            day_label(d.day, lang),
            t(d.kind, lang) if d.kind in ("health", "admin") else d.kind,
            staff_label(data, d.staff),
        )
        for d in duties
    )
    header = (t("day", lang), t("duty_kind", lang), t("staff_name", lang))
    return Table(t("sheet_duty", lang), header, rows, widths=(8, 12, 24))


# ---- week grids -------------------------------------------------------------
def _empty_week(data: ProblemData) -> list[list[list[str]]]:
    return [[[] for _ in data.calendar.days] for _ in data.calendar.blocks]


def _position(data: ProblemData, session: Session) -> tuple[int, int] | None:
    if session.day not in data.calendar.days:
        return None
    try:
        row = data.calendar.block_index(session.block)
    except ValueError:
        return None
    return row, data.calendar.days.index(session.day)


def _grid(
    data: ProblemData,
    title: str,
    key: str,
    cells: list[list[list[str]]],
    lang: str,
    extra_rows: Iterable[tuple[str, list[str]]] = (),
) -> Grid:
    row_labels = [slot_label(data, b.id, lang) for b in data.calendar.blocks]
    flat = [["\n".join(lines) for lines in row] for row in cells]
    for label, row in extra_rows:
        row_labels.append(label)
        flat.append(row)
    return Grid(
        title=title,
        key=key,
        corner=t("block", lang),
        col_labels=tuple(day_label(d, lang) for d in data.calendar.days),
        row_labels=tuple(row_labels),
        cells=tuple(tuple(r) for r in flat),
    )


def grade_grids(data: ProblemData, solution: Solution, lang: str = "zh") -> list[Grid]:
    """One week per grade: each slot lists the sessions holding that grade."""
    grids = []
    ordered = sorted_sessions(data, solution)
    for grade in data.grades:
        cells = _empty_week(data)
        for s in ordered:
            pos = _position(data, s)
            members = [
                x
                for x in s.students
                if x in data.student_by_id
                and data.student_by_id[x].grade == grade.grade
            ]
            if pos is None or not members:
                continue
            classes = {data.student_by_id[x].class_id for x in members}
            where = (
                classes_text(data, sorted(classes))
                if len(classes) == 1
                else grade_label(grade.grade, lang)
            )
            people = t("people", lang, n=len(members))
            line = (
                f"{activity_label(data, s.activity)} · {room_label(data, s.room)}"
                f" · {leaders_text(data, s)}（{where} {people}）"
            )
            cells[pos[0]][pos[1]].append(line)
        label = grade_label(grade.grade, lang)
        grids.append(
            _grid(
                data, t("grade_week", lang, grade=label), str(grade.grade), cells, lang
            )
        )
    return grids


def staff_grids(data: ProblemData, solution: Solution, lang: str = "zh") -> list[Grid]:
    """One week per staff member who leads, assists or is on duty."""
    by_staff: dict[str, list[tuple[Session, str]]] = defaultdict(list)
    for s in sorted_sessions(data, solution):
        for person in s.staff:
            by_staff[person].append((s, "role_lead"))
        if s.assistant:
            by_staff[s.assistant].append((s, "role_assist"))
    duty_by_staff: dict[str, dict[str, str]] = defaultdict(dict)
    for d in solution.duty:
        kind = t(d.kind, lang) if d.kind in ("health", "admin") else d.kind
        duty_by_staff[d.staff][d.day] = kind
    order = [p.id for p in data.staff]
    order += sorted((set(by_staff) | set(duty_by_staff)) - set(order))
    grids = []
    for person in order:
        if person not in by_staff and person not in duty_by_staff:
            continue
        cells = _empty_week(data)
        for s, role in by_staff.get(person, []):
            pos = _position(data, s)
            if pos is None:
                continue
            grades = grades_text(session_grades(data, s), lang)
            tag = "" if role == "role_lead" else f"[{t(role, lang)}] "
            cells[pos[0]][pos[1]].append(
                f"{tag}{activity_label(data, s.activity)} · {room_label(data, s.room)}"
                f"（{grades} {t('people', lang, n=len(s.students))}）"
            )
        extra = []
        if person in duty_by_staff:
            days = duty_by_staff[person]
            extra.append(
                (t("duty_row", lang), [days.get(d, "") for d in data.calendar.days])
            )
        name = staff_label(data, person)
        grids.append(_grid(data, name, person, cells, lang, extra))
    return grids


def room_grids(data: ProblemData, solution: Solution, lang: str = "zh") -> list[Grid]:
    """One week per room in use (as a session's room or as a rain backup)."""
    by_room: dict[str, list[tuple[Session, bool]]] = defaultdict(list)
    for s in sorted_sessions(data, solution):
        by_room[s.room].append((s, False))
        if s.backup_room:
            by_room[s.backup_room].append((s, True))
    order = [r.id for r in data.rooms] + sorted(set(by_room) - set(data.room_by_id))
    grids = []
    for room_id in order:
        if room_id not in by_room:
            continue
        room = data.room_by_id.get(room_id)
        cap = f"/{room.capacity}" if room else ""
        cells = _empty_week(data)
        for s, backup in by_room[room_id]:
            pos = _position(data, s)
            if pos is None:
                continue
            if backup:
                line = f"[{t('backup_room', lang)}] {activity_label(data, s.activity)}"
            else:
                line = (
                    f"{activity_label(data, s.activity)} · {leaders_text(data, s)}"
                    f"（{len(s.students)}{cap}）"
                )
            cells[pos[0]][pos[1]].append(line)
        grids.append(_grid(data, room_label(data, room_id), room_id, cells, lang))
    return grids


def class_grids(data: ProblemData, solution: Solution, lang: str = "zh") -> list[Grid]:
    """One week per class: where its students are in each slot, and how many."""
    grids = []
    ordered = sorted_sessions(data, solution)
    per_class = [
        Counter(
            data.student_by_id[x].class_id
            for x in s.students
            if x in data.student_by_id
        )
        for s in ordered
    ]
    for cls in data.class_by_id.values():
        cells = _empty_week(data)
        for s, counts in zip(ordered, per_class, strict=True):
            pos = _position(data, s)
            count = counts.get(cls.id, 0)
            if pos is None or count == 0:
                continue
            cells[pos[0]][pos[1]].append(
                f"{activity_label(data, s.activity)} · {room_label(data, s.room)}"
                f" · {leaders_text(data, s)}（{t('people', lang, n=count)}）"
            )
        grids.append(_grid(data, class_label(data, cls.id), cls.id, cells, lang))
    return grids


# ---- workload and utilisation ----------------------------------------------
def weekly_load(data: ProblemData, solution: Solution) -> dict[str, float]:
    """课时 per staff member per week: leader and assistant loads of FORMAT.md."""
    load: dict[str, float] = defaultdict(float)
    for s in solution.sessions:
        act = data.activity_by_id.get(s.activity)
        if act is None or s.block not in data.calendar.block_by_id:
            continue
        for person in s.staff:
            load[person] += data.lead_load(act, s.block) / 60
        if s.assistant:
            load[s.assistant] += data.assist_load(s.block) / 60
    return dict(load)


def room_utilisation(
    data: ProblemData, solution: Solution
) -> dict[tuple[str, str, str], float]:
    """(room, day, block) → head count ÷ room capacity for every used room-slot."""
    out: dict[tuple[str, str, str], float] = {}
    for s in solution.sessions:
        room = data.room_by_id.get(s.room)
        if room is None or room.capacity <= 0:
            continue
        key = (s.room, s.day, s.block)
        out[key] = out.get(key, 0.0) + len(s.students) / room.capacity
    return out
