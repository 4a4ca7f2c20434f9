"""Solve schools on a Dask distributed cluster (``pip install 'paipian[dask]'``).

Each school travels as a ``SchoolTask`` (the instance files' bytes and the
options) and is solved by ``solve_school`` on a worker, which builds the model
there: CP-SAT models do not pickle. A worker that dies mid-school is noticed
by the scheduler, which runs the school on another worker (up to Dask's
``distributed.scheduler.allowed-failures`` times, then the school is FAILED).
Each school uses ``--workers`` CP-SAT threads: start the Dask workers with
``--nthreads`` = cores ÷ ``--workers`` so the cores are not oversubscribed.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from paipian.batch.discover import BatchError, SchoolTask
from paipian.batch.events import Event, Finished, Started
from paipian.batch.run_one import failed, solve_school

POLL_SECONDS = 0.5


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise BatchError(
            "--scheduler 需要 Dask：pip install 'paipian[dask]' / "
            "--scheduler needs Dask: pip install 'paipian[dask]'"
        ) from None
    return distributed


def run_dask(
    tasks: Iterable[SchoolTask], address: str, connect_timeout: float = 20.0
) -> Iterator[Event]:
    """Submit every task to the cluster at ``address``; yield events as they come."""
    distributed = _distributed()
    try:
        client = distributed.Client(address, timeout=connect_timeout)
    except Exception as exc:
        raise BatchError(
            f"连不上 Dask 调度器 {address}（{exc}） / "
            f"cannot reach the Dask scheduler at {address}: {exc}"
        ) from None
    with client:
        # A key of this run's own: a long-lived cluster may still hold the
        # results of an earlier batch of the same schools under other options.
        run_id = uuid.uuid4().hex[:8]
        by_key: dict[str, SchoolTask] = {}
        futures = []
        for i, task in enumerate(tasks):
            key = f"paipian-{run_id}-{i}-{task.name}"
            by_key[key] = task
            futures.append(client.submit(solve_school, task, key=key, pure=False))
        started_at: dict[str, float] = {}
        remaining = set(futures)
        while remaining:
            yield from _newly_running(client, by_key, started_at)
            done = [f for f in remaining if f.done()]
            for future in done:
                remaining.discard(future)
                task = by_key[future.key]
                try:
                    outcome = future.result()
                except Exception as exc:  # KilledWorker: lost too many times
                    since = started_at.get(future.key, time.monotonic())
                    outcome = failed(
                        task, f"{type(exc).__name__}: {exc}", time.monotonic() - since
                    )
                yield Finished(task, outcome)
            if not done:
                time.sleep(POLL_SECONDS)


def _newly_running(
    client: Any, by_key: dict[str, SchoolTask], started_at: dict[str, float]
) -> Iterator[Started]:
    """Started events for the schools a worker has picked up since last time."""
    try:
        processing = client.processing()
    except Exception:  # the display is best effort; the results are not
        return
    for worker, keys in processing.items():
        for key in keys:
            if key in by_key and key not in started_at:
                started_at[key] = time.monotonic()
                yield Started(by_key[key], str(worker))
