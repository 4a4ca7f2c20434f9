"""``rules:`` and ``weights:`` of an instance, with the defaults of FORMAT.md."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from paipian.catalogue import HARD_RULES, SOFT_RULES, UNDISABLEABLE_RULES, WEIGHT_RULE
from paipian.data import Rules, Weights
from paipian.domain import CATEGORIES, MODES, ROOM_KINDS
from paipian.io import cells
from paipian.io.issues import Issues
from paipian.io.tables import Row, mapping_row

RULE_KEYS = (
    "grades_without_homework",
    "min_quality_per_week",
    "remedial_max_group",
    "forbidden_room_kinds",
    "require_health_staff",
    "require_admin_duty",
    "session_weights",
    "disabled",
)


def parse_rules(value: Any, display: str, issues: Issues) -> Rules:
    """``rules:`` parameters with the defaults of ``paipian.data.Rules``."""
    default = Rules()
    if value is None:
        return default
    row = mapping_row(value, display, "rules", issues)
    if row is None:
        return default
    for key in row.cells:
        if key not in RULE_KEYS:
            issues.warn(
                row.loc(key),
                f"不认识的规则参数，已忽略；可用：{', '.join(RULE_KEYS)}",
                f"unknown rules parameter, ignored; known: {', '.join(RULE_KEYS)}",
            )
    no_homework = default.grades_without_homework
    if row.has("grades_without_homework"):
        no_homework = frozenset(
            issues.cell(row, "grades_without_homework", _int_list, tuple(no_homework))
        )
    min_quality = issues.cell(row, "min_quality_per_week", _count, 1)
    remedial = issues.cell(row, "remedial_max_group", _positive, 15)
    forbidden = default.forbidden_room_kinds
    if row.has("forbidden_room_kinds"):
        forbidden = frozenset(issues.cell(row, "forbidden_room_kinds", cells.items, ()))
        for kind in sorted(forbidden - ROOM_KINDS):
            issues.error(
                row.loc("forbidden_room_kinds"),
                f"未知的场地类型；可用：{', '.join(sorted(ROOM_KINDS))}",
                f"unknown room kind; known: {', '.join(sorted(ROOM_KINDS))}",
                value=kind,
            )
    return Rules(
        grades_without_homework=no_homework,
        min_quality_per_week=min_quality,
        remedial_max_group=remedial,
        forbidden_room_kinds=forbidden,
        require_health_staff=issues.cell(
            row, "require_health_staff", cells.boolean, True
        ),
        require_admin_duty=issues.cell(row, "require_admin_duty", cells.boolean, True),
        session_weights=_session_weights(row, issues),
        disabled=_disabled(row, issues),
    )


def _int_list(value: Any) -> tuple[int, ...]:
    return tuple(cells.integer(v) for v in cells.items(value))


MAX_WEIGHT = 1_000_000  # objective weights; the defaults are 1–20
MAX_SESSION_WEIGHT = 100  # 课时 per session-hour


def _count(value: Any) -> int:
    n = cells.integer(value)
    if n < 0:
        raise cells.CellError("不能为负数", "must not be negative")
    cells.within(n, 0, 21)  # sessions a week: at most one per slot
    return n


def _positive(value: Any) -> int:
    n = cells.integer(value)
    if n < 1:
        raise cells.CellError("应为正整数", "must be a positive whole number")
    cells.within(n, 1, cells.MAX_GROUP)
    return n


def _session_weights(row: Row, issues: Issues) -> Any:
    default = Rules().session_weights
    raw = row.cells.get("session_weights")
    if cells.is_blank(raw):
        return default
    wrow = mapping_row(raw, row.file, "rules.session_weights", issues)
    if wrow is None:
        return default
    weights = dict(default)
    for key in wrow.cells:
        if key not in CATEGORIES | MODES | {"assistant"}:
            issues.warn(
                wrow.loc(key),
                "不认识的课时权重键（应为活动类别、club/drop_in 或 assistant），已忽略",
                "unknown session weight key (a category, club/drop_in or assistant); "
                "ignored",
            )
            continue
        weight = issues.cell(wrow, key, cells.number, None)
        if weight is not None and not 0 <= weight <= MAX_SESSION_WEIGHT:
            issues.error(
                wrow.loc(key),
                f"课时权重应在 0 到 {MAX_SESSION_WEIGHT} 之间",
                f"a weight must be between 0 and {MAX_SESSION_WEIGHT}",
                weight,
            )
        elif weight is not None:
            weights[key] = weight
    return MappingProxyType(weights)


def _disabled(row: Row, issues: Issues) -> frozenset[str]:
    disabled: set[str] = set()
    for rule in issues.cell(row, "disabled", cells.items, ()):
        rule_id = rule.upper()
        if rule_id in UNDISABLEABLE_RULES:
            floor = sorted(UNDISABLEABLE_RULES)
            issues.error(
                row.loc("disabled"),
                f"{rule_id} 不能关闭（{'、'.join(floor)} 是政策底线）",
                f"{rule_id} cannot be disabled ({', '.join(floor)} never can)",
                value=rule,
                rule=rule_id,
            )
        elif rule_id in SOFT_RULES:
            issues.error(
                row.loc("disabled"),
                f"{rule_id} 是优化目标：要关闭请在 weights 中把它的权重设为 0",
                f"{rule_id} is an objective: set its weight to 0 under weights",
                value=rule,
            )
        elif rule_id not in HARD_RULES:
            issues.error(
                row.loc("disabled"),
                f"未知的规则编号，应为 {HARD_RULES[0]}–{HARD_RULES[-1]}",
                f"unknown rule id; use {HARD_RULES[0]} to {HARD_RULES[-1]}",
                value=rule,
            )
        else:
            disabled.add(rule_id)
    return frozenset(disabled)


def parse_weights(value: Any, display: str, issues: Issues) -> Weights:
    """``weights:``: non-negative integers; 0 turns an objective off."""
    if value is None:
        return Weights()
    row = mapping_row(value, display, "weights", issues)
    if row is None:
        return Weights()
    values: dict[str, int] = {}
    for key in row.cells:
        if key not in WEIGHT_RULE:
            issues.error(
                row.loc(key),
                f"未知的目标权重；可用：{', '.join(WEIGHT_RULE)}",
                f"unknown objective weight; known: {', '.join(WEIGHT_RULE)}",
            )
            continue
        weight = issues.cell(row, key, _weight, None, required=True)
        if weight is not None:
            values[key] = weight
    return Weights(**values)


def _weight(value: Any) -> int:
    try:
        n = cells.integer(value)
    except cells.CellError:
        n = -1
    if not 0 <= n <= MAX_WEIGHT:
        raise cells.CellError(
            f"权重应为 0 到 {MAX_WEIGHT:,} 的整数（0 表示关闭该目标）",
            f"a weight is a whole number from 0 to {MAX_WEIGHT:,} (0 turns it off)",
        )
    return n
