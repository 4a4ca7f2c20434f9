"""Facts the diagnosis derives from ProblemData once: who is present where,
which rooms and staff an activity may use in a slot, and the Chinese/English
names of places. Every predicate here is a *relaxation* of the hard rules: it
never excludes something a feasible timetable could use.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import cached_property

from paipian.data import Activity, ProblemData, Room, Slot, Staff, Student
from paipian.domain import DAY_EN, DAY_ZH, GRADE_ZH, block_label_zh


class Facts:
    """Read-only views of one instance used by the checks and the models."""

    def __init__(self, data: ProblemData) -> None:
        self.data = data
        rules = data.rules
        self.h08 = rules.enabled("H08")
        self.h12 = rules.enabled("H12")
        self.h13 = rules.enabled("H13")
        self.h14 = rules.enabled("H14")
        self.forbidden = rules.forbidden_room_kinds
        # (activity ids, room id, backup) → seats: ``necessary._host``'s answers
        self.hosted: dict[tuple[tuple[str, ...], str, bool], int] = {}
        # (slot, grades) → activities: ``necessary.slot_activities``'s answers
        self.offered: dict[tuple[Slot, frozenset[int]], list[Activity]] = {}

    # ---- presence -------------------------------------------------------
    @cached_property
    def grade_count(self) -> Mapping[Slot, Counter[int]]:
        """Students present per slot and grade."""
        return {
            s: Counter(st.grade for st in self.data.students_present(*s))
            for s in self.data.calendar.slots
        }

    @cached_property
    def class_count(self) -> Mapping[Slot, Counter[str]]:
        """Students present per slot and class."""
        return {
            s: Counter(st.class_id for st in self.data.students_present(*s))
            for s in self.data.calendar.slots
        }

    def present(self, slot: Slot) -> int:
        return sum(self.grade_count[slot].values())

    @cached_property
    def club_members(self) -> Mapping[str, tuple[Student, ...]]:
        """Students who may join each club: those who asked for it (S3, H12)."""
        out: dict[str, list[Student]] = {a.id: [] for a in self.data.clubs}
        for st in self.data.students:
            for act in self.data.allowed_club_prefs(st):
                if self.open_to(act, st.grade):
                    out[act.id].append(st)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def club_present(self) -> Mapping[tuple[str, Slot], Counter[str]]:
        """Would-be members of a club present in a slot, per class."""
        out: dict[tuple[str, Slot], Counter[str]] = {}
        for aid, members in self.club_members.items():
            for st in members:
                for slot in self.data.present_slots(st):
                    out.setdefault((aid, slot), Counter())[st.class_id] += 1
        return out

    # ---- activities -----------------------------------------------------
    def open_to(self, act: Activity, grade: int) -> bool:
        """H12 grades and H06 (no homework/qa for lower grades)."""
        if self.h12 and grade not in act.grades:
            return False
        return not self.data.homework_barred(grade, act)

    def activities_for(self, grade: int) -> tuple[Activity, ...]:
        return tuple(a for a in self.data.activities if self.open_to(a, grade))

    def cap_min(self, act: Activity) -> int:
        return act.capacity.min if self.h13 else 1

    def cap_max(self, act: Activity, room: Room) -> int:
        return min(room.capacity, act.capacity.max) if self.h13 else room.capacity

    # ---- rooms ----------------------------------------------------------
    def room_usable(self, room: Room, slot: Slot) -> bool:
        return room.kind not in self.forbidden and room.is_open(*slot)

    def rooms_for(self, act: Activity, slot: Slot) -> tuple[Room, ...]:
        """H10 (open, kind, tags, not forbidden) and H13 (holds ``capacity.min``)."""
        return tuple(
            r
            for r in self.data.rooms
            if self.room_usable(r, slot)
            and act.fits_room(r)
            and r.capacity >= self.cap_min(act)
        )

    def needs_backup(self, act: Activity, room: Room) -> bool:
        """H14: an outdoor session of a rain_backup activity holds an indoor room."""
        return self.h14 and room.outdoor and act.rain_backup

    # ---- staff ----------------------------------------------------------
    @cached_property
    def workers(self) -> tuple[Staff, ...]:
        """Staff who may lead or assist at all (H08 duty kinds, H09 clearance)."""
        return self.data.schedulable_staff()

    def works(self, person: Staff, slot: Slot) -> bool:
        return not self.h08 or person.is_available(*slot)

    def may_lead(self, act: Activity, person: Staff) -> bool:
        return act.may_lead(person) if self.h08 else not person.is_duty

    def leaders_for(self, act: Activity, slot: Slot) -> tuple[Staff, ...]:
        return tuple(
            t for t in self.workers if self.works(t, slot) and self.may_lead(act, t)
        )

    def teachers_in(self, slot: Slot) -> tuple[Staff, ...]:
        return tuple(
            t for t in self.workers if t.kind == "teacher" and self.works(t, slot)
        )

    def staffable(self, act: Activity, slot: Slot) -> bool:
        """Some leader, and a teacher leader or an assistant for an external."""
        leaders = self.leaders_for(act, slot)
        if any(t.kind == "teacher" for t in leaders):
            return True
        return bool(leaders) and bool(self.teachers_in(slot))

    # ---- names ----------------------------------------------------------
    def slot_zh(self, slot: Slot) -> str:
        day, block = slot
        return f"{DAY_ZH[day]}{block_label_zh(self.data.calendar.block_index(block))}"

    def slot_en(self, slot: Slot) -> str:
        day, block = slot
        idx = self.data.calendar.block_index(block)
        return f"{DAY_EN[day]} block {idx + 1} ({block})"

    def act_zh(self, act: Activity) -> str:
        return f"{act.name}（{act.id}）"

    def act_en(self, act: Activity) -> str:
        return f"activity {act.id}"

    def staff_zh(self, person: Staff) -> str:
        return f"{person.id} {person.name}"


def grade_zh(grade: int) -> str:
    return GRADE_ZH.get(grade, f"{grade}年级")


def grade_en(grade: int) -> str:
    return f"grade {grade}"
