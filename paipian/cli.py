"""The ``paipian`` command: a thin layer over io, solver, checker and report.

Each command lives in ``paipian/commands/<name>.py``; this module only wires
them into one typer app and makes sure no traceback ever reaches a user.
"""

from __future__ import annotations

import os
import sys

import typer

from paipian.commands import batch, check, explain, generate, report, solve, validate
from paipian.commands.common import EXIT_BAD_INPUT, err, print_problems
from paipian.errors import InstanceError

app = typer.Typer(
    name="paipian",
    help="排片 — 上海义务教育课后服务排片表。 After-school service timetabling.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("validate", help="检查学校数据文件 / load and validate an instance")(
    validate.command
)
app.command("solve", help="生成排片表 / build the timetable")(solve.command)
app.command("check", help="逐条核验排片表 / grade a solution rule by rule")(
    check.command
)
app.command("explain", help="不可行原因与修改建议 / the infeasibility report")(
    explain.command
)
app.command("report", help="由 solution.json 重新生成全部输出 / re-write outputs")(
    report.command
)
app.command("ledger", help="工作量台账与公示 / the monthly workload ledger")(
    report.ledger_command
)
app.command("batch", help="全区多校批量排片与区汇总 / solve many schools")(
    batch.command
)
app.command("generate", help="生成示例学校 / write a seeded sample school")(
    generate.command
)

EXIT_INTERNAL = 70


def main() -> None:
    """Console-script entry point: run the app, turn every failure into words."""
    try:
        code = app(standalone_mode=False)
    except InstanceError as exc:
        print_problems(exc.problems, title="输入有误 / invalid input")
        sys.exit(EXIT_BAD_INPUT)
    except KeyboardInterrupt:
        err.print("已中断 / interrupted")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence: never a traceback
        # typer >= 0.29 vendors click (no `click` module): use typer's names,
        # and recognise a usage error (ClickException) by its `show` method.
        if isinstance(exc, typer.Exit):
            sys.exit(exc.exit_code)
        if callable(getattr(exc, "show", None)) and hasattr(exc, "format_message"):
            exc.show()  # type: ignore[attr-defined]
            sys.exit(EXIT_BAD_INPUT)
        if isinstance(exc, typer.Abort):
            err.print("已中断 / interrupted")
            sys.exit(130)
        if os.environ.get("PAIPIAN_DEBUG"):
            raise
        err.print(
            f"[bold red]内部错误 / internal error[/]：{type(exc).__name__}: {exc}\n"
            "请把输入文件和这条信息发给维护者；设置 PAIPIAN_DEBUG=1 可看到详细信息。"
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
