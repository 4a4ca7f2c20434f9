"""``python -m paipian.bench.worker JOB_JSON``: one solver run, one JSON line.

The benchmark's subprocess: load (or generate) the school, solve with the
job's parameters, grade the timetable with the checker, print the ``Row``.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from paipian.bench.runs import Row, SolveJob, graded


def run(job: SolveJob) -> Row:
    from paipian.solver import SolveParams, solve

    data, _ = job.spec.load()
    assert job.time_limit is not None
    params = SolveParams(
        time_limit=job.time_limit,
        workers=job.workers,
        seed=job.seed,
        first_solution=job.method == "heuristic",
    )
    started = time.perf_counter()
    result = solve(data, params)
    wall = time.perf_counter() - started
    if result.feasible:
        row = graded(job.spec, data, result.solution, job.method)
    else:
        row = Row(job.spec.label, job.spec.group, job.method, len(data.students))
        row.error = result.message[:300]
    row.limit = job.time_limit
    row.status = result.status
    row.seconds = round(wall, 2)
    row.solver_seconds = round(result.runtime, 2)
    row.solver_objective = result.objective
    row.bound = result.bound
    row.first_feasible = result.first_feasible_seconds
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    row.peak_mb = round(peak_kb / 1024, 1)
    return row


def main(argv: list[str]) -> None:
    job = SolveJob.from_dict(json.loads(argv[1]))
    print(json.dumps(run(job).to_dict(), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(sys.argv)
