"""`paipian batch --scheduler`: a real Dask cluster of processes on loopback;
one worker process is killed while it solves and no school is lost."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from paipian.batch import BatchRun, run_batch

from .conftest import OPTIONS, SOLVABLE

distributed = pytest.importorskip("distributed")

KILL_AFTER_SECONDS = 1.0  # once a school is on a worker; a solve takes several


def _kill_a_busy_worker(
    client: Any, done: threading.Event
) -> tuple[int, set[str]] | None:
    """Once a worker has been on one school for a second (so it is solving,
    not failing fast on bad input), SIGKILL that worker's process. Returns
    its process id and the schools it was on (keys end in the school's name)."""
    pids = client.run(os.getpid)  # worker address -> process id
    first_seen: dict[str, float] = {}
    deadline = time.monotonic() + 60
    while not done.is_set() and time.monotonic() < deadline:
        now = time.monotonic()
        for worker, keys in client.processing().items():
            for key in keys:
                if now - first_seen.setdefault(key, now) >= KILL_AFTER_SECONDS:
                    os.kill(pids[worker], signal.SIGKILL)
                    return pids[worker], {k.split("-", 3)[3] for k in keys}
        time.sleep(0.1)
    return None


def test_a_killed_dask_worker_loses_no_school(district: Path, tmp_path: Path) -> None:
    cluster = distributed.LocalCluster(
        processes=True,
        host="127.0.0.1",
        n_workers=2,
        threads_per_worker=1,
        dashboard_address=None,
    )
    try:
        with distributed.Client(cluster) as client:
            client.wait_for_workers(2)
            done = threading.Event()
            result: list[BatchRun] = []

            def batch() -> None:
                try:
                    result.append(
                        run_batch(
                            [district],
                            tmp_path / "out",
                            OPTIONS,
                            scheduler=cluster.scheduler_address,
                        )
                    )
                finally:
                    done.set()

            runner = threading.Thread(target=batch)
            runner.start()
            killed = _kill_a_busy_worker(client, done)
            runner.join(timeout=240)
    finally:
        cluster.close()
    assert killed, "no worker was busy to kill"
    assert result, "the batch did not finish"
    records = {r["name"]: r for r in result[0].records}
    assert set(records) == {*SOLVABLE, "nohealth", "broken"}
    assert records["broken"]["status"] == "INPUT_ERROR"
    assert records["nohealth"]["status"] == "INFEASIBLE"
    for name in SOLVABLE:
        assert records[name]["status"] in ("OPTIMAL", "FEASIBLE"), records[name]
        assert (tmp_path / "out" / name / "solution.json").is_file()
    # The schools the killed process was on came from another process (one
    # it had finished before may well name it: it lived to send that).
    pid, lost = killed
    assert lost
    for name in lost:
        assert records[name]["worker"].split(":")[-1] != str(pid), records[name]
