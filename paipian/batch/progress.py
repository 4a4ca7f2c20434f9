"""The live batch display: schools done / running / failed, and the slowest."""

from __future__ import annotations

import threading
import time
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from paipian.batch.events import Event, Finished, Lost, Started
from paipian.batch.run_one import STATUS_ZH

STATUS_STYLE = {
    "OPTIMAL": "green",
    "FEASIBLE": "green",
    "INFEASIBLE": "red",
    "UNKNOWN": "yellow",
    "INPUT_ERROR": "red",
    "FAILED": "bold red",
}
__all__ = ["STATUS_STYLE", "STATUS_ZH", "BatchProgress"]

SLOWEST_SHOWN = 3


class BatchProgress:
    """Counts and timings of a batch, updated from events, drawn by rich Live."""

    def __init__(self, total: int, skipped: int) -> None:
        self.total = total
        self.skipped = skipped
        self.started = time.monotonic()
        self.running: dict[str, tuple[float, str]] = {}  # name -> (since, where)
        self.finished: dict[str, tuple[str, float]] = {}  # name -> (status, seconds)
        self.lost = 0
        self.lock = threading.Lock()

    def on_event(self, event: Event) -> None:
        with self.lock:
            if isinstance(event, Started):
                self.running[event.task.name] = (time.monotonic(), event.where)
            elif isinstance(event, Lost):
                self.running.pop(event.task.name, None)
                self.lost += 1
            elif isinstance(event, Finished):
                self.running.pop(event.task.name, None)
                rec = event.outcome.record
                self.finished[event.task.name] = (rec["status"], rec["seconds"] or 0)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for status, _ in self.finished.values():
            out[status] = out.get(status, 0) + 1
        return out

    def __rich__(self) -> Any:
        with self.lock:
            now = time.monotonic()
            counts = self.counts()
            done = len(self.finished) + self.skipped
            bad = counts.get("FAILED", 0) + counts.get("INPUT_ERROR", 0)
            head = Text.assemble(
                (f"⏱ {now - self.started:6.1f}s  ", "cyan"),
                (f"完成 {done}/{self.total}  ", "bold"),
                (f"进行中 {len(self.running)}  ", "cyan"),
                (f"失败/数据有误 {bad}  ", "red" if bad else ""),
                (f"不可行 {counts.get('INFEASIBLE', 0)}  ", ""),
                (f"沿用上次 {self.skipped}" if self.skipped else "", "dim"),
                (f"  工作进程丢失 {self.lost}" if self.lost else "", "yellow"),
            )
            table = Table(box=None, show_header=True, padding=(0, 1))
            table.add_column("最慢（进行中）", style="cyan")
            table.add_column("秒", justify="right")
            table.add_column("在", style="dim")
            slowest = sorted(self.running.items(), key=lambda kv: kv[1][0])
            for name, (since, where) in slowest[:SLOWEST_SHOWN]:
                table.add_row(name, f"{now - since:.0f}", where)
            parts: list[Any] = [head]
            if slowest:
                parts.append(table)
        return Group(*parts)

    def slowest_finished(self, n: int = SLOWEST_SHOWN) -> list[tuple[str, float]]:
        items = sorted(self.finished.items(), key=lambda kv: -kv[1][1])
        return [(name, secs) for name, (_, secs) in items[:n]]
