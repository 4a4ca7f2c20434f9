"""Fast necessary conditions on people: leaders and school teachers per slot
and per week (H08, H09) and safety duty (H11). Like ``necessary``, each
``check_*`` returns Findings; every count is an upper bound on what staff can
cover, so a failed check proves the school infeasible.
"""

from __future__ import annotations

from paipian.data import Slot, Staff
from paipian.diagnosis.facts import Facts
from paipian.diagnosis.finding import (
    Finding,
    activities_en,
    activities_zh,
    core_item,
    people_en,
    people_zh,
)
from paipian.diagnosis.necessary import sessions_needed, slot_activities
from paipian.diagnosis.offers import offer_slot, pool
from paipian.diagnosis.repair import make_repair
from paipian.domain import DAY_EN, DAY_ZH


def check_staffing(f: Facts, lang: str = "zh") -> list[Finding]:
    """H08 leaders and H09 school teachers (leader or 助教) vs sessions needed.

    Every session needs a leader, and a school teacher (its leader, or the
    assistant of an external): both counts bound the sessions of a slot.
    """
    findings = []
    for slot in f.data.calendar.slots:
        if f.present(slot) == 0:
            continue
        need = sessions_needed(f, slot)
        acts = slot_activities(f, slot, set(f.grade_count[slot]))
        leaders = [
            t
            for t in f.workers
            if f.works(t, slot) and any(f.may_lead(a, t) for a in acts)
        ]
        teachers = f.teachers_in(slot)
        day, block = slot
        where = {"day": day, "block": block}
        if len(leaders) < need:
            zh = (
                f"{f.slot_zh(slot)}：至少需开 {need} 场活动，"
                f"但有空且能带班的人员只有 {len(leaders)} 人（{people_zh(leaders)}）"
            )
            en = (
                f"{f.slot_en(slot)}: at least {need} sessions needed, "
                f"only {len(leaders)} staff free who may lead ({people_en(leaders)})"
            )
            spare = [
                t
                for t in f.workers
                if not f.works(t, slot) and any(f.may_lead(a, t) for a in acts)
            ]
            findings.append(
                _staff_finding(
                    f, slot, "H08", where, zh, en, need, len(leaders), spare, lang
                )
            )
        elif len(teachers) < need:
            zh = (
                f"{f.slot_zh(slot)}：至少需开 {need} 场活动，每场需一名本校教师"
                f"（带班或担任校外人员的助教），但有空的本校教师只有 {len(teachers)} 人"
                f"（{people_zh(teachers)}）"
            )
            en = (
                f"{f.slot_en(slot)}: at least {need} sessions, each needing a school "
                f"teacher (leader or assistant), only {len(teachers)} free "
                f"({people_en(teachers)})"
            )
            externals = [t for t in leaders if t.kind != "teacher"]
            if externals:
                zh += "；此时能带班的校外人员：" + "；".join(
                    f"{people_zh([t])} 可带 "
                    f"{activities_zh(a for a in acts if f.may_lead(a, t))}"
                    for t in externals
                )
                zh += "，但每场都须一名本校教师做助教"
                en += "; externals free to lead: " + "; ".join(
                    f"{t.id} ({activities_en(a for a in acts if f.may_lead(a, t))})"
                    for t in externals
                )
                en += ", each needing a school teacher as assistant"
            spare = [
                t for t in f.workers if t.kind == "teacher" and not f.works(t, slot)
            ]
            findings.append(
                _staff_finding(
                    f, slot, "H09", where, zh, en, need, len(teachers), spare, lang
                )
            )
    return findings


def _staff_finding(
    f: Facts,
    slot: Slot,
    rule: str,
    where: dict[str, str],
    zh: str,
    en: str,
    need: int,
    have: int,
    spare: list[Staff],
    lang: str,
) -> Finding:
    deficit = need - have
    spare = sorted(spare, key=lambda t: (t.kind != "teacher", -t.max_per_week, t.id))
    repairs = []
    if spare:
        repairs.append(offer_slot(f, spare[:deficit], slot, lang))
    if deficit > len(spare):
        count = deficit - len(spare)
        acts = [
            a
            for a in slot_activities(f, slot, set(f.grade_count[slot]))
            if not a.is_club
        ]
        act = max(acts, key=lambda a: pool(f, a, slot)) if acts else None
        day, block = slot
        zh2 = f"{f.slot_zh(slot)}再安排 {count} 名有空的本校教师"
        en2 = f"add {count} school teacher(s) free in {f.slot_en(slot)}"
        repairs.append(
            make_repair(
                "add_staff",
                where,
                zh2,
                en2,
                lang,
                count=count,
                activity=act.id if act else None,
                skills=[act.category] if act else [],
                day=day,
                block=block,
            )
        )
    items = (
        core_item("H01", where, zh, en, lang, need, have),
        core_item(rule, where, zh, en, lang, need, have),
    )
    return Finding(items, tuple(repairs))


