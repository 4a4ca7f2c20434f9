"""`paipian report` and `paipian ledger`: outputs from a saved solution.json.

``report`` re-writes 排片表.xlsx/.csv/.html, 分批离校表.csv and 学生安排.xlsx/.csv;
``ledger`` writes 工作量台账.xlsx for one month. Neither re-solves. Exit 0 on
success, 2 on an unreadable solution or instance (a located message, never a
traceback), 3 when the solution is INFEASIBLE and 4 when it holds no timetable
for another reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from paipian.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_INFEASIBLE,
    EXIT_NO_TIMETABLE_IN_TIME,
    EXIT_OK,
    err,
    esc,
    out,
    print_problems,
    print_warnings,
)
from paipian.data import ProblemData
from paipian.errors import InstanceError, Location, Problem
from paipian.io import load_instance
from paipian.io.solution_json import read_solution, unknown_references
from paipian.report import write_ledger, write_outputs
from paipian.report.labels import LANGS
from paipian.report.ledger import (
    DEFAULT_RATE_KEYS,
    parse_month,
    read_rates,
    service_dates,
)
from paipian.report.official_calendar import ledger_calendar
from paipian.solution import Solution

SolutionArg = Annotated[
    str, typer.Argument(help="solution.json 路径 / path to the solution JSON")
]
InstanceOpt = Annotated[
    str | None,
    typer.Option(
        "--instance",
        "-i",
        help="instance.yaml 路径（默认：solution 中记录的路径）/ the instance",
    ),
]
OutOpt = Annotated[
    str | None,
    typer.Option("--out", "-o", help="输出文件夹（默认：solution 所在文件夹）/ folder"),
]
LangOpt = Annotated[str, typer.Option("--lang", help="输出语言 zh|en / language")]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="在标准输出打印 JSON / print JSON to stdout")
]


def _fail(problems: list[Problem], lang: str) -> typer.Exit:
    title = "invalid input" if lang == "en" else "输入有误 / invalid input"
    print_problems(problems, lang=lang, title=title)
    return typer.Exit(EXIT_BAD_INPUT)


def _instance_path(solution_path: str, solution: Solution, given: str | None) -> str:
    """``--instance``, else the solution's own ``instance`` beside the solution."""
    if given:
        return given
    recorded = Path(solution.instance) if solution.instance else None
    if recorded is not None:
        for candidate in (recorded, Path(solution_path).parent / recorded):
            if candidate.is_file():
                return str(candidate)
    raise InstanceError(
        Problem(
            Location(solution_path, key="instance"),
            "找不到学校数据文件，请用 --instance 指定 instance.yaml",
            "cannot find the instance; name it with --instance",
            value=solution.instance,
        )
    )


def _load(
    solution_path: str, instance: str | None, lang: str
) -> tuple[ProblemData, Solution]:
    """Read both files; every failure becomes a located message and exit 2."""
    if lang not in LANGS:
        raise _fail(
            [Problem(Location("--lang"), "应为 zh 或 en", "must be zh or en", lang)],
            lang="zh",
        )
    try:
        solution = read_solution(solution_path)
        data, warnings = load_instance(
            _instance_path(solution_path, solution, instance)
        )
    except InstanceError as exc:
        raise _fail(exc.problems, lang) from None
    print_warnings(warnings, lang=lang)
    problems = unknown_references(data, solution, solution_path)
    if problems:
        raise _fail(problems, lang)
    return data, solution


def _no_timetable(solution: Solution, lang: str) -> typer.Exit:
    if lang == "en":
        err.print(
            f"The solution has no timetable (status {solution.status}).", markup=False
        )
    else:
        err.print(
            f"该方案没有排片表（状态 {solution.status}），未生成输出。", markup=False
        )
    code = (
        EXIT_INFEASIBLE
        if solution.status == "INFEASIBLE"
        else EXIT_NO_TIMETABLE_IN_TIME
    )
    return typer.Exit(code)


