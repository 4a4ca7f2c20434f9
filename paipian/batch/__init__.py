"""District runs: many schools at once, locally or on a Dask cluster.

``run_batch(paths, out_dir, options)`` finds the schools, skips those already
solved from the same inputs and options, solves the rest with a runner
(local processes, or Dask with ``scheduler``), writes each school's outputs as
it finishes, and then ``summary.json`` and the district report. Every school
ends with a record, whatever happened to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paipian.batch.discover import BatchError, SchoolTask, SolveOptions, make_tasks
from paipian.batch.events import Event, Finished
from paipian.batch.local import default_jobs, run_local
from paipian.batch.run_one import failed
from paipian.batch.store import load_record, reusable, save_outcome
from paipian.batch.summary import write_summary

__all__ = [
    "BatchError",
    "BatchRun",
    "SolveOptions",
    "default_jobs",
    "run_batch",
]


@dataclass
class BatchRun:
    """What a batch did: a record per school (in discovery order) and which
    schools were taken from an earlier run."""

    records: list[dict[str, Any]]
    skipped: list[str] = field(default_factory=list)
    solved: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def run_batch(
    paths: Iterable[Path],
    out_dir: Path,
    options: SolveOptions,
    jobs: int | None = None,
    scheduler: str | None = None,
    on_event: Callable[[Event], None] | None = None,
    on_plan: Callable[[list[SchoolTask], list[str]], None] | None = None,
    report: bool = True,
) -> BatchRun:
    """Solve every school under ``paths`` into ``out_dir``; see the module doc.

    ``on_plan(tasks, skipped)`` is called once the schools are known;
    ``on_event`` with each runner event. Raises ``BatchError`` only for bad
    arguments (no school found, an unreachable scheduler).
    """
    if options.workers < 1 or (
        options.time_limit is not None and options.time_limit <= 0
    ):
        raise BatchError("--workers 至少为 1，--time-limit 须大于 0")
    tasks = make_tasks(paths, options)
    out_dir.mkdir(parents=True, exist_ok=True)
    records: dict[str, dict[str, Any]] = {}
    todo: list[SchoolTask] = []
    for task in tasks:
        previous = load_record(out_dir / task.name)
        if reusable(previous, task.digest):
            assert previous is not None
            records[task.name] = previous
        else:
            todo.append(task)
    run = BatchRun([], skipped=[t.name for t in tasks if t.name in records])
    if on_plan:
        on_plan(tasks, run.skipped)

    events: Iterator[Event]
    if not todo:
        events = iter(())
    elif scheduler:
        from paipian.batch.dask_runner import run_dask

        events = run_dask(todo, scheduler)
    else:
        events = run_local(todo, jobs or default_jobs(options.workers))

    def ordered() -> list[dict[str, Any]]:
        return [records[t.name] for t in tasks if t.name in records]

    for event in events:
        if isinstance(event, Finished):
            folder = out_dir / event.task.name
            try:
                records[event.task.name] = save_outcome(folder, event.outcome)
            except OSError as exc:  # this school's folder, not the batch
                record = failed(
                    event.task, f"无法写出结果 / cannot write {folder}: {exc}"
                )
                records[event.task.name] = record.record
            run.solved.append(event.task.name)
            write_summary(out_dir, ordered())  # a killed batch still has one
        if on_event:
            on_event(event)
    run.records = ordered()
    run.files.append(write_summary(out_dir, run.records))
    if report:
        from paipian.report.district import write_district_report

        run.files += write_district_report(run.records, out_dir, options.lang)
    return run
