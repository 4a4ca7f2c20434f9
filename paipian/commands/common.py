"""What every command shares: the stderr console, exit codes, problem printing."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.console import Console

from paipian.errors import Problem

# Exit codes of the command-line contract (FORMAT.md).
EXIT_OK = 0
EXIT_VIOLATIONS = 1  # check: hard violations
EXIT_BAD_INPUT = 2
EXIT_INFEASIBLE = 3
EXIT_NO_TIMETABLE_IN_TIME = 4

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def print_problems(
    problems: Iterable[Problem], *, lang: str = "zh", title: str | None = None
) -> None:
    """Print located errors to stderr, one per line, red."""
    problems = list(problems)
    if title:
        err.print(f"[bold red]{title}[/]")
    for p in problems:
        err.print(f"[red]✗[/] {p.message(lang)}", markup=True)


def print_warnings(warnings: Iterable[Problem], *, lang: str = "zh") -> None:
    for w in warnings:
        label = "warning" if lang == "en" else "提示"
        err.print(f"[yellow]! {label}[/] {w.message(lang)}")


def bundled_sample() -> Path:
    """The quick-start sample school: inside the wheel, or in the repo checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "samples" / "tiny" / "instance.yaml"
    if packaged.exists():
        return packaged
    return here.parent / "instances" / "tiny" / "instance.yaml"
