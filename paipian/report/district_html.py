"""区汇总.html: one self-contained page (inline CSS, SVG and script; no network).

Schools needing attention first, the 监管 figures, two bar charts across the
schools (workload spread, first-choice rate) and the table of every school,
sortable by clicking a column header.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from html import escape
from typing import Any

import pandas as pd

from paipian.report.district import (
    COLUMNS,
    NUMERIC,
    attention,
    oversight,
    school_frame,
    staff_frame,
)

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;
 margin:16px;color:#222;font-size:13px}
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:18px 0 6px;
 border-bottom:2px solid #4a7ebb}
table{border-collapse:collapse;margin-bottom:8px}
th,td{border:1px solid #999;padding:3px 6px;text-align:left}
th{background:#ddebf7;cursor:pointer;user-select:none}
th.asc::after{content:" ▲"} th.desc::after{content:" ▼"}
td.num{text-align:right} td.status{white-space:nowrap}
tr.urgent td.status{background:#f8cbad}
.meta{color:#555} .charts{display:flex;flex-wrap:wrap;gap:24px}
"""

# Click a header to sort by it; numbers as numbers, empty cells last.
SORT_JS = """
document.querySelectorAll("table.sortable th").forEach(function(th){
  th.addEventListener("click", function(){
    var table = th.closest("table"), body = table.tBodies[0], col = th.cellIndex;
    var asc = !th.classList.contains("asc");
    table.querySelectorAll("th").forEach(function(h){h.classList.remove("asc","desc");});
    th.classList.add(asc ? "asc" : "desc");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function(a, b){
      var x = a.cells[col].dataset.v, y = b.cells[col].dataset.v;
      if (x === "" || y === "") return (x === "") - (y === "");
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
      return asc ? c : -c;
    });
    rows.forEach(function(r){body.appendChild(r);});
  });
});
"""


def _fmt(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _table(
    header: Sequence[str], rows: Sequence[Sequence[Any]], urgent: Any = None
) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = []
    for i, row in enumerate(rows):
        cells = []
        for j, value in enumerate(row):
            text = _fmt(value)
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            cls = "num" if numeric else ("status" if j == 2 else "")
            cells.append(
                f'<td class="{cls}" data-v="{escape(text)}">{escape(text)}</td>'
            )
        tr = ' class="urgent"' if urgent is not None and urgent[i] else ""
        body.append(f"<tr{tr}>{''.join(cells)}</tr>")
    return (
        f'<table class="sortable"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def bar_svg(
    title: str, labels: Sequence[str], values: Sequence[float], unit: str
) -> str:
    """A horizontal bar chart as inline SVG, one bar per school."""
    bar, gap, left, width = 16, 4, 180, 300
    top = 24
    height = top + len(labels) * (bar + gap) + 8
    top_value = max([v for v in values if not math.isnan(v)] + [1e-9])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" '
        f'height="{height}" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * (bar + gap)
        parts.append(
            f'<text x="{left - 6}" y="{y + bar - 4}" font-size="11" '
            f'text-anchor="end">{escape(label[:14])}</text>'
        )
        if math.isnan(value):
            continue
        w = max(1.0, width * value / top_value)
        parts.append(
            f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" '
            f'fill="#4a7ebb"><title>{escape(label)}: {value:g}{unit}</title></rect>'
            f'<text x="{left + w + 4:.1f}" y="{y + bar - 4}" font-size="11">'
            f"{value:g}{unit}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def render_district_html(records: Sequence[dict[str, Any]]) -> str:
    """The page as a string."""
    df = school_frame(records)
    staff = staff_frame(records)
    att = attention(df)
    numeric = set(NUMERIC)
    rows = [
        [
            (None if pd.isna(v) else v) if k in numeric else ("" if v is None else v)
            for k, v in zip(COLUMNS, row, strict=True)
        ]
        for row in df[list(COLUMNS)].itertuples(index=False)
    ]
    solved = df[df["workload_sd"].notna()].sort_values("name")
    labels = solved["label"].astype(str).tolist()
    charts = (
        bar_svg("各校教师课时标准差", labels, solved["workload_sd"].tolist(), "")
        + bar_svg(
            "各校社团第一志愿率", labels, solved["first_choice_pct"].tolist(), "%"
        )
        if len(solved)
        else "<p>没有排出排片表的学校，无图可画。</p>"
    )
    attention_rows = att[["school", "name", "status_zh", "coverage_pct", "why"]]
    attention_html = (
        _table(
            ["学校", "文件夹", "状态", "覆盖率%", "原因"],
            attention_rows.values.tolist(),
        )
        if len(att)
        else "<p>没有需要特别关注的学校。</p>"
    )
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>区汇总 · 课后服务排片</title><style>{CSS}</style></head><body>
<h1>区汇总 · 课后服务排片</h1>
<p class="meta">{len(df)} 所学校 · 生成于 {escape(stamp)} · 点击表头可排序</p>
<h2>需关注的学校</h2>
{attention_html}
<h2>监管 / 数据报送</h2>
{_table(["指标", "数值"], oversight(df, staff))}
<h2>各校对比</h2>
<div class="charts">{charts}</div>
<h2>学校一览</h2>
{_table(list(COLUMNS.values()), rows, urgent=(df["urgency"] < 5).tolist())}
<script>{SORT_JS}</script>
</body></html>
"""
