"""SIGTERM and SIGHUP stop `paipian solve` as Ctrl-C does: the best timetable
found is written, with one message true to what happened."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ENV = {"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8"}


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from paipian.cli import main; main()", *args]


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signals") / "school"
    done = subprocess.run(
        _cli("generate", "--profile", "tiny", "--seed", "3", "--out", str(folder)),
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return folder / "instance.yaml"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_during_the_search_keeps_what_was_found(
    school: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    out = tmp_path / "out"
    run = subprocess.Popen(
        _cli("solve", str(school), "--out", str(out), "--time-limit", "60"),
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert run.stderr is not None
    assert "时间上限" in run.stderr.readline()  # the search starts right after
    time.sleep(0.5)
    sent = time.monotonic()
    run.send_signal(sig)
    try:
        rest = run.stderr.read()
        code = run.wait(timeout=45)
    finally:
        run.kill()
    stopped_in = time.monotonic() - sent
    assert stopped_in < 30, stopped_in  # far below the 60 s limit
    assert "Traceback" not in rest
    solution = json.loads((out / "solution.json").read_text(encoding="utf-8"))
    said_found = rest.count("已写出目前找到的最好排片表")
    said_none = rest.count("停止前尚未找到排片表")
    assert f"收到停止信号 {sig.name}" in rest
    assert "在时间上限内未找到" not in rest  # the one message says why it stopped
    if solution["status"] in ("OPTIMAL", "FEASIBLE"):
        assert code == 0 and (said_found, said_none) == (1, 0), rest
        assert solution["sessions"] and (out / "排片表.xlsx").exists()
    else:
        assert code == 4 and (said_found, said_none) == (0, 1), rest


def test_a_stop_signal_outside_the_search_is_an_interrupt(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """While loading (no search to stop yet), SIGTERM does what Ctrl-C does:
    exit 130 with 已中断, no traceback; the default handler is back after."""
    import os

    from helpers import run_main

    import paipian.commands.validate as validate

    def load_then_get_killed(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the handler raises before this ends
        raise AssertionError("SIGTERM was not handled")

    monkeypatch.setattr(validate, "load_instance", load_then_get_killed)
    before = signal.getsignal(signal.SIGTERM)
    run = run_main(capsys, "validate", "x.yaml")
    assert run.code == 130 and "已中断" in run.err
    assert signal.getsignal(signal.SIGTERM) == before
