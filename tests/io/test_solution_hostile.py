"""A solution file that is hostile or not a file: ``SolutionError``, never a crash."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from paipian.errors import SolutionError
from paipian.io.solution_json import read_solution

SOUND = {"schema_version": 1, "status": "UNKNOWN", "sessions": [], "duty": []}


def _says(path: Path, words: str) -> None:
    with pytest.raises(SolutionError) as info:
        read_solution(path)
    assert any(words in p.en for p in info.value.problems), info.value.problems


def test_a_sound_solution_reads(tmp_path: Path) -> None:
    path = tmp_path / "solution.json"
    path.write_text(json.dumps(SOUND), encoding="utf-8")
    assert read_solution(path).status == "UNKNOWN"


def test_a_5000_digit_number(tmp_path: Path) -> None:
    path = tmp_path / "solution.json"
    path.write_text(json.dumps(SOUND)[:-1] + ', "x": ' + "9" * 5000 + "}", "utf-8")
    _says(path, "far too many digits")


def test_deeply_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "solution.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    _says(path, "nested too deeply")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_a_folder_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "solution.json"
    os.mkfifo(fifo)
    _says(fifo, "not a regular file")
    _says(tmp_path, "not a regular file")
