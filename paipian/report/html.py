"""排片表.html: one self-contained, print-ready page (inline CSS and SVG, no network).

It shows the school's week at a glance, a grid per grade and per staff
member, the 分批离校表, and two pictures: each staff member's weekly 课时
against their target, and a room × slot utilisation heatmap (head count ÷
capacity). Public: head counts only, never a student's name or id.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from paipian.data import ProblemData
from paipian.io.atomic import write_text_atomic
from paipian.report.departures import departures_table
from paipian.report.labels import block_label, day_label, room_label, staff_label, t
from paipian.report.rows import (
    Grid,
    Table,
    grade_grids,
    room_utilisation,
    slot_label,
    staff_grids,
    weekly_load,
)
from paipian.solution import Solution

TIMETABLE_HTML = "排片表.html"

# Simplified-Chinese fonts that ship with each system, best first: Windows
# (微软雅黑, 黑体, 宋体), macOS (苹方, 冬青黑体, 华文黑体), Linux (Noto/Source Han,
# 文泉驿, Droid fallback); the generic families last. SVG text inherits it.
FONT_STACK = (
    '"Microsoft YaHei","微软雅黑","PingFang SC","Hiragino Sans GB","STHeiti",'
    '"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Source Han Sans CN",'
    '"WenQuanYi Micro Hei","WenQuanYi Zen Hei","Droid Sans Fallback",'
    '"SimHei","SimSun","Noto Sans CJK JP",sans-serif'
)

CSS = (
    """
