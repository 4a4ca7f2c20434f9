"""Solver benchmark: the engine against the planted timetable and the
first-come-first-served baseline (issue 8, item 6).

    python benchmarks/bench_solver.py                       # the full run
    python benchmarks/bench_solver.py --quick               # smoke run, ~1 min
    python benchmarks/bench_solver.py --profiles primary_600 --seeds 1 2 \\
        --tightness 0 1 --out results.csv

Schools: each generator profile × seed (paired with a tightness, cycling over
``--tightness``: by default seed 1 → 0.0, seed 2 → 0.5, seed 3 → 1.0), then the
reference schools under ``../shared/schools`` (their ``witness.json`` is the
planted timetable), skipped with a message when absent, then the same
schools tightened around their witness (``--tightened``, by default share
1: every staff member offers only the slots the witness gives them, every
room closes where it is empty, every club holds at most its members there —
the witness stays valid, and the solver has less room than anywhere else).
Every solve runs in a fresh subprocess with ``--workers`` (2) and the limit
the targets are stated for: 30 s up to 600 students, 60 s up to 2,100, 90 s beyond.

Every timetable (engine, planted, baseline) is graded by
``paipian.checker.check``. The run fails (exit 1, after printing the tables)
when a valid timetable breaks a hard rule, when the checker's objective
differs from the solver's, or when a bound exceeds the planted objective.

Full run with the defaults: 15 generated schools, 4 reference schools and
their 4 tightened copies, about 25 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd

from paipian.bench import SchoolSpec, run_benchmark, tables
from paipian.bench.runs import Row
from paipian.bench.schools import folder_specs

ROOT = Path(__file__).resolve().parent.parent
SHARED_SCHOOLS = ROOT.parent / "shared" / "schools"
PROFILES = ["tiny", "primary_600", "primary_1200", "nine_year_2100", "large_3200"]
QUICK_PROFILES = ["tiny", "primary_600"]
QUICK_LIMIT = 10.0


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="one seed, two small profiles")
    ap.add_argument("--profiles", nargs="+", help=f"default: {' '.join(PROFILES)}")
    ap.add_argument("--seeds", nargs="+", type=int, help="default: 1 2 3")
    ap.add_argument(
        "--tightness",
        nargs="+",
        type=float,
        help="paired with the seeds in turn; default 0 0.5 1",
    )
    ap.add_argument("--limit", type=float, help="one time limit for every school")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--solver-seed", type=int, default=0)
    ap.add_argument("--heuristic", action="store_true", help="also the construction")
    ap.add_argument("--schools", type=Path, default=SHARED_SCHOOLS)
    ap.add_argument("--no-schools", action="store_true", help="generated only")
    ap.add_argument(
        "--tightened",
        nargs="*",
        type=float,
        default=[1.0],
        help="also the reference schools tightened around their witness, "
        "at these shares of their staff, rooms and clubs (default 1; none: skip)",
    )
    ap.add_argument("--out", type=Path, help="write every row as CSV")
    ap.add_argument(
        "--from-csv", type=Path, help="print the tables of an earlier --out, no runs"
    )
    return ap.parse_args(argv)


def plan(args: argparse.Namespace) -> list[SchoolSpec]:
    """The schools to run, in order: generated, then the reference folders."""
    quick = args.quick
    profiles = args.profiles or (QUICK_PROFILES if quick else PROFILES)
    seeds = args.seeds or ([1] if quick else [1, 2, 3])
    tightness = args.tightness or ([1.0] if quick else [0.0, 0.5, 1.0])
    specs = [
        SchoolSpec(profile, seed, t)
        for profile in profiles
        for seed, t in zip(seeds, itertools.cycle(tightness), strict=False)
    ]
    if args.no_schools or quick:
        if quick:
            print("--quick: reference schools skipped", file=sys.stderr)
    elif args.schools.is_dir():
        specs += folder_specs(args.schools)
        specs += [
            replace(spec, tightened=share)
            for share in args.tightened
            for spec in folder_specs(args.schools)
        ]
    else:
        print(f"reference schools skipped: {args.schools} not found", file=sys.stderr)
    return specs


def _progress(row: Row) -> None:
    if row.method == "planted":
        return
    done = "✓" if row.found else "✗"
    extra = f" {row.violated}" if row.violated else ""
    seconds = "-" if row.seconds is None else f"{row.seconds:.1f}s"
    print(
        f"  {done} {row.school:<26} {row.method:<9} {row.students:>5} students "
        f"{seconds:>7} objective {row.objective}{extra} {row.error}",
        file=sys.stderr,
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    started = time.monotonic()
    if args.from_csv:
        rows = tables.rows_of(
            pd.read_csv(args.from_csv, keep_default_na=False, na_values=[""])
        )
    else:
        limit = args.limit if args.limit else (QUICK_LIMIT if args.quick else None)
        methods = ("heuristic", "engine") if args.heuristic else ("engine",)
        rows = run_benchmark(
            plan(args),
            methods,
            time_limit=limit,
            workers=args.workers,
            seed=args.solver_seed,
            progress=_progress,
        )
    df = tables.frame(rows)
    if args.out:
        df.to_csv(args.out, index=False)
    schools = tables.per_school(df)
    print("\n## Per school (engine vs planted vs first-come-first-served)\n")
    print(tables.markdown(schools))
    print("\n## Medians per profile\n")
    print(tables.markdown(tables.per_group(schools)))
    print("\n## Targets (issue 8)\n")
    print(tables.markdown(tables.targets(schools)))
    problems = tables.problems(rows)
    print(f"\n{len(schools)} schools in {time.monotonic() - started:.0f}s")
    if problems:
        print("\nMUST NOT HAPPEN:\n" + "\n".join(f"- {p}" for p in problems))
        return 1
    print("correctness: every valid timetable passes the checker; bounds hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
