"""The re-solve side of ``paipian solve NEW --previous OLD/solution.json``.

``prepare`` reads the previous solution and the fairness ledger beside it;
``finish`` stamps ``previous`` and ``changes`` on the new solution, writes
变更清单 / 变更通知 and 公平台账.json, and prints the counts, the fairness
carry-over and the pins not held (in Chinese, or English with ``--lang en``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import typer

from paipian.commands.common import EXIT_BAD_INPUT, err
from paipian.data import ProblemData
from paipian.resolve import fairness
from paipian.resolve.changes import compare
from paipian.resolve.previous import (
    PinIssue,
    Previous,
    load_previous,
    parse_keep,
    pins_not_held,
)
from paipian.solution import Solution


@dataclass
class ResolveRun:
    """What a re-solve carries from start to finish."""

    previous: Previous | None
    ledger: fairness.Ledger | None
    pins: tuple[PinIssue, ...]


def prepare(data: ProblemData, previous: Path | None, keep: str | None) -> ResolveRun:
    """Load the previous round (if any) and check the pins; exit 2 on bad
    ``--keep`` words. An unreadable previous solution raises ``SolutionError``
    (the CLI prints it and exits 2)."""
    try:
        parts = parse_keep(keep)
    except ValueError as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if previous is None:
        if parts:
            err.print("[red]--keep 需要同时给出 --previous（上一轮的 solution.json）")
            raise typer.Exit(EXIT_BAD_INPUT)
        pins = pins_not_held(data, None)
        return ResolveRun(None, None, pins)
    prev = load_previous(previous, data, keep=parts)
    ledger = fairness.ledger_for_previous(previous, data, prev.solution)
    prev = dataclasses.replace(
        prev, carried=frozenset(s for s in ledger.carried if s in data.student_by_id)
    )
    return ResolveRun(prev, ledger, pins_not_held(data, prev))


def finish(
    data: ProblemData, solution: Solution, run: ResolveRun, out_dir: Path, lang: str
) -> tuple[Solution, list[Path]]:
    """The solution with ``previous``/``changes``, and the files written."""
    if run.previous is None:
        _print_pins(run.pins, lang)
        return solution, []
    if not solution.has_timetable:
        _print_pins(run.pins, lang)
        return dataclasses.replace(solution, previous=run.previous.source), []
    from paipian.report.changes import write_changes

    changes = compare(run.previous.solution, solution, data)
    counts = changes.counts()
    stamped = dataclasses.replace(
        solution, previous=run.previous.source, changes=MappingProxyType(counts)
    )
    ledger, fair = fairness.update(run.ledger, data, solution)
    fair_lines = [
        f"上轮未获任何志愿、本轮优先：{fair.carried} 人，"
        f"其中本轮已安排社团 {fair.served} 人",
        f"本轮仍未获任何志愿（转入下一轮优先）：{fair.carrying_on} 人",
    ]
    pin_lines = [p.message for p in run.pins]
    out_dir.mkdir(parents=True, exist_ok=True)
    written = write_changes(
        data, changes, out_dir, pins_not_held=pin_lines, fairness=fair_lines
    )
    written.append(fairness.write_ledger(ledger, out_dir))
    if lang == "en":
        err.print(
            f"[bold]Changes against {run.previous.source}[/]: "
            f"students {counts['students']}, staff {counts['staff']}, "
            f"rooms {counts['rooms']}, sessions +{counts['sessions_added']} "
            f"-{counts['sessions_removed']}; newcomers {len(changes.newcomers)}, "
            f"leavers {len(changes.leavers)}"
        )
        err.print(
            f"fairness: {fair.carried} carried in, {fair.served} now served, "
            f"{fair.carrying_on} carry on"
        )
    else:
        err.print(
            f"[bold]与上一轮（{run.previous.source}）相比[/]：学生变化 "
            f"{counts['students']} 人，教职工变化 {counts['staff']} 人，"
            f"换场地 {counts['rooms']} 组，新增 {counts['sessions_added']} 组、"
            f"取消 {counts['sessions_removed']} 组；"
            f"新加入 {len(changes.newcomers)} 人，"
            f"离开 {len(changes.leavers)} 人"
        )
        for line in fair_lines:
            err.print(f"  公平台账：{line}")
    _print_pins(run.pins, lang)
    return stamped, written


def _print_pins(pins: tuple[PinIssue, ...], lang: str) -> None:
    if not pins:
        return
    title = "pins not held" if lang == "en" else "未能保持的固定安排"
    err.print(f"[yellow]! {title}（{len(pins)}）[/]")
    for p in pins[:20]:
        err.print(f"  [yellow]·[/] {p.message_en if lang == 'en' else p.message}")
    if len(pins) > 20:
        err.print(f"  … 另有 {len(pins) - 20} 条，见 变更清单.xlsx 的「汇总」")


def previous_of(solution: Solution, solution_path: Path) -> Solution | None:
    """The previous round a re-solved solution names (``"previous"``), for
    ``paipian check`` to recompute S6 and the change counts; ``None`` when
    absent or unreadable (as given, else beside the solution file)."""
    from paipian.errors import InstanceError
    from paipian.io.solution_json import read_solution

    if not solution.previous:
        return None
    for path in (Path(solution.previous), solution_path.parent / solution.previous):
        if path.is_file():
            try:
                return read_solution(path)
            except InstanceError:
                return None
    return None


def check_changes(
    data: ProblemData, solution: Solution, previous: Solution | None, lang: str
) -> None:
    """Say whether the solution's ``changes`` equal the recount."""
    if previous is None or solution.changes is None:
        return
    recount = compare(previous, solution, data).counts()
    claimed = dict(solution.changes)
    if claimed == recount:
        err.print(
            f"changes recount matches: {recount}"
            if lang == "en"
            else f"变更计数与重新计算一致：{recount}"
        )
    else:
        err.print(
            f"[yellow]changes claimed {claimed}, recount {recount}[/]"
            if lang == "en"
            else f"[yellow]变更计数与重新计算不符：解中 {claimed}，重算 {recount}[/]"
        )
