"""A small valid school written to disk, and helpers to break it one way at a time.

A module of its own (not conftest) so that ``from loadkit import ...`` can never
pick up another directory's conftest.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from paipian.errors import InstanceError, Problem
from paipian.io import load_instance

BASE: dict[str, Any] = {
    "schema_version": 1,
    "school": {"name": "测试小学", "district": "浦东新区", "stage": "primary"},
    "term": {"name": "2026学年第一学期", "start": "2026-09-01", "end": "2027-01-20"},
    "calendar": {
        "days": ["mon", "tue", "wed"],
        "blocks": [
            {"id": "B1", "start": "15:30", "end": "16:30"},
            {"id": "B2", "start": "16:30", "end": "17:30"},
        ],
        "parent_off_work": "17:30",
    },
    "grades": [
        {
            "grade": 1,
            "dismissal": "15:20",
            "blocks": ["B1"],
            "classes": [
                {
                    "id": "1-1",
                    "name": "一(1)班",
                    "homeroom": "R101",
                    "head_teacher": "T001",
                }
            ],
        },
        {
            "grade": 3,
            "dismissal": "15:30",
            "classes": [
                {
                    "id": "3-1",
                    "name": "三(1)班",
                    "homeroom": "R301",
                    "head_teacher": "T002",
                }
            ],
        },
    ],
    "rooms": "rooms.csv",
    "staff": "staff.csv",
    "activities": [
        {
            "id": "HW",
            "name": "作业辅导",
            "category": "homework",
            "mode": "drop_in",
            "form": "admin_class",
            "grades": [3],
            "capacity": 45,
            "room_kinds": ["classroom"],
        },
        {
            "id": "BB",
            "name": "篮球社",
            "category": "sports",
            "mode": "club",
            "capacity": {"min": 2, "max": 30},
            "sessions_per_week": 2,
            "room_kinds": ["field", "gym"],
            "staff": ["X01"],
        },
    ],
    "students": "students.csv",
    "rules": {"grades_without_homework": [1, 2]},
    "weights": {},
}

ROOMS = """id,name,kind,capacity,outdoor,tags,closed
R101,一(1)班教室,classroom,45,,,
R301,三(1)班教室,classroom,45,,,
FIELD,操场,field,100,true,,wed
MUS,音乐教室,special,40,no,music;piano,tue:B2
"""

STAFF = (
    "id,name,kind,skills,available,max_per_week,"
    "qualification_verified,background_check,qualification_expires\n"
    """T001,丁老师,teacher,homework;care,,,,,
T002,胡老师,teacher,homework;sports,"mon:B1,B2;tue:B1",5,,,
X01,范教练,professional,sports,mon;wed,4,true,passed,2027-06-30
H01,李校医,health,,,,,,
A01,杨主任,admin,,,,,,
"""
)

STUDENTS = """id,name,grade,class,mon,tue,wed,prefs
S1,张三,1,1-1,B1,,0,
S2,李四,3,3-1,B2,B1,B2,BB
S3,王五,3,3-1,,B2,,BB
"""


def write_instance(
    folder: Path,
    *,
    doc: dict[str, Any] | None = None,
    files: Mapping[str, str | bytes] | None = None,
    edit: Callable[[dict[str, Any]], None] | None = None,
) -> Path:
    """Write ``instance.yaml`` and its CSVs into ``folder``; return the YAML path."""
    data = copy.deepcopy(BASE if doc is None else doc)
    if edit is not None:
        edit(data)
    tables: dict[str, str | bytes] = {
        "rooms.csv": ROOMS,
        "staff.csv": STAFF,
        "students.csv": STUDENTS,
    }
    tables.update(files or {})
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in tables.items():
        target = folder / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    path = folder / "instance.yaml"
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path


def load_errors(path: Path) -> list[Problem]:
    """The problems ``load_instance`` raises (the test fails if it loads)."""
    with pytest.raises(InstanceError) as info:
        load_instance(path)
    problems = info.value.problems
    assert problems, "an InstanceError must carry at least one problem"
    return problems


def matching(problems: list[Problem], **expect: Any) -> Problem:
    """The one problem matching every expectation; a readable failure otherwise."""
    for p in problems:
        ok = True
        for name, want in expect.items():
            if name == "file":
                ok &= Path(p.where.file).name == want
            elif name in ("line", "column", "key"):
                ok &= getattr(p.where, name) == want
            elif name == "value":
                ok &= p.value == want
            elif name == "rule":
                ok &= p.rule == want
            elif name == "says":
                ok &= want in p.zh or want in p.en
        if ok:
            return p
    shown = "\n".join(repr(p) for p in problems)
    raise AssertionError(f"no problem matches {expect}; got:\n{shown}")


def no_internal_error(problems: list[Problem]) -> None:
    """No problem is the loader's last-resort "internal error"."""
    for problem in problems:
        assert "内部错误" not in problem.zh and "internal error" not in problem.en


def yaml_with(folder: Path, old: str, new: str) -> Path:
    """The small school with ``old`` replaced by ``new`` in its YAML text."""
    path = write_instance(folder)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """The editor line of the first line of ``path`` holding ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, t in enumerate(lines, start=1) if needle in t)
