"""The report's words (zh/en Markdown) and `paipian explain` (exit codes, JSON)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from factories import room
from test_planted import school

from paipian.diagnosis import diagnose, render_markdown

EXAMPLE = Path(__file__).resolve().parents[2] / "instances" / "tiny"


def closed_rooms_school():
    rooms = [room("R1", capacity=30)] + [
        room(f"R{i}", capacity=30, closed="tue:B2") for i in range(2, 5)
    ]
    return school(rooms=rooms)


def test_markdown_report_in_chinese() -> None:
    data = closed_rooms_school()
    report = diagnose(data, time_limit=5, workers=1)
    assert report is not None
    text = render_markdown(report, data)
    assert text.startswith("# 不可行报告")
    assert "H10 场地" in text and "H01 愿留尽留" in text
    assert "| 周二第2时段 | 40 | 30 |" in text
    assert "在校学生 40 人，开放场地合计 30 座" in text
    assert "## 修改建议" in text
    assert "1. 周二第2时段再开放 1 间场地（R2 R2，共 30 座）" in text


def test_markdown_report_in_english() -> None:
    data = closed_rooms_school()
    report = diagnose(data, time_limit=5, lang="en", workers=1)
    assert report is not None
    assert report.core[0].message == report.core[0].message_en
    text = render_markdown(report, data, lang="en")
    assert text.startswith("# Infeasibility report")
    assert "H10 rooms" in text and "| Tue block 2 | 40 | 30 |" in text
    assert "open 1 more room(s) in Tue block 2 (B2)" in text


def paipian(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "paipian.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "LANG": "C.UTF-8"},
    )


def no_health_on_friday(tmp_path: Path) -> Path:
    for f in EXAMPLE.iterdir():
        shutil.copy(f, tmp_path / f.name)
    staff = tmp_path / "staff.csv"
    text = staff.read_text(encoding="utf-8")
    assert "health,safety,," in text
    staff.write_text(text.replace("health,safety,,", "health,safety,mon;tue;wed;thu,"))
    return tmp_path / "instance.yaml"


def test_explain_infeasible_exit_3_with_json(tmp_path: Path) -> None:
    run = paipian("explain", str(no_health_on_friday(tmp_path)), "--json")
    assert run.returncode == 3, run.stderr
    payload = json.loads(run.stdout)
    assert payload["status"] == "INFEASIBLE"
    (item,) = payload["infeasibility"]["core"]
    assert item["rule"] == "H11" and item["where"] == {"day": "fri"}
    assert (item["need"], item["have"]) == (1, 0)
    assert "周五" in item["message"] and "Fri" in item["message_en"]
    (fix,) = payload["infeasibility"]["suggestions"]
    assert fix["change"] == "add_staff_availability"
    assert "Traceback" not in run.stderr


def test_explain_prints_the_report_in_english(tmp_path: Path) -> None:
    run = paipian("explain", str(no_health_on_friday(tmp_path)), "--lang", "en")
    assert run.returncode == 3, run.stderr
    assert "Infeasibility report" in run.stderr
    assert "H11 safety staffing" in run.stderr
    assert "ask H01 to be on duty all of Fri" in run.stderr


def test_explain_feasible_example_exit_0() -> None:
    run = paipian("explain", str(EXAMPLE / "instance.yaml"), "--time-limit", "20")
    assert run.returncode == 0, run.stderr
    assert "未发现不可行原因" in run.stderr


def test_explain_bad_input_exit_2(tmp_path: Path) -> None:
    run = paipian("explain", str(tmp_path / "missing.yaml"))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
