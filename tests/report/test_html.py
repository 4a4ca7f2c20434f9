"""排片表.html: self-contained, print-ready; rendered in headless Chromium."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from paipian.data import ProblemData
from paipian.report.html import render_html
from paipian.solution import Solution

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def test_page_is_self_contained(
    example: tuple[ProblemData, Solution], example_outputs: dict[str, Path]
) -> None:
    page = example_outputs["排片表.html"].read_text(encoding="utf-8")
    assert page == render_html(*example)
    for external in ("<script", "<link", "src=", "url(", "@import"):
        assert external not in page
    # The only URL is the SVG namespace, which is never fetched.
    assert set(re.findall(r"https?://[^\"' >]+", page)) <= {
        "http://www.w3.org/2000/svg"
    }
    assert "@media print" in page and "A4 landscape" in page


def test_chromium_renders_tables_and_charts(
    example: tuple[ProblemData, Solution],
    example_outputs: dict[str, Path],
    tmp_path: Path,
) -> None:
    binary = chromium()
    if binary is None:
        pytest.skip("no chromium binary on PATH (apt-get install -y chromium)")
    data, solution = example
    url = example_outputs["排片表.html"].resolve().as_uri()
    common = [binary, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(
        [*common, "--dump-dom", url], capture_output=True, text=True, timeout=120
    ).stdout
    assert dom.count('class="grid" data-kind="grade"') == len(data.grades)
    workers = {p for s in solution.sessions for p in s.workers}
    workers |= {d.staff for d in solution.duty}
    assert dom.count('class="grid" data-kind="staff"') == len(workers)
    assert 'id="workload-chart"' in dom and 'id="room-heatmap"' in dom
    bars = dom.count('class="bar"')
    assert bars >= len({p for s in solution.sessions for p in s.workers})
    assert dom.count('class="target"') > 0
    rooms = {s.room for s in solution.sessions}
    assert dom.count('class="heat"') == len(rooms) * len(data.calendar.slots)
    assert 'data-kind="departures"' in dom

    shot = tmp_path / "page.png"
    subprocess.run(
        [*common, "--window-size=1280,1600", f"--screenshot={shot}", url],
        capture_output=True,
        timeout=120,
    )
    payload = shot.read_bytes()
    assert payload[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", payload[16:24])
    assert (width, height) == (1280, 1600)
    # A blank page compresses to a few kilobytes; tables and charts do not.
    assert len(payload) > 50_000
