"""`paipian check` refuses a solution that does not fit the instance: exit 2,
located by JSON path; never exit 70 on hostile JSON."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import TINY, run_main

INSTANCE = str(TINY / "instance.yaml")
SOLUTION = json.loads((TINY / "solution.json").read_text(encoding="utf-8"))


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(tree: dict[str, Any]) -> None:
        node: Any = tree
        keys = path.replace("[", ".").replace("]", "").split(".")
        for key in keys[:-1]:
            node = node[int(key)] if key.isdigit() else node[key]
        last = keys[-1]
        node[int(last) if last.isdigit() else last] = value

    return apply


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("status", "weird"),
        ("duty[0].staff", "T999"),
        ("duty[0].day", "xx"),
        ("duty[0].kind", "boss"),
        ("sessions[0].backup_room", "NOWHERE"),
        ("sessions[0].room", "[/bold]"),
        ("sessions[0].day", "xx"),
        ("sessions[0].block", "B9"),
        ("sessions[0].activity", "NOPE"),
        ("sessions[0].staff", ["T999"]),
        ("sessions[0].assistant", "T999"),
        ("sessions[0].students", ["S999"]),
        ("closed_clubs", ["NOPE"]),
        ("schema_version", 99),
        ("solve_seconds", 1e300),
    ],
)
def test_unknown_references_are_exit_2_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str, value: Any
) -> None:
    tree = copy.deepcopy(SOLUTION)
    _set(path, value)(tree)
    bad = tmp_path / "solution.json"
    bad.write_text(json.dumps(tree, ensure_ascii=False), encoding="utf-8")
    run = run_main(capsys, "check", INSTANCE, str(bad))
    assert run.code == 2, run.err
    key = path.split("[0]")[0] if path.startswith("closed") else path
    assert key.split(".")[0] in run.err
    assert "内部错误" not in run.err and "Traceback" not in run.err


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"sessions":' + "[" * 100_000 + "]" * 100_000 + "}", "嵌套过深"),
        ('{"sessions":' + "[" * 200 + "]" * 200 + "}", "sessions[0]"),
        ('{"sessions": [], "solve_seconds": ' + "9" * 5000 + "}", "第 1 行"),
        ('{"sessions": [], "solve_seconds": ' + "9" * 4000 + "}", "solve_seconds"),
        ('{"sessions": [], "solve_seconds": NaN}', "NaN"),
        ('{"sessions": [], "solve_seconds": 1e999}', "solve_seconds"),
    ],
)
def test_hostile_json_is_exit_2_never_70(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, said: str
) -> None:
    bad = tmp_path / "solution.json"
    bad.write_text(text, encoding="utf-8")
    run = run_main(capsys, "check", INSTANCE, str(bad))
    assert run.code == 2, run.err
    assert said in run.err


def test_a_device_is_not_read(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_main(capsys, "check", INSTANCE, "/dev/zero")
    assert run.code == 2 and "不是普通文件" in run.err


def test_the_sample_solution_still_passes(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_main(capsys, "check", INSTANCE, str(TINY / "solution.json"))
    assert run.code == 0, run.err
