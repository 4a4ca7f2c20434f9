"""District-run benchmark: schools per minute with 1 and 2 local processes
and on a Dask LocalCluster of processes, and the per-school cost by size.

    python benchmarks/bench_batch.py [--tiny 6] [--mid 2] [--time-limit 10]
                                     [--workers 1] [--no-dask]

One run builds a district of generated schools (``paipian.generator``:
``tiny`` ≈ 120 students and ``primary_600`` ≈ 600, seeded, each with a planted
valid timetable) and solves the whole district three times into fresh output
folders, through ``paipian.batch.run_batch`` exactly as ``paipian batch``
does (outputs, checker, summary.json, 区汇总): local ``--jobs 1``, local
``--jobs 2``, and a Dask ``LocalCluster(processes=True, host="127.0.0.1",
n_workers=2, threads_per_worker=1)``. It asserts that every school got a
result and that no timetable breaks a hard rule (checker), then prints the
throughputs side by side, their ratio to linear, the median cost per school
by size, the machine's load average during each run (other work on the
machine slows every figure), and a projection for a larger district. Raw
figures are saved under benchmarks/results/ (not committed).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from paipian.batch import SolveOptions, run_batch
from paipian.generator import generate, write_instance

SIZES = {"tiny": "tiny", "mid": "primary_600"}


def build_district(root: Path, tiny: int, mid: int) -> tuple[Path, dict[str, str]]:
    """Write the schools; return the folder and each school's size class."""
    size_of: dict[str, str] = {}
    for size, count in (("tiny", tiny), ("mid", mid)):
        for seed in range(1, count + 1):
            name = f"{size}-{seed:02d}"
            data, _ = generate(SIZES[size], seed)
            write_instance(data, root / name)
            size_of[name] = size
    return root, size_of


def timed_run(
    label: str,
    schools: Path,
    out: Path,
    options: SolveOptions,
    jobs: int | None = None,
    scheduler: str | None = None,
    parallel: int = 1,
) -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    run = run_batch([schools], out, options, jobs=jobs, scheduler=scheduler)
    wall = time.perf_counter() - started
    load_after = os.getloadavg()[0]
    return {
        "label": label,
        "parallel": parallel,
        "wall": wall,
        "records": run.records,
        "load": (load_before, load_after),
    }


def check_results(run: dict[str, Any], expected: int) -> None:
    """Every school has a result; no timetable breaks a hard rule."""
    records = run["records"]
    assert len(records) == expected, (run["label"], len(records), expected)
    for r in records:
        assert r["status"] in ("OPTIMAL", "FEASIBLE", "INFEASIBLE", "UNKNOWN"), r
        if r["status"] in ("OPTIMAL", "FEASIBLE"):
            assert r["hard_violations"] == 0, r


def per_size(run: dict[str, Any], size_of: dict[str, str]) -> dict[str, float]:
    """Median seconds per school (inside its worker) by size class."""
    out = {}
    for size in SIZES:
        secs = [r["seconds"] for r in run["records"] if size_of[r["name"]] == size]
        if secs:
            out[size] = statistics.median(secs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tiny", type=int, default=6)
    ap.add_argument("--mid", type=int, default=2)
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--workers", type=int, default=1, help="CP-SAT threads a school")
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    options = SolveOptions(time_limit=args.time_limit, workers=args.workers)

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        schools, size_of = build_district(Path(tmp) / "schools", args.tiny, args.mid)
        n = len(size_of)
        print(
            f"{n} schools ({args.tiny} tiny, {args.mid} primary_600), "
            f"limit {args.time_limit:g}s, {args.workers} CP-SAT thread(s) a school, "
            f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        runs = []
        for jobs in (1, 2):
            run = timed_run(
                f"local --jobs {jobs}",
                schools,
                Path(tmp) / f"out{jobs}",
                options,
                jobs,
                parallel=jobs,
            )
            check_results(run, n)
            runs.append(run)
            print(f"  {run['label']}: {run['wall']:.1f}s", flush=True)
        if not args.no_dask:
            from distributed import LocalCluster

            cluster = LocalCluster(
                processes=True,
                host="127.0.0.1",
                n_workers=2,
                threads_per_worker=1,
                dashboard_address=None,
            )
            try:
                run = timed_run(
                    "dask LocalCluster 2×1",
                    schools,
                    Path(tmp) / "outdask",
                    options,
                    scheduler=cluster.scheduler_address,
                    parallel=2,
                )
            finally:
                cluster.close()
            check_results(run, n)
            runs.append(run)
            print(f"  {run['label']}: {run['wall']:.1f}s", flush=True)

    base = n / runs[0]["wall"] * 60
    print()
    print(
        "| run | wall | schools/min | × jobs=1 | of linear | timetables | "
        "median s/school tiny | mid | load avg |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for run in runs:
        rate = n / run["wall"] * 60
        parallel = run["parallel"]
        sizes = per_size(run, size_of)
        found = sum(r["status"] in ("OPTIMAL", "FEASIBLE") for r in run["records"])
        print(
            f"| {run['label']} | {run['wall']:.1f}s | {rate:.2f} | "
            f"{rate / base:.2f} | {rate / base / parallel:.2f} | {found}/{n} | "
            f"{sizes.get('tiny', float('nan')):.1f} | "
            f"{sizes.get('mid', float('nan')):.1f} | "
            f"{run['load'][0]:.1f}→{run['load'][1]:.1f} |"
        )
    statuses: dict[str, int] = {}
    for run in runs:
        for r in run["records"]:
            statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    print(f"\nstatuses over all runs: {statuses}; every school has a result")

    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    slim = [
        {
            "label": r["label"],
            "wall": r["wall"],
            "load": r["load"],
            "schools": [
                {k: s[k] for k in ("name", "status", "students", "seconds")}
                for s in r["records"]
            ],
        }
        for r in runs
    ]
    (out / f"batch-{stamp}.json").write_text(json.dumps(slim, indent=1))


if __name__ == "__main__":
    main()
