"""`paipian explain INSTANCE` — the infeasibility report alone.

Exit 0 when no conflict is found (the school looks feasible), 3 when the
report names rules that cannot hold together, 2 when the instance cannot be
read. The report goes to stderr; ``--json`` prints ``{"status", "infeasibility"}``
to stdout in the solution format's shape.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from paipian.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_INFEASIBLE,
    EXIT_OK,
    err,
    print_problems,
    print_warnings,
    require_lang,
)
from paipian.errors import InstanceError


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def command(
    instance: Annotated[Path, typer.Argument(help="学校数据 instance.yaml")],
    as_json: Annotated[
        bool, typer.Option("--json", help="在标准输出打印机器可读结果 / JSON to stdout")
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="zh | en")] = "zh",
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="诊断时限（秒）/ seconds", min=0.1)
    ] = 10.0,
) -> None:
    """不可行原因与修改建议 / the infeasibility report.

    Exit 0: no conflict found; 3: infeasible (report printed); 2: bad input.
    """
    from paipian.diagnosis import diagnose, render_rich
    from paipian.diagnosis.render import infeasibility_to_dict
    from paipian.io import load_instance

    lang = require_lang(lang)
    try:
        data, warnings = load_instance(instance)
    except InstanceError as exc:
        print_problems(
            exc.problems, lang=lang, title=_t(lang, "无法读取输入", "unreadable input")
        )
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if not as_json:
        print_warnings(warnings, lang=lang)
        err.print(_t(lang, "正在诊断……", "diagnosing ..."))
    report = diagnose(data, time_limit=time_limit, lang=lang)
    if as_json:
        payload = {
            "status": "FEASIBLE" if report is None else "INFEASIBLE",
            "infeasibility": None if report is None else infeasibility_to_dict(report),
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    elif report is None:
        err.print(
            _t(
                lang,
                "[bold green]✓ 未发现不可行原因[/]：快速检查全部通过，聚合模型可行。"
                "若求解仍无结果，可能是个别学生层面的冲突，请用 paipian solve 查看。",
                "[bold green]✓ no conflict found[/]: every fast check passes and the "
                "aggregated model is feasible. If solving still fails, the conflict "
                "is at the level of single students; run paipian solve.",
            )
        )
    else:
        render_rich(report, data, err, lang)
    raise typer.Exit(EXIT_OK if report is None else EXIT_INFEASIBLE)
