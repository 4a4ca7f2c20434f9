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
    holder: dict[str, int] = {}  # candidate → session index it serves

    def augment(si: int, seen: set[str]) -> bool:
        for c in options[si]:
            if c in seen:
                continue
            seen.add(c)
            if c not in holder or augment(holder[c], seen):
                holder[c] = si
                return True
        return False

    unmatched = [
        s.index
        for s in sorted(sessions, key=lambda s: len(options[s.index]))
        if not augment(s.index, set())
    ]
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
