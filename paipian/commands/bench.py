"""`paipian bench`: the sample schools, three ways, side by side.

For each bundled sample school (and a few generated ones) it runs the
first-come-first-served allocation schools use today (``paipian.baseline``),
the construction heuristic alone (``SolveParams(first_solution=True)``) and the
full solve, grades each with the checker, and prints per school and in total:
hard violations, workload sd, first-choice rate, room use, time, and their
ratios to the baseline. Each solve runs in its own process. Exit 0, or 1 when
a timetable the solver calls valid breaks a hard rule (or its objective or
bound does not hold).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from paipian.commands.common import EXIT_BAD_INPUT, EXIT_OK, bundled_sample, err, out

EXIT_PROBLEMS = 1
METHODS = ("fcfs", "heuristic", "engine")
METHOD_LABEL = {"fcfs": "先到先得", "heuristic": "启发式", "engine": "完整求解"}
GENERATED = (("tiny", 1, 0.0), ("primary_600", 2, 1.0))
"""Generated schools run beside the bundled ones: (profile, seed, tightness)."""


def sample_folders() -> list[Path]:
    """The bundled sample schools: every sibling of the quick-start sample
    (all of ``instances/`` in a checkout; only ``tiny`` in a wheel)."""
    samples = bundled_sample().parent.parent
    found = sorted(p.parent for p in samples.glob("*/instance.yaml"))
    return found or [bundled_sample().parent]


def command(
    schools: Annotated[
        list[Path] | None,
        typer.Argument(help="学校 instance.yaml 或文件夹（省略则用内置示例学校）"),
    ] = None,
    generated: Annotated[
        bool,
        typer.Option(
            "--generated/--no-generated", help="另加生成的示例学校 / add generated"
        ),
    ] = True,
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit",
            help="每次求解的时间上限（秒）；默认按规模 30/60/90 秒",
        ),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="CP-SAT 线程数")] = 2,
    seed: Annotated[int, typer.Option("--seed", help="随机种子")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="把结果以 JSON 打印")] = False,
) -> None:
    """Compare FCFS, the construction heuristic and the full solve."""
    from paipian.bench import SchoolSpec, run_benchmark, tables

    if (time_limit is not None and time_limit <= 0) or workers < 1:
        err.print("[red]--time-limit 须大于 0，--workers 至少为 1[/]")
        raise typer.Exit(EXIT_BAD_INPUT)
    specs = [SchoolSpec(path=str(p)) for p in (schools or sample_folders())]
    for p in schools or ():
        if not SchoolSpec(path=str(p)).instance_path().exists():
            err.print(f"[red]✗[/] 找不到学校数据 / no instance: {p}")
            raise typer.Exit(EXIT_BAD_INPUT)
    if generated:
        specs += [SchoolSpec(p, s, t) for p, s, t in GENERATED]
    with err.status("") as status:

        def progress(row: object) -> None:
            school = getattr(row, "school", "")
            status.update(f"{school}：{getattr(row, 'method', '')} 完成 / done")

        rows = run_benchmark(
            specs,
            ("heuristic", "engine"),
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            progress=progress,
        )
    df = tables.frame(rows)
    table = tables.side_by_side(df, METHODS)
    problems = tables.problems(rows)
    if as_json:
        payload = {
            "rows": [r.to_dict() for r in rows],
            "side_by_side": json.loads(table.to_json(orient="records")),
            "problems": problems,
        }
        out.print_json(json.dumps(payload, ensure_ascii=False, default=str))
    else:
        # A pipe or a file gets the whole table, not 80 columns of cut cells.
        wide = out if out.is_terminal else Console(highlight=False, width=150)
        wide.print(_rich(table))
    for problem in problems:
        err.print(f"[bold red]✗[/] {problem}")
    raise typer.Exit(EXIT_PROBLEMS if problems else EXIT_OK)


def _fmt(value: object, pattern: str) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    return pattern.format(value)


def _rich(table: object) -> Table:
    """The side-by-side frame as a rich table, one section per school."""
    import pandas as pd

    assert isinstance(table, pd.DataFrame)
    view = Table(
        title="排片对比：先到先得 / 构造启发式 / 完整求解  "
        "(FCFS vs construction heuristic vs full solve)",
        caption="÷ = 本方法 ÷ 先到先得 (method ÷ FCFS)；全部 = 排出数、违规与用时合计，"
        "其余为排出的学校的平均 / total: found, violations and time summed, "
        "the rest averaged over schools with a timetable",
        box=box.SIMPLE_HEAD,
    )
    for name in ("学校 school", "方法 method"):
        view.add_column(name)
    for name in (
        "排出 found",
        "违规 viol",
        "课时sd",
        "第一志愿%",
        "座位%",
        "秒 s",
        "sd÷",
        "志愿÷",
        "座位÷",
        "用时÷",
    ):
        view.add_column(name, justify="right")
    previous = None
    for row in table.to_dict(orient="records"):
        school = str(row["school"])
        if previous is not None and school != previous:
            view.add_section()
        runs, found = int(row["runs"]), int(row["found"])
        shown_found = f"{found}/{runs}" if runs > 1 else ("✓" if found else "✗")
        view.add_row(
            school if school != previous else "",
            METHOD_LABEL.get(str(row["method"]), str(row["method"])),
            shown_found if found == runs else f"[red]{shown_found}[/]",
            _fmt(row["violations"], "{:,.0f}") if found else "-",
            _fmt(row["load_sd"], "{:.2f}"),
            _fmt(row["first_choice"], "{:.1f}"),
            _fmt(row["room_use"], "{:.1f}"),
            _fmt(row["time_s"], "{:.1f}"),
            _fmt(row["load_sd/fcfs"], "{:.2f}"),
            _fmt(row["first_choice/fcfs"], "{:.2f}"),
            _fmt(row["room_use/fcfs"], "{:.2f}"),
            _fmt(row["time_s/fcfs"], "{:,.0f}×"),
            style="bold" if school.startswith("全部") else None,
        )
        previous = school
    return view
