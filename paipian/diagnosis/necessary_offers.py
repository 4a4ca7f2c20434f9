"""Necessary conditions about *some* session existing: H03, H05, H12, H13.

Each check looks for one activity in one slot that could run (enough students
for ``capacity.min``, a fitting open room, a leader and, for an external, a
school teacher free to assist) and, when none can, reports the candidate that
needs the fewest changes, with those changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from itertools import combinations
from math import comb

from paipian.data import Activity, Slot
from paipian.diagnosis.facts import Facts, grade_en, grade_zh
from paipian.diagnosis.finding import Finding, core_item
from paipian.diagnosis.offers import (
    Gap,
    best_offer,
    offer_gaps,
    pool,
    room_gap,
    staff_gap,
)
from paipian.diagnosis.repair import Repair, make_repair
from paipian.domain import DAY_EN, DAY_ZH
from paipian.solution import CoreItem

MAX_COMBINATIONS = 5000


def _add_grade(
    f: Facts, grade: int, pred: Callable[[Activity], bool], lang: str
) -> list[Repair]:
    acts = [a for a in f.data.activities if pred(a) and not a.is_club]
    if not acts:
        return []
    act = acts[0]
    return [
        make_repair(
            "add_grade",
            {"activity": act.id, "grade": str(grade)},
            f"把{f.act_zh(act)}也向{grade_zh(grade)}开放",
            f"open {act.id} to {grade_en(grade)} as well",
            lang,
            activity=act.id,
            grade=grade,
        )
    ]


def check_daily_offer(f: Facts, lang: str = "zh") -> list[Finding]:
    """H03: every day, each present grade gets homework tutoring and quality."""
    if not f.data.rules.enabled("H03"):
        return []
    findings = []
    gwh = f.data.rules.grades_without_homework
    for day in f.data.calendar.days:
        for grade in f.data.grades:
            g = grade.grade
            if not any(f.grade_count[(day, b)][g] for b in grade.blocks):
                continue
            needs: list[tuple[str, str, Callable[[Activity], bool]]] = []
            if g not in gwh:
                needs.append(
                    ("作业辅导或答疑", "homework tutoring", lambda a: a.is_homework)
                )
            needs.append(("素质教育活动", "a quality activity", lambda a: a.is_quality))
            for what_zh, what_en, pred in needs:
                cands = [
                    (a, (day, b))
                    for b in grade.blocks
                    for a in f.activities_for(g)
                    if pred(a)
                ]
                best = best_offer(f, cands, lang, g)
                if best is not None and not best[2]:
                    continue
                zh = f"{grade_zh(g)}{DAY_ZH[day]}无法开设{what_zh}"
                en = f"{grade_en(g)} cannot be offered {what_en} on {DAY_EN[day]}"
                if best is None:
                    repairs = _add_grade(f, g, pred, lang)
                    zh += "（没有可行的活动）"
                else:
                    act, slot, gaps = best
                    repairs = [gap.repair for gap in gaps]
                    zh += f"（最接近的是{f.slot_zh(slot)}的{f.act_zh(act)}）"
                    en += f" (closest: {act.id} in {f.slot_en(slot)})"
                where = {"grade": g, "day": day}
                items = [core_item("H03", where, zh, en, lang, 1, 0)]
                items += _gap_items(f, best[2] if best else [], where, lang)
                findings.append(Finding(tuple(items), tuple(repairs)))
    return findings


def _gap_items(
    f: Facts, gaps: list[Gap], where: Mapping[str, object], lang: str
) -> list[CoreItem]:
    """One core item per rule among the gaps of the closest candidate."""
    out: list[CoreItem] = []
    for gap in gaps:
        if gap.rule not in {i.rule for i in out}:
            out.append(
                core_item(
                    gap.rule,
                    {**where, **gap.repair.where},
                    gap.repair.detail,
                    gap.repair.detail_en,
                    lang,
                )
            )
    return out


def check_quality_reach(f: Facts, lang: str = "zh") -> list[Finding]:
    """H05: each student can reach ``min_quality_per_week`` quality sessions
    in distinct slots they booked (drop-ins open to their grade, or clubs they
    asked for)."""
    if not f.data.rules.enabled("H05"):
        return []
    data = f.data
    mq = data.rules.min_quality_per_week
    if mq <= 0:
        return []
    ok_cache: dict[tuple[str, Slot, int], bool] = {}

    def runs(act: Activity, slot: Slot, grade: int) -> bool:
        key = (act.id, slot, grade)
        if key not in ok_cache:
            ok_cache[key] = (
                offer_gaps(f, act, slot, lang, None if act.is_club else grade) == []
            )
        return ok_cache[key]

    groups: dict[tuple, list] = {}
    for st in data.students:
        slots = data.present_slots(st)
        if not slots:
            continue
        options = [
            a for a in f.activities_for(st.grade) if a.is_quality and not a.is_club
        ]
        options += [a for a in data.allowed_club_prefs(st) if a.is_quality]
        reach = [s for s in slots if any(runs(a, s, st.grade) for a in options)]
        if len(reach) >= mq:
            continue
        key = (st.grade, slots, tuple(a.id for a in options))
        groups.setdefault(key, []).append((st, reach, options))
    findings = []
    for (grade, slots, _), members in list(groups.items())[:10]:
        st, reach, options = members[0]
        more = f"（同类学生共 {len(members)} 人）" if len(members) > 1 else ""
        more_en = f" ({len(members)} students alike)" if len(members) > 1 else ""
        zh = (
            f"学生 {st.id}（{grade_zh(grade)}）本周预约 {len(slots)} 个时段，"
            f"可参加的素质教育活动只有 {len(reach)} 次，至少需 {mq} 次{more}"
        )
        en = (
            f"student {st.id} ({grade_en(grade)}) booked {len(slots)} slot(s) and can "
            f"reach {len(reach)} quality session(s), needs {mq}{more_en}"
        )
        where = {"student": st.id, "grade": grade, "class": st.class_id}
        items = [core_item("H05", where, zh, en, lang, mq, len(reach))]
        repairs: list[Repair] = []
        if len(slots) < mq:
            repairs.append(
                make_repair(
                    "relax_rule",
                    {},
                    f"把每周素质活动最少次数从 {mq} 降到 {len(slots)}"
                    f"（部分学生只预约了 {len(slots)} 个时段）",
                    f"lower min_quality_per_week from {mq} to {len(slots)}",
                    lang,
                    key="min_quality_per_week",
                    value=len(slots),
                )
            )
        else:
            cands = [(a, s) for s in slots if s not in reach for a in options]
            best = best_offer(f, cands, lang, grade)
            if best is not None:
                repairs += [gap.repair for gap in best[2]]
                items += _gap_items(f, best[2], where, lang)
        findings.append(Finding(tuple(items), tuple(repairs)))
    return findings


def check_required_clubs(f: Facts, lang: str = "zh") -> list[Finding]:
    """H12: a required club meets ``sessions_per_week`` times in distinct slots,
    each with a room and a leader (and 助教 for an external), all its members
    present at every meeting, at least ``capacity.min`` of them (H13)."""
    if not f.data.rules.enabled("H12"):
        return []
    findings = []
    for act in f.data.clubs:
        if not act.required:
            continue
        members = f.club_members.get(act.id, ())
        present = {
            s: {st.id for st in members if f.data.is_present(st, *s)}
            for s in f.data.calendar.slots
        }
        slots = [s for s in f.data.calendar.slots if present[s]]
        m, need = act.sessions_per_week, f.cap_min(act)
        if len(slots) < m or comb(len(slots), m) > MAX_COMBINATIONS:
            combos: list[tuple[Slot, ...]] = []
            if len(slots) >= m:
                continue  # too many to enumerate: leave it to the model
        else:
            combos = list(combinations(slots, m))
        gaps = {
            s: room_gap(f, act, s, lang) + staff_gap(f, act, s, lang) for s in slots
        }
        best_size, best_combo, best_cost = 0, None, None
        for combo in combos:
            size = len(set.intersection(*(present[s] for s in combo)))
            best_size = max(best_size, size)
            if size >= need:
                cost = sum(len(gaps[s]) for s in combo)
                if best_cost is None or cost < best_cost:
                    best_combo, best_cost = combo, cost
        if best_cost == 0:
            continue
        where = {"activity": act.id}
        if best_combo is None:
            zh = (
                f"必开社团{f.act_zh(act)}每周 {m} 次，"
                f"报名学生中能全部到场的最多 {best_size} 人，"
                f"少于最少开班人数 {need}"
            )
            en = (
                f"required club {act.id} meets {m}x a week; "
                f"at most {best_size} of those "
                f"who asked can attend every meeting, minimum is {need}"
            )
            items = (
                core_item("H12", where, zh, en, lang, need, best_size),
                core_item("H13", where, zh, en, lang, need, best_size),
            )
            if best_size > 0:
                rep = make_repair(
                    "relax_capacity",
                    where,
                    f"把{f.act_zh(act)}的最少开班人数从 {need} 降到 {best_size}",
                    f"lower the minimum group size of {act.id} "
                    f"from {need} to {best_size}",
                    lang,
                    activity=act.id,
                    min=best_size,
                )
            else:
                rep = make_repair(
                    "drop_required",
                    where,
                    f"取消{f.act_zh(act)}的“必开”设置（无人报名可到场）",
                    f"make {act.id} not required (no one who asked can attend)",
                    lang,
                    activity=act.id,
                )
            findings.append(Finding(items, (rep,)))
            continue
        chosen = [g for s in best_combo for g in gaps[s]]
        places = "、".join(f.slot_zh(s) for s in best_combo)
        zh = (
            f"必开社团{f.act_zh(act)}每周需 {m} 次，"
            f"最接近可行的时段（{places}）缺少场地或人员"
        )
        en = (
            f"required club {act.id} needs {m} meeting(s); "
            "closest slots lack rooms or staff"
        )
        ready = sum(1 for s in best_combo if not gaps[s])
        gap_items = _gap_items(f, chosen, where, lang)
        club_items = (core_item("H12", where, zh, en, lang, m, ready), *gap_items)
        findings.append(Finding(club_items, tuple(g.repair for g in chosen)))
    return findings


def check_group_size(f: Facts, lang: str = "zh") -> list[Finding]:
    """H13: each class present in a slot has an activity it could attend with
    at least ``capacity.min`` students (its own class, grade, or the school)."""
    if not f.h13:
        return []
    data = f.data
    findings = []
    for slot in data.calendar.slots:
        for cid, n in sorted(f.class_count[slot].items()):
            grade = data.class_by_id[cid].grade
            acts = [a for a in f.activities_for(grade) if not a.is_club]
            if not acts:
                continue  # check_seats reports a grade with nothing open
            if any(
                f.club_present.get((c.id, slot), Counter())[cid] for c in data.clubs
            ):
                continue  # some may meet in a club: too weak to conclude
            sizes = {
                a.id: n if a.form == "admin_class" else pool(f, a, slot, grade)
                for a in acts
            }
            if any(sizes[a.id] >= f.cap_min(a) for a in acts):
                continue
            act = min(acts, key=lambda a: (f.cap_min(a) - sizes[a.id], a.id))
            have, need = sizes[act.id], f.cap_min(act)
            day, block = slot
            where = {"day": day, "block": block, "class": cid, "activity": act.id}
            cname = data.class_by_id[cid].name
            zh = (
                f"{f.slot_zh(slot)}{cname}在校 {n} 人，可参加的活动都凑不够最少开班人数"
                f"（{f.act_zh(act)}最多 {have} 人，最少需 {need} 人）"
            )
            en = (
                f"{f.slot_en(slot)}: {n} students of class {cid}; "
                "no activity reaches its "
                f"minimum group size ({act.id}: at most {have}, minimum {need})"
            )
            rep = make_repair(
                "relax_capacity",
                {"activity": act.id},
                f"把{f.act_zh(act)}的最少开班人数从 {need} 降到 {have}",
                f"lower the minimum group size of {act.id} from {need} to {have}",
                lang,
                activity=act.id,
                min=have,
            )
            findings.append(
                Finding((core_item("H13", where, zh, en, lang, need, have),), (rep,))
            )
    return findings
