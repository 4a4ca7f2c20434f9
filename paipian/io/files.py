"""Reading table files: bytes, text encodings, CSV records and XLSX rows.

Each reader returns a ``Grid`` of (editor line, cells), header first, or
``None`` after reporting why the file cannot be read.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from pathlib import Path
from typing import Any

from paipian.errors import Location
from paipian.io.issues import Issues

MAX_TABLE_BYTES = 64 * 1024 * 1024

Grid = list[tuple[int, list[Any]]]  # (editor line, cells), header first


def decode_text(payload: bytes) -> str | None:
    """UTF-8 (with or without BOM), else GB18030; ``None`` if neither."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return payload.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_bytes(path: Path, display: str, issues: Issues) -> bytes | None:
    """The file's bytes, or a located error for a missing/unreadable/huge file."""
    try:
        if path.is_dir():
            issues.error(
                Location(display),
                "这是一个文件夹，不是文件",
                "this is a folder, not a file",
            )
            return None
        if path.stat().st_size > MAX_TABLE_BYTES:
            issues.error(Location(display), "文件过大", "the file is too large")
            return None
        return path.read_bytes()
    except FileNotFoundError:
        issues.error(Location(display), "找不到该文件", "file not found")
    except OSError as exc:
        issues.error(
            Location(display),
            f"无法读取该文件（{exc.strerror or exc}）",
            f"cannot read the file ({exc.strerror or exc})",
        )
    return None


def read_csv(path: Path, display: str, issues: Issues) -> Grid | None:
    payload = read_bytes(path, display, issues)
    if payload is None:
        return None
    content = decode_text(payload)
    if content is None or "\x00" in content:
        issues.error(
            Location(display),
            "无法按文本读取：请在 Excel 中另存为「CSV UTF-8」或 .xlsx",
            "not readable as text: save it from Excel as 'CSV UTF-8' or .xlsx",
        )
        return None
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(
        io.StringIO(content, newline=""), delimiter=delimiter, strict=True
    )
    grid: Grid = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            issues.error(
                Location(display, line=start),
                f"CSV 格式有误（多半是引号不成对）：{exc}",
                f"malformed CSV (most likely an unbalanced quote): {exc}",
            )
            return None
        grid.append((start, [c.strip() for c in cells]))
    return grid


def read_xlsx(path: Path, display: str, issues: Issues) -> Grid | None:
    if read_bytes(path, display, issues) is None:
        return None
    try:
        import openpyxl

        with warnings.catch_warnings():  # openpyxl warns about Excel extensions
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            grid: Grid = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [v.strip() if isinstance(v, str) else v for v in values]
                grid.append((number, cells))
        finally:
            book.close()
    except (zipfile.BadZipFile, KeyError, IndexError, ValueError, TypeError, OSError):
        issues.error(
            Location(display),
            "无法作为 Excel 工作簿（.xlsx）读取，请在 Excel 中重新另存",
            "cannot be read as an Excel workbook (.xlsx); save it again from Excel",
        )
        return None
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        issues.error(
            Location(display),
            f"无法作为 Excel 工作簿（.xlsx）读取：{type(exc).__name__}",
            f"cannot be read as an Excel workbook (.xlsx): {type(exc).__name__}",
        )
        return None
    return grid
