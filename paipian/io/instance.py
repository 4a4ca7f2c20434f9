"""``load_instance``: the YAML of FORMAT.md and its tables → ``ProblemData``.

Reads everything, collects every problem with its file and line or key, and
raises one ``InstanceError`` holding all of them; warnings are returned. The
sections that need the calendar (availability, bookings) are read after it;
cross-references live in ``paipian.io.validate``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from paipian.data import Calendar, ProblemData, School, Term
from paipian.domain import STAGES
from paipian.errors import InstanceError, Location, Problem
from paipian.io import cells
from paipian.io.activities import parse_activities
from paipian.io.files import decode_text, read_bytes
from paipian.io.issues import Issues
from paipian.io.pins import check_room_pins
from paipian.io.records import Context, parse_rooms
from paipian.io.rules import parse_rules, parse_weights
from paipian.io.sections import parse_calendar, parse_grades
from paipian.io.staff import parse_staff
from paipian.io.students import parse_students
from paipian.io.tables import mapping_row, read_table
from paipian.io.validate import check_references
from paipian.io.yamlsafe import YamlRefused, parse_yaml

# A 2,100-student school with every table inline is 0.4 MB of YAML; 2 MB is
# five thousand students, and parsing much more keeps a user waiting minutes.
MAX_YAML_BYTES = 2 * 1024 * 1024

REQUIRED_KEYS = (
    "school",
    "term",
    "calendar",
    "grades",
    "rooms",
    "staff",
    "activities",
    "students",
)
OPTIONAL_KEYS = ("schema_version", "rules", "weights")

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "rooms": ("id", "kind", "capacity"),
    "staff": ("id", "name", "kind"),
    "activities": ("id", "name", "category", "mode", "capacity", "room_kinds"),
    "students": ("id", "grade", "class"),
}


def load_instance(path: str | Path) -> tuple[ProblemData, list[Problem]]:
    """Load and validate an instance; return the data and the warnings.

    Raises ``InstanceError`` carrying every problem found when anything is
    wrong; no other exception escapes.
    """
    display = str(path)
    issues = Issues()
    try:
        data = _load(Path(path), display, issues)
    except RecursionError:
        issues.error(
            Location(display),
            "文件嵌套过深，无法读取",
            "the file is nested too deeply to read",
        )
        data = None
    except Exception as exc:  # the contract: only InstanceError leaves this function
        issues.error(
            Location(display),
            f"读取时发生内部错误（{type(exc).__name__}: {exc}），请把文件发给维护者",
            f"internal error while reading ({type(exc).__name__}: {exc}); "
            "please send the file to the maintainers",
        )
        data = None
    if issues.errors or data is None:
        if not issues.errors:  # pragma: no cover - defensive
            issues.error(Location(display), "无法读取", "cannot be read")
        # File by file, top to bottom, as a scheduler fixes them.
        issues.errors.sort(
            key=lambda p: (p.where.file != display, p.where.file, p.where.line or 0)
        )
        problems = issues.grouped(issues.errors)
        if issues.unlisted_errors:
            problems.append(
                Problem(
                    Location(display),
                    f"另有 {issues.unlisted_errors:,} 处问题未列出："
                    "请先改正以上问题再重试",
                    f"{issues.unlisted_errors:,} more problems not listed: fix the "
                    "ones above and try again",
                )
            )
        raise InstanceError(problems)
    return data, issues.grouped(issues.warnings)


def _load(path: Path, display: str, issues: Issues) -> ProblemData | None:
    doc = read_yaml(path, display, issues)
    if doc is None:
        return None
    if not isinstance(doc, Mapping):
        issues.error(
            Location(display),
            "instance.yaml 的顶层应是「键: 值」映射（school、term、calendar …）",
            "the top level of the instance YAML must be a mapping "
            "(school, term, calendar, …)",
            value=type(doc).__name__,
        )
        return None
    top = {str(k).strip().lower(): v for k, v in doc.items()}
    _check_top_keys(top, display, issues)
    school = _school(top.get("school"), display, issues)
    term = _term(top.get("term"), display, issues)
    calendar = parse_calendar(top.get("calendar"), display, issues)
    grades = parse_grades(top.get("grades"), calendar, display, issues)
    rules = parse_rules(top.get("rules"), display, issues)
    weights = parse_weights(top.get("weights"), display, issues)
    ctx = Context(
        calendar=calendar,
        grades=grades,
        rules=rules,
        term_end=term.end if term else None,
        yaml_file=display,
    )
    base_dir = path.parent
    tables = {
        name: read_table(
            name,
            top.get(name),
            base_dir=base_dir,
            yaml_file=display,
            required=_required_columns(name, calendar),
            issues=issues,
        )
        if top.get(name) is not None
        else None
        for name in TABLE_COLUMNS
    }
    for table in tables.values():
        if table is not None:
            table.check_not_empty(issues, display)
    rooms = parse_rooms(tables["rooms"], ctx, issues)
    staff = parse_staff(tables["staff"], ctx, issues)
    activities = parse_activities(tables["activities"], ctx, staff, issues)
    students = parse_students(tables["students"], ctx, activities, issues)
    check_references(ctx, rooms, staff, activities, issues)
    check_room_pins(activities, rooms, issues)
    if issues.errors or school is None or term is None or calendar is None:
        return None
    return ProblemData(
        school=school,
        term=term,
        calendar=calendar,
        grades=tuple(grades.grades),
        rooms=tuple(r for r, _ in rooms),
        staff=tuple(s for s, _ in staff),
        activities=tuple(a for a, _ in activities),
        students=tuple(students),
        rules=rules,
        weights=weights,
        name=display,
    )


def _required_columns(name: str, calendar: Calendar | None) -> tuple[str, ...]:
    base = TABLE_COLUMNS[name]
    if name == "students" and calendar is not None:
        return base + calendar.days
    return base


def read_yaml(path: Path, display: str, issues: Issues) -> Any:
    """The parsed YAML document, or ``None`` after reporting why not."""
    payload = read_bytes(path, display, issues, limit=MAX_YAML_BYTES)
    if payload is None:
        return None
    content = decode_text(payload)
    if content is None or "\x00" in content:
        issues.error(
            Location(display),
            "这不是文本格式的 YAML 文件",
            "this is not a text (YAML) file",
        )
        return None
    try:
        document = parse_yaml(content)
    except YamlRefused as exc:
        mark = exc.problem_mark
        issues.yaml_file = display
        issues.key_names = exc.key_names
        issues.error(
            Location(
                display,
                line=mark.line + 1 if mark is not None else None,
                key=exc.key,
            ),
            exc.zh,
            exc.en,
            value=exc.value,
        )
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        column = str(mark.column + 1) if mark is not None else None
        reason = f"{exc.problem or ''} {exc.context or ''}".strip()
        issues.error(
            Location(display, line=line, column=column),
            f"YAML 格式有误（检查缩进、冒号和引号）：{reason}",
            f"malformed YAML (check indentation, colons and quotes): {reason}",
        )
        return None
    except yaml.YAMLError as exc:
        issues.error(
            Location(display),
            f"YAML 格式有误：{exc}",
            f"malformed YAML: {exc}",
        )
        return None
    issues.yaml_file = display
    issues.key_lines = document.key_lines
    issues.key_names = document.key_names
    for key, first, second in document.duplicates:
        issues.error(
            Location(display, line=second, key=key),
            f"同一个键写了两次（第 {first} 行和第 {second} 行）：YAML 只会保留后一个，"
            "请删除或合并其中一个",
            f"the same key is written twice (lines {first} and {second}); YAML "
            "would keep only the second: delete or merge one of them",
        )
    return document.data


def _check_top_keys(top: Mapping[str, Any], display: str, issues: Issues) -> None:
    if "schema_version" in top:
        version = top["schema_version"]
        if isinstance(version, bool) or version not in (1, "1"):
            issues.error(
                Location(display, key="schema_version"),
                "本程序只认识格式第 1 版：schema_version 应为 1",
                "only format version 1 is understood: schema_version must be 1",
                value=version,
            )
    for key in REQUIRED_KEYS:
        if top.get(key) is None:
            issues.error(
                Location(display, key=key),
                f"缺少必填项「{key}」（见 FORMAT.md）",
                f"required key '{key}' is missing (see FORMAT.md)",
            )
    for key in top:
        if key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS:
            issues.warn(
                Location(display, key=key),
                "不认识的键，已忽略（拼写是否有误？）",
                "unknown key, ignored (a typo?)",
            )


def _school(value: Any, display: str, issues: Issues) -> School | None:
    if value is None:
        return None
    row = mapping_row(value, display, "school", issues)
    if row is None:
        return None
    name = issues.cell(row, "name", cells.text, "", required=True)
    district = issues.cell(row, "district", cells.text, "")
    stage = issues.cell(row, "stage", cells.text, "primary")
    if stage not in STAGES:
        issues.error(
            row.loc("stage"),
            "学段应为 primary（小学）、junior（初中）或 nine_year（九年一贯制）",
            "stage must be primary, junior or nine_year",
            value=stage,
        )
    return School(name=name, district=district, stage=stage)


def _term(value: Any, display: str, issues: Issues) -> Term | None:
    if value is None:
        return None
    row = mapping_row(value, display, "term", issues)
    if row is None:
        return None
    name = issues.cell(row, "name", cells.text, "", required=True)
    start = issues.cell(row, "start", cells.iso_date, None, required=True)
    end = issues.cell(row, "end", cells.iso_date, None, required=True)
    if start is None or end is None:
        return None
    if end < start:
        issues.error(
            row.loc("end"),
            f"学期结束日期早于开始日期 {start.isoformat()}",
            f"the term ends before it starts ({start.isoformat()})",
            value=end.isoformat(),
        )
    return Term(name=name, start=start, end=end)
