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

    def _problem(
        self, where: Location, zh: str, en: str, value: Any, rule: str | None
    ) -> Problem:
        if where.key and where.line is None and where.file == self.yaml_file:
            line = self.line_of(where.key)
            if line is not None:
                where = replace(where, line=line)
        shown = None if value is None else show(value)
        return Problem(where, zh, en, value=shown, rule=rule)

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
    ) -> None:
        self.errors.append(self._problem(where, zh, en, value, rule))

    def warn(
        self,
        where: Location,
        zh: str,
        en: str,
        value: Any = None,
        rule: str | None = None,
    ) -> None:
        self.warnings.append(self._problem(where, zh, en, value, rule))

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
