"""The decision variables of each solver phase, as the rule modules see them.

Variables exist only for allowed combinations (a student × a club they ranked
and can attend; a class × a drop-in activity open to its grade; a session × a
room that fits; a session × a staff member who may work it) — no dense tensors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from paipian.data import Slot

Var = Any  # cp_model.IntVar / BoolVar


@dataclass
class ClubVars:
    """Phase 1: which clubs run and who joins them (meeting slots are fixed)."""

    meetings: dict[str, tuple[Slot, ...]]  # club id → its meeting slots
    open: dict[str, Var] = field(default_factory=dict)  # club id → runs
    member: dict[tuple[str, str], Var] = field(default_factory=dict)  # (student, club)


@dataclass(frozen=True)
class Pool:
    """Who a drop-in session may mix: one class, one grade, or the school."""

    kind: str  # class | grade | school
    key: str  # class id, grade number, or "*"


@dataclass
class HousingVars:
    """Phase 2's rooms by class (``solver/housing.py``): groups per seat level,
    and the room classes (and rain-backup classes) that house each level."""

    classes: dict[Slot, dict[Any, list[str]]] = field(default_factory=dict)
    # slot → room class → free room ids
    groups: dict[tuple[Slot, Pool, str], list[tuple[Any, Var]]] = field(
        default_factory=dict
    )  # (slot, pool, activity id) → (level, groups opened at it)
    rooms: dict[tuple[Slot, str], list[tuple[Any, Any, Var]]] = field(
        default_factory=dict
    )  # (slot, activity id) → (level, room class, rooms of it used)
    backups: dict[tuple[Slot, str], list[tuple[Any, Any, Var]]] = field(
        default_factory=dict
    )  # (slot, activity id) → (level, room class, backups from it)
    seat_costs: list[tuple[int, Var]] = field(default_factory=list)  # S2 seats


@dataclass
class PairStaffVars:
    """Phase 2's staffing per (slot, activity) (``solver/pair_staffing.py``)."""

    lead: dict[tuple[Slot, str, str], Var] = field(default_factory=dict)
    # (slot, activity id, staff id) → leads one of its sessions
    assist: dict[tuple[Slot, str], Var] = field(default_factory=dict)
    # (slot, teacher id) → assists an external there (H09)


@dataclass
class DropInVars:
    """Phase 2: how many of each class go to which drop-in activity per slot."""

    residual: dict[tuple[Slot, str], int]  # (slot, class id) → students to place
    count: dict[tuple[Slot, str, str], Var] = field(default_factory=dict)
    # (slot, class id, activity id) → head count of that class in that activity
    sessions: dict[tuple[Slot, Pool, str], Var] = field(default_factory=dict)
    # (slot, pool, activity id) → number of sessions opened
    pool_members: dict[tuple[Slot, Pool, str], list[str]] = field(default_factory=dict)
    # (slot, pool, activity id) → class ids whose counts feed that pool
    quality_slot: dict[tuple[str, Slot], Var] = field(default_factory=dict)
    # (student id, slot) → the student takes a quality drop-in there (H05)
    quality_need: dict[str, int] = field(default_factory=dict)  # student → still needed
    housing: HousingVars = field(default_factory=lambda: HousingVars())
    staffing: PairStaffVars = field(default_factory=lambda: PairStaffVars())


@dataclass
class RoomVars:
    """Phase 3: a room (and an indoor backup for outdoor sessions) per session."""

    room: dict[tuple[int, str], Var] = field(default_factory=dict)  # (session, room)
    backup: dict[tuple[int, str], Var] = field(default_factory=dict)


@dataclass
class StaffVars:
    """Phase 4: a leader and, where needed, an assistant per session; daily duty."""

    lead: dict[tuple[int, str], Var] = field(default_factory=dict)  # (session, staff)
    assist: dict[tuple[int, str], Var] = field(default_factory=dict)
    duty: dict[tuple[str, str, str], Var] = field(default_factory=dict)
    # (day, kind, staff) → on duty
