"""Fixtures of the io tests; the helpers themselves live in ``loadkit``."""

from __future__ import annotations

from pathlib import Path

import pytest
from loadkit import write_instance


@pytest.fixture
def school(tmp_path: Path) -> Path:
    """The small valid school, written to ``tmp_path``."""
    return write_instance(tmp_path)
