"""Re-solve benchmark (issue 9 item 6): a survey round after the first solve.

    python benchmarks/bench_resolve.py [--profiles primary_600 nine_year_2100 …]
                                       [--rates 0.01 0.05 0.20] [--limit 20]

For each generated school (``paipian.generator``): solve round 1, then change a
share of the survey rows — new club preferences, a day added or dropped,
leavers, newcomers (copies of a row under a new id) — and take one teacher off
on Wednesdays, as a real round does. The new round is solved twice: as a
re-solve from round 1 (``previous=``) and from scratch. Per row of the table:

- *unchanged moved*: students whose survey row did not change who are counted
  as changed (FORMAT.md: another activity in a slot, or another club set), as a
  share of those present in both rounds;
- *assignments moved*: (student, day, block) placed in both rounds with another
  activity, as a share of all such placements;
- *staff changed*: staff whose (day, block, activity) set differs;
- the time of the solve.

Every timetable is graded by the independent checker (0 hard violations, its
objective equal to the solver's — S6 recomputed from round 1) and the change
counts are recomputed by the checker-side S6 arithmetic. Prints a Markdown
table; saves JSON under benchmarks/results/ (not committed).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import time
from pathlib import Path

from paipian.checker import check
from paipian.data import ProblemData, Student
from paipian.generator import generate
from paipian.io.solution_json import write_solution
from paipian.resolve.changes import compare, unchanged_rows
from paipian.resolve.previous import build_previous
from paipian.solution import Solution
from paipian.solver import SolveParams, solve


def perturb(data: ProblemData, rate: float, seed: int) -> ProblemData:
    """A next survey round: ``rate`` of the rows changed, one teacher off on
    Wednesdays (the first teacher available then)."""
    rng = random.Random(f"resolve:{data.school.name}:{rate}:{seed}")
    students = list(data.students)
    n = max(1, round(rate * len(students)))
    picked = rng.sample(range(len(students)), n)
    kinds = ["prefs"] * 4 + ["day"] * 3 + ["leave"] * 2 + ["join"] * 2
    leavers: set[int] = set()
    newcomers: list[Student] = []
    for k, i in enumerate(picked):
        st = students[i]
        kind = kinds[k % len(kinds)]
        if kind == "prefs":
            clubs = [c.id for c in data.clubs if st.grade in c.grades]
            rng.shuffle(clubs)
            students[i] = dataclasses.replace(st, prefs=tuple(clubs[:3]))
        elif kind == "day":
            booked = dict(st.last_block)
            day = rng.choice(data.calendar.days)
            if day in booked and len(booked) > 1:
                booked.pop(day)
            else:
                booked[day] = data.grade_blocks(st.grade)[-1]
            order = {d: j for j, d in enumerate(data.calendar.days)}
            students[i] = dataclasses.replace(
                st, last_block=tuple(sorted(booked.items(), key=lambda x: order[x[0]]))
            )
        elif kind == "leave":
            leavers.add(i)
        else:
            newcomers.append(dataclasses.replace(st, id=f"N{len(newcomers):04d}"))
    kept = [s for j, s in enumerate(students) if j not in leavers]
    off = next(
        (p for p in data.staff if p.kind == "teacher" and p.is_available("wed", "B1")),
        None,
    )
    staff = tuple(
        dataclasses.replace(
            p, available=frozenset(t for t in p.available if t[0] != "wed")
        )
        if off is not None and p.id == off.id
        else p
        for p in data.staff
    )
    return dataclasses.replace(data, students=(*kept, *newcomers), staff=staff)


def measure(
    old_data: ProblemData,
    new_data: ProblemData,
    old: Solution,
    new: Solution,
) -> dict[str, float]:
    ch = compare(old, new, new_data)
    same_rows = unchanged_rows(old_data, new_data)
    both = {sid for s in old.sessions for sid in s.students} & {
        sid for s in new.sessions for sid in s.students
    }
    steady = same_rows & both
    moved_steady = sum(1 for c in ch.students if c.counted and c.student in steady)
    placements = moved = 0
    before = {(sid, s.slot): s.activity for s in old.sessions for sid in s.students}
    for s in new.sessions:
        for sid in s.students:
            was = before.get((sid, s.slot))
            if was is not None:
                placements += 1
                moved += was != s.activity
    workers = {p for s in old.sessions for p in s.workers} | {
        p for s in new.sessions for p in s.workers
    }
    counts = ch.counts()
    return {
        "unchanged_students": len(steady),
        "unchanged_moved": moved_steady,
        "unchanged_moved_pct": 100 * moved_steady / max(1, len(steady)),
        "assignments_moved_pct": 100 * moved / max(1, placements),
        "staff_changed": counts["staff"],
        "staff_changed_pct": 100 * counts["staff"] / max(1, len(workers)),
        **{f"changes_{k}": v for k, v in counts.items()},
    }


def graded(data: ProblemData, sol: Solution, previous: Solution | None) -> None:
    report = check(data, sol, previous)
    assert report.ok, [(v.rule, v.message) for v in report.violations[:5]]
    assert not report.objective.mismatches, report.objective.mismatches


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--profiles", nargs="+", default=["primary_600", "nine_year_2100", "large_3200"]
    )
    ap.add_argument("--rates", nargs="+", type=float, default=[0.01, 0.05, 0.20])
    ap.add_argument("--limit", type=float, default=20.0)
    ap.add_argument(
        "--base-limit", type=float, default=60.0, help="round 1 (not measured)"
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument(
        "--deterministic",
        action="store_true",
        help="one worker, CP-SAT's deterministic time: figures independent of "
        "the machine's load (times still reported in wall seconds)",
    )
    args = ap.parse_args()
    det = args.deterministic
    params = SolveParams(args.limit, args.workers, 0, deterministic=det)
    base_params = SolveParams(args.base_limit, args.workers, 0, deterministic=det)
    rows = []
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    print(
        "| school | rows changed | mode | status | unchanged rows moved | "
        "assignments moved | staff changed | time |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for profile in args.profiles:
        data, _ = generate(profile, args.seed)
        t0 = time.monotonic()
        base = solve(data, base_params)
        assert base.feasible, base.status
        graded(data, base.solution, None)
        print(f"<!-- {profile}: round 1 in {time.monotonic() - t0:.1f}s -->")
        # kept so that a surprising row can be replayed from the same round 1
        write_solution(
            base.solution, out / f"round1-{profile}-{args.seed}-{stamp}.json"
        )
        for rate in args.rates:
            new_data = perturb(data, rate, args.seed)
            for mode in ("re-solve", "scratch"):
                t0 = time.monotonic()
                previous = (
                    build_previous(base.solution, new_data)
                    if mode == "re-solve"
                    else None
                )
                result = solve(new_data, params, previous=previous)
                seconds = time.monotonic() - t0
                row = {
                    "profile": profile,
                    "students": len(data.students),
                    "rate": rate,
                    "mode": mode,
                    "status": result.status,
                    "seconds": seconds,
                }
                if result.feasible:
                    graded(
                        new_data,
                        result.solution,
                        base.solution if mode == "re-solve" else None,
                    )
                    row.update(measure(data, new_data, base.solution, result.solution))
                rows.append(row)
                print(_line(row), flush=True)
    (out / f"resolve-{stamp}.json").write_text(json.dumps(rows, indent=1))


def _line(r: dict) -> str:
    if "unchanged_moved" not in r:
        return (
            f"| {r['profile']} ({r['students']}) | {100 * r['rate']:g}% | {r['mode']} "
            f"| {r['status']} | - | - | - | {r['seconds']:.1f}s |"
        )
    return (
        f"| {r['profile']} ({r['students']}) | {100 * r['rate']:g}% | {r['mode']} | "
        f"{r['status']} | {r['unchanged_moved']}/{r['unchanged_students']} "
        f"({r['unchanged_moved_pct']:.1f}%) | {r['assignments_moved_pct']:.1f}% | "
        f"{r['staff_changed']} ({r['staff_changed_pct']:.0f}%) | {r['seconds']:.1f}s |"
    )


if __name__ == "__main__":
    main()
