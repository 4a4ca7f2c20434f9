"""The previous round's timetable, as the re-solve reads it against the new data.

``load_previous`` reads a solution JSON (``paipian.io.solution_json``) and
``build_previous`` keeps, for the ids that still exist in the new
``ProblemData``: each student's clubs and activity per (day, block), each
club's meeting slots, each session group's room, backup room, leaders and
assistant, and each staff member's (day, block, activity) set. Ids that no
longer exist are dropped; new ids simply have no history. Nothing here raises
for a changed school.

``pins_not_held`` says which pins (``--keep`` and the instance's ``meets``,
``leaders``, ``room``) the new data cannot hold, and why, in words a school
scheduler understands.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from paipian.data import Activity, ProblemData, Slot
from paipian.domain import DAY_ZH
from paipian.io.solution_json import read_solution
from paipian.solution import Solution

KEEP_PARTS = ("clubs", "staff", "rooms")

GroupKey = tuple[str, str, str, int]
"""(day, block, activity, group index from 0 in solution order)."""


@dataclass(frozen=True)
class SessionPin:
    """What one session group had in the previous round."""

    room: str | None
    backup_room: str | None
    leaders: tuple[str, ...]
    assistant: str | None


@dataclass(frozen=True)
class Previous:
    """The previous timetable, restricted to ids the new data still know.

    ``student_slots`` keeps the previous activity id even where that activity
    no longer exists: the student's slot then changes whatever the solver does
    (S6 counts it as a fixed cost). ``carried`` are the students the fairness
    ledger puts first for clubs this round.
    """

    source: str
    solution: Solution
    student_clubs: Mapping[str, frozenset[str]]
    student_slots: Mapping[str, Mapping[Slot, str]]
    club_meetings: Mapping[str, tuple[Slot, ...]]
    sessions: Mapping[GroupKey, SessionPin]
    staff_work: Mapping[str, frozenset[tuple[str, str, str]]]
    keep: frozenset[str] = frozenset()
    carried: frozenset[str] = frozenset()
    dropped: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    def keeps(self, part: str) -> bool:
        """Whether ``--keep`` holds ``part`` (clubs, staff or rooms) fixed."""
        return part in self.keep


def parse_keep(text: str | None) -> frozenset[str]:
    """``clubs,staff`` → {"clubs", "staff"}; ``all`` = every part. Unknown
    words raise ``ValueError`` naming the allowed ones."""
    if not text:
        return frozenset()
    words = {w.strip().lower() for w in text.replace("，", ",").split(",") if w.strip()}
    if "all" in words:
        return frozenset(KEEP_PARTS)
    unknown = sorted(words - set(KEEP_PARTS))
    if unknown:
        raise ValueError(
            f"--keep 只接受 {', '.join(KEEP_PARTS)}（或 all），"
            f"不认识：{', '.join(unknown)}"
        )
    return frozenset(words)


def load_previous(
    path: str | Path,
    data: ProblemData,
    *,
    keep: Iterable[str] = (),
    carried: Iterable[str] = (),
) -> Previous:
    """Read the previous solution JSON and match it to ``data`` by id.

    An unreadable file raises ``SolutionError`` (bad input, exit 2).
    """
    solution = read_solution(path)
    return build_previous(solution, data, source=str(path), keep=keep, carried=carried)


def build_previous(
    solution: Solution,
    data: ProblemData,
    *,
    source: str = "",
    keep: Iterable[str] = (),
    carried: Iterable[str] = (),
) -> Previous:
    """``Previous`` of ``solution`` for the new instance ``data``."""
    students = data.student_by_id
    clubs = {a.id for a in data.clubs}
    slots = set(data.calendar.slots)
    dropped: dict[str, int] = defaultdict(int)

    student_clubs: dict[str, set[str]] = defaultdict(set)
    student_slots: dict[str, dict[Slot, str]] = defaultdict(dict)
    club_meetings: dict[str, list[Slot]] = defaultdict(list)
    counter: dict[tuple[str, str, str], int] = defaultdict(int)
    sessions: dict[GroupKey, SessionPin] = {}
    staff_work: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    gone_students: set[str] = set()
    for s in solution.sessions:
        key = (s.day, s.block, s.activity)
        index = counter[key]
        counter[key] += 1
        in_calendar = s.slot in slots
        for sid in s.students:
            if sid not in students:
                gone_students.add(sid)
                continue
            if s.activity in clubs:
                student_clubs[sid].add(s.activity)
            if in_calendar:
                student_slots[sid].setdefault(s.slot, s.activity)
        if not in_calendar:
            dropped["slots"] += 1
            continue
        if s.activity in clubs and s.slot not in club_meetings[s.activity]:
            club_meetings[s.activity].append(s.slot)
        if s.activity not in data.activity_by_id:
            dropped["activities"] += 1
            continue
        room = s.room if s.room in data.room_by_id else None
        backup = s.backup_room if s.backup_room in data.room_by_id else None
        leaders = tuple(p for p in s.staff if p in data.staff_by_id)
        assistant = s.assistant if s.assistant in data.staff_by_id else None
        sessions[(*key, index)] = SessionPin(room, backup, leaders, assistant)
        for pid in (*leaders, *((assistant,) if assistant else ())):
            staff_work[pid].add(key)
    dropped["students"] = len(gone_students)
    return Previous(
        source=source,
        solution=solution,
        student_clubs=MappingProxyType(
            {sid: frozenset(c) for sid, c in sorted(student_clubs.items())}
        ),
        student_slots=MappingProxyType(
            {sid: MappingProxyType(v) for sid, v in sorted(student_slots.items())}
        ),
        club_meetings=MappingProxyType(
            {cid: tuple(v) for cid, v in sorted(club_meetings.items())}
        ),
        sessions=MappingProxyType(sessions),
        staff_work=MappingProxyType(
            {pid: frozenset(v) for pid, v in sorted(staff_work.items())}
        ),
        keep=frozenset(keep),
        carried=frozenset(c for c in carried if c in students),
        dropped=MappingProxyType(dict(dropped)),
    )


# ---- pins that cannot be held ------------------------------------------------
@dataclass(frozen=True)
class PinIssue:
    """A pin the new data cannot hold: what it was and why."""

    kind: str  # meets | leader | room | keep_clubs | keep_staff | keep_rooms
    where: Mapping[str, str]
    message: str  # Chinese, for the school
    message_en: str


def slot_zh(data: ProblemData, slot: Slot) -> str:
    """``周二第1时段``."""
    day, block = slot
    try:
        n = f"第{data.calendar.block_index(block) + 1}时段"
    except ValueError:
        n = block
    return f"{DAY_ZH.get(day, day)}{n}"


def _club_slot_problem(
    data: ProblemData, club: Activity, slot: Slot
) -> tuple[str, str] | None:
    """Why ``club`` cannot meet in ``slot`` under the new data, or None."""
    if slot not in set(data.calendar.slots):
        return ("新数据的日历中没有这个时段", "the slot is not in the new calendar")
    grade_blocks = {b for g in data.grades if g.grade in club.grades for b in g.blocks}
    if slot[1] not in grade_blocks:
        return (
            "该社团面向的年级不参加这个时段",
            "no grade of the club takes that block",
        )
    fitting = [
        r
        for r in data.rooms
        if club.fits_room(r) and r.kind not in data.rules.forbidden_room_kinds
    ]
    if club.room:
        fitting = [r for r in fitting if r.id == club.room]
    if not any(r.is_open(*slot) for r in fitting):
        return ("新数据中该时段场地关闭", "no fitting room is open in that slot")
    if not any(r.is_open(*slot) and r.capacity >= club.capacity.min for r in fitting):
        return ("该时段没有容量足够的场地", "no open room is large enough")
    cleared = data.schedulable_staff()
    if not any(club.may_lead(p) and p.is_available(*slot) for p in cleared):
        return (
            "该时段没有可带这个社团且有空的教职工",
            "nobody who may lead the club is available then",
        )
    return None


def pins_not_held(data: ProblemData, previous: Previous | None) -> tuple[PinIssue, ...]:
    """Every pin the new data cannot hold, with the reason.

    Instance pins (``meets``, ``leaders``, ``room`` on an activity) are always
    checked; the previous timetable's clubs, staff and rooms only for the
    parts ``--keep`` names.
    """
    issues: list[PinIssue] = []
    slots = set(data.calendar.slots)
    for act in data.activities:
        for slot in act.meets:
            why = _club_slot_problem(data, act, slot)
            if why is not None:
                issues.append(
                    PinIssue(
                        "meets",
                        {"activity": act.id, "day": slot[0], "block": slot[1]},
                        f"社团 {act.id} 指定{slot_zh(data, slot)}：{why[0]}",
                        f"club {act.id} pinned to {slot[0]} {slot[1]}: {why[1]}",
                    )
                )
        for pid in act.leaders:
            issues += _leader_issues(data, act, pid)
        if act.room:
            issues += _room_issues(data, act)
    if previous is None:
        return tuple(issues)
    if previous.keeps("clubs"):
        for cid, meetings in previous.club_meetings.items():
            club = data.activity_by_id[cid]
            if club.meets:
                continue  # the instance's own pin wins
            for slot in meetings:
                why = _club_slot_problem(data, club, slot)
                if why is not None:
                    issues.append(
                        PinIssue(
                            "keep_clubs",
                            {"activity": cid, "day": slot[0], "block": slot[1]},
                            f"社团 {cid} 原{slot_zh(data, slot)}：{why[0]}",
                            f"club {cid}, previously {slot[0]} {slot[1]}: {why[1]}",
                        )
                    )
    if previous.keeps("staff"):
        for (day, block, aid, _), pin in sorted(previous.sessions.items()):
            for pid in (*pin.leaders, *((pin.assistant,) if pin.assistant else ())):
                person = data.staff_by_id[pid]
                if (day, block) in slots and not person.is_available(day, block):
                    issues.append(
                        PinIssue(
                            "keep_staff",
                            {"staff": pid, "day": day, "block": block, "activity": aid},
                            f"教职工 {person.name or pid}（{pid}）原"
                            f"{slot_zh(data, (day, block))}带 {aid}："
                            "新数据中该时段不再有空",
                            f"staff {pid}, previously {aid} on {day} {block}: "
                            "no longer available then",
                        )
                    )
    if previous.keeps("rooms"):
        for (day, block, aid, _), pin in sorted(previous.sessions.items()):
            if pin.room is None:
                continue
            room = data.room_by_id[pin.room]
            if not room.is_open(day, block):
                issues.append(
                    PinIssue(
                        "keep_rooms",
                        {"room": room.id, "day": day, "block": block, "activity": aid},
                        f"场地 {room.name or room.id} 原{slot_zh(data, (day, block))}"
                        f"用于 {aid}：新数据中该时段关闭",
                        f"room {room.id}, previously {aid} on {day} {block}: "
                        "closed then in the new data",
                    )
                )
    return tuple(issues)


def _leader_issues(data: ProblemData, act: Activity, pid: str) -> list[PinIssue]:
    person = data.staff_by_id.get(pid)
    where = {"activity": act.id, "staff": pid}
    if person is None:
        return [
            PinIssue(
                "leader",
                where,
                f"{act.id} 指定负责人 {pid}：教职工表中没有此人",
                f"{act.id} leader {pid}: no such staff member",
            )
        ]
    name = f"{person.name or pid}（{pid}）"
    if person.is_duty or (
        person.is_external and not person.external_cleared(data.term.end)
    ):
        return [
            PinIssue(
                "leader",
                where,
                f"{act.id} 指定负责人 {name}：此人不能带活动"
                "（值守人员或校外人员未通过准入）",
                f"{act.id} leader {pid}: may not lead (duty staff or not cleared)",
            )
        ]
    busy = [t for t in act.meets if not person.is_available(*t)]
    if busy:
        where_zh = "、".join(slot_zh(data, t) for t in busy)
        return [
            PinIssue(
                "leader",
                where,
                f"{act.id} 指定负责人 {name}：{where_zh}没有空",
                f"{act.id} leader {pid}: not available in every pinned slot",
            )
        ]
    return []


def _room_issues(data: ProblemData, act: Activity) -> list[PinIssue]:
    rid = act.room or ""
    room = data.room_by_id.get(rid)
    where = {"activity": act.id, "room": rid}
    if room is None:
        return [
            PinIssue(
                "room",
                where,
                f"{act.id} 指定场地 {rid}：场地表中没有这个场地",
                f"{act.id} room {rid}: no such room",
            )
        ]
    if not act.fits_room(room) or room.kind in data.rules.forbidden_room_kinds:
        return [
            PinIssue(
                "room",
                where,
                f"{act.id} 指定场地 {room.name or rid}：类型或标签不符合该活动的 "
                "room_kinds / room_tags",
                f"{act.id} room {rid}: kind or tags do not fit the activity",
            )
        ]
    closed = [t for t in act.meets if not room.is_open(*t)]
    if closed:
        return [
            PinIssue(
                "room",
                where,
                f"{act.id} 指定场地 {room.name or rid}："
                + "、".join(slot_zh(data, t) for t in closed)
                + "关闭",
                f"{act.id} room {rid}: closed in a pinned slot",
            )
        ]
    if room.capacity < act.capacity.min:
        return [
            PinIssue(
                "room",
                where,
                f"{act.id} 指定场地 {room.name or rid}："
                f"容量 {room.capacity} 小于开班最少人数",
                f"{act.id} room {rid}: smaller than the group minimum",
            )
        ]
    return []
