"""Hard rules about the calendar and groups: H04, H07, H12, H13.

One function per rule, each returning located violations.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from paipian.checker.violation import (
    Places,
    Violation,
    grade_zh,
    head_count,
    session_where,
    violation,
)
from paipian.data import ProblemData
from paipian.domain import CATEGORY_ZH, FORBIDDEN_CATEGORIES, fmt_time
from paipian.solution import Session, Solution


def check_h04(data: ProblemData, solution: Solution) -> list[Violation]:
    """H04 2–3 时段: 2 or 3 blocks, in order and not overlapping; each grade's
    first block starts no earlier than its dismissal; the last block ends no
    earlier than ``parent_off_work``; sessions only in calendar slots.

    Amount: 1 per broken calendar fact; 1 per session outside the calendar.
    """
    cal = data.calendar
    out = []
    n = len(cal.blocks)
    if not 2 <= n <= 3:
        out.append(
            violation(
                "H04",
                {},
                1,
                f"每天应设 2–3 个时段，现为 {n} 个",
                f"a day needs 2-3 blocks, not {n}",
            )
        )
    for a, b in zip(cal.blocks, cal.blocks[1:], strict=False):
        if b.start < a.end or a.end <= a.start:
            out.append(
                violation(
                    "H04",
                    {"block": b.id},
                    1,
                    f"时段 {a.id} 与 {b.id} 重叠或顺序错误",
                    f"blocks {a.id} and {b.id} overlap or are out of order",
                )
            )
    for g in data.grades:
        first = cal.block_by_id.get(g.blocks[0]) if g.blocks else None
        if first is not None and first.start < g.dismissal:
            out.append(
                violation(
                    "H04",
                    {"grade": str(g.grade), "block": first.id},
                    1,
                    f"{grade_zh(g.grade)}第一个时段 {fmt_time(first.start)} 开始，"
                    f"早于放学时间 {fmt_time(g.dismissal)}",
                    f"grade {g.grade}: first block starts {fmt_time(first.start)}, "
                    f"before dismissal {fmt_time(g.dismissal)}",
                )
            )
    if cal.blocks and cal.blocks[-1].end < cal.parent_off_work:
        out.append(
            violation(
                "H04",
                {"block": cal.last_block},
                1,
                f"最后时段 {fmt_time(cal.blocks[-1].end)} 结束，早于家长下班时间 "
                f"{fmt_time(cal.parent_off_work)}",
                f"the last block ends {fmt_time(cal.blocks[-1].end)}, before parents' "
                f"off-work time {fmt_time(cal.parent_off_work)}",
            )
        )
    for s in solution.sessions:
        if s.day not in cal.days or s.block not in cal.block_by_id:
            out.append(
                violation(
                    "H04",
                    session_where(s),
                    1,
                    f"活动 {s.id} 排在不存在的时段 {s.day} {s.block}",
                    f"session {s.id} is in {s.day} {s.block}, not a calendar slot",
                )
            )
    return out


def check_h07(data: ProblemData, solution: Solution) -> list[Violation]:
    """H07 不上新课: no session of a forbidden category (new lessons, exam drill,
    mass remedial); a remedial session holds ≤ ``remedial_max_group``.

    Amount: 1 per forbidden session; students over the limit per remedial one.
    """
    places = Places(data)
    limit = data.rules.remedial_max_group
    out = []
    for s in solution.sessions:
        act = data.activity_by_id.get(s.activity)
        if act is None:
            continue
        if act.category in FORBIDDEN_CATEGORIES:
            out.append(
                violation(
                    "H07",
                    session_where(s),
                    1,
                    f"{places.session_zh(s)}：禁止的活动类别「"
                    f"{CATEGORY_ZH.get(act.category, act.category)}」",
                    f"{places.session_en(s)}: forbidden category {act.category}",
                )
            )
        n = head_count(s)
        if act.category == "remedial" and n > limit:
            out.append(
                violation(
                    "H07",
                    session_where(s),
                    n - limit,
                    f"{places.session_zh(s)}：补差 {n} 人，超过 {limit} 人（集体补课）",
                    f"{places.session_en(s)}: remedial group of {n}, over {limit}",
                )
            )
    return out


def check_h12(data: ProblemData, solution: Solution) -> list[Violation]:
    """H12 年级与形式: the activity exists; its students' grades are in
    ``grades``; admin_class holds one class, grade_mixed one grade; a club that
    runs meets exactly ``sessions_per_week`` times, ≤1 per slot, always with
    all its members; a required club runs; ``closed_clubs`` matches.

    Amount: 1 per session of an unknown activity; 1 per student of a wrong
    grade; students outside the largest class (grade) of a single-class
    (single-grade) session; |meetings − sessions_per_week|; extra meetings in a
    slot; missed member-meetings; 1 per required club not run; 1 per
    contradicting ``closed_clubs`` entry.
    """
    places = Places(data)
    out = []
    by_club: dict[str, list[Session]] = defaultdict(list)
    for s in solution.sessions:
        act = data.activity_by_id.get(s.activity)
        at_zh, at_en = places.session_zh(s), places.session_en(s)
        if act is None:
            out.append(
                violation(
                    "H12",
                    session_where(s),
                    1,
                    f"{at_zh}：活动 {s.activity} 不存在",
                    f"{at_en}: unknown activity {s.activity}",
                )
            )
            continue
        if act.is_club:
            by_club[act.id].append(s)
        studs = [
            data.student_by_id[i]
            for i in dict.fromkeys(s.students)
            if i in data.student_by_id
        ]
        for st in studs:
            if st.grade not in act.grades:
                out.append(
                    violation(
                        "H12",
                        session_where(s, student=st.id, grade=str(st.grade)),
                        1,
                        f"{at_zh}：该活动不面向{grade_zh(st.grade)}（学生 {st.id}）",
                        f"{at_en}: not open to grade {st.grade} (student {st.id})",
                    )
                )
        key = {"admin_class": "class", "grade_mixed": "grade"}.get(act.form)
        if key is not None and studs:
            groups = Counter(
                st.class_id if key == "class" else str(st.grade) for st in studs
            )
            if len(groups) > 1:
                extra = len(studs) - groups.most_common(1)[0][1]
                form = (
                    "行政班活动只能有一个班"
                    if key == "class"
                    else "年级混班只能有一个年级"
                )
                out.append(
                    violation(
                        "H12",
                        session_where(s),
                        extra,
                        f"{at_zh}：{form}，现有 {', '.join(sorted(groups))}",
                        f"{at_en}: {act.form} session mixes "
                        f"{', '.join(sorted(groups))}",
                    )
                )
    closed = set(solution.closed_clubs)
    for act in data.clubs:
        meets = by_club.get(act.id, [])
        where = {"activity": act.id}
        if not meets:
            if act.required:
                out.append(
                    violation(
                        "H12",
                        where,
                        1,
                        f"必开社团「{act.name}」未开设",
                        f"required club {act.id} does not run",
                    )
                )
            continue
        if len(meets) != act.sessions_per_week:
            out.append(
                violation(
                    "H12",
                    where,
                    abs(len(meets) - act.sessions_per_week),
                    f"社团「{act.name}」每周应活动 {act.sessions_per_week} 次，"
                    f"排了 {len(meets)} 次",
                    f"club {act.id} meets {len(meets)} times, "
                    f"not {act.sessions_per_week}",
                )
            )
        per_slot = Counter(s.slot for s in meets)
        for (day, block), k in sorted(per_slot.items()):
            if k > 1:
                out.append(
                    violation(
                        "H12",
                        {"activity": act.id, "day": day, "block": block},
                        k - 1,
                        f"{places.slot_zh(day, block)} "
                        f"社团「{act.name}」同时开了 {k} 次",
                        f"{places.slot_en(day, block)}: club {act.id} meets {k} times",
                    )
                )
        members = set().union(*(set(s.students) for s in meets))
        missed = sum(len(members - set(s.students)) for s in meets)
        if missed:
            out.append(
                violation(
                    "H12",
                    where,
                    missed,
                    f"社团「{act.name}」各次活动成员不一致（缺席 {missed} 人次）",
                    f"club {act.id}: member sets differ "
                    f"({missed} member-meetings missed)",
                )
            )
        if act.id in closed:
            out.append(
                violation(
                    "H12",
                    where,
                    1,
                    f"社团「{act.name}」列为未开设，却排了活动",
                    f"club {act.id} is listed closed but has sessions",
                )
            )
    for cid in sorted(closed):
        act = data.activity_by_id.get(cid)
        if act is None or not act.is_club:
            out.append(
                violation(
                    "H12",
                    {"activity": cid},
                    1,
                    f"未开设社团列表中的 {cid} 不是社团",
                    f"closed club {cid} is not a club",
                )
            )
    return out


def check_h13(data: ProblemData, solution: Solution) -> list[Violation]:
    """H13 开班人数: ``capacity.min`` ≤ head count ≤ ``capacity.max``.

    Amount: students short of the minimum or over the maximum, per session.
    """
    places = Places(data)
    out = []
    for s in solution.sessions:
        act = data.activity_by_id.get(s.activity)
        if act is None:
            continue
        n, cap = head_count(s), act.capacity
        if n < cap.min:
            out.append(
                violation(
                    "H13",
                    session_where(s),
                    cap.min - n,
                    f"{places.session_zh(s)}：{n} 人，少于开班人数 {cap.min}",
                    f"{places.session_en(s)}: {n} students, under {cap.min}",
                )
            )
        elif n > cap.max:
            out.append(
                violation(
                    "H13",
                    session_where(s),
                    n - cap.max,
                    f"{places.session_zh(s)}：{n} 人，超过上限 {cap.max}",
                    f"{places.session_en(s)}: {n} students, over {cap.max}",
                )
            )
    return out
