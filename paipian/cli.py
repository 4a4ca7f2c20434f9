"""The ``paipian`` command: a thin layer over io, solver, checker and report.

Each command lives in ``paipian/commands/<name>.py``; this module only wires
them into one typer app and makes sure no traceback ever reaches a user.
"""

from __future__ import annotations

import contextlib
import os
import sys
from importlib import metadata
from typing import Annotated

import typer

from paipian.commands import (
    batch,
    bench,
    check,
    explain,
    generate,
    init,
    report,
    solve,
    validate,
)
from paipian.commands.common import EXIT_BAD_INPUT, err, print_problems
from paipian.commands.signals import interrupt_on_signals
from paipian.errors import InstanceError, Location, Problem

EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130

# \b keeps click from re-flowing the paragraph that follows it.
EPILOG = """\b
例子 / examples:
  paipian solve                               # 内置示例学校 / the bundled sample
  paipian validate 学校/instance.yaml         # 检查数据 / check the data
  paipian solve 学校/instance.yaml --out 排片结果 --time-limit 60
  paipian check 学校/instance.yaml 排片结果/solution.json
  paipian explain 学校/instance.yaml          # 排不出时看原因 / why no timetable
  paipian ledger 排片结果/solution.json --month 2026-10 --rate 60
  paipian --lang en solve                     # English messages everywhere

\b
退出码 / exit codes:
  0  成功 / success (a timetable, a valid file, no violation)
  1  check：违反硬性规则 / hard rules violated
  2  输入有误（信息指明文件与位置）/ bad input, located
  3  无解，已写不可行报告 / infeasible, report written
  4  时间上限内未找到排片表 / no timetable found in time
  70 内部错误，请报告维护者 / internal error, please report
  130 已中断 / interrupted"""

app = typer.Typer(
    name="paipian",
    help="排片 — 上海义务教育课后服务排片表。 After-school service timetabling.",
    epilog=EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_COMMANDS = (
    ("init", "生成待填写的学校数据模板 / write a template school", init.command),
    ("validate", "检查学校数据文件 / load and validate an instance", validate.command),
    ("solve", "生成排片表 / build the timetable", solve.command),
    ("check", "逐条核验排片表 / grade a solution rule by rule", check.command),
    ("explain", "不可行原因与修改建议 / the infeasibility report", explain.command),
    ("report", "由 solution.json 重新生成全部输出 / re-write outputs", report.command),
    ("ledger", "工作量台账与公示 / the monthly workload ledger", report.ledger_command),
    ("generate", "生成示例学校 / write a seeded sample school", generate.command),
    ("bench", "先到先得/启发式/完整求解对比 / peers side by side", bench.command),
    ("batch", "一次排多所学校，出区汇总 / solve many schools", batch.command),
)
for _name, _help, _fn in _COMMANDS:
    app.command(_name, help=_help, epilog=EPILOG)(_fn)

# Commands that take --lang: the top-level --lang becomes their default.
LANG_COMMANDS = tuple(name for name, _, _ in _COMMANDS)


def version_text() -> str:
    try:
        return metadata.version("paipian")
    except metadata.PackageNotFoundError:  # a bare checkout, not installed
        return "unknown"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"paipian {version_text()}")
        raise typer.Exit(0)


@app.callback()
def _top(
    ctx: typer.Context,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="全部信息的语言 zh|en（各命令的 --lang 优先）/ message language",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="显示版本后退出 / print the version and exit",
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """排片 — 上海义务教育课后服务排片表。 After-school service timetabling."""
    if lang is None:
        return
    if lang not in ("zh", "en"):
        print_problems([_lang_problem(lang)], title="输入有误 / invalid input")
        raise typer.Exit(EXIT_BAD_INPUT)
    # A subcommand's own --lang still wins: this only sets its default.
    defaults = dict(ctx.default_map or {})
    for name in LANG_COMMANDS:
        defaults[name] = {**defaults.get(name, {}), "lang": lang}
    ctx.default_map = defaults


def _lang_problem(lang: str) -> Problem:
    return Problem(Location("--lang"), "应为 zh 或 en", "must be zh or en", lang)


def _last_resort(exc: BaseException) -> None:
    """Say an internal error happened in plain text; this must never raise."""
    text = (
        f"内部错误 / internal error：{type(exc).__name__}: {exc}\n"
        "请把输入文件和这条信息发给维护者；设置 PAIPIAN_DEBUG=1 可看到详细信息。"
    )
    try:
        err.print(text, markup=False, highlight=False, style="bold red")
    except Exception:  # a broken stderr or console: fall back to raw bytes
        with contextlib.suppress(Exception):
            sys.stderr.write(text + "\n")


def main() -> None:
    """Console-script entry point: run the app, turn every failure into words."""
    try:
        with interrupt_on_signals():
            code = app(standalone_mode=False)
    except InstanceError as exc:
        try:
            print_problems(exc.problems, title="输入有误 / invalid input")
        except Exception:
            _last_resort(exc)
        sys.exit(EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        err.print("已中断 / interrupted", markup=False)
        sys.exit(EXIT_INTERRUPTED)
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence: never a traceback
        # typer >= 0.29 vendors click (no `click` module): use typer's names,
        # and recognise a usage error (ClickException) by its `show` method.
        if isinstance(exc, typer.Exit):
            sys.exit(exc.exit_code)
        if callable(getattr(exc, "show", None)) and hasattr(exc, "format_message"):
            try:
                exc.show()  # type: ignore[attr-defined]
            except Exception:
                _last_resort(exc)
            sys.exit(EXIT_BAD_INPUT)
        if isinstance(exc, typer.Abort):
            err.print("已中断 / interrupted", markup=False)
            sys.exit(EXIT_INTERRUPTED)
        if os.environ.get("PAIPIAN_DEBUG"):
            raise
        _last_resort(exc)
        sys.exit(EXIT_INTERNAL)
    if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into a bare 130: say so
        err.print("已中断 / interrupted", markup=False)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
