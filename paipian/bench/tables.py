"""The rows as pandas tables: per school, medians per group, side by side.

``frame`` holds one row per (school, method) — the long form every table is
pivoted from. ``per_school`` sets the engine beside the planted timetable and
the first-come-first-served baseline; ``per_group`` takes medians over seeds;
``side_by_side`` is ``paipian bench``'s comparison of methods with ratios to
the baseline; ``problems`` lists what must never happen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from paipian.bench.runs import SOLVER_METHODS, Row

TOLERANCE = 1e-6
TOTAL = "全部 / total"
WHOLE = {"students", "limit", "runs", "found", "violations"}
"""Columns printed as whole numbers (medians of counts included)."""

METRICS = {
    "violations": "viol",
    "load_sd": "sd",
    "first_choice": "1st%",
    "room_use": "room%",
}


def frame(rows: Iterable[Row]) -> pd.DataFrame:
    """The long table: one row per (school, method)."""
    return pd.DataFrame([r.to_dict() for r in rows])


def rows_of(df: pd.DataFrame) -> list[Row]:
    """Rows back from ``frame`` (e.g. read from a benchmark's CSV)."""
    out = []
    for record in df.to_dict(orient="records"):
        clean: dict[str, Any] = {
            str(k): (None if pd.isna(v) else v) for k, v in record.items()
        }
        clean["found"] = bool(clean.get("found"))
        for text in ("status", "violated", "error"):
            clean[text] = clean.get(text) or ""
        out.append(Row(**clean))
    return out


def _col(wide: pd.DataFrame, column: str, method: str) -> pd.Series:
    if (column, method) in wide.columns:
        return wide[(column, method)]
    return pd.Series(float("nan"), index=wide.index)


def per_school(df: pd.DataFrame) -> pd.DataFrame:
    """One line per school: the engine's run against the planted timetable
    (ratios: objective and bound over the planted objective, must be ≤ 1 for
    the bound) and the metrics of engine / planted / fcfs side by side."""
    wide = df.pivot_table(
        index=["group", "school"],
        columns="method",
        values=[
            "students",
            "limit",
            "found",
            "first_feasible",
            "seconds",
            "objective",
            "bound",
            "peak_mb",
            *METRICS,
        ],
        aggfunc="first",
    )
    planted_obj = _col(wide, "objective", "planted")
    engine_obj = _col(wide, "objective", "engine").astype(float)
    bound = _col(wide, "bound", "engine").astype(float)
    out = pd.DataFrame(index=wide.index)
    out["students"] = _col(wide, "students", "fcfs")
    out["limit"] = _col(wide, "limit", "engine")
    out["found"] = _col(wide, "found", "engine").fillna(False).astype(bool)
    out["first_s"] = _col(wide, "first_feasible", "engine")
    out["time_s"] = _col(wide, "seconds", "engine")
    out["obj/planted"] = engine_obj / planted_obj
    out["bound/planted"] = bound / planted_obj
    out["gap%"] = (100 * (engine_obj - bound) / engine_obj.abs()).clip(lower=0)
    out["obj/fcfs"] = engine_obj / _col(wide, "objective", "fcfs")
    for column, short in METRICS.items():
        for method in ("engine", "planted", "fcfs"):
            out[f"{short} {method}"] = _col(wide, column, method)
    out["peak_mb"] = _col(wide, "peak_mb", "engine")
    return out.reset_index().sort_values(["students", "school"], kind="stable")


def per_group(schools: pd.DataFrame) -> pd.DataFrame:
    """Medians per profile (or folder) of ``per_school``; ``found`` as k/n."""
    numeric = schools.drop(columns=["school", "found"]).groupby("group").median()
    found = schools.groupby("group")["found"].agg(lambda s: f"{int(s.sum())}/{len(s)}")
    runs = schools.groupby("group").size().rename("runs")
    table = pd.concat([found, runs, numeric], axis=1).reset_index()
    return table.sort_values("students", kind="stable").reset_index(drop=True)


def side_by_side(df: pd.DataFrame, methods: Iterable[str]) -> pd.DataFrame:
    """Per school and method: whether a timetable was found, violations,
    workload sd, first choices, room use, time — and each as a ratio to the
    baseline (``fcfs``) of the same school. A last block ``全部 / total``
    counts timetables found, sums violations and time, and averages the
    metrics over the schools where the method found a timetable."""
    methods = list(methods)
    keep = df[df["method"].isin(methods)].copy()
    keep["time_s"] = keep["seconds"]
    keep["runs"] = 1
    cols = ["violations", "load_sd", "first_choice", "room_use", "time_s"]
    ratios = ["load_sd", "first_choice", "room_use", "time_s"]
    base = keep[keep["method"] == "fcfs"].set_index("school")[cols]
    total = (
        keep.groupby("method", sort=False)
        .agg(
            runs=("runs", "sum"),
            found=("found", "sum"),
            violations=("violations", "sum"),
            load_sd=("load_sd", "mean"),
            first_choice=("first_choice", "mean"),
            room_use=("room_use", "mean"),
            time_s=("time_s", "sum"),
        )
        .reset_index()
    )
    total["school"] = TOTAL
    keep = pd.concat([keep, total], ignore_index=True)
    if "fcfs" in set(total["method"]):
        base.loc[TOTAL] = total.set_index("method").loc["fcfs", cols]
    for c in ratios:
        keep[f"{c}/fcfs"] = keep[c] / keep["school"].map(base[c])
    keep["method"] = pd.Categorical(keep["method"], methods, ordered=True)
    order = list(dict.fromkeys(keep["school"]))
    keep["school"] = pd.Categorical(keep["school"], order, ordered=True)
    keep["found"] = keep["found"].astype(int)
    shown = ["school", "method", "runs", "found", *cols, *(f"{c}/fcfs" for c in ratios)]
    table = keep.sort_values(["school", "method"])[shown].reset_index(drop=True)
    table["school"] = table["school"].astype(str)
    table["method"] = table["method"].astype(str)
    return table


def targets(schools: pd.DataFrame, slack_s: float = 5.0) -> pd.DataFrame:
    """Issue 8's targets, each as met/of over the schools it concerns."""
    found = schools["found"].astype(bool)
    near_2100 = schools["students"].between(1800, 2400)
    big = schools["students"] > 2400
    checks = [
        ("timetable found", found, schools.index == schools.index),
        (
            f"within limit + {slack_s:g} s",
            schools["time_s"] <= schools["limit"] + slack_s,
            schools["time_s"].notna(),
        ),
        ("objective ≤ 0.8 × planted", schools["obj/planted"] <= 0.8, found),
        ("workload sd ≤ planted", schools["sd engine"] <= schools["sd planted"], found),
        (
            "first choice ≥ planted",
            schools["1st% engine"] >= schools["1st% planted"],
            found,
        ),
        (
            "bound ≤ planted objective",
            schools["bound/planted"] <= 1 + TOLERANCE,
            schools["bound/planted"].notna(),
        ),
        ("gap ≤ 5 % at ~2,100", schools["gap%"] <= 5, found & near_2100),
        (
            "first timetable ≤ 10 s at ~2,100",
            schools["first_s"] <= 10,
            found & near_2100,
        ),
        (
            "peak memory ≤ 2 GB above 2,400",
            schools["peak_mb"] <= 2048,
            big & schools["peak_mb"].notna(),
        ),
    ]
    out = []
    for name, met, among in checks:
        among = pd.Series(among, index=schools.index).astype(bool)
        n = int(among.sum())
        k = int((met.fillna(False).astype(bool) & among).sum())
        out.append({"target": name, "met": f"{k}/{n}", "ok": k == n})
    return pd.DataFrame(out)


def problems(rows: Iterable[Row]) -> list[str]:
    """What must never happen: a valid timetable (engine, heuristic, planted)
    with a hard violation; the checker's objective differing from the
    solver's; a bound above the engine's own objective or above the planted
    (valid) timetable's objective — bound/planted must stay ≤ 1."""
    rows = list(rows)
    planted = {
        r.school: r.objective
        for r in rows
        if r.method == "planted" and r.objective is not None
    }
    out = []
    for r in rows:
        where = f"{r.school} {r.method}"
        if r.method in ("planted", *SOLVER_METHODS) and r.found and r.violations:
            out.append(f"{where}: {r.violations} hard violations ({r.violated})")
        if r.method not in SOLVER_METHODS:
            continue
        if r.found and r.objective is not None:
            claimed = r.solver_objective
            if claimed is None or abs(r.objective - claimed) > TOLERANCE:
                out.append(
                    f"{where}: checker objective {r.objective} ≠ solver's {claimed}"
                )
            if r.bound is not None and r.bound > r.objective + TOLERANCE:
                out.append(f"{where}: bound {r.bound} > objective {r.objective}")
        ref = planted.get(r.school)
        if r.bound is not None and ref is not None and r.bound > ref + TOLERANCE:
            out.append(
                f"{where}: bound {r.bound:,.0f} > planted objective {ref:,.0f} "
                f"(bound/planted {r.bound / ref if ref else float('inf'):.3f})"
            )
    return out


def markdown(table: pd.DataFrame, digits: int = 2) -> str:
    """A GitHub table (pandas' own needs ``tabulate``, not a dependency)."""

    def cell(v: object, whole: bool) -> str:
        if isinstance(v, bool):
            return "yes" if v else "no"
        if isinstance(v, int | float):
            if pd.isna(v):
                return "-"
            if whole or abs(v) >= 1000:
                return f"{v:,.0f}"
            return f"{v:.{digits}f}"
        return str(v)

    names = [str(c) for c in table.columns]
    whole = [n in WHOLE or n.startswith("viol") for n in names]
    head = "| " + " | ".join(names) + " |"
    rule = "|" + "|".join("---" for _ in names) + "|"
    body = [
        "| " + " | ".join(cell(v, w) for v, w in zip(row, whole, strict=True)) + " |"
        for row in table.itertuples(index=False)
    ]
    return "\n".join([head, rule, *body])
