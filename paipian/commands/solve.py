"""`paipian solve [INSTANCE] --out DIR` — build the timetable and write every output.

With no INSTANCE it solves the bundled sample school. While solving, a live
line shows the phase, elapsed time, solutions found, objective, bound and gap;
Ctrl-C stops the search and still writes the best timetable found. Exit codes:
0 a timetable, 3 infeasible (report written), 4 none found in time, 2 bad input.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.live import Live
from rich.table import Table
from rich.text import Text

from paipian.checker import check
from paipian.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_INFEASIBLE,
    EXIT_NO_TIMETABLE_IN_TIME,
    EXIT_OK,
    bundled_sample,
    err,
    out,
    print_warnings,
)
from paipian.io import load_instance
from paipian.io.atomic import write_text_atomic
from paipian.io.solution_json import write_solution
from paipian.solver import Result, SolveParams, StopFlag, solve

PHASE_ZH = {"clubs": "社团", "dropins": "分组", "rooms": "场地", "staff": "人员"}


class _Display:
    """The live status line; fed from CP-SAT's callback thread."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.started = time.monotonic()
        self.phase = "clubs"
        self.solutions = 0
        self.objective: float | None = None
        self.bound: float | None = None
        self.lock = threading.Lock()

    def on_phase(self, phase: str) -> None:
        with self.lock:
            self.phase, self.solutions = phase, 0
            self.objective = self.bound = None

    def on_progress(
        self, phase: str, solutions: int, objective: float, bound: float, _: float
    ) -> None:
        with self.lock:
            self.phase, self.solutions = phase, solutions
            self.objective, self.bound = objective, bound

    def __rich__(self) -> Text:
        with self.lock:
            elapsed = time.monotonic() - self.started
            gap = ""
            if self.objective is not None and self.bound is not None:
                if self.objective:
                    pct = 100 * (self.objective - self.bound) / abs(self.objective)
                    gap = f"{max(0.0, pct):.1f}%"
                else:
                    gap = "0%"
            phase = self.phase if self.lang == "en" else PHASE_ZH.get(self.phase, "")
            obj = "-" if self.objective is None else f"{self.objective:,.0f}"
            bound = "-" if self.bound is None else f"{self.bound:,.0f}"
            if self.lang == "en":
                line = (
                    f"⏱ {elapsed:5.1f}s  phase {phase}  solutions {self.solutions}  "
                    f"objective {obj}  bound {bound}  gap {gap or '-'}"
                )
            else:
                line = (
                    f"⏱ {elapsed:5.1f}s  阶段 {phase}  已找到方案 {self.solutions}  "
                    f"目标值 {obj}  下界 {bound}  差距 {gap or '-'}"
                )
        return Text(line, style="cyan")


def command(
    instance: Annotated[
        Path | None,
        typer.Argument(help="学校数据 instance.yaml（省略则用内置示例学校）"),
    ] = None,
    out_dir: Annotated[
        Path, typer.Option("--out", help="输出文件夹 / output folder")
    ] = Path("排片结果"),
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="求解时间上限（秒）")
    ] = 20.0,
    workers: Annotated[int, typer.Option("--workers", help="CP-SAT 线程数")] = 2,
    seed: Annotated[int, typer.Option("--seed", help="随机种子")] = 0,
    deterministic: Annotated[
        bool,
        typer.Option("--deterministic", help="单线程确定性求解：同一输入输出完全相同"),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="把结果以 JSON 打印")] = False,
    lang: Annotated[str, typer.Option("--lang", help="zh | en")] = "zh",
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="上一轮的 solution.json：重新排片时尽量不变"),
    ] = None,
    keep: Annotated[
        str | None,
        typer.Option(
            "--keep", help="固定不变的部分：clubs,staff,rooms（与 --previous 同用）"
        ),
    ] = None,
) -> None:
    """Solve a school (the bundled sample when none is given) and write the outputs."""
    path = instance or bundled_sample()
    data, warnings = load_instance(path)
    print_warnings(warnings, lang=lang)
    if time_limit <= 0 or workers < 1:
        err.print("[red]--time-limit 须大于 0，--workers 至少为 1[/]")
        raise typer.Exit(EXIT_BAD_INPUT)
    err.print(
        f"[bold]{data.school.name}[/]：学生 {len(data.students)} 人，"
        f"教职工 {len(data.staff)} 人，场地 {len(data.rooms)} 处，"
        f"活动 {len(data.activities)} 项；时间上限 {time_limit:g} 秒"
        if lang != "en"
        else f"[bold]{data.school.name}[/]: {len(data.students)} students, "
        f"{len(data.staff)} staff, {len(data.rooms)} rooms; limit {time_limit:g}s"
    )
    # Re-solve (docs/re-solve.md): the previous round, its pins and ledger.
    from paipian.commands import resolve_io

    resolving = resolve_io.prepare(data, previous, keep)
    display = _Display(lang)
    stop = StopFlag()
    params = SolveParams(time_limit, workers, seed, deterministic)
    with (
        stop.on_sigint(),
        Live(display, console=err, refresh_per_second=4, transient=True),
    ):
        result = solve(
            data,
            params,
            progress=display.on_progress,
            on_phase=display.on_phase,
            stop=stop,
            previous=resolving.previous,
        )
    if stop.stopped:
        err.print("[yellow]已按 Ctrl-C 停止搜索，写出目前最好的排片表。[/]")
    stamped, change_files = resolve_io.finish(
        data, result.solution, resolving, out_dir, lang
    )
    result = dataclasses.replace(result, solution=stamped)
    written = _write(data, result, out_dir, lang) + change_files
    _summarise(data, result, written, lang, as_json)
    if result.feasible:
        raise typer.Exit(EXIT_OK)
    if result.status == "INFEASIBLE":
        raise typer.Exit(EXIT_INFEASIBLE)
    raise typer.Exit(EXIT_NO_TIMETABLE_IN_TIME)


