"""A school's output folder: its files, and the record that marks it done.

Every file is written atomically. The record (``batch.json``, holding the
fingerprint of the inputs and options) is written last and removed first, so
a folder with a record always holds the complete outputs of that record; a
run killed half-way leaves a school without one, and the next run redoes it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from paipian.batch.run_one import SOLVED, Outcome
from paipian.io.atomic import write_bytes_atomic, write_text_atomic

RECORD_NAME = "batch.json"


def load_record(folder: Path) -> dict[str, Any] | None:
    """The record a previous run left in ``folder``, or None."""
    try:
        record = json.loads((folder / RECORD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def reusable(record: dict[str, Any] | None, digest: str) -> bool:
    """Whether a previous record stands: same inputs and options, and solved
    (a timetable or a proof there is none). Input errors, failures and
    time-outs are tried again."""
    return (
        record is not None
        and record.get("digest") == digest
        and record.get("status") in SOLVED
    )


def save_outcome(folder: Path, outcome: Outcome) -> dict[str, Any]:
    """Write a school's files, drop those of an earlier run it no longer has,
    then its record; return the record as stored."""
    previous = load_record(folder)
    (folder / RECORD_NAME).unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    for name, payload in outcome.files.items():
        write_bytes_atomic(folder / name, payload)
    for name in (previous or {}).get("files", []):
        if name not in outcome.files and name != RECORD_NAME:
            (folder / Path(name).name).unlink(missing_ok=True)
    record = dict(outcome.record, files=sorted(outcome.files))
    write_text_atomic(
        folder / RECORD_NAME, json.dumps(record, ensure_ascii=False, indent=1)
    )
    return record
