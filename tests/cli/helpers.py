"""Run ``paipian.cli.main`` in-process, as the console script does."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from paipian import cli

TINY = Path(__file__).resolve().parents[2] / "instances" / "tiny"


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """``paipian ARGS`` through the real entry point; never lets a traceback by."""
    argv = sys.argv
    sys.argv = ["paipian", *args]
    try:
        cli.main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = argv
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def copy_tiny(tmp_path: Path) -> Path:
    """A writable copy of the bundled sample school; returns its instance.yaml."""
    target = tmp_path / "school"
    shutil.copytree(TINY, target)
    return target / "instance.yaml"
