"""Temp files of an interrupted write: never readable by others, and gone at
the next write into the same folder."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

from paipian.io import atomic

WRITER = """
import sys, time
from pathlib import Path
from paipian.io.atomic import atomic_path
with atomic_path(Path(sys.argv[1])) as tmp:
    tmp.write_text("学生姓名 half-written", encoding="utf-8")
    print(tmp, flush=True)
    time.sleep(60)
"""


def test_a_killed_write_leaves_a_private_temp_that_the_next_run_removes(
    tmp_path: Path,
) -> None:
    target = tmp_path / "学生安排.xlsx"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    temp = Path(writer.stdout.readline().strip())
    writer.send_signal(signal.SIGKILL)  # no handler, no cleanup: as after a crash
    writer.wait(timeout=30)
    assert temp.exists() and not target.exists()
    assert temp.name.startswith(".学生安排.") and temp.name.endswith(".xlsx.tmp")
    assert stat.S_IMODE(temp.stat().st_mode) & 0o077 == 0  # 0600: owner only

    atomic.write_text_atomic(tmp_path / "排片表.csv", "day,block\n")
    assert not temp.exists()
    assert (tmp_path / "排片表.csv").read_text(encoding="utf-8") == "day,block\n"


def test_only_abandoned_temp_files_are_removed(tmp_path: Path) -> None:
    live = tmp_path / f".a.p{os.getppid()}-x.csv.tmp"  # our parent is running
    old = tmp_path / ".b.abc123.csv.tmp"  # an earlier version's name
    fresh = tmp_path / ".c.def456.csv.tmp"
    mine = tmp_path / ".keep.tmp.d"  # not a file: left alone
    for path in (live, old, fresh):
        path.write_text("x")
    mine.mkdir()
    past = time.time() - 2 * atomic.OLD_TEMP_AGE
    os.utime(old, (past, past))
    removed = atomic.remove_stale_temps(tmp_path)
    assert removed == [old]
    assert live.exists() and fresh.exists() and mine.exists()


def test_a_temp_file_is_private_until_complete(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with atomic.atomic_path(target) as tmp:
        tmp.write_text("x")
        assert stat.S_IMODE(tmp.stat().st_mode) == 0o600
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
