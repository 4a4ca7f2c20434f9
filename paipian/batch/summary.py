"""``summary.json``: one object per school with exactly FORMAT.md's fields."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from paipian.io.atomic import write_text_atomic

SUMMARY_NAME = "summary.json"
SUMMARY_FIELDS = (
    "instance",
    "school",
    "status",
    "students",
    "coverage_pct",
    "hard_violations",
    "clubs_running",
    "workload_sd",
    "room_use_pct",
    "first_choice_pct",
    "objective",
    "bound",
    "seconds",
    "error",
)


def summary_row(record: dict[str, Any]) -> dict[str, Any]:
    """The FORMAT.md fields of a school's record, in FORMAT.md's order."""
    return {key: record.get(key) for key in SUMMARY_FIELDS}


def write_summary(out_dir: Path, records: Iterable[dict[str, Any]]) -> Path:
    """Write ``out_dir/summary.json`` atomically; return its path."""
    path = out_dir / SUMMARY_NAME
    rows = [summary_row(r) for r in records]
    write_text_atomic(path, json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    return path
