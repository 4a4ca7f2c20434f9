"""Solve schools in local worker processes, one process per school.

A fresh process per school (forked from a server that has already imported
the solver, so starting one is cheap) means a school that crashes the
interpreter, runs out of memory or is killed takes only itself down: the
runner sees the process end without an answer and runs that school again
elsewhere, once; a second loss is the school's FAILED result.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from paipian.batch.discover import SchoolTask
from paipian.batch.events import Event, Finished, Lost, Started
from paipian.batch.run_one import failed, solve_school

MAX_ATTEMPTS = 2  # a school whose process dies is run once more


def default_jobs(workers: int) -> int:
    """As many schools at once as fit the cores, ``workers`` CP-SAT threads each."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 0
    return max(1, (cores or os.cpu_count() or 1) // max(1, workers))


def _context() -> Any:
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["paipian.batch.run_one", "paipian.solver"])
        return ctx
    return mp.get_context("spawn")


def _child(task: SchoolTask, conn: Connection) -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides, and
    # terminates the children, so the terminal shows no traceback per school.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    conn.send(solve_school(task))
    conn.close()


@dataclass
class _Running:
    task: SchoolTask
    process: Any
    conn: Connection
    started: float


def run_local(tasks: Iterable[SchoolTask], jobs: int) -> Iterator[Event]:
    """Run ``tasks`` with at most ``jobs`` processes; yield events as they come.

    Every task ends in exactly one ``Finished``. Stopping the iteration
    (Ctrl-C in the caller) terminates the processes still running.
    """
    ctx = _context()
    pending = deque(tasks)
    attempts: dict[str, int] = {}
    running: dict[int, _Running] = {}  # by the process's sentinel
    try:
        while pending or running:
            while pending and len(running) < jobs:
                task = pending.popleft()
                attempts[task.name] = attempts.get(task.name, 0) + 1
                receive, send = ctx.Pipe(duplex=False)
                proc = ctx.Process(
                    target=_child, args=(task, send), name=f"paipian-{task.name}"
                )
                proc.start()
                send.close()  # only the child writes; EOF then means it died
                running[proc.sentinel] = _Running(task, proc, receive, time.monotonic())
                yield Started(task, f"pid {proc.pid}", proc.pid)
            ready = wait(
                [r.conn for r in running.values()]
                + [r.process.sentinel for r in running.values()]
            )
            for key, run in list(running.items()):
                if run.conn not in ready and run.process.sentinel not in ready:
                    continue
                outcome = None
                try:
                    if run.conn.poll():
                        outcome = run.conn.recv()
                except (EOFError, OSError):
                    outcome = None
                if outcome is None and run.process.is_alive():
                    continue  # the answer is still on its way
                run.process.join()
                run.conn.close()
                del running[key]
                if outcome is not None:
                    yield Finished(run.task, outcome)
                    continue
                detail = (
                    f"工作进程意外退出（退出码 {run.process.exitcode}）"
                    f" / worker process died (exit code {run.process.exitcode})"
                )
                retry = attempts[run.task.name] < MAX_ATTEMPTS
                yield Lost(run.task, detail, retry)
                if retry:
                    pending.append(run.task)
                else:
                    elapsed = time.monotonic() - run.started
                    yield Finished(run.task, failed(run.task, detail, elapsed))
    finally:
        for run in running.values():
            run.process.terminate()
        for run in running.values():
            run.process.join(5)
            run.conn.close()
