"""Mutated instances through the real CLI, in-process: only exit 0, or exit 2
with a located message — never a traceback, an internal error or markup lost.

Hostile text (rich markup, brackets, formulas, control characters, huge
numbers) lands in cells and YAML values; rows are cut, doubled and swapped.
Each example runs ``validate`` and then ``check`` with the bundled solution.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import TINY, run_main
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

HOSTILE = [
    "[/]",
    "[/bold]",
    "[bold red]x",
    "例如 [mon, tue]",
    "KID;[/]",
    '=HYPERLINK("x")',
    "\\",
    "",
    "-1",
    "0",
    "1e30",
    "9" * 50,
    "NaN",
    "🙂学生",
    "x" * 300,
    "'",
    '"',
    "B9",
    "T999",
    "mon;xx",
]
FILES = ["instance.yaml", "staff.csv", "students.csv"]

mutation = st.tuples(
    st.sampled_from(FILES),
    st.integers(min_value=0, max_value=10_000),  # line (mod the file's length)
    st.integers(min_value=0, max_value=20),  # cell (mod the line's cells)
    st.sampled_from(["cell", "cut", "double", "swap", "drop_cell"]),
    st.sampled_from(HOSTILE),
)


def _mutate(folder: Path, how: tuple[str, int, int, str, str]) -> None:
    name, line_no, cell_no, op, text = how
    path = folder / name
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    i = line_no % max(1, len(lines))
    line = lines[i]
    if name.endswith(".yaml"):
        if op in ("cell", "drop_cell") and ": " in line:
            key = line.split(": ", 1)[0]
            value = "" if op == "drop_cell" else text.replace("'", "''")
            lines[i] = f"{key}: '{value}'"
        elif op == "cut":
            lines[i] = line[: len(line) // 2]
        elif op == "double":
            lines.insert(i, line)
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], line
    else:
        cells = line.split(",")
        j = cell_no % len(cells)
        if op == "cell":
            cells[j] = text.replace(",", ";")
        elif op == "drop_cell":
            del cells[j]
        elif op == "cut":
            cells = cells[: max(1, len(cells) // 2)]
        elif op == "double":
            lines.insert(i, line)
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], line
        lines[i] = ",".join(cells) if op in ("cell", "drop_cell", "cut") else lines[i]
    path.write_text("\n".join(lines), encoding="utf-8")


def _assert_located(run_code: int, err: str, command: str) -> None:
    assert "Traceback" not in err and "内部错误" not in err, err[-2000:]
    assert run_code in (0, 1, 2) if command == "check" else run_code in (0, 2), err
    if run_code == 2:
        assert any(f in err for f in (*FILES, "solution.json")), err[-2000:]


@seed(20261201)
@settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(mutation, min_size=1, max_size=3))
def test_mutated_instances_exit_0_or_a_located_2(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    mutations: list[tuple[str, int, int, str, str]],
) -> None:
    folder = tmp_path_factory.mktemp("mutant") / "school"
    shutil.copytree(TINY, folder)
    for how in mutations:
        _mutate(folder, how)
    instance = str(folder / "instance.yaml")
    run = run_main(capsys, "validate", instance)
    _assert_located(run.code, run.err, "validate")
    run = run_main(capsys, "check", instance, str(folder / "solution.json"))
    _assert_located(run.code, run.err, "check")
