"""What one phase hands the next: the club plan, the planned sessions, and the
staff and rooms held for club meetings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from paipian.data import Slot


@dataclass
class Reservations:
    """Staff and rooms held per slot for club meetings, so drop-ins leave them."""

    staff: dict[Slot, set[str]]
    rooms: dict[Slot, set[str]]

    @classmethod
    def empty(cls) -> Reservations:
        return cls(defaultdict(set), defaultdict(set))


@dataclass(frozen=True)
class PlannedSession:
    """A session whose time, activity and students are fixed; room and staff open."""

    index: int
    day: str
    block: str
    activity: str
    students: tuple[str, ...]
    classes: tuple[str, ...]

    @property
    def slot(self) -> Slot:
        return (self.day, self.block)


@dataclass(frozen=True)
class ClubPlan:
    meetings: dict[str, tuple[Slot, ...]]  # running clubs only
    members: dict[str, tuple[str, ...]]

    def in_meeting(self) -> dict[Slot, set[str]]:
        """Students held by a club meeting, per slot."""
        held: dict[Slot, set[str]] = defaultdict(set)
        for cid, slots in self.meetings.items():
            for slot in slots:
                held[slot].update(self.members[cid])
        return held
