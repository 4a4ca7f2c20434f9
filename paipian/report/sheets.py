"""Writing ``Table`` and ``Grid`` into openpyxl sheets and CSV files.

Every sheet gets a frozen header, column widths, wrapped text with rows tall
enough for it, and an A4 landscape, fit-to-width print set-up with the school,
term and sheet in the page header and page numbers in the footer; a workbook
opens on a 目录 sheet linking to every sheet. Every text cell is neutralised
(``safe.neutralise``); every file is written atomically.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from paipian.io.atomic import write_text_atomic, write_with
from paipian.report.rows import Grid, Table
from paipian.report.safe import neutralise

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

HEADER_STYLE, BODY_STYLE, ROW_HEAD_STYLE = "pp-header", "pp-body", "pp-row-head"


def _ensure_styles(wb: Workbook) -> None:
    """Register the named styles once: far faster than styling cell by cell."""
    if HEADER_STYLE in wb.named_styles:
        return
    wb.add_named_style(
        NamedStyle(
            HEADER_STYLE,
            font=HEADER_FONT,
            fill=HEADER_FILL,
            alignment=CENTER,
            border=BORDER,
        )
    )
    wb.add_named_style(NamedStyle(BODY_STYLE, alignment=WRAP_TOP, border=BORDER))
    wb.add_named_style(
        NamedStyle(
            ROW_HEAD_STYLE,
            font=HEADER_FONT,
            fill=HEADER_FILL,
            alignment=WRAP_TOP,
            border=BORDER,
        )
    )


_BAD_TITLE = re.compile(r"[\[\]:*?/\\']")


def cell_value(value: object) -> object:
    """A value openpyxl can store safely: no control characters, no formula."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return neutralise(value)


def sheet_title(name: str, used: set[str]) -> str:
    """An Excel-legal, unique sheet name (≤31 characters, no ``[]:*?/\\'``)."""
    base = _BAD_TITLE.sub("_", name).strip() or "Sheet"
    base = base[:31]
    title, n = base, 2
    while title.lower() in used:
        suffix = f"~{n}"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(title.lower())
    return title


