"""Named fixture schools for every test layer (builders in ``tests/factories.py``).

- ``tiny`` / ``tiny_solution``: the default school of ``make_data()`` (1 day,
  2 blocks, grade 3 with four students) and a valid hand-made timetable.
- ``tiny_external`` / ``tiny_external_solution``: the same school whose club
  ``BALL`` may be led only by the external coach ``X1`` with teacher ``T2``
  assisting (H09).
- ``complete`` / ``complete_solution``: a 2-day, 2-block school that exercises
  every hard rule: grades 1 and 3, homework and quality drop-ins, a remedial
  group, a club meeting twice a week led by an external, an outdoor field
  with an indoor backup, a closed club, a closed room, duty staff.

Each ``*_solution`` passes the checker with no hard violation (asserted in
``tests/checker/test_checker_fixtures.py``).
"""

from __future__ import annotations

import pytest
from schools import (
    complete_data,
    complete_timetable,
    tiny_data,
    tiny_external_data,
    tiny_external_timetable,
    tiny_timetable,
)

from paipian.data import ProblemData
from paipian.solution import Solution


@pytest.fixture
def tiny() -> ProblemData:
    """The default small school (see ``tiny_data``)."""
    return tiny_data()


@pytest.fixture
def tiny_solution() -> Solution:
    """A valid timetable for ``tiny``."""
    return tiny_timetable()


@pytest.fixture
def tiny_external() -> ProblemData:
    """``tiny`` with an external club leader who needs an assistant (H09)."""
    return tiny_external_data()


@pytest.fixture
def tiny_external_solution() -> Solution:
    """A valid timetable for ``tiny_external``."""
    return tiny_external_timetable()


@pytest.fixture
def complete() -> ProblemData:
    """The school that exercises every rule (see ``complete_data``)."""
    return complete_data()


@pytest.fixture
def complete_solution() -> Solution:
    """A valid timetable for ``complete``."""
    return complete_timetable()
