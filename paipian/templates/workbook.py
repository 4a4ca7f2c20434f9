"""Excel workbooks of the template: one data sheet, then a 填写说明 sheet.

The data sheet comes first because the loader reads a workbook's first sheet.
Each header carries its explanation as a cell comment; coded columns get a
drop-down list (openpyxl ``DataValidation``); id-like columns are formatted as
text so Excel does not turn ``3-1`` into a date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from paipian.templates.columns import Column

ROWS_WITH_LISTS = 2000  # drop-downs reach this far down the sheet
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
TEXT_FORMAT = "@"


def write_table_workbook(
    path: Path,
    *,
    sheet_title: str,
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, object]],
    guide_title: str,
    guide_notes: Sequence[str],
) -> None:
    """Write one table as ``path``: data sheet with lists, then 填写说明."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title
    _data_sheet(sheet, columns, rows)
    _guide_sheet(book.create_sheet("填写说明"), guide_title, guide_notes, columns)
    book.save(path)


def _data_sheet(
    sheet: Worksheet, columns: Sequence[Column], rows: Iterable[Mapping[str, object]]
) -> None:
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        note = column.meaning + ("（必填）" if column.required else "（选填）")
        cell.comment = Comment(note, "paipian", width=320, height=140)
        sheet.column_dimensions[letter].width = max(column.width, 8)
        if not column.number:
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
        if column.choices:
            sheet.add_data_validation(_drop_down(column, letter))
    for line, row in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = row.get(column.key)
            if value is None or value == "":
                continue
            cell = sheet.cell(row=line, column=index, value=value)
            if not column.number:
                cell.number_format = TEXT_FORMAT
    sheet.freeze_panes = "B2"


def _drop_down(column: Column, letter: str) -> DataValidation:
    """A list validation; strict for coded values, a suggestion otherwise."""
    listed = ",".join(column.choices)
    check = DataValidation(
        type="list",
        formula1=f'"{listed}"',
        allow_blank=True,
        showDropDown=False,  # (sic) False shows the arrow in Excel
        showErrorMessage=column.only_choices,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle="请从下拉列表中选择",
        error=f"只能填：{'、'.join(column.choices)}"[:255],
        promptTitle=(column.zh or column.key)[:32],
        prompt=column.meaning[:255],
    )
    check.add(f"{letter}2:{letter}{ROWS_WITH_LISTS}")
    return check


def _guide_sheet(
    sheet: Worksheet, title: str, notes: Sequence[str], columns: Sequence[Column]
) -> None:
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    line = 2
    for note in notes:
        line += 1
        sheet.cell(row=line, column=1, value=note)
    line += 2
    headers = ("列名", "必填", "怎么填", "下拉选项")
    for index, text in enumerate(headers, start=1):
        cell = sheet.cell(row=line, column=index, value=text)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for column in columns:
        line += 1
        sheet.cell(row=line, column=1, value=column.header)
        sheet.cell(row=line, column=2, value="必填" if column.required else "选填")
        sheet.cell(row=line, column=3, value=column.meaning)
        listed = "、".join(column.choices)
        if listed and not column.only_choices:
            listed += "（也可填其他）"
        sheet.cell(row=line, column=4, value=listed or None)
        sheet.cell(row=line, column=3).alignment = Alignment(wrap_text=True)
    for letter, width in zip("ABCD", (22, 8, 80, 40), strict=True):
        sheet.column_dimensions[letter].width = width
