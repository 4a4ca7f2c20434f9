"""Manual scale check (not collected by pytest): diagnose generated schools.

    .venv/bin/python tests/diagnosis/scale_check.py [profile] [seed]

Prints, for a feasible school of the profile and for planted infeasible
variants (classrooms closed on Wednesday B2; a third of the teachers taking
Thursday off; no health staff on Friday), how long ``diagnose`` takes and
what it reports; the last variant passes every fast check and needs the
aggregated model's core. The brief asks for about 10 s at 3,000 students.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace

from paipian.data import ProblemData
from paipian.diagnosis import diagnose
from paipian.diagnosis.aggregate import AggregateModel
from paipian.diagnosis.core import find_core
from paipian.generator import generate


def close_classrooms(data: ProblemData) -> ProblemData:
    rooms = tuple(
        replace(r, closed=r.closed | {("wed", "B2")}) if r.kind == "classroom" else r
        for r in data.rooms
    )
    return replace(data, rooms=rooms)


def thursday_off(data: ProblemData) -> ProblemData:
    teachers = [t for t in data.staff if t.kind == "teacher"]
    off = {t.id for t in teachers[: len(teachers) // 3 * 2]}
    staff = tuple(
        replace(t, available=frozenset(s for s in t.available if s[0] != "thu"))
        if t.id in off
        else t
        for t in data.staff
    )
    return replace(data, staff=staff)


def no_health_friday(data: ProblemData) -> ProblemData:
    staff = tuple(
        replace(t, available=frozenset(s for s in t.available if s[0] != "fri"))
        if t.kind == "health"
        else t
        for t in data.staff
    )
    return replace(data, staff=staff)


def weekly_limit(data: ProblemData) -> ProblemData:
    staff = tuple(
        replace(t, max_per_week=2) if t.kind == "teacher" else t for t in data.staff
    )
    return replace(data, staff=staff)


def main() -> None:
    profile = sys.argv[1] if len(sys.argv) > 1 else "large_3200"
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    data, _ = generate(profile, seed)
    print(f"{profile} seed {seed}: {len(data.students)} students")
    variants = {
        "feasible": data,
        "classrooms closed wed B2": close_classrooms(data),
        "2/3 of teachers off on thu": thursday_off(data),
        "no health staff on fri": no_health_friday(data),
        "teachers at most 2 sessions a week": weekly_limit(data),
    }
    for name, variant in variants.items():
        start = time.monotonic()
        report = diagnose(variant, time_limit=10.0)
        took = time.monotonic() - start
        if report is None:
            agg_start = time.monotonic()
            result = find_core(AggregateModel(variant), 10.0)
            verdict = "feasible" if result.feasible else "undecided"
            print(
                f"- {name}: no report ({took:.1f} s); aggregated model alone: "
                f"{verdict} ({time.monotonic() - agg_start:.1f} s)"
            )
            continue
        rules = sorted({i.rule for i in report.core})
        print(f"- {name}: {rules} ({took:.1f} s)")
        for item in report.core[:3]:
            print(f"    {item.rule} {dict(item.where)} {item.message}")
        for s in report.suggestions[:2]:
            print(f"    → {s.detail}")


if __name__ == "__main__":
    main()
