"""The infeasibility report as Markdown (不可行报告.md) and on the terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from paipian.catalogue import RULE_BY_ID, RULE_NAME_EN, RULE_NAME_ZH
from paipian.data import ProblemData
from paipian.domain import (
    DAY_EN,
    DAY_ZH,
    GRADE_ZH,
    block_label_zh,
)
from paipian.solution import CoreItem, Infeasibility, Suggestion

TEXT = {
    "zh": {
        "title": "不可行报告",
        "intro": "按现有数据无法排出满足全部硬性规定的排片表。"
        "下列规定在所列位置无法同时满足：",
        "rules": "相互冲突的规定",
        "fix": "修改建议",
        "rule": "规定",
        "where": "位置",
        "need": "需要",
        "have": "现有",
        "what": "说明",
        "none": "（暂无可自动给出的建议，请根据上表调整数据。）",
        "school": "学校",
        "codes": "规定说明",
    },
    "en": {
        "title": "Infeasibility report",
        "intro": "No timetable satisfies every hard rule with these data. "
        "These rules cannot all hold at the places listed:",
        "rules": "Colliding rules",
        "fix": "Suggested changes",
        "rule": "Rule",
        "where": "Where",
        "need": "Need",
        "have": "Have",
        "what": "Details",
        "none": "(No automatic suggestion; adjust the data per the table above.)",
        "school": "School",
        "codes": "What the rules say",
    },
}


def place_text(where: Mapping[str, str], data: ProblemData, lang: str = "zh") -> str:
    """``周三第2时段 三年级`` / ``Wed block 2, grade 3`` for a ``where`` map."""
    parts = []
    day, block = where.get("day"), where.get("block")
    if day:
        label = DAY_EN.get(day, day) if lang == "en" else DAY_ZH.get(day, day)
        if block and block in data.calendar.block_by_id:
            idx = data.calendar.block_index(block)
            label += f" block {idx + 1}" if lang == "en" else block_label_zh(idx)
        parts.append(label)
    if "grade" in where:
        g = int(where["grade"])
        parts.append(f"grade {g}" if lang == "en" else GRADE_ZH.get(g, f"{g}年级"))
    if "class" in where:
        cls = data.class_by_id.get(where["class"])
        parts.append(cls.name if cls and lang != "en" else where["class"])
    for key, label_zh in (("activity", "活动"), ("staff", "人员"), ("room", "场地")):
        if key in where:
            parts.append(
                f"{key} {where[key]}" if lang == "en" else f"{label_zh} {where[key]}"
            )
    if "student" in where:
        parts.append(
            f"student {where['student']}"
            if lang == "en"
            else f"学生 {where['student']}"
        )
    return " ".join(parts) or "—"


def _num(v: float | None) -> str:
    if v is None:
        return "—"
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.1f}"


def rule_statement(rule: str, lang: str = "zh") -> str:
    """The rule's one-line statement from ``paipian.catalogue``; "" for an
    unknown code."""
    info = RULE_BY_ID.get(rule)
    if info is None:
        return ""
    return info.en if lang == "en" else info.zh


def _rule_label(rule: str, lang: str) -> str:
    names = RULE_NAME_EN if lang == "en" else RULE_NAME_ZH
    return f"{rule} {names.get(rule, '')}".strip()


def _rules_label(rules: tuple[str, ...], lang: str) -> str:
    return ("; " if lang == "en" else "、").join(_rule_label(r, lang) for r in rules)


def findings(core: tuple[CoreItem, ...]) -> list[tuple[tuple[str, ...], CoreItem]]:
    """Core items that say the same thing about the same place, merged.

    A necessary check proves one conflict under several rule codes at once
    (H01 and H09, H01 and H10 and H14); the report shows it once, with all
    its codes, in the order first met.
    """
    merged: dict[tuple[Any, ...], tuple[list[str], CoreItem]] = {}
    for item in core:
        key = (tuple(sorted(item.where.items())), item.message, item.message_en)
        if key in merged:
            rules, _ = merged[key]
            if item.rule not in rules:
                rules.append(item.rule)
        else:
            merged[key] = ([item.rule], item)
    return [(tuple(rules), item) for rules, item in merged.values()]


def rule_legend(core: tuple[CoreItem, ...], lang: str = "zh") -> list[str]:
    """``H09 校外人员：…`` for every rule code the report uses, once each."""
    seen: list[str] = []
    for item in core:
        if item.rule not in seen:
            seen.append(item.rule)
    sep = ": " if lang == "en" else "："
    lines = []
    for rule in seen:
        words = rule_statement(rule, lang)
        lines.append(_rule_label(rule, lang) + (f"{sep}{words}" if words else ""))
    return lines


def _message(item: CoreItem | Suggestion, lang: str) -> str:
    if isinstance(item, CoreItem):
        return item.message_en if lang == "en" and item.message_en else item.message
    return item.detail_en if lang == "en" and item.detail_en else item.detail


def render_markdown(
    infeasibility: Infeasibility, data: ProblemData, lang: str = "zh"
) -> str:
    """The ``不可行报告.md`` text: title, colliding rules with places and
    quantities, and the suggestions."""
    t = TEXT["en" if lang == "en" else "zh"]
    lines = [f"# {t['title']}", ""]
    if data.school.name:
        lines += [
            f"{t['school']}：{data.school.name}"
            if lang != "en"
            else f"{t['school']}: {data.school.name}",
            "",
        ]
    lines += [t["intro"], "", f"## {t['rules']}", ""]
    lines.append(
        f"| {t['rule']} | {t['where']} | {t['need']} | {t['have']} | {t['what']} |"
    )
    lines.append("|---|---|---:|---:|---|")
    for rules, item in findings(infeasibility.core):
        msg = _message(item, lang).replace("|", "／")
        lines.append(
            f"| {_rules_label(rules, lang)} | {place_text(item.where, data, lang)} "
            f"| {_num(item.need)} | {_num(item.have)} | {msg} |"
        )
    lines += ["", f"## {t['codes']}", ""]
    lines += [f"- {line}" for line in rule_legend(infeasibility.core, lang)]
    lines += ["", f"## {t['fix']}", ""]
    if not infeasibility.suggestions:
        lines.append(t["none"])
    for i, s in enumerate(infeasibility.suggestions, 1):
        lines.append(f"{i}. {_message(s, lang)}")
    return "\n".join(lines) + "\n"


def render_rich(
    infeasibility: Infeasibility, data: ProblemData, console: Console, lang: str = "zh"
) -> None:
    """Print the report to ``console`` with a table of the core."""
    t = TEXT["en" if lang == "en" else "zh"]
    console.print(f"[bold red]{t['title']}[/]")
    console.print(t["intro"])
    table = Table(title=t["rules"], show_lines=False)
    for col in ("rule", "where", "need", "have", "what"):
        table.add_column(  # fold: CJK text has no spaces to wrap at, never cut it
            t[col],
            justify="right" if col in ("need", "have") else "left",
            overflow="fold",
        )
    for rules, item in findings(infeasibility.core):
        table.add_row(  # Text: names and ids print as typed, never as markup
            Text(_rules_label(rules, lang)),
            Text(place_text(item.where, data, lang)),
            _num(item.need),
            _num(item.have),
            Text(_message(item, lang)),
        )
    console.print(table)
    console.print(f"[bold]{t['codes']}[/]")
    for line in rule_legend(infeasibility.core, lang):
        console.print(f"  {escape(line)}")
    console.print(f"[bold]{t['fix']}[/]")
    if not infeasibility.suggestions:
        console.print(t["none"])
    for i, s in enumerate(infeasibility.suggestions, 1):
        console.print(f"  {i}. {_message(s, lang)}", markup=False)


def infeasibility_to_dict(infeasibility: Infeasibility) -> dict[str, Any]:
    """The ``infeasibility`` object of the solution JSON (FORMAT.md)."""
    return {
        "core": [
            {
                "rule": c.rule,
                "where": dict(c.where),
                "message": c.message,
                "message_en": c.message_en,
                "need": c.need,
                "have": c.have,
            }
            for c in infeasibility.core
        ],
        "suggestions": [
            {
                "change": s.change,
                "where": dict(s.where),
                "detail": s.detail,
                "detail_en": s.detail_en,
            }
            for s in infeasibility.suggestions
        ],
    }
