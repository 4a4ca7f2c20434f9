"""`paipian validate`: exit codes, JSON, and never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from loadkit import STUDENTS, write_instance
from typer.testing import CliRunner

from paipian.cli import app

REPO = Path(__file__).resolve().parents[2]
TINY = REPO / "instances" / "tiny" / "instance.yaml"
runner = CliRunner()


def _bad_school(folder: Path) -> Path:
    def edit(doc: dict[str, object]) -> None:
        doc["activities"][0]["category"] = "exam_drill"  # type: ignore[index]

    students = STUDENTS.replace("S1,张三,1,1-1", "S1,张三,1,1-7")
    return write_instance(folder, edit=edit, files={"students.csv": students})


def test_sample_is_valid() -> None:
    result = runner.invoke(app, ["validate", str(TINY)])
    assert result.exit_code == 0, result.output
    assert "浦东新区海桐小学" in result.stderr
    assert "524" in result.stderr  # students
    assert result.stdout == ""


def test_sample_json_english() -> None:
    result = runner.invoke(app, ["validate", str(TINY), "--json", "--lang", "en"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload == {"valid": True, "errors": [], "warnings": []}
    assert "Students: 524" in result.stderr


def test_bad_school_lists_every_problem(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(_bad_school(tmp_path)), "--json"])
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    rules = {e["rule"] for e in payload["errors"]}
    assert "H07" in rules
    bad_class = next(e for e in payload["errors"] if e["column"] == "class")
    assert Path(bad_class["file"]).name == "students.csv"
    assert bad_class["line"] == 2 and bad_class["value"] == "1-7"
    assert set(bad_class) == {
        "file", "line", "column", "key", "value", "rule", "message_zh", "message_en"
    }  # fmt: skip
    assert "students.csv" in result.stderr and "exam_drill" in result.stderr


def test_warnings_are_printed_and_in_json(tmp_path: Path) -> None:
    students = STUDENTS.replace("S3,王五,3,3-1,,B2,,BB", "S3,王五,3,3-1,,B2,,NOPE")
    path = write_instance(tmp_path, files={"students.csv": students})
    result = runner.invoke(app, ["validate", str(path), "--json"])
    assert result.exit_code == 0
    warnings = json.loads(result.stdout)["warnings"]
    assert [w["value"] for w in warnings] == ["NOPE"]
    assert "NOPE" in result.stderr


def test_bad_lang_is_refused() -> None:
    result = runner.invoke(app, ["validate", str(TINY), "--lang", "fr"])
    assert result.exit_code == 2
    assert "--lang" in result.stderr


@pytest.mark.parametrize(
    "target",
    ["missing.yaml", "folder", "binary.yaml", "list.yaml"],
)
def test_console_script_never_shows_a_traceback(tmp_path: Path, target: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "binary.yaml").write_bytes(bytes(range(256)))
    (tmp_path / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    command = [sys.executable, "-m", "paipian.cli", "validate", str(tmp_path / target)]
    env = {**os.environ, "PAIPIAN_DEBUG": ""}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    assert target in done.stderr


def test_console_script_json_on_bad_school(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "paipian.cli", "validate", "--json"]
    command.append(str(_bad_school(tmp_path)))
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout)["valid"] is False


def test_one_mistake_in_every_row_is_one_line(tmp_path: Path) -> None:
    head = "序号,学号,姓名,年级,班级,周一,周二,周三,社团志愿\n"
    rows = "".join(
        f"{i},S{i},生{i},三年级,三(1)班,17:00,,,篮球社\n" for i in range(1221)
    )
    path = write_instance(tmp_path, files={"students.csv": head + rows})
    result = runner.invoke(app, ["validate", str(path), "--json"])
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["errors"]
    assert len(errors) == 1
    assert errors[0]["line"] == 2 and errors[0]["column"] == "周一"
    assert "1,221" in errors[0]["message_zh"]
    assert result.stderr.count("17:00") == 1
