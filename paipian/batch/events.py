"""What a runner reports while it works; the batch turns these into progress."""

from __future__ import annotations

from dataclasses import dataclass

from paipian.batch.discover import SchoolTask
from paipian.batch.run_one import Outcome


@dataclass(frozen=True)
class Started:
    """A school began on ``where`` (a process id, a worker address)."""

    task: SchoolTask
    where: str
    pid: int | None = None


@dataclass(frozen=True)
class Lost:
    """The process solving a school died; ``retry`` says if it goes again."""

    task: SchoolTask
    detail: str
    retry: bool


@dataclass(frozen=True)
class Finished:
    task: SchoolTask
    outcome: Outcome


Event = Started | Lost | Finished
