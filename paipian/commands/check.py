"""`paipian check INSTANCE SOLUTION` — grade a timetable rule by rule.

Exit 0 when no hard rule is violated, 1 when some is, 2 when the instance or
the solution cannot be read. The human report goes to stderr; ``--json``
prints the machine form (``CheckReport.to_dict``) to stdout.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from paipian.catalogue import HARD_RULES, RULE_NAME_EN, RULE_NAME_ZH
from paipian.checker import CheckReport, check
from paipian.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    EXIT_VIOLATIONS,
    err,
    esc,
    print_problems,
    print_warnings,
    require_lang,
)
from paipian.data import ProblemData
from paipian.errors import InstanceError, Problem
from paipian.io.solution_json import read_solution, unknown_references

MAX_PLACES = 3  # places shown per rule in the table
MAX_MESSAGES = 30  # violation lines printed below it


def _load_instance(path: Path) -> tuple[ProblemData, list[Problem]]:
    from paipian.io import load_instance

    return load_instance(path)


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def render(report: CheckReport, lang: str = "zh") -> None:
    """Print the rule table, the objective terms and the metrics to stderr."""
    names = RULE_NAME_EN if lang == "en" else RULE_NAME_ZH
    table = Table(title=_t(lang, "硬性规则核验", "Hard rules"), show_lines=False)
    table.add_column(_t(lang, "规则", "rule"))
    table.add_column(_t(lang, "名称", "name"))
    table.add_column(_t(lang, "结果", "status"), justify="center")
    table.add_column(_t(lang, "违反量", "amount"), justify="right")
    # fold: CJK text has no spaces to wrap at; never cut a place off with "…"
    table.add_column(_t(lang, "位置（前几处）", "first places"), overflow="fold")
    for rule in HARD_RULES:
        found = report.of(rule)
        if rule in report.disabled:
            status, amount = _t(lang, "[dim]已停用[/]", "[dim]disabled[/]"), "—"
        elif report.by_rule[rule]:
            status, amount = "[red]✗[/]", str(report.by_rule[rule])
        else:
            status, amount = "[green]✓[/]", "0"
        places = esc("; ".join(v.place() for v in found[:MAX_PLACES]))
        if len(found) > MAX_PLACES:
            places += _t(lang, f" 等 {len(found)} 处", f" … {len(found)} in all")
        table.add_row(rule, names[rule], status, amount, places)
    err.print(table)

    shown = report.violations[:MAX_MESSAGES]
    for v in shown:
        text = v.message_en if lang == "en" else v.message
        err.print(f"[red]✗[/] {esc(f'[{v.rule}] {text}')}", highlight=False)
    if len(report.violations) > len(shown):
        more = len(report.violations) - len(shown)
        err.print(_t(lang, f"…… 另有 {more} 条未列出", f"... {more} more not shown"))

    obj = Table(title=_t(lang, "目标函数（软性目标）", "Objective (soft rules)"))
    for col in (_t(lang, "目标", "term"), _t(lang, "名称", "name")):
        obj.add_column(col)
    for col in (
        _t(lang, "原始值", "raw"),
        _t(lang, "加权值", "weighted"),
        _t(lang, "解中所报（不符时）", "claimed (if different)"),
    ):
        obj.add_column(col, justify="right")
    for rule, raw in report.objective.raw.items():
        claimed = report.objective.mismatches.get(rule)
        mark = "" if claimed is None else f"[yellow]{esc(claimed[0])}[/]"
        obj.add_row(
            rule, names[rule], str(raw), str(report.objective.weighted[rule]), mark
        )
    obj.add_row(_t(lang, "合计", "total"), "", "", str(report.objective.value), "")
    err.print(obj)

    m = report.metrics
    lines = [
        (
            _t(lang, "覆盖率", "coverage"),
            f"{m.coverage_pct}% ({m.placed_student_slots}/{m.present_student_slots})",
        ),
        (
            _t(
                lang,
                "教师周课时 最少/最多/平均/标准差",
                "teacher hours/week min/max/mean/sd",
            ),
            f"{m.load_min} / {m.load_max} / {m.load_mean} / {m.load_sd}"
            f" ({m.teachers} {_t(lang, '人', 'teachers')})",
        ),
        (
            _t(lang, "座位利用率", "seat use"),
            f"{m.seat_use_pct}% ({m.seats_used}/{m.seats_opened})",
        ),
        (
            _t(lang, "社团第一志愿 / 任一志愿", "club first / any choice"),
            f"{m.first_choice_pct}% / {m.any_choice_pct}% "
            f"({m.students_with_prefs} "
            f"{_t(lang, '名学生有志愿', 'students with wishes')})",
        ),
        (
            _t(lang, "社团 开设/未开", "clubs opened/closed"),
            f"{m.clubs_opened} / {m.clubs_closed}",
        ),
        (_t(lang, "活动场次", "sessions"), str(m.sessions)),
    ]
    for label, value in lines:
        err.print(
            f"{label}：{value}" if lang != "en" else f"{label}: {value}", markup=False
        )
    if report.ok:
        err.print(
            _t(
                lang,
                "[bold green]✓ 没有违反硬性规则[/]",
                "[bold green]✓ no hard rule violated[/]",
            )
        )
    else:
        total = sum(report.by_rule.values())
        err.print(
            _t(
                lang,
                f"[bold red]✗ 违反硬性规则，合计 {total}[/]",
                f"[bold red]✗ hard rules violated, {total} in all[/]",
            )
        )


def command(
    instance: Annotated[Path, typer.Argument(help="学校数据 instance.yaml")],
    solution: Annotated[Path, typer.Argument(help="排片结果 solution.json")],
    as_json: Annotated[
        bool, typer.Option("--json", help="在标准输出打印机器可读结果 / JSON to stdout")
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="zh | en")] = "zh",
) -> None:
    """逐条核验排片表 / grade a solution rule by rule.

    Exit 0: no hard violation; 1: violations; 2: unreadable input.
    """
    lang = require_lang(lang)
    try:
        data, warnings = _load_instance(instance)
        sol = read_solution(solution)
        unknown = unknown_references(data, sol, str(solution))
        if unknown:
            raise InstanceError(unknown)
    except InstanceError as exc:
        print_problems(
            exc.problems, lang=lang, title=_t(lang, "无法读取输入", "unreadable input")
        )
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if not as_json:
        print_warnings(warnings, lang=lang)
    # Re-solve: S6 and the change counts against the previous round it names.
    from paipian.commands import resolve_io

    previous = resolve_io.previous_of(sol, Path(solution))
    report = check(data, sol, previous)
    if not as_json:
        resolve_io.check_changes(data, sol, previous, lang)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        if not sol.has_timetable:
            err.print(
                _t(
                    lang,
                    f"[yellow]该解的状态为 {esc(sol.status)}，没有完整排片表[/]",
                    f"[yellow]solution status {esc(sol.status)}: no full timetable[/]",
                )
            )
        render(report, lang)
    raise typer.Exit(EXIT_OK if report.ok else EXIT_VIOLATIONS)
