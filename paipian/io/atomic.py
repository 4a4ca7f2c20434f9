"""Atomic file writes: a crash or Ctrl-C never leaves a half-written output.

A temporary file is written beside the target and moved into place. It is
created 0600 (``mkstemp``), so a half-written 学生安排.xlsx is never readable by
other users, and its name carries the writer's process id
(``.学生安排.p1234-abcd.xlsx.tmp``): a run killed outright (SIGKILL, power
loss) leaves it behind, and the next write into that folder removes every
such file whose writer is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

# .<stem>.p<pid>-<random><suffix>.tmp, as ``atomic_path`` names them.
_TEMP_NAME = re.compile(r"^\..*\.p(\d+)-[^/]*\.tmp$")
# The names of earlier versions (no pid): .<stem>.<random><suffix>.tmp
_OLD_TEMP_NAME = re.compile(r"^\..+\.tmp$")
OLD_TEMP_AGE = 15 * 60  # seconds: a pid-less temp file this old is abandoned

_swept: set[Path] = set()
_swept_lock = threading.Lock()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's live process: leave its file alone
    return True


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temp files in ``folder`` left by interrupted writes; return them.

    A file named by ``atomic_path`` is stale when its writer's process is gone;
    an older pid-less one when untouched for ``OLD_TEMP_AGE``. Never raises.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not name.startswith(".") or not name.endswith(".tmp"):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            match = _TEMP_NAME.match(name)
            if match:
                stale = not _alive(int(match.group(1)))
            elif _OLD_TEMP_NAME.match(name):
                stale = now - entry.stat(follow_symlinks=False).st_mtime > OLD_TEMP_AGE
            else:
                stale = False
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _sweep_once(folder: Path) -> None:
    """``remove_stale_temps`` on the first write of this process into ``folder``."""
    key = folder.resolve()
    with _swept_lock:
        if key in _swept:
            return
        _swept.add(key)
    remove_stale_temps(folder)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it into place on success.

    Writers that need a file name (openpyxl, pandas) write to the yielded path;
    if they raise, the temporary file is removed and ``target`` is untouched.
    The temporary file is readable by its owner only until it is complete.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _sweep_once(target.parent)
    fd, tmp = tempfile.mkstemp(  # mode 0600
        prefix=f".{target.stem}.p{os.getpid()}-",
        suffix=target.suffix + ".tmp",
        dir=target.parent,
    )
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        # Complete: give the file the mode a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_path, 0o666 & ~umask)
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def write_text_atomic(target: Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding)


def write_bytes_atomic(target: Path, payload: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(payload)


def write_with(target: Path, writer: Callable[[Path], None]) -> None:
    """Call ``writer(tmp_path)`` and move the result onto ``target`` atomically."""
    with atomic_path(target) as tmp:
        writer(tmp)