def _write(data: object, result: Result, out_dir: Path, lang: str) -> list[Path]:
    """solution.json, then the human outputs (each file written atomically)."""
    from paipian.data import ProblemData

    assert isinstance(data, ProblemData)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / "solution.json"]
    write_solution(result.solution, written[0])
    if result.feasible:
        from paipian.report import write_outputs

        written += write_outputs(data, result.solution, out_dir, lang=lang)
    elif result.solution.infeasibility is not None:
        from paipian.diagnosis.render import render_markdown

        report = out_dir / "不可行报告.md"
        write_text_atomic(
            report, render_markdown(result.solution.infeasibility, data, lang=lang)
        )
        written.append(report)
    return written


def _summarise(
    data: object, result: Result, written: list[Path], lang: str, as_json: bool
) -> None:
    from paipian.data import ProblemData

    assert isinstance(data, ProblemData)
    summary: dict[str, object] = {
        "status": result.status,
        "objective": result.objective,
        "bound": result.bound,
        "gap": result.gap,
        "terms": dict(result.terms),
        "seconds": round(result.runtime, 2),
        "files": [str(p) for p in written],
    }
    if result.feasible:
        report = check(data, result.solution)
        m = report.metrics
        summary["hard_violations"] = {k: v for k, v in report.by_rule.items() if v}
        summary["metrics"] = {
            "coverage_pct": m.coverage_pct,
            "clubs_opened": m.clubs_opened,
            "clubs_closed": m.clubs_closed,
            "load_min": m.load_min,
            "load_max": m.load_max,
            "seat_use_pct": m.seat_use_pct,
            "first_choice_pct": m.first_choice_pct,
            "any_choice_pct": m.any_choice_pct,
        }
        table = Table(show_header=False, box=None, padding=(0, 2))
        gap = "-" if result.gap is None else f"{100 * result.gap:.1f}%"
        rows_zh = [
            ("覆盖率", f"{m.coverage_pct:.1f}%（{m.placed_student_slots} 人次）"),
            ("社团", f"开设 {m.clubs_opened} 个，未开 {m.clubs_closed} 个"),
            ("教师周课时", f"最少 {m.load_min:.1f}，最多 {m.load_max:.1f}"),
            ("座位利用率", f"{m.seat_use_pct:.1f}%"),
            (
                "社团志愿",
                f"第一志愿 {m.first_choice_pct:.1f}%，任一志愿 {m.any_choice_pct:.1f}%",
            ),
            (
                "目标值/下界",
                f"{result.objective:,.0f} / {result.bound:,.0f}（差距 {gap}）",
            ),
            (
                "硬性规则",
                "全部满足" if report.ok else f"违反：{summary['hard_violations']}",
            ),
        ]
        rows_en = [
            ("coverage", f"{m.coverage_pct:.1f}%"),
            ("clubs", f"{m.clubs_opened} open, {m.clubs_closed} closed"),
            ("teacher load", f"{m.load_min:.1f}–{m.load_max:.1f} 课时/week"),
            ("seat use", f"{m.seat_use_pct:.1f}%"),
            (
                "club choices",
                f"first {m.first_choice_pct:.1f}%, any {m.any_choice_pct:.1f}%",
            ),
            (
                "objective/bound",
                f"{result.objective:,.0f} / {result.bound:,.0f} ({gap})",
            ),
            (
                "hard rules",
                "all hold" if report.ok else str(summary["hard_violations"]),
            ),
        ]
        for k, v in rows_en if lang == "en" else rows_zh:
            table.add_row(k, v)
        title = "排片完成" if lang != "en" else "Timetable ready"
        err.print(f"[bold green]✓ {title}[/]（{result.runtime:.1f} 秒）")
        err.print(table)
    elif result.status == "INFEASIBLE":
        err.print(
            "[bold red]✗ 按现有数据无法排出满足全部规则的排片表[/]；原因与修改建议见 "
            f"{written[-1]}"
            if lang != "en"
            else f"[bold red]✗ no timetable satisfies every rule[/]; see {written[-1]}"
        )
        inf = result.solution.infeasibility
        for item in (inf.core if inf else ())[:8]:
            err.print(f"  [red]{item.rule}[/] {item.message}")
    else:
        err.print(
            "[bold yellow]! 在时间上限内未找到排片表[/]，可加大 --time-limit 后重试"
            if lang != "en"
            else "[bold yellow]! no timetable found in time[/]; "
            "try a larger --time-limit"
        )
    for p in written:
        err.print(f"  → {p}")
    if as_json:
        out.print_json(json.dumps(summary, ensure_ascii=False, default=str))
