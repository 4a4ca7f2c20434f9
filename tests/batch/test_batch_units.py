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
