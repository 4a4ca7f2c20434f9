"""区汇总.xlsx and 区汇总.html: a district's schools side by side.

Built from the batch records (one per school; the figures are the checker's).
One row per school, the schools that need attention first, the 监管/数据报送
figures (参与学生数, 参与教师数, 课时 per staff) and charts of the workload
spread and first-choice rate across schools. The aggregation is pandas.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from paipian.batch.run_one import STATUS_ZH
from paipian.io.atomic import write_text_atomic, write_with
from paipian.report.safe import neutralise

DISTRICT_XLSX = "区汇总.xlsx"
DISTRICT_HTML = "区汇总.html"

# Lower = needs attention sooner.
STATUS_URGENCY = {
    "INPUT_ERROR": 0,
    "FAILED": 1,
    "INFEASIBLE": 2,
    "UNKNOWN": 3,
    "FEASIBLE": 5,
    "OPTIMAL": 5,
}
LOWEST_COVERAGE_SHOWN = 5

# record key -> header, in the order of the 学校一览 sheet and table.
COLUMNS: dict[str, str] = {
    "school": "学校",
    "name": "文件夹",
    "status_zh": "状态",
    "students": "学生数",
    "participating_students": "参与学生数",
    "coverage_pct": "覆盖率%",
    "clubs_running": "开设社团",
    "clubs_closed": "未开社团",
    "participating_staff": "参与教师数",
    "hours_per_staff": "人均周课时",
    "workload_sd": "课时标准差",
    "workload_max": "课时最多",
    "room_use_pct": "座位利用率%",
    "first_choice_pct": "第一志愿率%",
    "hard_violations": "硬性违规",
    "reason": "原因（一行）",
    "seconds": "用时（秒）",
}
NUMERIC = (
    "students",
    "participating_students",
    "coverage_pct",
    "clubs_running",
    "clubs_closed",
    "participating_staff",
    "hours_per_staff",
    "workload_sd",
    "workload_max",
    "room_use_pct",
    "first_choice_pct",
    "hard_violations",
    "seconds",
)


def staff_frame(records: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """One row per (school, staff member) with their weekly 课时."""
    rows = [
        (r["name"], r.get("school") or r["name"], pid, kind, hours)
        for r in records
        for pid, kind, hours in r.get("staff_hours") or []
    ]
    return pd.DataFrame(rows, columns=["name", "学校", "工号", "类别", "周课时"])


def school_frame(records: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """One row per school, most urgent first, then by folder name."""
    df = pd.DataFrame.from_records(list(records))
    for key in (*COLUMNS, "status"):
        if key not in df.columns:
            df[key] = None
    df["school"] = df["school"].fillna(df["name"])
    # Generated or sister schools may share a name: the folder tells them apart.
    shared = df["school"].duplicated(keep=False)
    df["label"] = df["school"].where(~shared, df["school"] + "·" + df["name"])
    df["status_zh"] = df["status"].map(STATUS_ZH).fillna(df["status"])
    staff = staff_frame(records)
    working = staff[staff["周课时"] > 0]
    per_staff = working.groupby("name")["周课时"].mean().round(2)
    df["hours_per_staff"] = df["name"].map(per_staff)
    for key in NUMERIC:
        df[key] = pd.to_numeric(df[key], errors="coerce")
    df["reason"] = df["reason"].fillna("").astype(str).str.split("\n").str[0]
    df["urgency"] = df["status"].map(STATUS_URGENCY).fillna(4)
    df.loc[(df["urgency"] >= 5) & (df["hard_violations"] > 0), "urgency"] = 4
    return df.sort_values(
        ["urgency", "coverage_pct", "name"], na_position="first"
    ).reset_index(drop=True)


def attention(df: pd.DataFrame) -> pd.DataFrame:
    """Schools to look at first: no timetable or a broken rule, then the
    lowest coverage among the rest (below 100 %)."""
    urgent = df[df["urgency"] < 5]
    rest = df[(df["urgency"] >= 5) & (df["coverage_pct"] < 100)]
    low = rest.nsmallest(LOWEST_COVERAGE_SHOWN, "coverage_pct")
    out = pd.concat([urgent, low])
    why = out["reason"].where(out["reason"] != "", "覆盖率偏低")
    return out.assign(why=why)


def oversight(df: pd.DataFrame, staff: pd.DataFrame) -> list[tuple[str, object]]:
    """The 监管/数据报送 figures for the whole district."""
    working = staff[staff["周课时"] > 0]
    with_timetable = df[df["status"].isin(["OPTIMAL", "FEASIBLE"])]
    counts = df["status_zh"].value_counts()
    figures: list[tuple[str, object]] = [
        ("学校数", len(df)),
        ("有排片表的学校", len(with_timetable)),
        ("学生数合计（报名）", int(df["students"].sum())),
        ("参与学生数", int(with_timetable["participating_students"].sum())),
        ("参与教师数（带班或助教）", len(working)),
        ("周课时合计", round(float(working["周课时"].sum()), 1)),
        (
            "人均周课时（参与教师）",
            round(float(working["周课时"].mean()), 2) if len(working) else 0,
        ),
        (
            "人均周课时最多的学校",
            str(
                df.sort_values("hours_per_staff", na_position="first").iloc[-1]["label"]
            )
            if df["hours_per_staff"].notna().any()
            else "-",
        ),
        (
            "覆盖率中位数%",
            float(with_timetable["coverage_pct"].median())
            if len(with_timetable)
            else "-",
        ),
    ]
    figures += [(f"状态：{k}", int(v)) for k, v in counts.items()]
    return figures


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
URGENT_FILL = PatternFill("solid", fgColor="F8CBAD")


def _table_sheet(ws: Worksheet, header: list[str], rows: list[list[object]]) -> None:
    ws.append(header)
    for row in rows:
        ws.append([_cell(v) for v in row])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    for i, name in enumerate(header, start=1):
        width = max([len(str(name)) * 2] + [len(str(r[i - 1] or "")) for r in rows])
        ws.column_dimensions[get_column_letter(i)].width = min(max(width, 8), 60)


def _bar_chart(ws: Worksheet, title: str, col: int, n: int, anchor: str) -> None:
    chart = BarChart()
    chart.type = "bar"
    chart.title = title
    chart.legend = None
    chart.height = max(7.0, 0.5 * n + 2)
    chart.width = 18
    chart.add_data(
        Reference(ws, min_col=col, min_row=1, max_row=n + 1), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n + 1))
    ws.add_chart(chart, anchor)


def build_workbook(records: Sequence[dict[str, Any]]) -> Workbook:
    """The 区汇总 workbook: 学校一览, 需关注, 监管数据, 教师课时, 图表."""
    df = school_frame(records)
    staff = staff_frame(records)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "学校一览"
    keys = list(COLUMNS)
    _table_sheet(ws, list(COLUMNS.values()), df[keys].values.tolist())
    for row_idx, urgent in enumerate(df["urgency"] < 5, start=2):
        if urgent:
            ws.cell(row_idx, keys.index("status_zh") + 1).fill = URGENT_FILL

    att = attention(df)
    _table_sheet(
        wb.create_sheet("需关注"),
        ["学校", "文件夹", "状态", "覆盖率%", "原因"],
        att[["school", "name", "status_zh", "coverage_pct", "why"]].values.tolist(),
    )
    _table_sheet(
        wb.create_sheet("监管数据"),
        ["指标", "数值"],
        [list(f) for f in oversight(df, staff)],
    )
    _table_sheet(
        wb.create_sheet("教师课时"),
        ["学校", "工号", "类别", "周课时"],
        staff[["学校", "工号", "类别", "周课时"]].values.tolist(),
    )

    charts = wb.create_sheet("图表")
    solved = df[df["workload_sd"].notna()].sort_values("name")
    _table_sheet(
        charts,
        ["学校", "课时标准差", "第一志愿率%"],
        solved[["label", "workload_sd", "first_choice_pct"]].values.tolist(),
    )
    if len(solved):
        _bar_chart(charts, "各校教师课时标准差", 2, len(solved), "E2")
        _bar_chart(charts, "各校社团第一志愿率 %", 3, len(solved), "E30")
    return wb


def write_district_report(
    records: Sequence[dict[str, Any]], out_dir: Path, lang: str = "zh"
) -> list[Path]:
    """Write 区汇总.xlsx and 区汇总.html into ``out_dir``; return their paths."""
    from paipian.report.district_html import render_district_html

    xlsx = out_dir / DISTRICT_XLSX
    wb = build_workbook(records)
    write_with(xlsx, lambda tmp: wb.save(tmp))
    page = out_dir / DISTRICT_HTML
    write_text_atomic(page, render_district_html(records))
    return [xlsx, page]
