"""The benchmark harness itself: a --quick-like run on the smallest profile,
the school plan of ``benchmarks/bench_solver.py``, and the correctness guards
that make the run fail."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from paipian.bench import SchoolSpec, SolveJob, run_benchmark, run_solve, tables
from paipian.bench.runs import Row

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    path = ROOT / "benchmarks" / "bench_solver.py"
    spec = importlib.util.spec_from_file_location("bench_solver", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_solver"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_quick_run_on_the_smallest_profile() -> None:
    """tiny (≈120 students), one seed, a 3 s limit, one worker: the engine, the
    planted timetable and the baseline are all graded; nothing that must not
    happen happens; the tables hold one school."""
    rows = run_benchmark([SchoolSpec("tiny", 1, 1.0)], time_limit=3, workers=1)
    assert [r.method for r in rows] == ["fcfs", "planted", "engine"]
    engine = rows[-1]
    assert engine.found, engine.error
    assert engine.first_feasible is not None and engine.peak_mb
    assert engine.objective == engine.solver_objective
    assert tables.problems(rows) == []
    schools = tables.per_school(tables.frame(rows))
    assert len(schools) == 1
    line = schools.iloc[0]
    assert line["bound/planted"] <= 1
    assert line["viol engine"] == 0 and line["viol planted"] == 0
    assert line["viol fcfs"] >= 0
    assert "tiny/s1/t1" in tables.markdown(schools)
    medians = tables.per_group(schools)
    assert medians.loc[0, "found"] == "1/1"
    assert set(tables.targets(schools)["target"]) >= {"bound ≤ planted objective"}


def test_a_broken_job_is_a_row_not_an_exception() -> None:
    row = run_solve(SolveJob(SchoolSpec("no_such_profile"), time_limit=1))
    assert not row.found and row.error


def test_problems_flag_what_must_never_happen() -> None:
    planted = Row("s", "g", "planted", found=True, objective=100, violations=1)
    engine = Row(
        "s",
        "g",
        "engine",
        found=True,
        objective=90,
        solver_objective=91,
        bound=120,
        violations=0,
    )
    found = "\n".join(tables.problems([planted, engine]))
    assert "s planted: 1 hard violations" in found
    assert "checker objective 90 ≠ solver's 91" in found
    assert "bound 120 > objective 90" in found
    assert "bound/planted 1.200" in found
    fcfs = Row("s", "g", "fcfs", found=True, objective=500, violations=40)
    assert tables.problems([fcfs]) == []  # the baseline may break rules


def test_plan_covers_five_profiles_three_seeds_up_to_tightness_one() -> None:
    bench = _script()
    full = bench.plan(bench.parse(["--no-schools"]))
    assert len({s.profile for s in full}) >= 5
    assert len(full) == 3 * len({s.profile for s in full})
    assert max(s.tightness for s in full) == 1.0
    quick = bench.plan(bench.parse(["--quick"]))
    assert [s.profile for s in quick] == ["tiny", "primary_600"]
    assert {s.seed for s in quick} == {1}
    missing = bench.plan(bench.parse(["--schools", str(ROOT / "no_such_dir")]))
    assert len(missing) == len(full)


def test_plan_adds_the_reference_schools_tightened(tmp_path: Path) -> None:
    bench = _script()
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "instance.yaml").write_text("schema_version: 1\n")
    plan = bench.plan(bench.parse(["--profiles", "tiny", "--schools", str(tmp_path)]))
    assert [s.label for s in plan if s.path] == ["a", "b", "a/tight1", "b/tight1"]
    none = bench.parse(
        ["--profiles", "tiny", "--schools", str(tmp_path), "--tightened"]
    )
    assert [s.label for s in bench.plan(none) if s.path] == ["a", "b"]


def test_csv_round_trip_gives_the_same_tables(tmp_path: Path) -> None:
    """``--out`` then ``--from-csv``: the tables and the guards are the same."""
    rows = [
        Row("a", "p", "fcfs", 120, found=True, objective=900, violations=4,
            violated="H05:4", load_sd=2.0, first_choice=40.0, room_use=50.0),
        Row("a", "p", "planted", 120, found=True, objective=800, violations=0,
            load_sd=1.5, first_choice=50.0, room_use=45.0),
        Row("a", "p", "engine", 120, 30.0, "FEASIBLE", True, 12.0, 3.0, 600,
            600, 500, 0, "", 1.0, 70.0, 55.0, 100.0, 150.0),
        Row("b", "p", "fcfs", 130, found=True, objective=1000, violations=2),
        Row("b", "p", "engine", 130, 30.0, "UNKNOWN", error="no timetable"),
    ]  # fmt: skip
    path = tmp_path / "rows.csv"
    tables.frame(rows).to_csv(path, index=False)
    again = tables.rows_of(pd.read_csv(path))
    assert again == rows
    schools = tables.per_school(tables.frame(again))
    assert list(schools["found"]) == [True, False]
    assert schools.iloc[0]["obj/planted"] == 0.75
    assert schools.iloc[0]["bound/planted"] == 0.625
    assert tables.problems(again) == []