body{font-family:"""
    + FONT_STACK
    + """;
 margin:16px;color:#222;font-size:12px}
svg text{font-family:inherit}"""
)
CSS += """
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:18px 0 6px;
 border-bottom:2px solid #4a7ebb} h3{font-size:13px;margin:10px 0 4px}
table{border-collapse:collapse;margin-bottom:8px;width:100%}
th,td{border:1px solid #999;padding:3px 5px;vertical-align:top;text-align:left}
th{background:#ddebf7} td.cell{min-width:120px}
td.cell div{padding:1px 0;border-bottom:1px dotted #ccc}
td.cell div:last-child{border-bottom:none}
.meta{color:#555} .chart{margin:6px 0 12px}
section.view{break-inside:avoid}
@media print{
 @page{size:A4 landscape;margin:10mm}
 body{margin:0;font-size:10px}
 h2{break-before:page} h2:first-of-type{break-before:auto}
 section.view{break-inside:avoid;page-break-inside:avoid}
 a{color:inherit;text-decoration:none}
}
"""


def _grid_html(grid: Grid, kind: str) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in grid.col_labels)
    body = []
    for label, row in zip(grid.row_labels, grid.cells, strict=True):
        cells = "".join(
            '<td class="cell">'
            + "".join(f"<div>{escape(line)}</div>" for line in c.split("\n") if line)
            + "</td>"
            for c in row
        )
        body.append(f"<tr><th>{escape(label)}</th>{cells}</tr>")
    return (
        f'<section class="view"><h3>{escape(grid.title)}</h3>'
        f'<table class="grid" data-kind="{kind}" data-key="{escape(grid.key)}">'
        f"<thead><tr><th>{escape(grid.corner)}</th>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></section>"
    )


def _table_html(table: Table, kind: str) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in table.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
        for row in table.rows
    )
    return (
        f'<table class="list" data-kind="{kind}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _overview(data: ProblemData, solution: Solution, lang: str) -> str:
    """Sessions and head count per slot: the school's week at a glance."""
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for s in solution.sessions:
        n, m = counts.get(s.slot, (0, 0))
        counts[s.slot] = (n + 1, m + len(s.students))
    rows = []
    for b in data.calendar.blocks:
        cells = []
        for d in data.calendar.days:
            n, m = counts.get((d, b.id), (0, 0))
            text = f"{n} sessions, {m} students" if lang == "en" else f"{n} 场 · {m} 人"
            cells.append(text)
        rows.append(tuple(cells))
    grid = Grid(
        title=t("html_overview", lang),
        key="school",
        corner=t("block", lang),
        col_labels=tuple(day_label(d, lang) for d in data.calendar.days),
        row_labels=tuple(slot_label(data, b.id, lang) for b in data.calendar.blocks),
        cells=tuple(rows),
    )
    return _grid_html(grid, "school")


def workload_targets(
    data: ProblemData, loads: dict[str, float]
) -> dict[str, float | None]:
    """Target 课时 per shown staff member: target_per_week, else the teachers' mean."""
    teachers = [p for p in data.staff if p.kind == "teacher" and p.available]
    mean = (
        sum(loads.get(p.id, 0.0) for p in teachers) / len(teachers) if teachers else 0
    )
    out: dict[str, float | None] = {}
    for p in data.staff:
        if p.is_duty:
            continue
        if loads.get(p.id, 0.0) <= 0 and p not in teachers:
            continue
        if p.target_per_week is not None:
            out[p.id] = float(p.target_per_week)
        else:
            out[p.id] = mean if p.kind == "teacher" else None
    return out


def workload_svg(data: ProblemData, solution: Solution, lang: str = "zh") -> str:
    """Horizontal bars of weekly 课时 per staff member, a red tick at the target."""
    loads = weekly_load(data, solution)
    targets = workload_targets(data, loads)
    label_w, bar_w, row_h, top = 190, 560, 18, 24
    top_value = max(
        [loads.get(s, 0.0) for s in targets]
        + [v for v in targets.values() if v is not None]
        + [1.0]
    )
    scale = bar_w / (top_value * 1.1)
    height = top + row_h * len(targets) + 24
    parts = [
        f'<svg id="workload-chart" class="chart" xmlns="http://www.w3.org/2000/svg" '
        f'width="{label_w + bar_w + 80}" height="{height}" role="img" '
        f'aria-label="{escape(t("html_workload", lang))}">',
        f'<text x="{label_w}" y="14" font-size="11">{escape(t("hours_per_week", lang))}'
        f"（{escape(t('target', lang))} |）</text>",
    ]
    for i, (sid, target) in enumerate(targets.items()):
        y = top + i * row_h
        load = loads.get(sid, 0.0)
        name = escape(staff_label(data, sid))
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 12}" font-size="11" '
            f'text-anchor="end">{name}</text>'
        )
        parts.append(
            f'<rect class="bar" data-staff="{escape(sid)}" x="{label_w}" y="{y + 3}" '
            f'width="{load * scale:.1f}" height="{row_h - 6}" fill="#4a7ebb">'
            f"<title>{name}: {load:.2f}</title></rect>"
        )
        parts.append(
            f'<text x="{label_w + load * scale + 4:.1f}" y="{y + 12}" '
            f'font-size="10">{load:.2f}</text>'
        )
        if target is not None:
            x = label_w + target * scale
            parts.append(
                f'<line class="target" x1="{x:.1f}" x2="{x:.1f}" y1="{y + 1}" '
                f'y2="{y + row_h - 1}" stroke="#d62728" stroke-width="2"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _heat_colour(value: float) -> str:
    if value > 1:
        return "#d62728"
    v = max(0.0, min(1.0, value))
    r = int(255 - v * (255 - 33))
    g = int(255 - v * (255 - 102))
    b = int(255 - v * (255 - 172))
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap_svg(data: ProblemData, solution: Solution, lang: str = "zh") -> str:
    """Rooms × (day, block): each cell coloured by head count ÷ capacity."""
    util = room_utilisation(data, solution)
    used = {room for room, _, _ in util}
    rooms = [r.id for r in data.rooms if r.id in used] + sorted(
        used - set(data.room_by_id)
    )
    slots = data.calendar.slots
    label_w, cell_w, cell_h, top = 130, 46, 18, 34
    width = label_w + cell_w * len(slots) + 10
    height = top + cell_h * len(rooms) + 10
    parts = [
        f'<svg id="room-heatmap" class="chart" xmlns="http://www.w3.org/2000/svg" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(t("html_heatmap", lang))}">'
    ]
    for j, (day, block) in enumerate(slots):
        x = label_w + j * cell_w + cell_w / 2
        parts.append(
            f'<text x="{x:.0f}" y="12" font-size="10" text-anchor="middle">'
            f"{escape(day_label(day, lang))}</text>"
            f'<text x="{x:.0f}" y="26" font-size="9" text-anchor="middle">'
            f"{escape(block_label(data, block, lang))}</text>"
        )
    for i, room in enumerate(rooms):
        y = top + i * cell_h
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 13}" font-size="10" text-anchor="end">'
            f"{escape(room_label(data, room))}</text>"
        )
        for j, (day, block) in enumerate(slots):
            value = util.get((room, day, block))
            fill = "#f4f4f4" if value is None else _heat_colour(value)
            tip = "" if value is None else f"{value:.0%}"
            parts.append(
                f'<rect class="heat" x="{label_w + j * cell_w}" y="{y}" '
                f'width="{cell_w - 1}" height="{cell_h - 1}" fill="{fill}">'
                f"<title>{escape(room_label(data, room))} {tip}</title></rect>"
            )
            if value is not None:
                colour = "#fff" if value > 0.6 else "#222"
                parts.append(
                    f'<text x="{label_w + j * cell_w + cell_w / 2:.0f}" y="{y + 13}" '
                    f'font-size="9" text-anchor="middle" fill="{colour}">{tip}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)


def render_html(data: ProblemData, solution: Solution, lang: str = "zh") -> str:
    """The whole page as one string."""
    school = escape(data.school.name)
    term = escape(data.term.name)
    total = sum(len(s.students) for s in solution.sessions)
    meta = escape(t("master_count", lang, n=len(solution.sessions), m=total))
    sections = [
        f"<h1>{school} {escape(t('html_title', lang))}</h1>",
        f'<p class="meta">{term} · {meta}</p>',
        _overview(data, solution, lang),
        f'<h2 id="grades">{escape(t("html_grades", lang))}</h2>',
        *(_grid_html(g, "grade") for g in grade_grids(data, solution, lang)),
        f'<h2 id="departures">{escape(t("sheet_departures", lang))}</h2>',
        _table_html(departures_table(data, lang), "departures"),
        f'<h2 id="workload">{escape(t("html_workload", lang))}</h2>',
        f'<p class="meta">{escape(t("html_workload_note", lang))}</p>',
        workload_svg(data, solution, lang),
        f'<h2 id="heatmap">{escape(t("html_heatmap", lang))}</h2>',
        heatmap_svg(data, solution, lang),
        f'<h2 id="staff">{escape(t("html_staff", lang))}</h2>',
        *(_grid_html(g, "staff") for g in staff_grids(data, solution, lang)),
    ]
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
        f"<title>{school} {escape(t('html_title', lang))}</title>"
        f"<style>{CSS}</style></head><body>\n"
        + "\n".join(sections)
        + "\n</body></html>\n"
    )


def write_html(
    data: ProblemData, solution: Solution, out_dir: Path, lang: str = "zh"
) -> Path:
    """Write 排片表.html into ``out_dir`` atomically."""
    path = Path(out_dir) / TIMETABLE_HTML
    write_text_atomic(path, render_html(data, solution, lang))
    return path
