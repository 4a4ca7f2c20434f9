"""What one phase hands the next: the club plan, the planned sessions, and the
staff and rooms held for club meetings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from paipian.data import ProblemData, Slot


@dataclass
class Reservations:
    """Staff and rooms held per slot for club meetings, so drop-ins leave them."""

    staff: dict[Slot, set[str]]
    rooms: dict[Slot, set[str]]
    # (club id, slot) → the room held for that meeting and its rain backup
    club_rooms: dict[tuple[str, Slot], tuple[str, str | None]] = field(
        default_factory=dict
    )

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

    def without(self, club: str, slot: Slot) -> ClubPlan:
        """This plan with ``club``'s meeting in ``slot`` left out (a club left
        with no meeting leaves the plan) — a probe, not a plan that keeps
        H12: its members are then free in that slot."""
        meetings = {
            c: tuple(t for t in slots if (c, t) != (club, slot))
            for c, slots in self.meetings.items()
        }
        kept = {c: slots for c, slots in meetings.items() if slots}
        return ClubPlan(kept, {c: self.members[c] for c in kept})

    def in_meeting(self) -> dict[Slot, set[str]]:
        """Students held by a club meeting, per slot."""
        held: dict[Slot, set[str]] = defaultdict(set)
        for cid, slots in self.meetings.items():
            for slot in slots:
                held[slot].update(self.members[cid])
        return held


def in_written_order(data: ProblemData, sessions: Sequence[Any]) -> list[Any]:
    """Sessions by day, block, activity, classes, index: the order the solution
    writes them in, which numbers the groups of one (day, block, activity)
    (``mon-B1-HW-3``) — the solution writer and the re-solve's group keys share it."""
    day_pos = {d: i for i, d in enumerate(data.calendar.days)}
    block_pos = {b.id: i for i, b in enumerate(data.calendar.blocks)}
    return sorted(
        sessions,
        key=lambda s: (
            day_pos[s.day],
            block_pos[s.block],
            s.activity,
            s.classes,
            s.index,
        ),
    )
