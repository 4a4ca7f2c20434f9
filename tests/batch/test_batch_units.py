"""The batch's parts alone: fingerprints, folder names, crashes, the CLI's exit 2."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from paipian.batch import BatchError, SolveOptions
from paipian.batch.discover import folder_names, make_tasks
from paipian.batch.run_one import solve_school
from paipian.batch.summary import SUMMARY_FIELDS, summary_row

from .conftest import OPTIONS, write_district

PAIPIAN = [sys.executable, "-c", "from paipian.cli import main; main()"]


@pytest.fixture
def schools(tmp_path: Path) -> Path:
    return write_district(tmp_path)


def test_the_fingerprint_follows_every_named_table_and_the_options(
    schools: Path,
) -> None:
    before = {t.name: t.digest for t in make_tasks([schools], OPTIONS)}
    east = schools / "east"
    assert {"instance.yaml", "students.csv", "staff.csv", "rooms.csv"} <= set(
        make_tasks([east / "instance.yaml"], OPTIONS)[0].files
    )
    with (east / "staff.csv").open("a", encoding="utf-8") as f:
        f.write("\n")
    (east / "notes.txt").write_text("not an input", encoding="utf-8")
    after = {t.name: t.digest for t in make_tasks([schools], OPTIONS)}
    assert {n for n in before if before[n] != after[n]} == {"east"}
    longer = dataclasses.replace(OPTIONS, time_limit=OPTIONS.time_limit + 1)
    assert all(t.digest != after[t.name] for t in make_tasks([schools], longer))


def test_folder_names_are_unique_and_stable(tmp_path: Path) -> None:
    paths = [tmp_path / "a" / "x" / "instance.yaml", tmp_path / "b" / "x" / "i.yaml"]
    assert folder_names(paths) == ["x", "x-2"]
    with pytest.raises(BatchError):
        make_tasks([tmp_path / "nowhere"], OPTIONS)
    with pytest.raises(BatchError):
        make_tasks([tmp_path], OPTIONS)  # no instance.yaml under it


def test_a_crash_is_that_schools_failed_result(
    schools: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("solver blew up")

    monkeypatch.setattr("paipian.solver.solve", explode)
    task = next(t for t in make_tasks([schools], OPTIONS) if t.name == "east")
    outcome = solve_school(task)
    assert outcome.record["status"] == "FAILED"
    assert "RuntimeError: solver blew up" in outcome.record["error"]
    assert tuple(summary_row(outcome.record)) == SUMMARY_FIELDS


def test_shipped_bytes_solve_where_the_files_are_not(schools: Path) -> None:
    """A cluster worker without the district's disk loads the shipped copy,
    and messages still name the district's files."""
    task = next(t for t in make_tasks([schools], OPTIONS) if t.name == "east")
    elsewhere = dataclasses.replace(
        task,
        instance=str(schools / "gone" / "instance.yaml"),
        files={**task.files, "students.csv": b"id,grade\n"},
    )
    outcome = solve_school(elsewhere)
    assert outcome.record["status"] == "INPUT_ERROR"
    assert str(schools / "gone" / "students.csv") in outcome.record["error"]


