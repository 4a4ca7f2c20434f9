"""`paipian init DIR`: write a template school for a 教务 to fill in.

DIR must not exist or be empty; the template (instance.yaml with Chinese
comments, the students/staff/rooms workbooks with drop-down lists and a 填写说明
sheet, the parents' survey template) is written all at once or not at all.
It validates and solves as written. Exit 0, or 2 when DIR is taken.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from paipian.commands.common import EXIT_BAD_INPUT, EXIT_OK, err
from paipian.templates import TemplateError, write_template
from paipian.templates.writer import INSTANCE


def command(
    folder: Annotated[
        Path, typer.Argument(help="新建的文件夹（不存在或为空）/ a new or empty folder")
    ],
    as_json: Annotated[
        bool,
        typer.Option("--json", help="在标准输出打印 JSON / print JSON to stdout"),
    ] = False,
    lang: Annotated[
        str, typer.Option("--lang", help="提示语言 zh|en / message language")
    ] = "zh",
) -> None:
    """生成学校数据模板 / write a template school to fill in."""
    if lang not in ("zh", "en"):
        err.print(f"--lang 只能是 zh 或 en / --lang must be zh or en: {lang!r}")
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        written = write_template(folder)
    except TemplateError as exc:
        err.print(f"[red]✗[/] {exc.en if lang == 'en' else exc.zh}")
        if as_json:
            _emit({"ok": False, "error_zh": exc.zh, "error_en": exc.en, "files": []})
        raise typer.Exit(EXIT_BAD_INPUT) from None
    instance = folder / INSTANCE
    if lang == "en":
        err.print(f"[green]✓[/] template school written to {folder}:")
    else:
        err.print(f"[green]✓[/] 已在「{folder}」生成学校数据模板：")
    for path in written:
        err.print(f"    {path.name}")
    if lang == "en":
        err.print(
            "Replace the example rows with your school's data (each workbook's "
            f"填写说明 sheet explains every column), then run:\n"
            f"    paipian validate {instance}"
        )
    else:
        err.print(
            "请把示例数据改成本校数据"
            "（每个 Excel 的「填写说明」工作表逐列说明怎么填），"
            f"然后运行：\n    paipian validate {instance}"
        )
    if as_json:
        _emit({"ok": True, "files": [str(p) for p in written]})
    raise typer.Exit(EXIT_OK)


def _emit(payload: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
