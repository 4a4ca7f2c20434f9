"""The same (profile, seed) gives the same school and timetable, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from paipian.generator import generate, write_instance
from paipian.io.solution_json import dumps_solution


def test_same_seed_same_school_and_timetable() -> None:
    a_data, a_sol = generate("primary_600", 7)
    b_data, b_sol = generate("primary_600", 7)
    assert a_data == b_data
    assert a_sol == b_sol
    assert dumps_solution(a_sol) == dumps_solution(b_sol)


def test_same_seed_same_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_instance(generate("tiny", 4)[0], tmp_path / name)
    for file in ("instance.yaml", "rooms.csv", "staff.csv", "students.csv"):
        assert (tmp_path / "a" / file).read_bytes() == (
            tmp_path / "b" / file
        ).read_bytes()


def test_different_seeds_differ() -> None:
    a_data, a_sol = generate("tiny", 1)
    b_data, b_sol = generate("tiny", 2)
    assert a_data.students != b_data.students
    assert a_sol.sessions != b_sol.sessions


def test_same_files_whatever_the_hash_seed(tmp_path: Path) -> None:
    """No set or dict order leaks into the output (PYTHONHASHSEED varies)."""
    for h in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": h}
        code = (
            "import sys; from paipian.generator import generate, write_instance; "
            "write_instance(generate('tiny', 5, 0.3)[0], sys.argv[1])"
        )
        subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / h)], check=True, env=env
        )
    for file in ("instance.yaml", "rooms.csv", "staff.csv", "students.csv"):
        assert (tmp_path / "1" / file).read_bytes() == (
            tmp_path / "2" / file
        ).read_bytes()