def check_duty(f: Facts, lang: str = "zh") -> list[Finding]:
    """H11: a health and an admin person on duty every day with students."""
    if not f.data.rules.enabled("H11"):
        return []
    rules = f.data.rules
    kinds = [
        k
        for k, on in (
            ("health", rules.require_health_staff),
            ("admin", rules.require_admin_duty),
        )
        if on
    ]
    label = {
        "health": ("卫生保健人员", "health staff"),
        "admin": ("行政值班人员", "admin duty officer"),
    }
    findings = []
    for day in f.data.calendar.days:
        blocks = [b.id for b in f.data.calendar.blocks if f.present((day, b.id)) > 0]
        if not blocks:
            continue
        for kind in kinds:
            people = [t for t in f.data.staff if t.kind == kind]
            if any(all(t.is_available(day, b) for b in blocks) for t in people):
                continue
            zh_kind, en_kind = label[kind]
            day_zh = DAY_ZH[day]
            zh = (
                f"{day_zh}有学生在校（{len(blocks)} 个时段），但没有全程在岗的{zh_kind}"
                f"（现有{zh_kind}：{people_zh(people)}）"
            )
            en = (
                f"{DAY_EN[day]}: students present in {len(blocks)} block(s), "
                f"no {en_kind} on duty throughout ({en_kind}: {people_en(people)})"
            )
            where = {"day": day}
            if people:
                person = min(
                    people,
                    key=lambda t: sum(not t.is_available(day, b) for b in blocks),
                )
                missing = [b for b in blocks if not person.is_available(day, b)]
                rep = make_repair(
                    "add_staff_availability",
                    {"day": day, "staff": person.id},
                    f"请 {f.staff_zh(person)} {day_zh}全程值守"
                    f"（增加 {'、'.join(missing)}）",
                    f"ask {person.id} to be on duty all of {DAY_EN[day]} "
                    f"(add {', '.join(missing)})",
                    lang,
                    staff=[person.id],
                    day=day,
                    blocks=missing,
                )
            else:
                rep = make_repair(
                    "add_duty_staff",
                    {"day": day},
                    f"{day_zh}需要一名{zh_kind}",
                    f"{DAY_EN[day]} needs one {en_kind}",
                    lang,
                    kind=kind,
                    day=day,
                    blocks=blocks,
                )
            findings.append(
                Finding((core_item("H11", where, zh, en, lang, 1, 0),), (rep,))
            )
    return findings


def _weekly_capacity(f: Facts, people: list[Staff], bump: int = 0) -> int:
    """Sessions ``people`` can work in a week: each at most ``max_per_week``
    (a teacher's raised to ``bump``), at most once per slot with students."""
    slots = [s for s in f.data.calendar.slots if f.present(s)]
    return sum(
        min(
            max(t.max_per_week, bump if t.kind == "teacher" else 0),
            sum(1 for s in slots if f.works(t, s)),
        )
        for t in people
    )


def check_weekly_staffing(f: Facts, lang: str = "zh") -> list[Finding]:
    """H08/H09 over the week: the fewest sessions of every slot together vs
    what staff (all who may lead; school teachers, one per session) can work
    within ``max_per_week``."""
    slots = [s for s in f.data.calendar.slots if f.present(s)]
    need = sum(sessions_needed(f, s) for s in slots)
    teachers = [t for t in f.workers if t.kind == "teacher"]
    for rule, people in (("H08", list(f.workers)), ("H09", teachers)):
        have = _weekly_capacity(f, people)
        if have >= need:
            continue
        value = next(
            (
                v
                for v in range(1, len(slots) + 1)
                if _weekly_capacity(f, people, v) >= need
            ),
            None,
        )
        who_zh = "带班人员" if rule == "H08" else "本校教师（带班或担任助教）"
        who_en = "staff who may lead" if rule == "H08" else "school teachers"
        zh = f"本周至少需开 {need} 场活动，但{who_zh}按每周上限合计只能承担 {have} 场"
        en = (
            f"the week needs at least {need} sessions; {who_en} can work "
            f"{have} within their weekly limits"
        )
        repairs = []
        if value is not None:
            raised = [t for t in teachers if t.max_per_week < value]
            repairs.append(
                make_repair(
                    "raise_max_per_week",
                    {"staff": ";".join(t.id for t in raised[:20])},
                    f"把 {len(raised)} 名本校教师（{people_zh(raised)}）的"
                    f"每周上限提高到 {value} 场",
                    f"raise the weekly limit of {len(raised)} school teachers "
                    f"({people_en(raised)}) to {value}",
                    lang,
                    staff=[t.id for t in raised],
                    value=value,
                )
            )
        items = (
            core_item("H01", {}, zh, en, lang, need, have),
            core_item(rule, {}, zh, en, lang, need, have),
        )
        return [Finding(items, tuple(repairs))]
    return []
