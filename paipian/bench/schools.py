"""Which schools a benchmark runs: generated ones and folders on disk."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from paipian.data import ProblemData
from paipian.solution import Solution

REFERENCE_FILES = ("witness.json", "solution.json")
"""A folder's valid reference timetable, by the names the sample sets use."""


@dataclass(frozen=True)
class SchoolSpec:
    """A school to run: ``profile``/``seed``/``tightness`` for the generator,
    or ``path`` (an ``instance.yaml`` or its folder) — with ``tightened`` > 0,
    tightened around its reference timetable (``bench/tighten.py``: that
    share of its staff, rooms and clubs, drawn with ``seed``)."""

    profile: str = ""
    seed: int = 1
    tightness: float = 0.0
    path: str = ""
    tightened: float = 0.0

    @property
    def label(self) -> str:
        if self.path:
            folder = Path(self.path)
            name = (folder.parent if folder.suffix else folder).name
            return f"{name}/tight{self.tightened:g}" if self.tightened else name
        return f"{self.profile}/s{self.seed}/t{self.tightness:g}"

    @property
    def group(self) -> str:
        """What the tables take medians over: the profile, or the folder."""
        return self.profile or self.label

    def instance_path(self) -> Path:
        p = Path(self.path)
        return p if p.suffix in (".yaml", ".yml") else p / "instance.yaml"

    def load(self) -> tuple[ProblemData, Solution | None]:
        """The instance and its valid reference timetable, if there is one."""
        if not self.path:
            from paipian.generator import generate

            return generate(self.profile, self.seed, self.tightness)
        from paipian.io import load_instance
        from paipian.io.solution_json import read_solution

        path = self.instance_path()
        data, _ = load_instance(path)
        for name in REFERENCE_FILES:
            ref = path.parent / name
            if ref.exists():
                reference = read_solution(ref)
                if self.tightened:
                    from paipian.bench.tighten import tighten

                    data = tighten(data, reference, self.tightened, self.seed)
                return data, reference
        return data, None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SchoolSpec:
        return cls(**d)


def folder_specs(root: Path) -> list[SchoolSpec]:
    """One spec per ``*/instance.yaml`` under ``root``, sorted by folder."""
    return [
        SchoolSpec(path=str(p.parent)) for p in sorted(root.glob("*/instance.yaml"))
    ]
