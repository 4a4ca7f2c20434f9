"""Write a ProblemData as FORMAT.md instance files (YAML + three CSV tables)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from paipian.data import Activity, Calendar, ProblemData, Staff
from paipian.domain import fmt_time
from paipian.io.atomic import write_text_atomic

HEADER = "# 由 paipian generate 生成的示例学校（FORMAT.md 第 1 版）。\n"
STAFF_COLUMNS = (
    "id",
    "name",
    "kind",
    "skills",
    "available",
    "max_per_week",
    "target_per_week",
    "prefers",
    "qualification_verified",
    "background_check",
    "qualification_expires",
)
ROOM_COLUMNS = ("id", "name", "kind", "capacity", "outdoor", "tags", "closed", "zone")


def slots_cell(slots: Iterable[tuple[str, str]], calendar: Calendar) -> str:
    """``mon:B1,B2;wed`` — a bare day is the whole day."""
    chosen = set(slots)
    all_blocks = [b.id for b in calendar.blocks]
    parts = []
    for day in calendar.days:
        blocks = [b for b in all_blocks if (day, b) in chosen]
        if len(blocks) == len(all_blocks):
            parts.append(day)
        elif blocks:
            parts.append(f"{day}:{','.join(blocks)}")
    return ";".join(parts)


def _available(s: Staff, calendar: Calendar) -> str:
    if not s.available:
        return "none"
    if set(calendar.slots) <= s.available:
        return ""
    return slots_cell(s.available, calendar)


def _csv(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _ordered(items: Iterable[str], order: Iterable[str]) -> str:
    order = list(order)
    return ";".join(
        sorted(items, key=lambda x: (order.index(x) if x in order else 99, x))
    )


def _staff_rows(data: ProblemData) -> Iterable[list[Any]]:
    days = data.calendar.days
    for s in data.staff:
        ext = s.is_external
        yield [
            s.id,
            s.name,
            s.kind,
            ";".join(sorted(s.skills)),
            _available(s, data.calendar),
            s.max_per_week,
            "" if s.target_per_week is None else f"{s.target_per_week:g}",
            _ordered(s.prefers, days),
            ("true" if s.qualification_verified else "false") if ext else "",
            ("passed" if s.background_check else "pending") if ext else "",
            s.qualification_expires.isoformat() if s.qualification_expires else "",
        ]


def _room_rows(data: ProblemData) -> Iterable[list[Any]]:
    for r in data.rooms:
        yield [
            r.id,
            r.name,
            r.kind,
            r.capacity,
            "true" if r.outdoor else "",
            ";".join(sorted(r.tags)),
            slots_cell(r.closed, data.calendar),
            r.zone,
        ]


def _activity(a: Activity, all_grades: set[int]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": a.id,
        "name": a.name,
        "category": a.category,
        "mode": a.mode,
        "form": a.form,
    }
    if set(a.grades) != all_grades:
        out["grades"] = sorted(a.grades)
    cap = a.capacity
    out["capacity"] = cap.max if cap.min == 1 else {"min": cap.min, "max": cap.max}
    if a.is_club:
        out["sessions_per_week"] = a.sessions_per_week
        if a.required:
            out["required"] = True
    out["room_kinds"] = sorted(a.room_kinds)
    if a.room_tags:
        out["room_tags"] = sorted(a.room_tags)
    if a.staff:
        out["staff"] = list(a.staff)
    if a.staff_skills != frozenset({a.category}):
        out["staff_skills"] = sorted(a.staff_skills)
    if not a.rain_backup:
        out["rain_backup"] = False
    return out


def instance_dict(data: ProblemData) -> dict[str, Any]:
    """The YAML document, tables named as CSV files beside it."""
    cal = data.calendar
    all_blocks = tuple(b.id for b in cal.blocks)
    grades = []
    for g in data.grades:
        entry: dict[str, Any] = {"grade": g.grade, "dismissal": fmt_time(g.dismissal)}
        if g.blocks != all_blocks:
            entry["blocks"] = list(g.blocks)
        entry["classes"] = [
            {
                "id": c.id,
                "name": c.name,
                "homeroom": c.homeroom,
                "head_teacher": c.head_teacher,
            }
            for c in g.classes
        ]
        grades.append(entry)
    all_grades = {g.grade for g in data.grades}
    return {
        "schema_version": 1,
        "school": {
            "name": data.school.name,
            "district": data.school.district,
            "stage": data.school.stage,
        },
        "term": {
            "name": data.term.name,
            "start": data.term.start,
            "end": data.term.end,
        },
        "calendar": {
            "days": list(cal.days),
            "blocks": [
                {"id": b.id, "start": fmt_time(b.start), "end": fmt_time(b.end)}
                for b in cal.blocks
            ],
            "parent_off_work": fmt_time(cal.parent_off_work),
        },
        "grades": grades,
        "rooms": "rooms.csv",
        "staff": "staff.csv",
        "activities": [_activity(a, all_grades) for a in data.activities],
        "students": "students.csv",
        "rules": {
            "grades_without_homework": sorted(data.rules.grades_without_homework)
        },
        "weights": {},
    }


class _Dumper(yaml.SafeDumper):
    pass


def _flow_small(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.Node:
    flat = all(not isinstance(v, dict | list) for v in value.values())
    small = flat and len(value) <= 5
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=small)


def _flow_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    flat = all(not isinstance(v, dict | list) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flat)


_Dumper.add_representer(dict, _flow_small)
_Dumper.add_representer(list, _flow_list)


def write_instance(data: ProblemData, folder: str | Path) -> Path:
    """Write ``instance.yaml``, ``rooms.csv``, ``staff.csv``, ``students.csv``.

    Every file is written atomically; returns the path of ``instance.yaml``.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(
        instance_dict(data),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    days = list(data.calendar.days)
    student_rows = (
        [
            s.id,
            s.name,
            s.grade,
            s.class_id,
            *[s.last_block_by_day.get(d, "") for d in days],
            ";".join(s.prefs),
            ";".join(s.needs_remedial),
        ]
        for s in data.students
    )
    write_text_atomic(
        folder / "students.csv",
        _csv(
            ["id", "name", "grade", "class", *days, "prefs", "needs_remedial"],
            student_rows,
        ),
        encoding="utf-8-sig",
    )
    write_text_atomic(
        folder / "staff.csv",
        _csv(STAFF_COLUMNS, _staff_rows(data)),
        encoding="utf-8-sig",
    )
    write_text_atomic(
        folder / "rooms.csv", _csv(ROOM_COLUMNS, _room_rows(data)), encoding="utf-8-sig"
    )
    target = folder / "instance.yaml"
    write_text_atomic(target, HEADER + text)
    return target