def test_no_school_found_is_exit_2(tmp_path: Path) -> None:
    proc = subprocess.run(
        [*PAIPIAN, "batch", str(tmp_path), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "instance.yaml" in proc.stderr and "Traceback" not in proc.stderr


def test_options_must_be_positive(tmp_path: Path) -> None:
    from paipian.batch import run_batch

    with pytest.raises(BatchError):
        run_batch([tmp_path], tmp_path / "out", SolveOptions(workers=0))


def test_a_district_where_nothing_solved_still_gets_its_report(tmp_path: Path) -> None:
    import openpyxl

    from paipian.batch.discover import SchoolTask
    from paipian.batch.run_one import empty_record
    from paipian.report.district import write_district_report

    records = [
        empty_record(
            SchoolTask(name, f"{name}/instance.yaml", "instance.yaml", {}, OPTIONS, ""),
            status,
            error,
        )
        for name, status, error in (
            ("a", "INPUT_ERROR", "a/instance.yaml 第 2 行：缺少 school\n第二处"),
            ("b", "FAILED", "=cmd|' /C calc'!A0"),  # never a live formula
        )
    ]
    xlsx, page = write_district_report(records, tmp_path)
    ws = openpyxl.load_workbook(xlsx)["学校一览"]
    reasons = [ws.cell(r, 16).value for r in (2, 3)]
    assert reasons[0] == "a/instance.yaml 第 2 行：缺少 school"  # one line
    assert reasons[1].startswith("'=")
    assert "没有排出排片表的学校" in page.read_text("utf-8")


def test_the_command_prints_summary_json_and_exits_0(schools: Path) -> None:
    """Only the schools that fail fast (bad YAML, no health officer), so the
    command's whole path runs in seconds."""
    import json
    import shutil

    for name in ("east", "west"):
        shutil.rmtree(schools / name)
    out = schools.parent / "out"
    proc = subprocess.run(
        [*PAIPIAN, "batch", str(schools), "--out", str(out), "--json", "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["status"] for r in rows] == ["INPUT_ERROR", "INFEASIBLE"]
    assert all(tuple(r) == SUMMARY_FIELDS for r in rows)
    assert "数据有误" in proc.stderr and "不可行" in proc.stderr
    assert (out / "区汇总.xlsx").is_file() and (out / "区汇总.html").is_file()


def test_the_html_report_sorts_in_a_browser(tmp_path: Path) -> None:
    """Click 第一志愿率% twice in headless Chromium: highest first, empty last."""
    import re
    import shutil

    from paipian.batch.discover import SchoolTask
    from paipian.batch.run_one import empty_record
    from paipian.report.district_html import render_district_html

    binary = next(
        (shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)),
        None,
    )
    if binary is None:
        pytest.skip("no chromium binary on PATH")
    records = []
    schools = (("a", "FEASIBLE", 70.0), ("b", "FAILED", None), ("c", "OPTIMAL", 90.5))
    for name, status, first in schools:
        task = SchoolTask(
            name, f"{name}/instance.yaml", "instance.yaml", {}, OPTIONS, ""
        )
        record = empty_record(task, status, None if first else "boom")
        if first is not None:
            record.update(first_choice_pct=first, workload_sd=1.0, coverage_pct=99.0)
        records.append(record)
    clicks = (
        '<script>var t=document.querySelectorAll("table.sortable")[2];'
        'var h=t.querySelectorAll("th")[13];h.click();h.click();</script></body>'
    )
    page = tmp_path / "区汇总.html"
    page.write_text(
        render_district_html(records).replace("</body>", clicks), encoding="utf-8"
    )
    profile = f"--user-data-dir={tmp_path / 'profile'}"
    dom = subprocess.run(
        [binary, "--headless", "--no-sandbox", profile, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    table = dom.split("<table")[3]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table)[1:]
    folders = [re.findall(r'data-v="([^"]*)"', r)[1] for r in rows]
    assert folders == ["c", "a", "b"]


def test_a_folder_that_cannot_be_written_fails_only_its_school(
    schools: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    import paipian.batch as batch
    from paipian.batch.store import save_outcome

    for name in ("east", "west"):  # keep the fast schools only
        shutil.rmtree(schools / name)

    def disk_full_for_nohealth(folder: Path, outcome: object) -> dict[str, object]:
        if folder.name == "nohealth":
            raise OSError(28, "No space left on device")
        return save_outcome(folder, outcome)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "save_outcome", disk_full_for_nohealth)
    run = batch.run_batch([schools], schools.parent / "out", OPTIONS, jobs=2)
    statuses = {r["name"]: r["status"] for r in run.records}
    assert statuses == {"broken": "INPUT_ERROR", "nohealth": "FAILED"}
    failed = next(r for r in run.records if r["name"] == "nohealth")
    assert "No space left" in failed["error"]


def test_a_first_timetable_the_limit_cut_short_says_so_in_the_district_row(
    schools: Path,
) -> None:
    # 1 s leaves no time to improve the first timetable: the district's
    # comparison says why this school's figures are a first draft
    task = next(t for t in make_tasks([schools], OPTIONS) if t.name == "east")
    outcome = solve_school(task)
    assert outcome.record["status"] in ("OPTIMAL", "FEASIBLE")
    assert outcome.record["hard_violations"] == 0  # the checker's count
    assert "--time-limit 30" in outcome.record["reason"]


def test_control_a_second_pass_that_fits_leaves_no_reason(
    schools: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("paipian.solver.pipeline.IMPROVE_MIN_LEFT", 0.5)
    roomier = dataclasses.replace(OPTIONS, time_limit=8.0)
    task = next(t for t in make_tasks([schools], roomier) if t.name == "east")
    outcome = solve_school(task)
    assert outcome.record["status"] in ("OPTIMAL", "FEASIBLE")
    assert outcome.record["hard_violations"] == 0  # the checker's count
    assert outcome.record["reason"] is None


def _limits_given(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The time limit each school's solve is given (the solve itself runs)."""
    import paipian.solver

    given: list[float] = []
    solve = paipian.solver.solve

    def spy(data, params, **kwargs):  # type: ignore[no-untyped-def]
        given.append(params.time_limit)
        return solve(data, params, **kwargs)

    monkeypatch.setattr(paipian.solver, "solve", spy)
    return given


def test_without_a_limit_a_school_gets_the_one_its_size_needs(
    schools: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = _limits_given(monkeypatch)
    by_size = dataclasses.replace(OPTIONS, time_limit=None)
    task = next(t for t in make_tasks([schools], by_size) if t.name == "nohealth")
    assert solve_school(task).record["status"] == "INFEASIBLE"  # H11, no search
    # a tiny school: 30 s up to 600 students, less its loading and writing
    # (the school's run keeps the limit, as ``solve``'s does)
    assert len(given) == 1 and 29 < given[0] < 30


def test_control_a_limit_given_is_each_schools_limit(
    schools: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = _limits_given(monkeypatch)
    task = next(t for t in make_tasks([schools], OPTIONS) if t.name == "nohealth")
    assert solve_school(task).record["status"] == "INFEASIBLE"
    assert OPTIONS.time_limit is not None
    # the limit given, less loading and writing, and never below half of it
    assert len(given) == 1
    assert OPTIONS.time_limit / 2 <= given[0] < OPTIONS.time_limit
