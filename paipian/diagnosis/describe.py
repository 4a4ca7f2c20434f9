"""Words and quantities for the rule instances of an aggregated-model core."""

from __future__ import annotations

from paipian.catalogue import RULE_NAME_EN, RULE_NAME_ZH
from paipian.diagnosis.aggregate import Guard
from paipian.diagnosis.facts import Facts, grade_en, grade_zh
from paipian.diagnosis.finding import (
    activities_en,
    activities_zh,
    core_item,
    people_en,
    people_zh,
    rooms_en,
    rooms_zh,
)
from paipian.diagnosis.necessary import room_seats, sessions_needed, slot_activities
from paipian.domain import DAY_EN, DAY_ZH
from paipian.solution import CoreItem


def describe(f: Facts, guard: Guard, lang: str = "zh") -> CoreItem:
    """A CoreItem for one rule instance, with need/have where they are known."""
    p = guard.place
    rule = guard.rule
    need: float | None = None
    have: float | None = None
    if "day" in p and "block" in p:
        slot = (p["day"], p["block"])
        place_zh, place_en = f.slot_zh(slot), f.slot_en(slot)
        if "grade" in p:
            g = int(p["grade"])
            place_zh += grade_zh(g)
            place_en += f", {grade_en(g)}"
    elif "grade" in p and "day" in p:
        g = int(p["grade"])
        place_zh = f"{grade_zh(g)}{DAY_ZH[p['day']]}"
        place_en = f"{grade_en(g)} on {DAY_EN[p['day']]}"
    elif "grade" in p:
        g = int(p["grade"])
        place_zh, place_en = grade_zh(g), grade_en(g)
    elif "day" in p:
        place_zh, place_en = DAY_ZH[p["day"]], DAY_EN[p["day"]]
    elif "activity" in p:
        act = f.data.activity_by_id[p["activity"]]
        place_zh, place_en = f.act_zh(act), f.act_en(act)
    elif "staff" in p:
        ids = p["staff"].split(";")
        person = f.data.staff_by_id[ids[0]]
        place_zh, place_en = f.staff_zh(person), f"staff {person.id}"
        if len(ids) > 1:
            place_zh += f" 等 {len(ids)} 人"
            place_en += f" and {len(ids) - 1} alike"
    elif "class" in p:
        cls = f.data.class_by_id[p["class"]]
        place_zh, place_en = cls.name, f"class {cls.id}"
    else:
        place_zh = place_en = ""
    zh = f"{place_zh}：{RULE_NAME_ZH.get(rule, rule)}"
    en = f"{place_en}: {RULE_NAME_EN.get(rule, rule)}"
    if rule in ("H01", "H10", "H14") and "block" in p:
        slot = (p["day"], p["block"])
        grades = {int(p["grade"])} if "grade" in p else set(f.grade_count[slot])
        need = sum(f.grade_count[slot][g] for g in grades)
        acts = slot_activities(f, slot, grades)
        rooms = [r for r in f.data.rooms if f.room_usable(r, slot)]
        plain, backed = room_seats(f, slot, acts, rooms)
        counted = backed if rule == "H14" else plain
        have = sum(counted.values())
        zh += (
            f"（在校学生 {need} 人，开放场地合计 {have} 座："
            f"{rooms_zh(rooms, counted)}）"
        )
        en += (
            f" ({need} students present, open rooms seat {have}: "
            f"{rooms_en(rooms, counted)})"
        )
    elif rule in ("H08", "H09") and "block" in p:
        slot = (p["day"], p["block"])
        fewest = sessions_needed(f, slot)  # in words only: the core may need more
        acts = slot_activities(f, slot, set(f.grade_count[slot]))
        free = sorted(
            {t for a in acts for t in f.leaders_for(a, slot)}, key=lambda t: t.id
        )
        if rule == "H08":
            have = len(free)
            zh += (
                f"（至少 {fewest} 场活动；有空且能带班的 {have} 人：{people_zh(free)}；"
                "每人每时段只能带一场，且只能带其能带的活动）"
            )
            en += (
                f" (at least {fewest} sessions; {have} staff free to lead: "
                f"{people_en(free)}; one session each, only activities "
                "they may lead)"
            )
        else:
            teachers = f.teachers_in(slot)
            have = len(teachers)
            externals = [t for t in free if t.kind != "teacher"]
            leads_zh = "；".join(
                f"{people_zh([t])} 可带 "
                f"{activities_zh(a for a in acts if f.may_lead(a, t))}"
                for t in externals
            )
            leads_en = "; ".join(
                f"{t.id} ({activities_en(a for a in acts if f.may_lead(a, t))})"
                for t in externals
            )
            zh += (
                f"（至少 {fewest} 场活动，有空的本校教师 {have} 人："
                f"{people_zh(teachers)}"
                + (f"；能带班的校外人员：{leads_zh}" if externals else "")
                + "；校外人员带班须配本校教师做助教）"
            )
            en += (
                f" (at least {fewest} sessions, {have} school teachers free: "
                f"{people_en(teachers)}"
                + (f"; externals free to lead: {leads_en}" if externals else "")
                + "; externals need one as assistant)"
            )
    elif rule == "H08" and "staff" in p:
        person = f.data.staff_by_id[p["staff"].split(";")[0]]
        have = person.max_per_week
        zh += f"（每周最多 {have} 场）"
        en += f" (at most {have} sessions a week)"
    elif rule == "H13" and "activity" in p:
        act = f.data.activity_by_id[p["activity"]]
        need, have = act.capacity.min, act.capacity.max
        zh += f"（每场 {need}–{have} 人）"
        en += f" ({need}-{have} students per session)"
    elif rule == "H12" and "activity" in p:
        act = f.data.activity_by_id[p["activity"]]
        need = act.sessions_per_week
        have = len(f.club_members.get(act.id, ()))
        req = "必开，" if act.required else ""
        zh += f"（{req}每周 {need} 次，全体成员每次到场；报名 {have} 人）"
        req_en = "required, " if act.required else ""
        en += f" ({req_en}{need}x a week with all members; {have} asked)"
    elif rule == "H05":
        need = f.data.rules.min_quality_per_week
        zh += f"（每名学生每周至少 {need} 次素质教育活动）"
        en += f" (each student at least {need} quality session(s) a week)"
    elif rule == "H03":
        g = int(p["grade"])
        homework = g not in f.data.rules.grades_without_homework
        need = 2 if homework else 1
        if homework:
            zh += "（当天须开设作业辅导和素质教育活动各至少 1 场）"
            en += " (homework tutoring and a quality activity, one session each)"
        else:
            zh += "（当天须开设素质教育活动至少 1 场）"
            en += " (at least one quality session that day)"
    elif rule == "H11":
        need, have = 1, 0
    return core_item(rule, p, zh, en, lang, need, have)
