"""Can an activity run in a slot, and if not, the least change that lets it.

Used by the checks that need *some* session somewhere (H03 daily offer, H05
weekly quality, H12 required clubs): each candidate (activity, slot) gets the
list of repairs it lacks, and the check reports the candidate with the fewest.
"""

from __future__ import annotations

from dataclasses import dataclass

from paipian.data import Activity, Slot, Staff
from paipian.diagnosis.facts import Facts
from paipian.diagnosis.repair import Repair, make_repair
from paipian.domain import CATEGORY_ZH, ROOM_KIND_ZH


@dataclass(frozen=True)
class Gap:
    """One missing resource: the rule it comes from and the repair."""

    rule: str
    repair: Repair


def pool(f: Facts, act: Activity, slot: Slot, grade: int | None = None) -> int:
    """Most students one session of ``act`` in ``slot`` could hold (relaxed).

    ``grade``: the session must count for this grade (admin_class/grade_mixed).
    """
    if act.is_club:
        counts = f.club_present.get((act.id, slot))
        return sum(counts.values()) if counts else 0
    data = f.data
    if act.form == "admin_class":
        classes = [
            n
            for cid, n in f.class_count[slot].items()
            if f.open_to(act, data.class_by_id[cid].grade)
            and (grade is None or data.class_by_id[cid].grade == grade)
        ]
        return max(classes, default=0)
    if act.form == "grade_mixed":
        grades = [
            n
            for g, n in f.grade_count[slot].items()
            if f.open_to(act, g) and (grade is None or g == grade)
        ]
        return max(grades, default=0)
    return sum(n for g, n in f.grade_count[slot].items() if f.open_to(act, g))


def _pick(people: list[Staff]) -> list[Staff]:
    """Teachers first (they can also assist), then the larger weekly limit."""
    return sorted(people, key=lambda t: (t.kind != "teacher", -t.max_per_week, t.id))


def staff_gap(f: Facts, act: Activity, slot: Slot, lang: str) -> list[Gap]:
    """What it takes to staff one session of ``act`` in ``slot`` (H08, H09)."""
    day, block = slot
    where = {"day": day, "block": block, "activity": act.id}
    leaders = f.leaders_for(act, slot)
    if any(t.kind == "teacher" for t in leaders):
        return []
    if leaders:
        if f.teachers_in(slot):
            return []
        spare = _pick([t for t in f.workers if t.kind == "teacher"])
        if not spare:
            return [Gap("H09", _new_teacher(f, act, slot, lang))]
        lead, helper = leaders[0], spare[0]
        zh = (
            f"为 {f.staff_zh(lead)} 安排一名{f.slot_zh(slot)}有空的本校教师担任助教"
            f"（例如 {f.staff_zh(helper)}）"
        )
        en = (
            f"give {lead.id} a school teacher free in {f.slot_en(slot)} as assistant "
            f"(e.g. {helper.id})"
        )
        rep = make_repair(
            "add_assistant",
            {**where, "staff": helper.id},
            zh,
            en,
            lang,
            staff=[helper.id],
            day=day,
            block=block,
        )
        return [Gap("H09", rep)]
    eligible = _pick(
        [t for t in f.workers if f.may_lead(act, t) and not f.works(t, slot)]
    )
    if not eligible:
        uncleared = [
            t
            for t in f.data.staff
            if t.is_external and act.may_lead(t) and t not in f.workers
        ]
        return [Gap("H09" if uncleared else "H08", _new_teacher(f, act, slot, lang))]
    person = eligible[0]
    gaps = [Gap("H08", offer_slot(f, [person], slot, lang, act))]
    if person.kind != "teacher" and not f.teachers_in(slot):
        teachers = _pick([t for t in f.workers if t.kind == "teacher"])
        if teachers:
            gaps.append(Gap("H09", offer_slot(f, teachers[:1], slot, lang, act)))
    return gaps


def offer_slot(
    f: Facts, people: list[Staff], slot: Slot, lang: str, act: Activity | None = None
) -> Repair:
    """Ask ``people`` to also offer ``slot``."""
    day, block = slot
    names = "、".join(f.staff_zh(t) for t in people)
    what = f"带{f.act_zh(act)}" if act is not None else "带班"
    zh = f"请 {names} 在{f.slot_zh(slot)}也安排时间（{what}）"
    en = f"ask {', '.join(t.id for t in people)} to also offer {f.slot_en(slot)}"
    where = {"day": day, "block": block, "staff": ";".join(t.id for t in people)}
    return make_repair(
        "add_staff_availability",
        where,
        zh,
        en,
        lang,
        staff=[t.id for t in people],
        day=day,
        block=block,
    )


