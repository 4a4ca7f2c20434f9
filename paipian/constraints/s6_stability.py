"""S6 稳定 — in a re-solve, change as few assignments as possible.

Not built yet: it needs a previous solution as input, which the re-solve work
will add (``paipian solve --previous``). Until then the term is 0 and this
module only states the rule; ``applies`` says whether it would be built.
"""

from __future__ import annotations

from paipian.constraints import RuleInfo
from paipian.solution import Solution

RULE = RuleInfo(
    "S6",
    "重新排片时尽量少改动（先学生社团，再教职工，再场地）",
    "in a re-solve, the fewest changed assignments against the previous solution",
    (),
)


def applies(previous: Solution | None) -> bool:
    return previous is not None and previous.has_timetable
