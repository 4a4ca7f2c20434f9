"""Tables of an instance: an inline YAML list, or a CSV/XLSX file beside it.

Every row remembers where it came from (file and editor line, or the YAML key
``rooms[3]``), so a problem found later can point at it. Problems go to
``paipian.io.issues.Issues``; nothing here raises on bad input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paipian.errors import Location
from paipian.io.cells import is_blank, show
from paipian.io.files import MAX_ROWS, Grid, read_csv, read_xlsx
from paipian.io.issues import Issues
from paipian.io.spellings import KNOWN_COLUMNS, canonical_header, header_spellings
from paipian.io.suggest import nearest

KNOWN = frozenset(c for columns in KNOWN_COLUMNS.values() for c in columns)


@dataclass
class Row:
    """One record: lower-case column → raw value, and where it sits."""

    cells: dict[str, Any]
    file: str
    line: int | None = None  # file tables: the editor line of the record
    key: str | None = None  # inline tables: ``rooms[3]``
    missing_columns: frozenset[str] = frozenset()
    headers: Mapping[str, str] = field(default_factory=dict)  # column → as spelled

    def loc(self, column: str | None = None) -> Location:
        if self.key is not None:
            return Location(
                self.file, key=f"{self.key}.{column}" if column else self.key
            )
        shown = self.headers.get(column, column) if column else column
        return Location(self.file, line=self.line, column=shown)

    def has(self, column: str) -> bool:
        """Whether the column/key is there at all (it may be blank)."""
        return column in self.cells

    def get(self, column: str) -> Any:
        """The value, trimmed; ``None`` for a missing or blank cell."""
        value = self.cells.get(column)
        if is_blank(value):
            return None
        return value.strip() if isinstance(value, str) else value


@dataclass
class Table:
    """A table's rows and, for files, the header found."""

    name: str
    file: str
    rows: list[Row] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    inline: bool = True
    header_line: int | None = None
    short_rows: list[int] = field(default_factory=list)  # CSV lines cut short

    def check_not_empty(self, issues: Issues, yaml_file: str) -> None:
        """A required table with no row at all is an error, not an empty school."""
        if self.rows:
            return
        if self.inline:
            issues.error(
                Location(yaml_file, key=self.name),
                f"「{self.name}」是空的：至少要有一行",
                f"'{self.name}' is empty: it needs at least one row",
            )
        else:
            issues.error(
                Location(self.file, line=self.header_line),
                "表格只有列名，没有任何数据行",
                "the table has its header but no rows",
            )


def read_table(
    name: str,
    value: Any,
    *,
    base_dir: Path,
    yaml_file: str,
    required: tuple[str, ...],
    issues: Issues,
) -> Table | None:
    """The table under YAML key ``name``: inline list or a file name."""
    where = Location(yaml_file, key=name)
    if isinstance(value, list):
        return _inline_table(name, value, yaml_file, issues)
    if isinstance(value, str) and value.strip():
        found = resolve_table_path(value.strip(), base_dir, yaml_file, where, issues)
        if found is None:
            return None
        path, display = found
        suffix = path.suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            sheet = read_xlsx(
                path, display, issues, lambda head: has_header(name, head, required)
            )
            grid, display = sheet if sheet is not None else (None, display)
        elif suffix in (".csv", ".txt", ".tsv"):
            grid = read_csv(path, display, issues)
        else:
            issues.error(
                where,
                "表格文件应为 .csv 或 .xlsx（旧版 .xls 请在 Excel 中另存为 .xlsx）",
                "a table file must be .csv or .xlsx (save an old .xls as .xlsx)",
                value=value,
            )
            return None
        if grid is None:
            return None
        table = _file_table(name, display, grid, required, issues)
        if table is not None and suffix not in (".xlsx", ".xlsm"):
            _short_rows(table, issues)  # Excel pads its rows; a CSV row may be cut
        return table
    issues.error(
        where,
        "应为表格文件名（如 students.csv）或行的列表",
        "expected a table file name (e.g. students.csv) or a list of rows",
        value=value,
    )
    return None


