"""Read and write the solution JSON of FORMAT.md.

``solution_to_dict`` fixes the key order, so the same ``Solution`` always gives
the same bytes (``write_solution``: UTF-8, ``ensure_ascii=False``, indent 1,
atomic). Reading accepts what FORMAT.md shows (``backup_room`` and
``assistant`` may be missing) and turns anything unreadable into a
``SolutionError`` that names the file and the JSON path (``sessions[3].room``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from paipian.errors import Location, Problem, SolutionError
from paipian.io.atomic import write_text_atomic
from paipian.solution import (
    STATUSES,
    CoreItem,
    Duty,
    Infeasibility,
    Objective,
    Session,
    Solution,
    Suggestion,
)

if TYPE_CHECKING:
    from paipian.data import ProblemData

MAX_DEPTH = 32  # FORMAT.md's solution is 5 levels deep; anything deeper is not one
MAX_BYTES = 256 * 1024 * 1024  # a 1,000-session school writes under 10 MB
MAX_ABS_NUMBER = 1e15  # objective values, bounds, seconds: far beyond any school

_KNOWN_KEYS = (
    "schema_version",
    "instance",
    "status",
    "objective",
    "solve_seconds",
    "sessions",
    "closed_clubs",
    "duty",
    "infeasibility",
    "previous",
    "changes",
)


class _Reader:
    """Typed access to a JSON tree that raises located ``SolutionError``s."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, path: str, zh: str, en: str, value: Any = None) -> SolutionError:
        shown = None if value is None else _short(value)
        return SolutionError(
            Problem(Location(self.file, key=path or "(根)"), zh, en, value=shown)
        )

    def obj(self, value: Any, path: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "应为 JSON 对象 {…}", "expected a JSON object", value)
        return value

    def lst(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(path, "应为 JSON 列表 […]", "expected a JSON list", value)
        return value

    def req(self, d: Mapping[str, Any], key: str, path: str) -> Any:
        if key not in d:
            raise self.fail(
                _join(path, key), f"缺少字段「{key}」", f"missing field '{key}'"
            )
        return d[key]

    def text(self, value: Any, path: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.fail(path, "应为文本", "expected a string", value)
        return str(value)

    def number(self, value: Any, path: str, *, optional: bool = False) -> float | None:
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(path, "应为数字", "expected a number", value)
        if abs(value) > MAX_ABS_NUMBER or not math.isfinite(value):
            raise self.fail(
                path,
                f"数字超出范围（绝对值不超过 {MAX_ABS_NUMBER:.0e}）",
                f"number out of range (at most {MAX_ABS_NUMBER:.0e})",
                value,
            )
        return value

    def texts(self, value: Any, path: str) -> tuple[str, ...]:
        items = self.lst(value, path)
        return tuple(str(self.text(v, f"{path}[{i}]")) for i, v in enumerate(items))

    def where(self, value: Any, path: str) -> Mapping[str, str]:
        if value is None:
            return MappingProxyType({})
        d = self.obj(value, path)
        return MappingProxyType(
            {str(k): str(self.text(v, _join(path, str(k)))) for k, v in d.items()}
        )


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _short(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (ValueError, RecursionError):  # huge ints, deep nesting: say less
        text = type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def _depth_path(tree: Any) -> str | None:
    """The JSON path of the first place nested deeper than ``MAX_DEPTH``, or None.

    Iterative, so a hostile file cannot exhaust Python's recursion limit here.
    """
    stack: list[tuple[Any, str, int]] = [(tree, "", 0)]
    while stack:
        node, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            return path or "(根)"
        if isinstance(node, dict):
            stack.extend((v, _join(path, str(k)), depth + 1) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(node))
    return None


def _line_of_long_number(text: str) -> int | None:
    """The line of the first run of over 1,000 digits (what ``int`` refuses)."""
    found = re.search(r"\d{1000,}", text)
    return None if found is None else text.count("\n", 0, found.start()) + 1


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _session(r: _Reader, value: Any, path: str) -> Session:
    d = r.obj(value, path)

    def field(key: str) -> str:
        return str(r.text(r.req(d, key, path), _join(path, key)))

    staff_path = _join(path, "staff")
    return Session(
        id=field("id"),
        day=field("day"),
        block=field("block"),
        activity=field("activity"),
        room=field("room"),
        staff=r.texts(r.req(d, "staff", path), staff_path),
        students=r.texts(r.req(d, "students", path), _join(path, "students")),
        assistant=r.text(d.get("assistant"), _join(path, "assistant"), optional=True),
        backup_room=r.text(
            d.get("backup_room"), _join(path, "backup_room"), optional=True
        ),
    )


def _duty(r: _Reader, value: Any, path: str) -> Duty:
    d = r.obj(value, path)
    return Duty(
        day=str(r.text(r.req(d, "day", path), _join(path, "day"))),
        kind=str(r.text(r.req(d, "kind", path), _join(path, "kind"))),
        staff=str(r.text(r.req(d, "staff", path), _join(path, "staff"))),
    )


def _objective(r: _Reader, value: Any, path: str) -> Objective:
    if value is None:
        return Objective()
    d = r.obj(value, path)
    terms_value = d.get("terms") or {}
    terms = r.obj(terms_value, _join(path, "terms"))
    return Objective(
        value=r.number(d.get("value"), _join(path, "value"), optional=True),
        bound=r.number(d.get("bound"), _join(path, "bound"), optional=True),
        terms=MappingProxyType(
            {
                str(k): float(r.number(v, _join(path, f"terms.{k}")) or 0)
                for k, v in terms.items()
            }
        ),
    )


def _infeasibility(r: _Reader, value: Any, path: str) -> Infeasibility | None:
    if value is None:
        return None
    d = r.obj(value, path)
    core = []
    for i, item in enumerate(r.lst(d.get("core", []), _join(path, "core"))):
        p = f"{path}.core[{i}]"
        c = r.obj(item, p)
        core.append(
            CoreItem(
                rule=str(r.text(r.req(c, "rule", p), _join(p, "rule"))),
                where=r.where(c.get("where"), _join(p, "where")),
                message=str(r.text(c.get("message", ""), _join(p, "message"))),
                message_en=str(r.text(c.get("message_en", ""), _join(p, "message_en"))),
                need=r.number(c.get("need"), _join(p, "need"), optional=True),
                have=r.number(c.get("have"), _join(p, "have"), optional=True),
            )
        )
    suggestions = []
    items = r.lst(d.get("suggestions", []), _join(path, "suggestions"))
    for i, item in enumerate(items):
        p = f"{path}.suggestions[{i}]"
        s = r.obj(item, p)
        suggestions.append(
            Suggestion(
                change=str(r.text(r.req(s, "change", p), _join(p, "change"))),
                where=r.where(s.get("where"), _join(p, "where")),
                detail=str(r.text(s.get("detail", ""), _join(p, "detail"))),
                detail_en=str(r.text(s.get("detail_en", ""), _join(p, "detail_en"))),
            )
        )
    return Infeasibility(core=tuple(core), suggestions=tuple(suggestions))


def solution_from_dict(d: Any, *, file: str = "solution.json") -> Solution:
    """Build a ``Solution`` from parsed JSON; raise ``SolutionError`` if malformed.

    ``file`` only names the source in error messages.
    """
    r = _Reader(file)
    top = r.obj(d, "")
    sessions = tuple(
        _session(r, s, f"sessions[{i}]")
        for i, s in enumerate(r.lst(r.req(top, "sessions", ""), "sessions"))
    )
    duty = tuple(
        _duty(r, x, f"duty[{i}]")
        for i, x in enumerate(r.lst(top.get("duty", []), "duty"))
    )
    status = str(r.text(top.get("status", "UNKNOWN"), "status"))
    if status not in STATUSES:
        raise r.fail(
            "status",
            f"未知的状态，应为 {'、'.join(STATUSES)} 之一",
            f"unknown status; expected one of {', '.join(STATUSES)}",
            status,
        )
    schema = top.get("schema_version", 1)
    if isinstance(schema, bool) or not isinstance(schema, int) or schema != 1:
        raise r.fail(
            "schema_version",
            "应为 1（本程序读写的格式版本）",
            "expected 1 (the format version this program reads)",
            schema,
        )
    solve_seconds = r.number(top.get("solve_seconds", 0.0), "solve_seconds")
    extra = {k: v for k, v in top.items() if k not in _KNOWN_KEYS}
    return Solution(
        instance=str(r.text(top.get("instance", ""), "instance")),
        status=status,
        sessions=sessions,
        closed_clubs=r.texts(top.get("closed_clubs", []), "closed_clubs"),
        duty=duty,
        objective=_objective(r, top.get("objective"), "objective"),
        solve_seconds=float(solve_seconds or 0.0),
        infeasibility=_infeasibility(r, top.get("infeasibility"), "infeasibility"),
        schema_version=schema,
        extra=MappingProxyType(extra),
        previous=r.text(top.get("previous"), "previous", optional=True),
        changes=_changes(r, top.get("changes")),
    )


def _changes(r: _Reader, value: Any) -> Mapping[str, int] | None:
    """The re-solve ``changes`` counts (FORMAT.md), or None."""
    if value is None:
        return None
    d = r.obj(value, "changes")
    return MappingProxyType(
        {str(k): int(r.number(v, _join("changes", str(k))) or 0) for k, v in d.items()}
    )


def read_solution(path: str | Path) -> Solution:
    """Read a solution JSON file; any unreadable input raises ``SolutionError``."""
    path = Path(path)
    name = str(path)
    try:
        if path.exists() and not path.is_file():
            raise SolutionError(
                Problem(
                    Location(name),
                    "无法读取：不是普通文件（是文件夹、管道或设备）",
                    "cannot read: not a regular file (a folder, a pipe or a device)",
                )
            )
        if path.stat().st_size > MAX_BYTES:
            raise SolutionError(
                Problem(
                    Location(name),
                    f"文件过大（超过 {MAX_BYTES // 2**20} MB），不是排片结果",
                    f"file too large (over {MAX_BYTES // 2**20} MB) for a solution",
                )
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise SolutionError(
            Problem(
                Location(name),
                f"无法读取文件：{exc.strerror or exc}",
                f"cannot read the file: {exc.strerror or exc}",
            )
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SolutionError(
            Problem(Location(name), "文件不是 UTF-8 文本", "the file is not UTF-8 text")
        ) from None
    return solution_from_text(text, file=name)


def solution_from_text(text: str, *, file: str = "solution.json") -> Solution:
    """Parse solution JSON text; anything malformed raises a located
    ``SolutionError`` (never ``RecursionError``/``ValueError``)."""
    try:
        parsed = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise SolutionError(
            Problem(
                Location(file, line=exc.lineno),
                f"不是合法的 JSON（第 {exc.colno} 列：{exc.msg}）",
                f"not valid JSON (column {exc.colno}: {exc.msg})",
            )
        ) from None
    except RecursionError:
        raise SolutionError(
            Problem(
                Location(file),
                f"JSON 嵌套过深（排片结果最多 {MAX_DEPTH} 层）",
                f"JSON nested too deeply (a solution has at most {MAX_DEPTH} levels)",
            )
        ) from None
    except ValueError:  # a number of over 4,300 digits, NaN, Infinity
        raise SolutionError(
            Problem(
                Location(file, line=_line_of_long_number(text)),
                "JSON 中有无法读取的数字（位数过多，或 NaN/Infinity）",
                "a number that cannot be read (far too many digits, or NaN/Infinity)",
            )
        ) from None
    deep = _depth_path(parsed)
    if deep is not None:
        raise SolutionError(
            Problem(
                Location(file, key=deep),
                f"JSON 嵌套过深（排片结果最多 {MAX_DEPTH} 层）",
                f"JSON nested too deeply (a solution has at most {MAX_DEPTH} levels)",
            )
        )
    return solution_from_dict(parsed, file=file)


def unknown_references(
    data: ProblemData, solution: Solution, file: str, *, limit: int = 20
) -> list[Problem]:
    """Every id, day, block, duty kind and room of ``solution`` that ``data``
    does not know, located by JSON path (at most ``limit`` of them).

    A solution that names staff ``T999`` or day ``xx`` was made for another
    instance (or by hand): it is refused as input, not graded as a timetable.
    """
    from paipian.domain import DUTY_KINDS

    problems: list[Problem] = []
    days = set(data.calendar.days)

    def add(path: str, what_zh: str, what_en: str, value: str | None) -> None:
        if len(problems) < limit:
            problems.append(
                Problem(
                    Location(file, key=path),
                    f"{what_zh}不在学校数据中，请确认学校数据与该 solution 对应",
                    f"{what_en} is not in the instance; is it the right instance?",
                    value=value,
                )
            )

    for i, s in enumerate(solution.sessions):
        p = f"sessions[{i}]"
        if s.day not in days:
            add(f"{p}.day", "服务日", "the day", s.day)
        if s.block not in data.calendar.block_by_id:
            add(f"{p}.block", "时段", "the block", s.block)
        if s.activity not in data.activity_by_id:
            add(f"{p}.activity", "活动", "the activity", s.activity)
        for key, room in (("room", s.room), ("backup_room", s.backup_room)):
            if room is not None and room not in data.room_by_id:
                add(f"{p}.{key}", "场地", "the room", room)
        for j, person in enumerate(s.staff):
            if person not in data.staff_by_id:
                add(f"{p}.staff[{j}]", "人员", "the staff member", person)
        if s.assistant is not None and s.assistant not in data.staff_by_id:
            add(f"{p}.assistant", "助教", "the assistant", s.assistant)
        for j, student in enumerate(s.students):
            if student not in data.student_by_id:
                add(f"{p}.students[{j}]", "学生", "the student", student)
                break  # one unknown student per session says enough
    for i, d in enumerate(solution.duty):
        p = f"duty[{i}]"
        if d.day not in days:
            add(f"{p}.day", "服务日", "the day", d.day)
        if d.kind not in DUTY_KINDS and len(problems) < limit:
            kinds = sorted(DUTY_KINDS)
            problems.append(
                Problem(
                    Location(file, key=f"{p}.kind"),
                    f"未知的值守类型，应为 {'、'.join(kinds)} 之一",
                    f"unknown duty kind; expected one of {', '.join(kinds)}",
                    value=d.kind,
                )
            )
        if d.staff not in data.staff_by_id:
            add(f"{p}.staff", "人员", "the staff member", d.staff)
    for i, club in enumerate(solution.closed_clubs):
        if club not in data.activity_by_id:
            add(f"closed_clubs[{i}]", "活动", "the activity", club)
    return problems


def _num(x: float | None) -> float | int | None:
    """Integral floats as ints, so objective values print as ``12`` not ``12.0``."""
    if x is None:
        return None
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return x


def _core_to_dict(c: CoreItem) -> dict[str, Any]:
    out: dict[str, Any] = {"rule": c.rule, "where": dict(c.where), "message": c.message}
    if c.message_en:
        out["message_en"] = c.message_en
    if c.need is not None:
        out["need"] = _num(c.need)
    if c.have is not None:
        out["have"] = _num(c.have)
    return out


def _suggestion_to_dict(s: Suggestion) -> dict[str, Any]:
    out: dict[str, Any] = {
        "change": s.change,
        "where": dict(s.where),
        "detail": s.detail,
    }
    if s.detail_en:
        out["detail_en"] = s.detail_en
    return out


def solution_to_dict(sol: Solution) -> dict[str, Any]:
    """The FORMAT.md dict of ``sol``, keys in the documented order."""
    out: dict[str, Any] = {
        "schema_version": sol.schema_version,
        "instance": sol.instance,
        "status": sol.status,
        "objective": {
            "value": _num(sol.objective.value),
            "bound": _num(sol.objective.bound),
            "terms": {k: _num(v) for k, v in sorted(sol.objective.terms.items())},
        },
        "solve_seconds": float(sol.solve_seconds),
        "sessions": [
            {
                "id": s.id,
                "day": s.day,
                "block": s.block,
                "activity": s.activity,
                "room": s.room,
                "backup_room": s.backup_room,
                "staff": list(s.staff),
                "assistant": s.assistant,
                "students": list(s.students),
            }
            for s in sol.sessions
        ],
        "closed_clubs": list(sol.closed_clubs),
        "duty": [{"day": d.day, "kind": d.kind, "staff": d.staff} for d in sol.duty],
        "infeasibility": None
        if sol.infeasibility is None
        else {
            "core": [_core_to_dict(c) for c in sol.infeasibility.core],
            "suggestions": [
                _suggestion_to_dict(s) for s in sol.infeasibility.suggestions
            ],
        },
    }
    if sol.previous is not None:
        out["previous"] = sol.previous
    if sol.changes is not None:
        out["changes"] = dict(sol.changes)
    for key in sorted(sol.extra):
        if key not in out:
            out[key] = sol.extra[key]
    return out


def dumps_solution(sol: Solution) -> str:
    """The exact text ``write_solution`` writes (with a final newline)."""
    return json.dumps(solution_to_dict(sol), ensure_ascii=False, indent=1) + "\n"


def write_solution(sol: Solution, path: str | Path) -> None:
    """Write ``sol`` atomically as UTF-8 JSON; the same Solution → the same bytes."""
    write_text_atomic(Path(path), dumps_solution(sol))
