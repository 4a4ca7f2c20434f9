"""Solver benchmark: build time, first feasible, objective/bound over time, memory.

    python benchmarks/bench_solver.py [--profiles primary_600 nine_year_2100 large_3200]
                                      [--limits 10 30 60] [--seeds 1] [--workers 2]

Each run happens in a fresh subprocess (so peak memory is that run's own) on a
generated school (``paipian.generator``, which plants a valid timetable, so a
solution is known to exist). Every timetable is graded by the independent
checker: the benchmark fails if one breaks a hard rule or if the checker's
objective differs from the solver's. "heuristic" runs each phase only to its
first solution (greedy hints for rooms and staff), to show what CP-SAT's search
adds. Results print as a Markdown table (medians over seeds) and are saved as
JSON under benchmarks/results/ (not committed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ONE_RUN = r"""
import json, resource, sys, time
from paipian.checker import check
from paipian.generator import generate
from paipian.solver import SolveParams, solve

profile, seed, limit, workers, heuristic = sys.argv[1:6]
data, _ = generate(profile, int(seed))
params = SolveParams(float(limit), int(workers), 0, first_solution=heuristic == "1")
result = solve(data, params)
out = {"profile": profile, "seed": int(seed), "limit": float(limit),
       "heuristic": heuristic == "1", "students": len(data.students),
       "status": result.status, "objective": result.objective, "bound": result.bound,
       "gap": result.gap, "runtime": result.runtime, "build": result.build_seconds,
       "phases": {p.name: [p.outcome.status, round(p.outcome.seconds, 2), p.variables]
                  for p in result.phases},
       "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
# time to first feasible: when the staff phase (the last) found its first
# solution, i.e. a complete timetable existed.
out["first_feasible"] = result.first_feasible_seconds if result.feasible else None
if result.feasible:
    report = check(data, result.solution)
    out["hard_violations"] = sum(report.by_rule.values())
    out["checker_objective"] = report.objective.value
print(json.dumps(out))
"""


def run(profile: str, seed: int, limit: float, workers: int, heuristic: bool) -> dict:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            ONE_RUN,
            profile,
            str(seed),
            str(limit),
            str(workers),
            "1" if heuristic else "0",
        ],
        capture_output=True,
        text=True,
        timeout=limit * 4 + 300,
    )
    if proc.returncode != 0:
        raise SystemExit(f"benchmark run failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--profiles", nargs="+", default=["primary_600", "nine_year_2100", "large_3200"]
    )
    ap.add_argument("--limits", nargs="+", type=float, default=[10, 30, 60])
    ap.add_argument("--seeds", nargs="+", type=int, default=[1])
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    rows = []
    for profile in args.profiles:
        for heuristic, limits in ((True, [max(args.limits)]), (False, args.limits)):
            for limit in limits:
                runs = [
                    run(profile, s, limit, args.workers, heuristic) for s in args.seeds
                ]
                for r in runs:
                    # Correctness guards the speed run.
                    if r["status"] in ("OPTIMAL", "FEASIBLE"):
                        assert r["hard_violations"] == 0, r
                        assert r["checker_objective"] == r["objective"], r
                        assert r["bound"] <= r["objective"] + 1e-6, r
                rows.append(runs)
                print(_line(runs), flush=True)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"solver-{stamp}.json").write_text(json.dumps(rows, indent=1))


def _med(values: list) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def _line(runs: list[dict]) -> str:
    r0 = runs[0]
    mode = "heuristic" if r0["heuristic"] else f"CP-SAT {r0['limit']:g}s"
    ok = sum(r["status"] in ("OPTIMAL", "FEASIBLE") for r in runs)
    fmt = lambda v, f="{:,.0f}": "-" if v is None else f.format(v)  # noqa: E731
    gap = _med([r["gap"] for r in runs])
    return (
        f"| {r0['profile']} ({r0['students']}) | {mode} | {ok}/{len(runs)} | "
        f"{fmt(_med([r['build'] for r in runs]), '{:.1f}s')} | "
        f"{fmt(_med([r['first_feasible'] for r in runs]), '{:.1f}s')} | "
        f"{fmt(_med([r['objective'] for r in runs]))} | "
        f"{fmt(_med([r['bound'] for r in runs]))} | "
        f"{'-' if gap is None else f'{100 * gap:.1f}%'} | "
        f"{fmt(_med([r['peak_mb'] for r in runs]), '{:.0f} MB')} |"
    )


if __name__ == "__main__":
    main()
