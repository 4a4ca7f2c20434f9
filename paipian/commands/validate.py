"""`paipian validate INSTANCE`: load and check an instance, print what is wrong.

Exit 0 when the instance is valid (warnings may be printed), 2 when it is not,
after printing every problem. ``--json`` prints
``{"valid", "errors", "warnings"}`` to stdout; messages always go to stderr.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer

from paipian.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    err,
    print_problems,
    print_warnings,
)
from paipian.data import ProblemData
from paipian.domain import fmt_time
from paipian.errors import InstanceError, Problem
from paipian.io import load_instance


def problem_json(problem: Problem) -> dict[str, Any]:
    """One problem as the ``--json`` output carries it."""
    where = problem.where
    return {
        "file": where.file,
        "line": where.line,
        "column": where.column,
        "key": where.key,
        "value": problem.value,
        "rule": problem.rule,
        "message_zh": problem.zh,
        "message_en": problem.en,
    }


def summary_lines(data: ProblemData, lang: str = "zh") -> list[str]:
    """A short description of a loaded instance, for a human."""
    clubs = len(data.clubs)
    externals = sum(1 for s in data.staff if s.is_external)
    blocks = ", ".join(
        f"{b.id} {fmt_time(b.start)}–{fmt_time(b.end)}" for b in data.calendar.blocks
    )
    days = " ".join(data.calendar.days)
    if lang == "en":
        return [
            f"School: {data.school.name} ({data.term.name})",
            f"Students: {len(data.students)}   Staff: {len(data.staff)} "
            f"({externals} external)   Rooms: {len(data.rooms)}",
            f"Activities: {len(data.activities)} ({clubs} clubs)",
            f"Days: {days}   Blocks: {blocks}",
        ]
    return [
        f"学校：{data.school.name}（{data.term.name}）",
        f"学生 {len(data.students)} 人　教职工 {len(data.staff)} 人"
        f"（校外 {externals} 人）　场地 {len(data.rooms)} 处",
        f"活动 {len(data.activities)} 项（社团 {clubs} 个）",
        f"服务日：{days}　时段：{blocks}",
    ]


def command(
    instance: Annotated[
        str, typer.Argument(help="instance.yaml 路径 / path to the instance YAML")
    ],
    as_json: Annotated[
        bool,
        typer.Option("--json", help="在标准输出打印 JSON / print JSON to stdout"),
    ] = False,
    lang: Annotated[
        str, typer.Option("--lang", help="提示语言 zh|en / message language")
    ] = "zh",
) -> None:
    """检查学校数据文件 / load and validate an instance."""
    if lang not in ("zh", "en"):
        err.print(
            f"--lang 只能是 zh 或 en / --lang must be zh or en: {lang!r}", markup=False
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        data, warnings = load_instance(instance)
    except InstanceError as exc:
        title = (
            f"{len(exc.problems)} problem(s) in the instance; fix them and run again"
            if lang == "en"
            else f"数据有 {len(exc.problems)} 处问题，请修改后重试 / "
            f"{len(exc.problems)} problem(s)"
        )
        print_problems(exc.problems, lang=lang, title=title)
        if as_json:
            _emit(False, exc.problems, [])
        raise typer.Exit(EXIT_BAD_INPUT) from None
    for line in summary_lines(data, lang):
        err.print(line, markup=False)
    print_warnings(warnings, lang=lang)
    err.print(
        "[green]✓[/] "
        + (
            "the instance is valid"
            if lang == "en"
            else "数据有效 / the instance is valid"
        )
    )
    if as_json:
        _emit(True, [], warnings)
    raise typer.Exit(EXIT_OK)


def _emit(valid: bool, errors: list[Problem], warnings: list[Problem]) -> None:
    payload = {
        "valid": valid,
        "errors": [problem_json(p) for p in errors],
        "warnings": [problem_json(p) for p in warnings],
    }
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