def resolve_table_path(
    name: str, base_dir: Path, yaml_file: str, where: Location, issues: Issues
) -> tuple[Path, str] | None:
    """The file named in the YAML, which must stay inside the YAML's folder."""
    display = str(Path(yaml_file).parent / name)
    try:
        base = base_dir.resolve()
        path = (base_dir / name).resolve()
    except (OSError, RuntimeError, ValueError):
        issues.error(where, "无法解析该文件路径", "cannot resolve this file path", name)
        return None
    if not path.is_relative_to(base):
        issues.error(
            where,
            "表格文件必须放在 instance.yaml 所在的文件夹（或其子文件夹）中",
            "a table file must be inside the folder of the instance YAML",
            value=name,
        )
        return None
    try:
        found = path.exists()  # a folder or a pipe is refused when read, by name
    except OSError as exc:  # a name over 255 bytes, a permission refused …
        issues.error(
            where,
            f"无法打开这个文件名（{exc.strerror or exc}）",
            f"cannot open a file by this name ({exc.strerror or exc})",
            value=name,
        )
        return None
    if not found:
        issues.error(
            where,
            "找不到该文件，请检查文件名和位置",
            "file not found; check the name and where it is",
            value=name,
        )
        return None
    return path, display


def _inline_table(
    name: str, value: list[Any], yaml_file: str, issues: Issues
) -> Table | None:
    table = Table(name=name, file=yaml_file, inline=True)
    if len(value) > MAX_ROWS:
        issues.error(
            Location(yaml_file, key=name),
            f"超过 {MAX_ROWS:,} 行，不像是一所学校的数据",
            f"over {MAX_ROWS:,} rows, more than any one school",
            value=len(value),
        )
        return None
    for index, item in enumerate(value):
        key = f"{name}[{index}]"
        if not isinstance(item, Mapping):
            issues.error(
                Location(yaml_file, key=key),
                "每一行应是「键: 值」的映射，例如 {id: R101, ...}",
                "each row must be a mapping of key: value, e.g. {id: R101, ...}",
                value=item,
            )
            continue
        cells = {canonical_header(name, str(k)): v for k, v in item.items()}
        table.rows.append(Row(cells=cells, file=yaml_file, key=key))
    return table


def mapping_row(value: Any, display: str, key: str, issues: Issues) -> Row | None:
    """A YAML mapping as a ``Row`` located by key, or an error if it is not one."""
    if not isinstance(value, Mapping):
        issues.error(
            Location(display, key=key),
            "这里应是「键: 值」映射",
            "expected a mapping of key: value here",
            value=value,
        )
        return None
    return Row(
        cells={str(k).strip().lower(): v for k, v in value.items()},
        file=display,
        key=key,
    )


MAX_TITLE_ROWS = 10  # rows a survey export may put above its header


def _file_table(
    name: str, display: str, grid: Grid, required: tuple[str, ...], issues: Issues
) -> Table | None:
    rows = [
        (line, cells) for line, cells in grid if not all(is_blank(c) for c in cells)
    ]
    if not rows:
        issues.error(
            Location(display),
            "文件是空的，第 1 行应为列名",
            "the file is empty; line 1 must hold the column names",
        )
        return None
    at = _header_index(name, rows, required)
    header_line, header_cells = rows[at]
    spelled = [show(c).strip() if not is_blank(c) else "" for c in header_cells]
    header = [canonical_header(name, c) if c else "" for c in spelled]
    seen: set[str] = set()
    for col, original in zip(header, spelled, strict=True):
        if col and col in seen:
            issues.error(
                Location(display, line=header_line, column=original),
                "列名重复，请删除或改名其中一列",
                "duplicate column name; delete or rename one of them",
                value=original,
            )
        seen.add(col)
    found = [c for c in spelled if c]
    missing = frozenset(c for c in required if c not in seen)
    unused = [o for c, o in zip(header, spelled, strict=True) if o and c not in KNOWN]
    for col in required:
        if col in missing:
            _missing_column(name, display, header_line, col, found, unused, issues)
    _near_misses(name, display, header_line, header, spelled, missing, issues)
    originals = {c: o for c, o in zip(header, spelled, strict=True) if c and c != o}
    table = Table(name=name, file=display, columns=tuple(found), inline=False)
    table.header_line = header_line
    width = max((i + 1 for i, c in enumerate(spelled) if c), default=0)
    for line, cells in rows[at + 1 :]:
        if len(cells) < width:
            table.short_rows.append(line)
        extra = [c for c in cells[len(header) :] if not is_blank(c)]
        if extra:
            issues.error(
                Location(display, line=line),
                "这一行的单元格比列名多，请检查是否多了逗号或错位",
                "this row has more cells than there are columns (a stray comma?)",
                value=show(extra[0]),
            )
        row_cells: dict[str, Any] = {}
        for i, col in enumerate(header):
            if col and col not in row_cells:  # a duplicate column keeps its first
                row_cells[col] = cells[i] if i < len(cells) else None
        table.rows.append(
            Row(
                cells=row_cells,
                file=display,
                line=line,
                missing_columns=missing,
                headers=originals,
            )
        )
    return table


