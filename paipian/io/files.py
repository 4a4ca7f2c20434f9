"""Reading table files: bytes, text encodings, CSV records and XLSX rows.

Each reader returns a ``Grid`` of (editor line, cells), header first, or
``None`` after reporting why the file cannot be read.
"""

from __future__ import annotations

import csv
import io
import stat
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from paipian.errors import Location
from paipian.io.issues import Issues

MAX_TABLE_BYTES = 20 * 1024 * 1024  # a 5,000-student table is under 1 MB
MAX_ROWS = 20_000  # records in one table: no school has this many students
MAX_COLUMNS = 1_000  # an Excel sheet is read this wide, no wider

Grid = list[tuple[int, list[Any]]]  # (editor line, cells), header first


def decode_text(payload: bytes) -> str | None:
    """UTF-8 (with or without BOM), else GB18030; ``None`` if neither."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return payload.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_bytes(
    path: Path, display: str, issues: Issues, limit: int = MAX_TABLE_BYTES
) -> bytes | None:
    """The file's bytes, or a located error for a missing, unreadable, huge or
    not-a-file path (a folder, a pipe, a device such as /dev/zero)."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            issues.error(
                Location(display),
                "这是一个文件夹，不是文件",
                "this is a folder, not a file",
            )
            return None
        if not stat.S_ISREG(mode):
            issues.error(
                Location(display),
                "这不是普通文件（是管道、设备或套接字），请给出保存在磁盘上的文件",
                "this is not a regular file (a pipe, device or socket); give a "
                "file saved on disk",
            )
            return None
        with path.open("rb") as stream:
            payload = stream.read(limit + 1)
        if len(payload) > limit:
            issues.error(
                Location(display),
                f"文件过大（超过 {limit // (1024 * 1024)} MB），不像是一所学校的数据",
                f"the file is too large (over {limit // (1024 * 1024)} MB) to be "
                "one school's data",
            )
            return None
        return payload
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
            if "field larger than field limit" in str(exc):
                limit = csv.field_size_limit()
                issues.error(
                    Location(display, line=start),
                    f"有一格超过 {limit:,} 个字符：若不是有意为之，多半是这一行起"
                    "某个引号没有配对，把后面的内容都吞进了一格",
                    f"a cell is longer than {limit:,} characters; unless meant, a "
                    "quote opened on this line is never closed and swallows the rest",
                )
            else:
                issues.error(
                    Location(display, line=start),
                    f"CSV 格式有误（多半是引号不成对）：{exc}",
                    f"malformed CSV (most likely an unbalanced quote): {exc}",
                )
            return None
        grid.append((start, [c.strip() for c in cells]))
        if len(grid) > MAX_ROWS:
            _too_many_rows(display, issues)
            return None
    return grid


HEAD_ROWS = 12  # enough to find a header below survey title rows


def _sheet_rows(
    sheet: Any, display: str, issues: Issues, limit: int | None = None
) -> Grid | None:
    """(line, cells) of one sheet; ``limit`` rows only when looking for a header."""
    grid: Grid = []
    rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    for number, values in enumerate(rows, start=1):
        cells = [v.strip() if isinstance(v, str) else v for v in values]
        grid.append((number, cells))
        if limit is not None and len(grid) >= limit:
            break
        if len(grid) > MAX_ROWS:
            _too_many_rows(display, issues)
            return None
    return grid


def _too_many_rows(display: str, issues: Issues) -> None:
    issues.error(
        Location(display),
        f"表格超过 {MAX_ROWS:,} 行，不像是一所学校的数据（是否选错了文件？）",
        f"the table has over {MAX_ROWS:,} rows, more than any one school "
        "(the wrong file?)",
    )


def read_xlsx(
    path: Path,
    display: str,
    issues: Issues,
    wanted: Callable[[Grid], bool] | None = None,
) -> tuple[Grid, str] | None:
    """The rows of the workbook's table sheet, and how to name it in messages.

    That is the first sheet for which ``wanted`` holds (the one with the
    table's header: a template may put its 填写说明 or its drop-down lists
    first), else the first sheet; any sheet but the first is named.
    """
    if read_bytes(path, display, issues) is None:
        return None
    try:
        import openpyxl

        with warnings.catch_warnings():  # openpyxl warns about Excel extensions
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            chosen = book.worksheets[0]
            if wanted is not None and len(book.worksheets) > 1:
                for sheet in book.worksheets:
                    head = _sheet_rows(sheet, display, issues, limit=HEAD_ROWS)
                    if head is not None and wanted(head):
                        chosen = sheet
                        break
            if chosen is not book.worksheets[0]:
                # Lines are counted in that sheet: say which one it is.
                display = f"{display}（工作表 / sheet「{chosen.title}」）"
            grid = _sheet_rows(chosen, display, issues)
            if grid is None:
                return None
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
    return grid, display