def _new_teacher(
    f: Facts, act: Activity, slot: Slot, lang: str, count: int = 1
) -> Repair:
    day, block = slot
    zh = (
        f"{f.slot_zh(slot)}再安排 {count} 名能带{f.act_zh(act)}"
        f"（{CATEGORY_ZH.get(act.category, act.category)}）的本校教师"
    )
    en = f"add {count} school teacher(s) able to lead {act.id} in {f.slot_en(slot)}"
    return make_repair(
        "add_staff",
        {"day": day, "block": block, "activity": act.id},
        zh,
        en,
        lang,
        count=count,
        activity=act.id,
        skills=[act.category],
        day=day,
        block=block,
    )


def room_gap(f: Facts, act: Activity, slot: Slot, lang: str) -> list[Gap]:
    """What it takes to house one session of ``act`` in ``slot`` (H10)."""
    if f.rooms_for(act, slot):
        return []
    day, block = slot
    need = f.cap_min(act)
    closed = sorted(
        (
            r
            for r in f.data.rooms
            if r.kind not in f.forbidden
            and not r.is_open(day, block)
            and act.fits_room(r)
            and r.capacity >= need
        ),
        key=lambda r: -r.capacity,
    )
    if closed:
        room = closed[0]
        zh = f"{f.slot_zh(slot)}开放 {room.id} {room.name}（供{f.act_zh(act)}使用）"
        en = f"open room {room.id} in {f.slot_en(slot)} (for {act.id})"
        rep = make_repair(
            "open_room",
            {"day": day, "block": block, "room": room.id},
            zh,
            en,
            lang,
            day=day,
            block=block,
            rooms=[room.id],
        )
        return [Gap("H10", rep)]
    kind = "classroom" if "classroom" in act.room_kinds else sorted(act.room_kinds)[0]
    cap = max(need, min(act.capacity.max, 45))
    kind_zh = ROOM_KIND_ZH.get(kind, kind)
    zh = f"{f.slot_zh(slot)}为{f.act_zh(act)}增加 1 间{kind_zh}（≥ {cap} 座）"
    en = f"add 1 {kind} room (>= {cap} seats) for {act.id} in {f.slot_en(slot)}"
    rep = make_repair(
        "add_room",
        {"day": day, "block": block, "activity": act.id},
        zh,
        en,
        lang,
        kind=kind,
        capacity=cap,
        count=1,
        tags=sorted(act.room_tags),
    )
    return [Gap("H10", rep)]


def size_gap(
    f: Facts, act: Activity, have: int, lang: str, slot: Slot | None = None
) -> list[Gap] | None:
    """H13: lower ``capacity.min`` to ``have``; None when nobody could come."""
    need = f.cap_min(act)
    if have >= need:
        return []
    if have <= 0:
        return None
    zh = f"把{f.act_zh(act)}的最少开班人数从 {need} 降到 {have}"
    en = f"lower the minimum group size of {act.id} from {need} to {have}"
    rep = make_repair(
        "relax_capacity", {"activity": act.id}, zh, en, lang, activity=act.id, min=have
    )
    return [Gap("H13", rep)]


def offer_gaps(
    f: Facts, act: Activity, slot: Slot, lang: str, grade: int | None = None
) -> list[Gap] | None:
    """Every gap that stops one session of ``act`` in ``slot``; None: hopeless."""
    size = size_gap(f, act, pool(f, act, slot, grade), lang, slot)
    if size is None:
        return None
    return size + room_gap(f, act, slot, lang) + staff_gap(f, act, slot, lang)


def best_offer(
    f: Facts, candidates: list[tuple[Activity, Slot]], lang: str, grade: int | None
) -> tuple[Activity, Slot, list[Gap]] | None:
    """The candidate with the fewest gaps (first on ties); None if none has any."""
    best: tuple[Activity, Slot, list[Gap]] | None = None
    for act, slot in candidates:
        gaps = offer_gaps(f, act, slot, lang, grade)
        if gaps is None:
            continue
        if best is None or len(gaps) < len(best[2]):
            best = (act, slot, gaps)
            if not gaps:
                break
    return best
