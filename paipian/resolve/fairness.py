"""公平台账.json — the fairness carry-over between survey rounds (issue 9 item 4).

A student who asked for clubs and got none of their ranked choices in a round
*carries* into the next: the re-solve gives them the club seats freed that
round first (``constraints/s6_stability._fairness``), without moving any
member who stays. The ledger sits
next to ``solution.json`` and travels from round to round:

```json
{"schema_version": 1, "round": 3,
 "carry": {"s0007": 2, "s0412": 1}}
```

``carry[id]`` = how many rounds in a row the student got none of their
choices. A served student, or one who no longer ranks any club, leaves the
ledger. Without a ledger beside the previous solution the re-solve derives one
from that solution and the new preferences. The file is written atomically.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from paipian.data import ProblemData
from paipian.io.atomic import write_text_atomic
from paipian.solution import Solution

LEDGER_FILE = "公平台账.json"


@dataclass(frozen=True)
class Ledger:
    round: int
    carry: Mapping[str, int]

    @property
    def carried(self) -> frozenset[str]:
        return frozenset(sid for sid, n in self.carry.items() if n > 0)


@dataclass(frozen=True)
class FairnessCounts:
    """For the summary: how many carried in, how many of them are now served,
    how many carry on into the next round."""

    carried: int
    served: int
    carrying_on: int


def unserved(data: ProblemData, solution: Solution) -> frozenset[str]:
    """Students with at least one valid ranked club who are in none of them."""
    joined: dict[str, set[str]] = {}
    for s in solution.sessions:
        for sid in s.students:
            joined.setdefault(sid, set()).add(s.activity)
    out = set()
    for st in data.students:
        ranked = {a.id for a in data.allowed_club_prefs(st)}
        if ranked and not ranked & joined.get(st.id, set()):
            out.add(st.id)
    return frozenset(out)


def read_ledger(path: Path) -> Ledger | None:
    """The ledger at ``path``; ``None`` when absent or unreadable (a damaged
    ledger never stops a re-solve: it is derived again)."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        carry = {
            str(k): int(v) for k, v in dict(doc.get("carry", {})).items() if int(v) > 0
        }
        return Ledger(int(doc.get("round", 1)), MappingProxyType(carry))
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def ledger_for_previous(
    previous_solution_path: Path, data: ProblemData, previous: Solution
) -> Ledger:
    """The ledger beside the previous solution, else one derived from it."""
    found = read_ledger(Path(previous_solution_path).parent / LEDGER_FILE)
    if found is not None:
        return found
    carry = {sid: 1 for sid in sorted(unserved(data, previous))}
    return Ledger(1, MappingProxyType(carry))


def update(
    ledger: Ledger | None, data: ProblemData, solution: Solution
) -> tuple[Ledger, FairnessCounts]:
    """The ledger after this round's ``solution``, and the summary counts."""
    before = ledger.carry if ledger is not None else {}
    left_out = unserved(data, solution)
    present = data.student_by_id
    carry = {sid: before.get(sid, 0) + 1 for sid in sorted(left_out) if sid in present}
    carried = [sid for sid in before if sid in present]
    served = sum(1 for sid in carried if sid not in left_out)
    new = Ledger(
        (ledger.round + 1) if ledger is not None else 1, MappingProxyType(carry)
    )
    return new, FairnessCounts(len(carried), served, len(carry))


def write_ledger(ledger: Ledger, out_dir: Path) -> Path:
    """Write ``公平台账.json`` into ``out_dir`` atomically; return its path."""
    path = Path(out_dir) / LEDGER_FILE
    doc = {
        "schema_version": 1,
        "round": ledger.round,
        "carry": dict(sorted(ledger.carry.items())),
    }
    write_text_atomic(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return path
