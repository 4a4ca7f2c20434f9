"""What every command shares: the stderr console, exit codes, problem printing."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from paipian.errors import Problem

# Exit codes of the command-line contract (FORMAT.md).
EXIT_OK = 0
EXIT_VIOLATIONS = 1  # check: hard violations
EXIT_BAD_INPUT = 2
EXIT_INFEASIBLE = 3
EXIT_NO_TIMETABLE_IN_TIME = 4

# --time-limit left out: the limit the school's size needs (recommended_limit)
LIMIT_BY_SIZE = "默认按学校规模：600 人以内 30，2100 人以内 60，更大 90"

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)


def esc(value: object) -> str:
    """``value`` as text that rich prints literally inside a markup string.

    Everything a school typed (names, ids, file names, cell values) and every
    message that quotes it goes through here (or is printed as a ``Text``):
    ``[/bold]`` in a staff name must print as typed, never raise
    ``MarkupError``, and "例如 [mon, tue]" must keep its brackets.
    """
    return escape(str(value))


def styled(style: str, label: str, message: object) -> Text:
    """A ``label`` in ``style`` followed by ``message`` as plain text (no markup)."""
    return Text.assemble((label, style), " ", str(message))


def print_problems(
    problems: Iterable[Problem], *, lang: str = "zh", title: str | None = None
) -> None:
    """Print located errors to stderr, one per line, red (text never as markup)."""
    problems = list(problems)
    if title:
        err.print(Text(title, style="bold red"))
    for p in problems:
        err.print(styled("red", "✗", p.message(lang)))


def print_warnings(warnings: Iterable[Problem], *, lang: str = "zh") -> None:
    """Print warnings to stderr, one per line, yellow (text never as markup)."""
    for w in warnings:
        label = "warning" if lang == "en" else "提示"
        err.print(styled("yellow", f"! {label}", w.message(lang)))


def bundled_sample() -> Path:
    """The quick-start sample school: inside the wheel, or in the repo checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "samples" / "tiny" / "instance.yaml"
    if packaged.exists():
        return packaged
    return here.parent / "instances" / "tiny" / "instance.yaml"


def require_lang(lang: str) -> str:
    """``zh`` or ``en``; anything else is a located bad-input error (exit 2)."""
    if lang in ("zh", "en"):
        return lang
    from paipian.errors import InstanceError, Location

    raise InstanceError(
        Problem(Location("--lang"), "应为 zh 或 en", "must be zh or en", lang)
    )
