"""Repair suggestions that can be applied to the data, and applying them.

A :class:`Repair` is a :class:`paipian.solution.Suggestion` that also carries
``params``, the machine-readable change; :func:`apply_suggestion` turns it into
a new ProblemData so tests (and a curious scheduler) can verify that the
change removes the infeasibility.

Changes (``Suggestion.change``):

- ``open_room``: open ``rooms`` in (``day``, ``block``).
- ``add_room``: ``count`` new rooms of ``kind`` with ``capacity`` seats.
- ``add_staff_availability`` / ``add_assistant``: ``staff`` also offer
  (``day``, ``block``).
- ``add_duty_staff``: a new health/admin person on duty in ``blocks`` of ``day``.
- ``add_staff``: ``count`` new school teachers able to lead ``activity`` in
  (``day``, ``block``).
- ``relax_capacity``: set ``activity``'s ``min`` (and/or ``max``).
- ``raise_max_per_week``: raise ``staff``'s weekly limit to ``value``.
- ``add_grade``: open ``activity`` to ``grade``.
- ``drop_required``: ``activity`` is no longer a required club.
- ``relax_rule``: set ``rules.<key>`` to ``value``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

from paipian.data import Capacity, ProblemData, Room, Staff
from paipian.solution import Suggestion


@dataclass(frozen=True)
class Repair(Suggestion):
    """A suggestion with the parameters needed to apply it."""

    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


def make_repair(
    change: str,
    where: Mapping[str, str],
    zh: str,
    en: str,
    lang: str = "zh",
    **params: Any,
) -> Repair:
    """Build a Repair with its detail in ``lang`` and ``detail_en`` in English."""
    return Repair(
        change=change,
        where=MappingProxyType(dict(where)),
        detail=en if lang == "en" else zh,
        detail_en=en,
        params=MappingProxyType(params),
    )


def _new_id(taken: Sequence[str], prefix: str) -> str:
    i = 1
    while f"{prefix}{i}" in taken:
        i += 1
    return f"{prefix}{i}"


def apply_suggestion(data: ProblemData, suggestion: Suggestion) -> ProblemData:
    """Return a copy of ``data`` with the suggested change made.

    Raises ``ValueError`` for a suggestion without parameters (plain text).
    """
    params = getattr(suggestion, "params", None)
    if not params:
        raise ValueError(f"suggestion {suggestion.change!r} carries no parameters")
    change = suggestion.change
    p = dict(params)
    if change == "open_room":
        slot = (p["day"], p["block"])
        ids = set(p["rooms"])
        rooms = tuple(
            replace(r, closed=r.closed - {slot}) if r.id in ids else r
            for r in data.rooms
        )
        return replace(data, rooms=rooms)
    if change == "add_room":
        new = list(data.rooms)
        for _ in range(int(p["count"])):
            rid = _new_id([r.id for r in new], "NEWROOM")
            new.append(
                Room(
                    id=rid,
                    name=f"新增场地{rid[7:]}",
                    kind=p["kind"],
                    capacity=int(p["capacity"]),
                    tags=frozenset(p.get("tags", ())),
                )
            )
        return replace(data, rooms=tuple(new))
    if change in ("add_staff_availability", "add_assistant"):
        slots = {(p["day"], b) for b in p.get("blocks", [p.get("block")]) if b}
        ids = set(p["staff"])
        staff = tuple(
            replace(t, available=t.available | slots) if t.id in ids else t
            for t in data.staff
        )
        return replace(data, staff=staff)
    if change == "add_duty_staff":
        sid = _new_id([t.id for t in data.staff], f"NEW{p['kind'][:1].upper()}")
        person = Staff(
            id=sid,
            name="新增值守人员",
            kind=p["kind"],
            available=frozenset((p["day"], b) for b in p["blocks"]),
        )
        return replace(data, staff=(*data.staff, person))
    if change == "add_staff":
        new_staff = list(data.staff)
        for _ in range(int(p["count"])):
            sid = _new_id([t.id for t in new_staff], "NEWT")
            new_staff.append(
                Staff(
                    id=sid,
                    name="新增教师",
                    kind="teacher",
                    skills=frozenset(p.get("skills", ())),
                    available=frozenset({(p["day"], p["block"])}),
                )
            )
        acts = tuple(
            replace(a, staff=(*a.staff, *[t.id for t in new_staff[len(data.staff) :]]))
            if a.id == p.get("activity")
            else a
            for a in data.activities
        )
        return replace(data, staff=tuple(new_staff), activities=acts)
    if change == "relax_capacity":
        acts = tuple(
            replace(
                a,
                capacity=Capacity(
                    min=int(p.get("min", a.capacity.min)),
                    max=int(p.get("max", a.capacity.max)),
                ),
            )
            if a.id == p["activity"]
            else a
            for a in data.activities
        )
        return replace(data, activities=acts)
    if change == "raise_max_per_week":
        ids = set(p["staff"])
        staff = tuple(
            replace(t, max_per_week=max(t.max_per_week, int(p["value"])))
            if t.id in ids
            else t
            for t in data.staff
        )
        return replace(data, staff=staff)
    if change == "add_grade":
        acts = tuple(
            replace(a, grades=a.grades | {int(p["grade"])})
            if a.id == p["activity"]
            else a
            for a in data.activities
        )
        return replace(data, activities=acts)
    if change == "drop_required":
        acts = tuple(
            replace(a, required=False) if a.id == p["activity"] else a
            for a in data.activities
        )
        return replace(data, activities=acts)
    if change == "relax_rule":
        return replace(data, rules=replace(data.rules, **{p["key"]: p["value"]}))
    raise ValueError(f"unknown change {change!r}")
