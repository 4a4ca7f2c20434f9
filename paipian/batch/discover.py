"""Find the schools of a batch and fingerprint their inputs.

A PATH is an instance YAML or a folder searched (recursively) for
``instance.yaml``. Each school gets an output folder named after the folder
that holds its YAML; two schools in folders of the same name get ``-2``,
``-3`` … in the order of their paths, so the same command always maps a
school to the same folder (which resuming relies on).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

INSTANCE_NAME = "instance.yaml"
# Instance keys that may name a table file beside the YAML (FORMAT.md).
TABLE_KEYS = ("rooms", "staff", "activities", "students")


class BatchError(Exception):
    """Bad batch arguments: no school found, an unreadable PATH."""


@dataclass(frozen=True)
class SolveOptions:
    """The options a school is solved with; part of its fingerprint."""

    time_limit: float | None = None  # None: each school's size decides
    workers: int = 2
    seed: int = 0
    lang: str = "zh"


@dataclass(frozen=True)
class SchoolTask:
    """One school to solve: everything a worker needs, and nothing that
    cannot travel (no open files, no solver objects).

    ``files`` maps names relative to the YAML's folder to their bytes (the YAML
    itself under ``yaml_name``), so a worker without the district's disk can
    still solve the school. ``digest`` fingerprints those bytes and ``options``.
    """

    name: str
    instance: str
    yaml_name: str
    files: Mapping[str, bytes]
    options: SolveOptions
    digest: str


def find_instances(paths: Iterable[Path]) -> list[Path]:
    """The instance YAMLs under ``paths``, each once, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(sorted(path.rglob(INSTANCE_NAME)))
        else:
            raise BatchError(f"找不到 {path} / {path} does not exist")
    unique: dict[Path, Path] = {}
    for p in found:
        unique.setdefault(p.resolve(), p)
    return list(unique.values())


def folder_names(instances: list[Path]) -> list[str]:
    """One output folder name per instance: its folder's name, made unique."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for p in instances:
        base = p.resolve().parent.name or "school"
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return names


def named_tables(yaml_bytes: bytes) -> list[str]:
    """The table files an instance YAML names (relative paths as written).

    A YAML that does not parse names none; loading it reports why.
    """
    try:
        doc = yaml.safe_load(yaml_bytes)
    except Exception:
        return []
    if not isinstance(doc, dict):
        return []
    return [
        doc[key] for key in TABLE_KEYS if isinstance(doc.get(key), str) and doc[key]
    ]


def read_school_files(instance: Path) -> tuple[str, dict[str, bytes]]:
    """The YAML and the table files it names, as ``{relative name: bytes}``.

    A named file that is missing or outside the YAML's folder is left out:
    loading the instance reports it with its location.
    """
    folder = instance.parent.resolve()
    files = {instance.name: instance.read_bytes()}
    for name in named_tables(files[instance.name]):
        target = (folder / name).resolve()
        if target.is_file() and target.is_relative_to(folder):
            files[target.relative_to(folder).as_posix()] = target.read_bytes()
    return instance.name, files


def fingerprint(files: Mapping[str, bytes], options: SolveOptions) -> str:
    """sha256 over every input file (name and bytes) and the solve options."""
    h = hashlib.sha256()
    h.update(json.dumps(asdict(options), sort_keys=True).encode())
    for name in sorted(files):
        h.update(b"\0" + name.encode() + b"\0")
        h.update(hashlib.sha256(files[name]).digest())
    return h.hexdigest()


def make_tasks(paths: Iterable[Path], options: SolveOptions) -> list[SchoolTask]:
    """A task per school found under ``paths``; ``BatchError`` when none."""
    instances = find_instances(paths)
    if not instances:
        raise BatchError(
            f"没有找到任何 {INSTANCE_NAME} / no {INSTANCE_NAME} found under the paths"
        )
    tasks = []
    for instance, name in zip(instances, folder_names(instances), strict=True):
        try:
            yaml_name, files = read_school_files(instance)
        except OSError:
            yaml_name, files = instance.name, {}
        tasks.append(
            SchoolTask(
                name=name,
                instance=str(instance),
                yaml_name=yaml_name,
                files=files,
                options=options,
                digest=fingerprint(files, options),
            )
        )
    return tasks
