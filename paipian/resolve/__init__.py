"""Re-solve after a survey: the previous timetable, pins, changes, fairness.

``previous`` reads the earlier solution and matches it to the new data by id;
``changes`` counts and lists what changed (FORMAT.md *Re-solve*); ``fairness``
keeps the carry-over ledger between rounds. Nothing here imports ortools.
"""

from paipian.resolve.changes import Changes, compare, count_changes
from paipian.resolve.previous import (
    PinIssue,
    Previous,
    build_previous,
    load_previous,
    parse_keep,
    pins_not_held,
)

__all__ = [
    "Changes",
    "PinIssue",
    "Previous",
    "build_previous",
    "compare",
    "count_changes",
    "load_previous",
    "parse_keep",
    "pins_not_held",
]
