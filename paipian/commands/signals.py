"""Stop a solve on Ctrl-C, SIGTERM or SIGHUP, and keep what it found.

A service manager, ``timeout`` or a closed terminal sends SIGTERM or SIGHUP,
not SIGINT; all three must stop the search the same way, so that the command
still writes the best timetable found. Only the command layer installs signal
handlers: the solver offers ``StopFlag.stop()`` and nothing more is needed.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from paipian.solver import StopFlag

# SIGHUP does not exist on Windows; take what the platform has.
STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP")
    if hasattr(signal, name)
)


@dataclass
class Received:
    """Which signal stopped the run (None while none has)."""

    signal: signal.Signals | None = None
    names: list[str] = field(default_factory=list)

    @property
    def by_ctrl_c(self) -> bool:
        return self.signal == signal.SIGINT

    def said_zh(self) -> str:
        """How the stop came, in the words a school scheduler recognises."""
        if self.by_ctrl_c:
            return "已按 Ctrl-C 停止"
        name = self.signal.name if self.signal else ""
        return f"收到停止信号 {name}，已停止".replace("  ", " ")

    def said_en(self) -> str:
        if self.by_ctrl_c:
            return "stopped by Ctrl-C"
        name = self.signal.name if self.signal else "a stop signal"
        return f"stopped by {name}"


@contextmanager
def stop_on_signals(stop: StopFlag) -> Iterator[Received]:
    """While active, SIGINT/SIGTERM/SIGHUP call ``stop.stop()`` instead of
    killing the run; a second signal gives up for real (KeyboardInterrupt).

    Handlers can only be installed from the main thread; elsewhere (a test
    runner's worker thread) this is a no-op and signals keep their defaults.
    """
    received = Received()
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous: dict[signal.Signals, Any] = {}

    def handler(signum: int, frame: object) -> None:
        sig = signal.Signals(signum)
        received.names.append(sig.name)
        if stop.stopped:  # a second signal: give up for real
            _restore(previous)
            raise KeyboardInterrupt
        received.signal = sig
        stop.stop()

    for sig in STOP_SIGNALS:
        previous[sig] = signal.getsignal(sig)
        signal.signal(sig, handler)
    try:
        yield received
    finally:
        _restore(previous)


@contextmanager
def interrupt_on_signals() -> Iterator[None]:
    """While active, SIGTERM and SIGHUP do what Ctrl-C does: raise
    ``KeyboardInterrupt`` (atomic writes clean up, the CLI says 已中断, exit 130).

    Without this they kill the process on the spot, leaving temp files behind
    and saying nothing. ``stop_on_signals`` takes over during a solve.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[signal.Signals, Any] = {}

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for sig in STOP_SIGNALS:
        if sig != signal.SIGINT:
            previous[sig] = signal.getsignal(sig)
            signal.signal(sig, handler)
    try:
        yield
    finally:
        _restore(previous)


def _restore(previous: dict[signal.Signals, Any]) -> None:
    for sig, old in previous.items():
        signal.signal(sig, old if old is not None else signal.SIG_DFL)