def print_setup(ws: Worksheet, title_rows: str) -> None:
    """A4 landscape, fit to one page wide, header rows repeated on each page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4


@functools.lru_cache(maxsize=1 << 16)
def _text_width(line: str) -> int:
    # A CJK character is about two Latin ones wide. Cached: a large school's
    # workbooks measure the same activity, room and class names some 130,000
    # times (3,000 students: 1.3 s of the 7 s their outputs took).
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in line)


def _autowidth(values: Iterable[object]) -> int:
    widest = 4
    for v in values:
        for line in str(v if v is not None else "").split("\n"):
            widest = max(widest, _text_width(line))
    return min(widest + 2, 60)


LINE_HEIGHT = 15  # points per wrapped line at the default 11-point font


def fit_row_heights(ws: Worksheet, first_row: int = 1, minimum: float = 0) -> None:
    """Give each row from ``first_row`` the height its wrapped text needs.

    Excel does not grow a row for wrapped text written by a library, so a
    printed class list would be cut off: count the lines each cell wraps to
    at its column's width and set the row's height from the tallest.
    """
    widths = {
        letter: (dim.width or 8.43) for letter, dim in ws.column_dimensions.items()
    }
    merged = {
        (r, c)
        for rng in ws.merged_cells.ranges
        for r in range(rng.min_row, rng.max_row + 1)
        for c in range(rng.min_col, rng.max_col + 1)
    }
    for row in ws.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if cell.value is None or (cell.row, cell.column) in merged:
                continue
            width = max(1.0, widths.get(cell.column_letter, 8.43) - 1)
            wrapped = sum(
                max(1, math.ceil(_text_width(part) / width))
                for part in str(cell.value).split("\n")
            )
            lines = max(lines, wrapped)
        if lines > 1 or minimum:
            r = row[0].row
            current = ws.row_dimensions[r].height or 0
            ws.row_dimensions[r].height = max(current, minimum, LINE_HEIGHT * lines + 3)


def page_furniture(ws: Worksheet, school: str, term: str, lang: str = "zh") -> None:
    """Page header (school, term, sheet) and footer (page N of M) for printing."""

    def clean(text: str) -> str:  # '&' starts a header code in Excel
        return text.replace("&", "&&")[:80]

    ws.oddHeader.left.text = clean(f"{school} {term}".strip())
    ws.oddHeader.right.text = "&A"  # the sheet's name
    ws.oddFooter.center.text = "Page &P of &N" if lang == "en" else "第 &P 页，共 &N 页"
    ws.evenHeader.left.text = ws.oddHeader.left.text
    ws.evenHeader.right.text = ws.oddHeader.right.text
    ws.evenFooter.center.text = ws.oddFooter.center.text


def add_contents_sheet(
    wb: Workbook, title: str, heading: str, used: set[str], lang: str = "zh"
) -> Worksheet:
    """A 目录 sheet first in ``wb``, one link per other sheet (in order)."""
    _ensure_styles(wb)
    ws = wb.create_sheet(sheet_title(title, used), 0)
    ws.append([cell_value(heading)])
    ws["A1"].font = TITLE_FONT
    ws.append(
        ["No." if lang == "en" else "序号", "Sheet" if lang == "en" else "工作表"]
    )
    for cell in ws[2]:
        cell.style = HEADER_STYLE
    for i, other in enumerate(wb.worksheets[1:], start=1):
        ws.append([i, other.title])
        cell = ws.cell(ws.max_row, 2)
        quoted = other.title.replace("'", "''")
        # An in-workbook link (location), not an external file target.
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!A1")
        cell.style = "Hyperlink"
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 40
    ws.freeze_panes = "A3"
    print_setup(ws, "1:2")
    ws.page_setup.orientation = "portrait"
    return ws


def add_table_sheet(
    wb: Workbook, table: Table, used: set[str], heading: str = ""
) -> Worksheet:
    """A sheet with ``table``: header on row 1 (frozen), rows below, note after.

    With a ``heading`` (school, term, table) it sits on row 1 and the header
    moves to row 2.
    """
    _ensure_styles(wb)
    ws = wb.create_sheet(sheet_title(table.title, used))
    top = 1
    if heading:
        ws.append([cell_value(heading)])
        ws["A1"].font = TITLE_FONT
        top = 2
    ws.append([cell_value(h) for h in table.header])
    for cell in ws[top]:
        cell.style = HEADER_STYLE
    for row in table.rows:
        ws.append([cell_value(v) for v in row])
    for row_cells in ws.iter_rows(min_row=top + 1, max_row=len(table.rows) + top):
        for cell in row_cells:
            cell.style = BODY_STYLE
    if table.note:
        ws.append([])
        ws.append([cell_value(table.note)])
    for i in range(len(table.header)):
        letter = get_column_letter(i + 1)
        if i < len(table.widths):
            ws.column_dimensions[letter].width = table.widths[i]
        else:
            column = [table.header[i]] + [r[i] for r in table.rows if i < len(r)]
            ws.column_dimensions[letter].width = _autowidth(column)
    ws.freeze_panes = f"A{top + 1}"
    if table.rows:
        ws.auto_filter.ref = (
            f"A{top}:{get_column_letter(len(table.header))}{len(table.rows) + top}"
        )
    print_setup(ws, f"1:{top}")
    fit_row_heights(ws, top + 1)
    return ws


def add_grid_sheet(
    wb: Workbook, grid: Grid, used: set[str], prefix: str = "", heading: str = ""
) -> Worksheet:
    """A week grid: title on row 1 (after ``heading``: school and term), days on
    row 2, one row per block (frozen), each as tall as its wrapped text."""
    name = f"{prefix}-{grid.title}" if prefix else grid.title
    _ensure_styles(wb)
    ws = wb.create_sheet(sheet_title(name, used))
    ws.append([cell_value(f"{heading} {grid.title}".strip())])
    ws["A1"].font = TITLE_FONT
    ws.append([cell_value(grid.corner), *(cell_value(c) for c in grid.col_labels)])
    for cell in ws[2]:
        cell.style = HEADER_STYLE
    for label, row in zip(grid.row_labels, grid.cells, strict=True):
        ws.append([cell_value(label), *(cell_value(c) for c in row)])
        r = ws.max_row
        for cell in ws[r]:
            cell.style = BODY_STYLE
        ws.cell(r, 1).style = ROW_HEAD_STYLE
        lines = max((str(c).count("\n") + 1 for c in row if c), default=1)
        ws.row_dimensions[r].height = max(30, 16 * lines * 1.6)
    ws.column_dimensions["A"].width = 20
    for i in range(len(grid.col_labels)):
        ws.column_dimensions[get_column_letter(i + 2)].width = 38
    ws.freeze_panes = "B3"
    print_setup(ws, "1:2")
    fit_row_heights(ws, 3)
    return ws


def new_workbook() -> Workbook:
    """An openpyxl workbook without its default empty sheet."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    return wb


def save_workbook(wb: Workbook, path: Path) -> Path:
    """Save ``wb`` to ``path`` atomically."""
    write_with(path, lambda tmp: wb.save(tmp))
    return path


def csv_text(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """CSV text (CRLF, every text cell neutralised) for Excel on Windows."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return buf.getvalue()


def write_csv(
    path: Path, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> Path:
    """UTF-8 with BOM so Excel on Chinese Windows opens it; atomic."""
    write_text_atomic(path, csv_text(header, rows), encoding="utf-8-sig")
    return path


def write_table_csv(path: Path, table: Table) -> Path:
    return write_csv(path, table.header, table.rows)
