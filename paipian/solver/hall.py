"""What a slot lacked: Hall deficits of sessions against leaders or rooms.

In one slot every session needs its own leader (H08) and its own room (H10),
and who may lead or which room fits depends only on the activity. A maximum
matching of sessions to candidates leaves sessions unmatched exactly when some
set of activities ``A`` has more sessions than candidates for any of them
(Hall's theorem); the sessions reachable from an unmatched one by alternating
paths are all the sessions of such an ``A``, and their candidates ``N(A)``.

The cut "sessions of ``A`` in this slot ≤ |N(A)|" then holds for every
staffing (or room assignment) of any plan with this slot's candidates, so the
drop-in plan can be re-solved under it: a valid cut, not a guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from paipian.data import Slot
from paipian.model.plans import PlannedSession


@dataclass(frozen=True)
class Deficit:
    """In ``slot``, the sessions of ``activities`` need more than ``capacity``."""

    slot: Slot
    activities: frozenset[str]
    capacity: int  # |N(A)|: candidates for any of the activities
    sessions: int  # sessions of those activities planned now


def deficits(
    sessions: Iterable[PlannedSession],
    candidates: Callable[[str, Slot], Iterable[str]],
) -> list[Deficit]:
    """Per slot, the Hall deficit of ``sessions`` against ``candidates(activity,
    slot)`` (leaders or rooms); empty when every slot can be matched."""
    by_slot: dict[Slot, list[PlannedSession]] = defaultdict(list)
    for s in sessions:
        by_slot[s.slot].append(s)
    found = []
    for slot in sorted(by_slot):
        found.extend(_slot_deficits(slot, by_slot[slot], candidates))
    return found


def _slot_deficits(
    slot: Slot,
    sessions: list[PlannedSession],
    candidates: Callable[[str, Slot], Iterable[str]],
) -> list[Deficit]:
    options = {s.index: sorted(set(candidates(s.activity, slot))) for s in sessions}
    activity = {s.index: s.activity for s in sessions}
    holder = max_matching(options)
    matched = set(holder.values())
    unmatched = [si for si in options if si not in matched]
    if not unmatched:
        return []
    # Alternating paths from the unmatched sessions: session → its candidates
    # → the sessions holding them. What they reach is a set A with
    # |sessions of A| − |N(A)| = the number left unmatched.
    reached, reach_c = set(unmatched), set()
    stack = list(unmatched)
    while stack:
        si = stack.pop()
        for c in options[si]:
            if c not in reach_c:
                reach_c.add(c)
                nxt = holder.get(c)
                if nxt is not None and nxt not in reached:
                    reached.add(nxt)
                    stack.append(nxt)
    acts = frozenset(activity[si] for si in reached)
    return [Deficit(slot, acts, len(reach_c), len(reached))]


def max_matching(options: dict[int, list[str]]) -> dict[str, int]:
    """A maximum matching of items to candidates (augmenting paths; items with
    the fewest options first, each item's options in the order given).
    Returns candidate → item."""
    holder: dict[str, int] = {}

    def augment(item: int, seen: set[str]) -> bool:
        for c in options[item]:
            if c in seen:
                continue
            seen.add(c)
            if c not in holder or augment(holder[c], seen):
                holder[c] = item
                return True
        return False

    for item in sorted(options, key=lambda i: (len(options[i]), i)):
        augment(item, set())
    return holder


@dataclass(frozen=True)
class WeekDeficit:
    """Over the week, the sessions of ``pairs`` (slot, activity) need more
    people than ``capacity``: one session at a time each, within their
    weekly limits."""

    pairs: frozenset[tuple[Slot, str]]
    capacity: int
    sessions: int


def week_deficit(
    sessions: Iterable[PlannedSession],
    candidates: Callable[[str, Slot], Iterable[str]],
    weekly: Callable[[str], int],
) -> WeekDeficit | None:
    """The Hall deficit of the whole week, by maximum flow: source → session
    → (person, slot) → person → sink, with one session per person and slot
    and ``weekly(person)`` per week. When the flow leaves sessions out, the
    source side of the minimum cut holds every candidate (person, slot) of
    its sessions (those arcs are uncapped), so "sessions of its (slot,
    activity) pairs ≤ its (person, slot) nodes whose person lies outside it
    + the weekly limits of the persons inside it" holds for every staffing
    of any plan. None when every session can be served."""
    from ortools.graph.python import max_flow

    planned = list(sessions)
    flow = max_flow.SimpleMaxFlow()
    node: dict[object, int] = {}

    def at(key: object) -> int:
        return node.setdefault(key, len(node))

    source, sink = at("source"), at("sink")
    big = len(planned) + 1
    for s in planned:
        flow.add_arc_with_capacity(source, at(("s", s.index)), 1)
        for pid in set(candidates(s.activity, s.slot)):
            first = ("ps", pid, s.slot) not in node
            flow.add_arc_with_capacity(at(("s", s.index)), at(("ps", pid, s.slot)), big)
            if first:
                flow.add_arc_with_capacity(at(("ps", pid, s.slot)), at(("p", pid)), 1)
    for key, index in list(node.items()):
        if isinstance(key, tuple) and key[0] == "p":
            flow.add_arc_with_capacity(index, sink, max(0, weekly(key[1])))
    if flow.solve(source, sink) != flow.OPTIMAL or flow.optimal_flow() == len(planned):
        return None
    side = set(flow.get_source_side_min_cut())
    inside = {key: i in side for key, i in node.items()}
    pairs = frozenset((s.slot, s.activity) for s in planned if inside[("s", s.index)])
    capacity = sum(
        1
        for key, ins in inside.items()
        if ins
        and isinstance(key, tuple)
        and key[0] == "ps"
        and not inside[("p", key[1])]
    ) + sum(
        max(0, weekly(key[1]))
        for key, ins in inside.items()
        if ins and isinstance(key, tuple) and key[0] == "p"
    )
    count = sum(1 for s in planned if (s.slot, s.activity) in pairs)
    if count <= capacity:
        return None
    return WeekDeficit(pairs, capacity, count)