def _write_failed(exc: OSError, out_dir: Path, lang: str) -> typer.Exit:
    reason = exc.strerror or str(exc)
    where = Location(str(exc.filename or out_dir))
    return _fail(
        [Problem(where, f"无法写入：{reason}", f"cannot write: {reason}")], lang
    )


def _report_written(paths: list[Path], lang: str, as_json: bool) -> None:
    if as_json:
        out.print(
            json.dumps({"files": [str(p) for p in paths]}, ensure_ascii=False),
            markup=False,
        )
    label = "written" if lang == "en" else "已写入"
    for p in paths:
        err.print(f"[green]✓[/] {label} {esc(p)}")


def command(
    solution: SolutionArg,
    instance: InstanceOpt = None,
    out_dir: OutOpt = None,
    lang: LangOpt = "zh",
    as_json: JsonOpt = False,
) -> None:
    """Re-write every human output from a saved solution (never re-solves)."""
    data, sol = _load(solution, instance, lang)
    if not sol.has_timetable:
        raise _no_timetable(sol, lang)
    target = Path(out_dir) if out_dir else Path(solution).resolve().parent
    try:
        paths = write_outputs(data, sol, target, lang)
    except OSError as exc:
        raise _write_failed(exc, target, lang) from None
    _report_written(paths, lang, as_json)
    raise typer.Exit(EXIT_OK)


def ledger_command(
    solution: SolutionArg,
    month: Annotated[
        str, typer.Option("--month", "-m", help="月份，如 2026-10 / month YYYY-MM")
    ],
    instance: InstanceOpt = None,
    out_dir: OutOpt = None,
    rate: Annotated[
        float | None,
        typer.Option("--rate", help="每课时报酬（元），适用于所有人 / yuan per 课时"),
    ] = None,
    rates_file: Annotated[
        str | None,
        typer.Option("--rates", help="单价表 CSV：staff_or_kind,rate / rates CSV"),
    ] = None,
    official: Annotated[
        bool,
        typer.Option(
            "--official-calendar/--no-official-calendar",
            help="学校数据未填节假日时按国家法定节假日与调休（默认）"
            " / use the official holidays when the instance gives none",
        ),
    ] = True,
    lang: LangOpt = "zh",
    as_json: JsonOpt = False,
) -> None:
    """Write 工作量台账.xlsx (dates and 课时 per staff member, 公示) for one month.

    Holidays and 调休 workdays: calendar.holidays / calendar.workdays of the
    instance; when it gives neither, the official calendar (chinesecalendar).
    """
    data, sol = _load(solution, instance, lang)
    if not sol.has_timetable:
        raise _no_timetable(sol, lang)
    rates: dict[str, float] | None = None
    try:
        if rates_file:
            rates = read_rates(Path(rates_file))
        if rate is not None:
            if rate < 0:
                raise InstanceError(
                    Problem(
                        Location("--rate"),
                        "单价不能为负数",
                        "the rate cannot be negative",
                        str(rate),
                    )
                )
            rates = dict(rates or {})
            if not any(k in rates for k in DEFAULT_RATE_KEYS):
                rates["*"] = rate
        target = Path(out_dir) if out_dir else Path(solution).resolve().parent
        path = write_ledger(data, sol, month, target, lang, rates, official=official)
    except InstanceError as exc:
        raise _fail(exc.problems, lang) from None
    except OSError as exc:
        raise _write_failed(exc, Path(out_dir or "."), lang) from None
    _report_written([path], lang, as_json)
    year, mon = parse_month(month)
    calendar = ledger_calendar(data, year, mon, official=official)
    err.print(calendar.note(lang), markup=False)
    if not service_dates(data, year, mon, calendar):
        if lang == "en":
            err.print(f"[yellow]![/] {esc(month)} has no service day within the term.")
        else:
            err.print(
                f"[yellow]! 提示[/] {esc(month)} 在学期内没有课后服务日，台账为空。"
            )
    raise typer.Exit(EXIT_OK)