def has_header(name: str, grid: Grid, required: tuple[str, ...]) -> bool:
    """Whether the first rows of ``grid`` hold a header with every required
    column (how the table's sheet of a workbook is recognised)."""
    rows = [
        (line, cells) for line, cells in grid if not all(is_blank(c) for c in cells)
    ]
    if not rows:
        return False
    index = _header_index(name, rows, required)
    columns = {
        canonical_header(name, show(c)) for c in rows[index][1] if not is_blank(c)
    }
    return all(col in columns for col in required)


def _header_index(
    name: str, rows: list[tuple[int, list[Any]]], required: tuple[str, ...]
) -> int:
    """The header: the first row holding every required column (FORMAT.md, *Title
    rows*); failing that, the one holding most of them; failing that, the first."""
    best, best_count = 0, 0
    for index, (_, cells) in enumerate(rows[: MAX_TITLE_ROWS + 1]):
        columns = {canonical_header(name, show(c)) for c in cells if not is_blank(c)}
        count = sum(1 for col in required if col in columns)
        if count == len(required):
            return index
        if count > best_count:
            best, best_count = index, count
    return best


def _missing_column(
    name: str,
    display: str,
    line: int,
    column: str,
    found: list[str],
    unused: list[str],
    issues: Issues,
) -> None:
    """A required column is missing: say which header of the file may be it."""
    spellings = header_spellings(name, column)
    accepted = "、".join(spellings)
    hint_zh, hint_en = "", ""
    for header in unused:
        # Containment counts here (星期一课后服务 holds 星期一): the column is
        # missing, so a header that merely contains its name is the best lead.
        if nearest(header, spellings, limit=1, cutoff=70):
            # Suggest the spelling in the user's own script: 学生号 → 学号.
            chinese = not header.isascii() and len(spellings) > 1
            better = spellings[1] if chinese else column
            hint_zh = f"；是否应为 {header} → {better}？"
            hint_en = f"; did you mean {header} → {better}?"
            break
    shown = ", ".join(found) or "（无）"
    issues.error(
        Location(display, line=line, column=column),
        f"缺少必填列「{column}」（可写作 {accepted}）{hint_zh}；文件中的列：{shown}",
        f"required column '{column}' is missing (also spelled "
        f"{', '.join(spellings[1:]) or column}){hint_en}; columns found: "
        f"{', '.join(found) or '(none)'}",
    )


def _near_misses(
    name: str,
    display: str,
    line: int,
    header: list[str],
    spelled: list[str],
    missing: frozenset[str],
    issues: Issues,
) -> None:
    """An unknown header close to a known optional column is a likely typo whose
    data would be lost in silence: warn (missing required ones are errors)."""
    known = KNOWN_COLUMNS.get(name, ())
    present = set(header)
    for col, original in zip(header, spelled, strict=True):
        if not col or col in known:
            continue
        for candidate in known:
            if candidate in present or candidate in missing:
                continue
            spellings = header_spellings(name, candidate)
            if nearest(original, spellings, cutoff=80, whole=True):
                issues.warn(
                    Location(display, line=line, column=original),
                    f"不认识的列，已忽略；是否应为「{candidate}」？",
                    f"unknown column, ignored; did you mean '{candidate}'?",
                    value=original,
                )
                break


def _short_rows(table: Table, issues: Issues) -> None:
    """Rows with fewer cells than the header: a cut line or a lost separator.

    For students the missing cells are read as empty (not that day), which is
    said once; elsewhere each such row is an error (grouped when many).
    """
    lines = table.short_rows
    if not lines:
        return
    if table.name == "students":
        shown = "、".join(map(str, lines[:5])) + ("…" if len(lines) > 5 else "")
        issues.warn(
            Location(table.file, line=lines[0]),
            f"有 {len(lines):,} 行的单元格比列名少（第 {shown} 行）：缺少的格已按空白"
            "处理，即这些天不参加；若不对，请补齐这些行",
            f"{len(lines):,} rows have fewer cells than the header (lines "
            f"{', '.join(map(str, lines[:5]))}): the missing cells were read as "
            "empty, i.e. not those days; complete the rows if that is wrong",
        )
        return
    for line in lines:
        issues.error(
            Location(table.file, line=line),
            "这一行的单元格比列名少（被截断或少了逗号？），请补齐",
            "this row has fewer cells than the header (cut short or a comma "
            "lost?); complete it",
        )
