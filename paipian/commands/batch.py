"""`paipian batch PATH… --out DIR` — solve many schools and compare them.

Each PATH is an instance YAML or a folder searched for ``instance.yaml``. Each
school's outputs go to ``DIR/<folder name>/`` as ``solve`` writes them; then
``DIR/summary.json`` and the district report (区汇总.xlsx, 区汇总.html).
Exit 0 when every school has a result (of any status), 2 when no school is
found or the arguments are bad.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.live import Live
from rich.table import Table

from paipian.batch import BatchError, SolveOptions, default_jobs, run_batch
from paipian.batch.discover import SchoolTask
from paipian.batch.events import Event, Finished, Lost
from paipian.batch.progress import STATUS_STYLE, STATUS_ZH, BatchProgress
from paipian.batch.summary import summary_row
from paipian.commands.common import EXIT_BAD_INPUT, EXIT_OK, LIMIT_BY_SIZE, err


def _finished_line(record: dict[str, Any]) -> str:
    status = record["status"]
    style = STATUS_STYLE.get(status, "")
    text = f"[{style}]{STATUS_ZH.get(status, status)}[/]"
    if record.get("coverage_pct") is not None:
        text += (
            f"  覆盖率 {record['coverage_pct']}%  "
            f"第一志愿 {record['first_choice_pct']}%  "
            f"课时标准差 {record['workload_sd']}"
        )
    elif record.get("reason"):
        text += f"  {record['reason']}"
    return f"  {record['name']}：{text}  （{record['seconds']:.1f} 秒）"


def command(
    paths: Annotated[
        list[Path],
        typer.Argument(help="instance.yaml，或含若干学校文件夹的目录（可多个）"),
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="输出文件夹 / output folder")],
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit",
            help=f"每所学校的求解时间上限（秒）；{LIMIT_BY_SIZE}",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", help="同时求解的学校数（默认：核数 ÷ --workers）"),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", help="每所学校的 CP-SAT 线程数")
    ] = 2,
    seed: Annotated[int, typer.Option("--seed", help="随机种子")] = 0,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask 调度器地址 tcp://HOST:PORT"),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="把 summary.json 的内容打印到标准输出")
    ] = False,
    lang: Annotated[str, typer.Option("--lang", help="zh | en")] = "zh",
) -> None:
    """Solve every school under PATH… and write the district summary."""
    if jobs is not None and jobs < 1:
        err.print("[red]--jobs 至少为 1 / --jobs must be at least 1[/]")
        raise typer.Exit(EXIT_BAD_INPUT)
    options = SolveOptions(time_limit, workers, seed, lang)
    progress: BatchProgress | None = None
    live: Live | None = None

    def on_plan(tasks: list[SchoolTask], skipped: list[str]) -> None:
        nonlocal progress, live
        progress = BatchProgress(len(tasks), len(skipped))
        where = scheduler or f"本机 {jobs or default_jobs(workers)} 个进程"
        err.print(
            f"[bold]{len(tasks)} 所学校[/]（沿用上次结果 {len(skipped)} 所）；"
            f"在 {where} 求解，每校 {workers} 线程、上限 "
            + (f"{time_limit:g} 秒" if time_limit is not None else "按学校规模")
        )
        live = Live(progress, console=err, refresh_per_second=2, transient=True)
        live.start()

    def on_event(event: Event) -> None:
        assert progress is not None
        progress.on_event(event)
        if isinstance(event, Finished):
            err.print(_finished_line(event.outcome.record))
        elif isinstance(event, Lost):
            again = "，换一个进程重试" if event.retry else ""
            err.print(f"  [yellow]{event.task.name}：{event.detail}{again}[/]")

    try:
        run = run_batch(
            paths,
            out_dir,
            options,
            jobs=jobs,
            scheduler=scheduler,
            on_event=on_event,
            on_plan=on_plan,
        )
    except BatchError as exc:
        err.print(f"[bold red]✗[/] {exc}")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    finally:
        if live is not None:
            live.stop()
    _report(run.records, progress, run.files)
    if as_json:
        typer.echo(
            json.dumps([summary_row(r) for r in run.records], ensure_ascii=False)
        )
    raise typer.Exit(EXIT_OK)


def _report(
    records: list[dict[str, Any]], progress: BatchProgress | None, files: list[Path]
) -> None:
    table = Table(title="各状态学校数", show_header=False, box=None, padding=(0, 2))
    counts: dict[str, int] = {}
    for r in records:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    for status, n in counts.items():
        style = STATUS_STYLE.get(status, "")
        table.add_row(f"[{style}]{STATUS_ZH.get(status, status)}[/]", str(n))
    err.print(table)
    if progress is not None and progress.finished:
        slow = "，".join(f"{n} {s:.1f} 秒" for n, s in progress.slowest_finished())
        err.print(f"最慢：{slow}")
    for path in files:
        err.print(f"  → {path}")
