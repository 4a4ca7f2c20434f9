"""A small district: two tiny schools that solve, one without a health officer
(infeasible: H11) and one whose YAML is broken."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from paipian.batch import SolveOptions
from paipian.generator import generate, write_instance

# Short runs: the tiny school's solve is a few seconds whatever the limit.
OPTIONS = SolveOptions(time_limit=1.0, workers=1, seed=0)
SOLVABLE = ("east", "west")


def write_district(root: Path) -> Path:
    """Write the four schools under ``root/schools`` and return that folder."""
    schools = root / "schools"
    for name, seed in zip(SOLVABLE, (1, 2), strict=True):
        data, _ = generate("tiny", seed)
        write_instance(data, schools / name)
    data, _ = generate("tiny", 3)
    no_health = tuple(p for p in data.staff if p.kind != "health")
    write_instance(dataclasses.replace(data, staff=no_health), schools / "nohealth")
    broken = schools / "broken" / "instance.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("schema_version: 1\nschool: [oops\n", encoding="utf-8")
    return schools


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_district(tmp_path_factory.mktemp("district"))
