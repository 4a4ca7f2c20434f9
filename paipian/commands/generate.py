"""`paipian generate`: write a seeded sample school (and its planted timetable).

The school is built around a timetable that meets every hard rule, so a
solver run on it must find one. Exit 0 on success, 2 for a bad option.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from paipian.commands.common import EXIT_BAD_INPUT, EXIT_OK, err, esc
from paipian.generator import PROFILES, generate, write_instance
from paipian.io.solution_json import write_solution


def command(
    profile: Annotated[
        str,
        typer.Option(
            "--profile", help=f"学校类型 / school profile: {', '.join(PROFILES)}"
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="输出文件夹 / output folder")],
    seed: Annotated[int, typer.Option("--seed", help="随机种子 / random seed")] = 1,
    tightness: Annotated[
        float,
        typer.Option(
            "--tightness",
            help="资源紧张程度 0（宽裕）–1（刚好够用） / 0 generous … 1 barely enough",
        ),
    ] = 0.0,
    with_solution: Annotated[
        bool,
        typer.Option(
            "--with-solution",
            help="同时写出预置的可行排片 solution.json / "
            "also write the planted timetable",
        ),
    ] = False,
    lang: Annotated[
        str, typer.Option("--lang", help="提示语言 zh|en / language")
    ] = "zh",
) -> None:
    """生成示例学校 / write a seeded sample school."""
    en = lang == "en"
    if lang not in ("zh", "en"):
        err.print(
            f"[red]✗[/] --lang 只能是 zh 或 en / must be zh or en: {esc(repr(lang))}"
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    if profile not in PROFILES:
        err.print(
            f"[red]✗[/] 没有学校类型「{esc(profile)}」，可选：{'、'.join(PROFILES)} / "
            f"unknown profile {esc(repr(profile))}"
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    if not 0.0 <= tightness <= 1.0:
        err.print(
            f"[red]✗[/] --tightness 应在 0 到 1 之间 / must lie in 0..1: {tightness}"
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    data, solution = generate(profile, seed, tightness)
    path = write_instance(data, out)
    err.print(
        f"[green]✓[/] wrote {esc(data.school.name)}: {len(data.students)} students, "
        f"{len(data.staff)} staff, {len(data.rooms)} rooms → {esc(path)}"
        if en
        else f"[green]✓[/] 已生成 {esc(data.school.name)}：学生 {len(data.students)} "
        f"人，教职工 {len(data.staff)} 人，场地 {len(data.rooms)} 处 → {esc(path)}"
    )
    if with_solution:
        target = Path(out) / "solution.json"
        write_solution(solution, target)
        n = len(solution.sessions)
        err.print(
            f"[green]✓[/] planted timetable, {n} sessions → {esc(target)}"
            if en
            else f"[green]✓[/] 预置排片 {n} 场 → {esc(target)}"
        )
    raise typer.Exit(EXIT_OK)
