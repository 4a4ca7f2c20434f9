"""排片表.html shows Chinese, not tofu: headless Chromium renders distinct CJK
characters in the report's own font stack, and the screenshots are read back.

Needs Chromium and a CJK font (.ci/run installs chromium and fonts-noto-cjk);
skipped, saying which is missing, when either is absent.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from test_html import FLAGS, chromium

from paipian.data import ProblemData
from paipian.report.html import CSS, FONT_STACK
from paipian.solution import Solution

PROBE = "排片课后服务教师"  # eight distinct characters
CELL = 48  # px: one character per square cell


def _png_pixels(payload: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered rows of an 8-bit RGB(A) PNG (what Chromium
    writes), with only the standard library."""
    assert payload[:8] == b"\x89PNG\r\n\x1a\n"
    pos, data, width = 8, b"", 0
    height = depth = colour = 0
    while pos < len(payload):
        (length,) = struct.unpack(">I", payload[pos : pos + 4])
        kind = payload[pos + 4 : pos + 8]
        chunk = payload[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            data += chunk
        pos += 12 + length
    assert depth == 8 and colour in (2, 6), (depth, colour)
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(data)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, [bytes(r[j] for j in range(0, len(r), bpp)) for r in rows]


def _needs_cjk() -> str:
    binary = chromium()
    if binary is None:
        pytest.skip("no chromium binary on PATH (apt-get install -y chromium)")
    fc_list = shutil.which("fc-list")
    if fc_list is not None:
        fonts = subprocess.run(
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True
        ).stdout
        if not fonts.strip():
            pytest.skip("no CJK font installed (apt-get install -y fonts-noto-cjk)")
    return binary


def _screenshot(binary: str, page: Path, size: str, tmp_path: Path) -> bytes:
    shot = tmp_path / f"{page.stem}.png"
    subprocess.run(
        [
            binary,
            *FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--hide-scrollbars",
            f"--window-size={size}",
            f"--screenshot={shot}",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        timeout=120,
    )
    assert shot.exists(), "chromium wrote no screenshot"
    return shot.read_bytes()


def test_the_font_stack_names_fonts_of_every_system() -> None:
    for family in ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC"):
        assert f'"{family}"' in FONT_STACK
    assert FONT_STACK.endswith("sans-serif") and FONT_STACK in CSS


def test_cjk_characters_render_as_distinct_glyphs(tmp_path: Path) -> None:
    binary = _needs_cjk()
    cells = "".join(
        f'<span style="position:absolute;left:{i * CELL}px;top:0;width:{CELL}px;'
        f'height:{CELL}px;font-size:40px;line-height:{CELL}px">{ch}</span>'
        for i, ch in enumerate(PROBE)
    )
    page = tmp_path / "probe.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<style>{CSS} body{{margin:0;background:#fff}}</style></head>"
        f'<body><div style="position:relative">{cells}</div></body></html>',
        encoding="utf-8",
    )
    width = CELL * len(PROBE)
    payload = _screenshot(binary, page, f"{width},{CELL}", tmp_path)
    w, h, rows = _png_pixels(payload)
    assert (w, h) == (width, CELL)
    glyphs = []
    for i in range(len(PROBE)):
        glyph = b"".join(row[i * CELL : (i + 1) * CELL] for row in rows)
        ink = sum(1 for v in glyph if v < 128)
        assert ink > 40, f"{PROBE[i]} left no ink: nothing rendered"
        glyphs.append(glyph)
    # Tofu draws the same empty box for every character it cannot show.
    assert len(set(glyphs)) == len(PROBE), "CJK characters render as tofu"


def test_the_report_screenshot_has_content(
    example: tuple[ProblemData, Solution],
    example_outputs: dict[str, Path],
    tmp_path: Path,
) -> None:
    binary = _needs_cjk()
    payload = _screenshot(binary, example_outputs["排片表.html"], "1280,900", tmp_path)
    width, height = struct.unpack(">II", payload[16:24])
    assert (width, height) == (1280, 900)
    assert len(payload) > 50_000  # a blank or boxes-only page compresses far smaller
