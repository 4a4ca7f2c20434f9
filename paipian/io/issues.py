"""``Issues``: the errors and warnings of one load, each with its location."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from paipian.errors import Location, Problem
from paipian.io.cells import CellError, show

if TYPE_CHECKING:
    from paipian.io.tables import Row

T = TypeVar("T")
D = TypeVar("D")

GROUP_AT = 3  # the same problem in this many rows is reported once
MAX_PROBLEMS = 5_000  # past this many, problems are counted, not kept
SHOW_LINES = 5
SHOW_VALUES = 3


class Issues:
    """Errors and warnings found so far, in the order found.

    ``key_lines`` maps YAML key paths (``calendar.blocks[1].end``) to the line
    they start on, so a problem located by key also names its editor line.
    """

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.yaml_file: str | None = None
        self.key_lines: dict[str, int] = {}
        self.key_names: dict[str, str] = {}  # ``activities[7]`` → ``activities[CARE]``
        self.unlisted_errors = 0
        # The message of each problem before its "did you mean" hint, so that
        # the same problem in many rows can be told apart from its values.
        self.plain: dict[int, tuple[str, str, tuple[str, str]]] = {}

    def _problem(
        self,
        where: Location,
        zh: str,
        en: str,
        value: Any,
        rule: str | None,
        hint: tuple[str, str],
    ) -> Problem:
        if where.key and where.file == self.yaml_file:
            line = self.line_of(where.key) if where.line is None else where.line
            where = replace(where, line=line, key=self.named(where.key))
        shown = None if value is None else show(value)
        problem = Problem(where, zh + hint[0], en + hint[1], value=shown, rule=rule)
        self.plain[id(problem)] = (zh, en, hint)
        return problem

    def named(self, key: str) -> str:
        """``activities[7].room_kinds`` as ``activities[CARE].room_kinds``."""
        prefix = key
        while prefix:
            if prefix in self.key_names:
                return self.key_names[prefix] + key[len(prefix) :]
            cut = max(prefix.rfind("."), prefix.rfind("["))
            prefix = prefix[:cut] if cut > 0 else ""
        return key

    def line_of(self, key: str) -> int | None:
        """The line of ``key`` or of its nearest enclosing key."""
        while key:
            if key in self.key_lines:
                return self.key_lines[key]
            cut = max(key.rfind("."), key.rfind("["))
            key = key[:cut] if cut > 0 else ""
        return None

    def error(
        self,
        where: Location,
        zh: str,
        en: str,
        value: Any = None,
        rule: str | None = None,
        hint: tuple[str, str] = ("", ""),
    ) -> None:
        if len(self.errors) >= MAX_PROBLEMS:
            self.unlisted_errors += 1  # said once at the end (``finished``)
            return
        self.errors.append(self._problem(where, zh, en, value, rule, hint))

    def warn(
        self,
        where: Location,
        zh: str,
        en: str,
        value: Any = None,
        rule: str | None = None,
        hint: tuple[str, str] = ("", ""),
    ) -> None:
        if len(self.warnings) >= MAX_PROBLEMS:
            return
        self.warnings.append(self._problem(where, zh, en, value, rule, hint))

    def cell(
        self,
        row: Row,
        column: str,
        parse: Callable[[Any], T],
        default: D,
        *,
        required: bool = False,
    ) -> T | D:
        """Parse ``row[column]``; report a bad or missing value and use ``default``."""
        raw = row.get(column)
        if raw is None:
            if required and column not in row.missing_columns:
                self.error(
                    row.loc(column),
                    f"缺少必填项「{column}」",
                    f"required value '{column}' is missing",
                )
            return default
        try:
            return parse(raw)
        except CellError as exc:
            value = raw if exc.value is None else exc.value
            self.error(row.loc(column), exc.zh, exc.en, value=value, rule=exc.rule)
            return default

    def grouped(self, problems: list[Problem]) -> list[Problem]:
        """The same problem in many rows of a table as one problem.

        Problems are the same when they share file, column, rule and message
        (before any "did you mean"); from ``GROUP_AT`` rows on they become one
        message with the count, the first lines and the first values, placed
        where the first of them was.
        """
        groups: dict[tuple[Any, ...], list[Problem]] = {}
        for problem in problems:
            where = problem.where
            if where.line is None or where.key is not None:
                key: tuple[Any, ...] = ("single", id(problem))
            else:
                zh, en, _ = self.plain.get(id(problem), (problem.zh, problem.en, None))
                key = (where.file, where.column, zh, en, problem.rule)
            groups.setdefault(key, []).append(problem)
        out: list[Problem] = []
        for members in groups.values():
            if len(members) < GROUP_AT:
                out.extend(members)
            else:
                out.append(self._merged(members))
        return out

    def _merged(self, members: list[Problem]) -> Problem:
        first = members[0]
        zh, en, hint = self.plain.get(id(first), (first.zh, first.en, ("", "")))
        lines = sorted({m.where.line for m in members if m.where.line is not None})
        shown = [f"{n}" for n in lines[:SHOW_LINES]]
        more = "…" if len(lines) > SHOW_LINES else ""
        values = list(dict.fromkeys(m.value for m in members if m.value is not None))
        zh += (
            f"{hint[0]}——同样的问题共 {len(members):,} 行"
            f"（第 {'、'.join(shown)}{more} 行）"
        )
        en += (
            f"{hint[1]}; the same in {len(members):,} rows "
            f"(lines {', '.join(shown)}{more})"
        )
        if len(values) > 1:
            others = values[1 : 1 + SHOW_VALUES]
            etc = f" 等 {len(values) - 1} 种" if len(values) - 1 > SHOW_VALUES else ""
            zh += f"；其他的值如 {'、'.join(repr(v) for v in others)}{etc}"
            en += f"; other values: {', '.join(repr(v) for v in others)}"
            en += f" and {len(values) - 1 - SHOW_VALUES} more" if etc else ""
        merged = Problem(first.where, zh, en, value=first.value, rule=first.rule)
        self.plain[id(merged)] = (zh, en, ("", ""))
        return merged
