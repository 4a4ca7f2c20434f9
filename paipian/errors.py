"""The one error type for bad input, and warnings that never stop a run.

Every problem names where it is (file, the line as an editor shows it, or a
YAML key path), the offending value, and what to do — in Chinese, with the
English beside it. A loader collects all problems of a file before raising.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where a problem sits: ``students.csv`` line 12 column ``grade``, or a key."""

    file: str
    line: int | None = None  # 1-based, header = line 1
    column: str | None = None
    key: str | None = None  # YAML key path, e.g. ``calendar.blocks[1].end``

    def zh(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"第 {self.line} 行")
        if self.column:
            parts.append(f"列「{self.column}」")
        if self.key:
            parts.append(f"键 {self.key}")
        return " ".join(parts)

    def en(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column:
            parts.append(f"column '{self.column}'")
        if self.key:
            parts.append(f"key {self.key}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One located problem. ``zh``/``en`` say what is wrong and what to do."""

    where: Location
    zh: str
    en: str
    value: str | None = None
    rule: str | None = None  # the rule id when a problem comes from one (H04, H07…)

    def message(self, lang: str = "zh") -> str:
        value = f"（值：{self.value!r}）" if self.value is not None else ""
        if lang == "en":
            value_en = f" (value: {self.value!r})" if self.value is not None else ""
            rule = f"[{self.rule}] " if self.rule else ""
            return f"{self.where.en()}: {rule}{self.en}{value_en}"
        rule = f"[{self.rule}] " if self.rule else ""
        return f"{self.where.zh()}{value}：{rule}{self.zh} / {self.en}"

    def __str__(self) -> str:
        return self.message()


class InstanceError(Exception):
    """Bad input: one or more located problems. Never let a traceback out."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems: list[Problem] = (
            [problems] if isinstance(problems, Problem) else list(problems)
        )
        super().__init__("\n".join(p.message() for p in self.problems))


class SolutionError(InstanceError):
    """A solution file that cannot be read (the checker exits 2)."""
