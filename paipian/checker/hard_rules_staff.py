"""Hard rules about staff: H08, H09, H11.

One function per rule, each returning located violations.
"""

from __future__ import annotations

from collections import Counter

from paipian.checker.violation import (
    Places,
    Violation,
    day_en,
    day_zh,
    session_where,
    violation,
)
from paipian.data import ProblemData
from paipian.domain import STAFF_KIND_ZH
from paipian.solution import Session, Solution


def check_h08(data: ProblemData, solution: Solution) -> list[Violation]:
    """H08 教师意愿: workers only in offered slots, leaders only for activities
    they may lead, one session at a time, ≤ ``max_per_week`` sessions, ≥1
    leader per session, health/admin never work sessions, staff ids known.

    Amount: 1 per session without a leader, per unknown id, per duty-kind
    worker, per unavailable worker, per leader not allowed to lead;
    k − 1 per (staff, slot) worked k times; sessions over ``max_per_week``.
    """
    places = Places(data)
    out = []
    busy: Counter[tuple[str, str, str]] = Counter()
    worked: Counter[str] = Counter()

    def add(s: Session, pid: str | None, amount: int, zh: str, en: str) -> None:
        where = session_where(s, staff=pid) if pid else session_where(s)
        zh_full = f"{places.session_zh(s)}：{zh}"
        out.append(
            violation("H08", where, amount, zh_full, f"{places.session_en(s)}: {en}")
        )

    for s in solution.sessions:
        act = data.activity_by_id.get(s.activity)
        if not s.staff:
            add(s, None, 1, "没有负责教师", "no leader")
        for pid in s.workers:
            busy[(s.day, s.block, pid)] += 1
        for pid in set(s.workers):
            worked[pid] += 1
        for pid in s.workers:
            p = data.staff_by_id.get(pid)
            if p is None:
                add(
                    s,
                    pid,
                    1,
                    f"人员编号 {pid} 不在教职工名单中",
                    f"unknown staff {pid}",
                )
                continue
            if p.is_duty:
                kind = STAFF_KIND_ZH.get(p.kind, p.kind)
                add(
                    s,
                    pid,
                    1,
                    f"{kind} {pid} 只负责值守，不得带班或做助教",
                    f"{p.kind} staff {pid} serves duty only",
                )
                continue
            if not p.is_available(s.day, s.block):
                add(s, pid, 1, f"{pid} 未报名该时段", f"{pid} did not offer this slot")
            if pid in s.staff and act is not None and not act.may_lead(p):
                add(
                    s,
                    pid,
                    1,
                    f"{pid} 不能负责「{act.name}」",
                    f"{pid} may not lead {act.id}",
                )
    for (day, block, pid), k in sorted(busy.items()):
        if k > 1:
            out.append(
                violation(
                    "H08",
                    {"day": day, "block": block, "staff": pid},
                    k - 1,
                    f"{places.slot_zh(day, block)} {pid} 同时在 {k} 个活动中",
                    f"{places.slot_en(day, block)}: {pid} works {k} sessions at once",
                )
            )
    for pid, n in sorted(worked.items()):
        p = data.staff_by_id.get(pid)
        if p is not None and not p.is_duty and n > p.max_per_week:
            out.append(
                violation(
                    "H08",
                    {"staff": pid},
                    n - p.max_per_week,
                    f"{pid} 本周 {n} 次，超过上限 {p.max_per_week} 次",
                    f"{pid} works {n} sessions, more than {p.max_per_week}",
                )
            )
    return out


def check_h09(data: ProblemData, solution: Solution) -> list[Violation]:
    """H09 校外人员: externals work only when cleared through ``term.end``; a
    session with an external leader has an ``assistant`` of kind teacher.

    Amount: 1 per (uncleared external, session); 1 per session led by an
    external without a teacher assistant (an unknown assistant id is H08's).
    """
    places = Places(data)
    out = []
    for s in solution.sessions:
        for pid in dict.fromkeys(s.workers):
            p = data.staff_by_id.get(pid)
            if (
                p is not None
                and p.is_external
                and not p.external_cleared(data.term.end)
            ):
                out.append(
                    violation(
                        "H09",
                        session_where(s, staff=pid),
                        1,
                        f"{places.session_zh(s)}：校外人员 {pid} "
                        "资质、背景审查或有效期不合格",
                        f"{places.session_en(s)}: external {pid} is not cleared "
                        "(qualification, background check or expiry)",
                    )
                )
        led_by_external = any(
            (p := data.staff_by_id.get(pid)) is not None and p.is_external
            for pid in s.staff
        )
        if not led_by_external:
            continue
        if s.assistant is None:
            ok, why = False, ("没有配备本校助教", "has no school-teacher assistant")
        else:
            a = data.staff_by_id.get(s.assistant)
            ok = a is None or a.kind == "teacher"
            why = (
                f"助教 {s.assistant} 不是本校教师",
                f"assistant {s.assistant} is not a school teacher",
            )
        if not ok:
            out.append(
                violation(
                    "H09",
                    session_where(s),
                    1,
                    f"{places.session_zh(s)}：校外人员带班，{why[0]}",
                    f"{places.session_en(s)}: led by an external, {why[1]}",
                )
            )
    return out


def check_h11(data: ProblemData, solution: Solution) -> list[Violation]:
    """H11 安全值守: each service day with present students has ≥1 health and
    ≥1 admin on duty, each of that kind and available in every block of the
    day in which a student is present.

    Amount: 1 per (day, kind) without a valid duty; 1 per invalid duty entry
    (unknown staff, wrong kind, or not available when students are present).
    """
    places = Places(data)
    out = []
    required = []
    if data.rules.require_health_staff:
        required.append("health")
    if data.rules.require_admin_duty:
        required.append("admin")
    for day in data.calendar.days:
        blocks = [
            b.id for b in data.calendar.blocks if data.students_present(day, b.id)
        ]
        entries = [d for d in solution.duty if d.day == day]
        valid_kinds = set()
        for d in entries:
            p = data.staff_by_id.get(d.staff)
            where = {"day": day, "staff": d.staff}
            if p is None or p.kind != d.kind or d.kind not in ("health", "admin"):
                actual = "未知" if p is None else STAFF_KIND_ZH.get(p.kind, p.kind)
                out.append(
                    violation(
                        "H11",
                        where,
                        1,
                        f"{day_zh(day)} 值守 {d.staff}（{actual}）"
                        f"不能担任{STAFF_KIND_ZH.get(d.kind, d.kind)}值守",
                        f"{day_en(day)}: {d.staff} ({p.kind if p else 'unknown'}) "
                        f"cannot serve {d.kind} duty",
                    )
                )
                continue
            missing = [b for b in blocks if not p.is_available(day, b)]
            if missing:
                slots = "、".join(places.slot_zh(day, b) for b in missing)
                out.append(
                    violation(
                        "H11",
                        where,
                        1,
                        f"{day_zh(day)} 值守 {d.staff} 在 {slots} 不在岗",
                        f"{day_en(day)}: duty {d.staff} unavailable in "
                        f"{', '.join(missing)}",
                    )
                )
                continue
            valid_kinds.add(d.kind)
        if not blocks:
            continue
        for kind in required:
            if kind not in valid_kinds:
                label = STAFF_KIND_ZH[kind]
                out.append(
                    violation(
                        "H11",
                        {"day": day},
                        1,
                        f"{day_zh(day)} 有学生在校，但没有{label}值守",
                        f"{day_en(day)}: students present but no {kind} duty",
                    )
                )
    return out
