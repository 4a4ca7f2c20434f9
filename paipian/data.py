"""ProblemData: one school's after-school service, as the engine sees it.

Frozen dataclasses, times in integer minutes after midnight, no pandas and no
ortools. ``paipian.io.load_instance`` builds it from the files of FORMAT.md and
reports every problem with its file and line. Built any other way (tests, the
generator, the diagnosis's repairs), it still checks its invariants on
construction (``paipian.invariants``: unique ids, resolving references, slots
of the calendar) and raises ``ValueError`` naming the offending item; the rules
themselves are the solver's and the checker's to judge (the solver refuses a
calendar that breaks H04).

Presence (H02): a student booked on a day stays from their grade's first block
through the block named in the survey; ``is_present`` answers that question and
everything else derives from it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import Any, TypeVar

from paipian.catalogue import RULE_BY_ID
from paipian.domain import (
    DUTY_KINDS,
    EXTERNAL_KINDS,
    HOMEWORK_CATEGORIES,
    QUALITY_CATEGORIES,
)
from paipian.invariants import check as check_invariants

Slot = tuple[str, str]
"""A (day, block id) pair, e.g. ``("wed", "B2")``."""


T = TypeVar("T")


@dataclass(frozen=True)
class School:
    name: str
    district: str = ""
    stage: str = "primary"


@dataclass(frozen=True)
class Term:
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class Block:
    id: str
    start: int  # minutes after midnight
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Calendar:
    days: tuple[str, ...]
    blocks: tuple[Block, ...]  # in time order
    parent_off_work: int
    holidays: tuple[date, ...] = ()
    workdays: tuple[date, ...] = ()  # make-up service days (调休上班)

    @cached_property
    def block_by_id(self) -> Mapping[str, Block]:
        return MappingProxyType({b.id: b for b in self.blocks})

    def block_index(self, block_id: str) -> int:
        """0-based position of a block in the day."""
        return [b.id for b in self.blocks].index(block_id)

    @property
    def last_block(self) -> str:
        return self.blocks[-1].id

    @property
    def slots(self) -> tuple[Slot, ...]:
        """Every (day, block) of the week, day-major."""
        return tuple((d, b.id) for d in self.days for b in self.blocks)


@dataclass(frozen=True)
class SchoolClass:
    id: str
    name: str
    grade: int
    homeroom: str | None = None
    head_teacher: str | None = None


@dataclass(frozen=True)
class Grade:
    grade: int
    dismissal: int  # minutes after midnight
    blocks: tuple[str, ...]  # block ids this grade takes part in, in time order
    classes: tuple[SchoolClass, ...]


@dataclass(frozen=True)
class Capacity:
    min: int
    max: int


@dataclass(frozen=True)
class Room:
    id: str
    name: str
    kind: str
    capacity: int
    outdoor: bool = False
    tags: frozenset[str] = frozenset()
    closed: frozenset[Slot] = frozenset()  # (day, block) pairs; a bare day expands
    zone: str = ""

    def is_open(self, day: str, block: str) -> bool:
        return (day, block) not in self.closed


@dataclass(frozen=True)
class Staff:
    id: str
    name: str
    kind: str
    skills: frozenset[str] = frozenset()
    available: frozenset[Slot] = frozenset()  # already expanded to (day, block)
    max_per_week: int = 10
    target_per_week: float | None = None  # 课时 per week (S1)
    prefers: frozenset[str] = frozenset()  # day codes and/or activity ids (S5)
    qualification_verified: bool = False
    background_check: bool = False
    qualification_expires: date | None = None

    @property
    def is_external(self) -> bool:
        return self.kind in EXTERNAL_KINDS

    @property
    def is_duty(self) -> bool:
        """Health and admin staff serve duty (H11) and never lead (H08)."""
        return self.kind in DUTY_KINDS

    def is_available(self, day: str, block: str) -> bool:
        return (day, block) in self.available

    def external_cleared(self, term_end: date) -> bool:
        """H09: qualification verified, background passed, valid through term end."""
        return (
            self.qualification_verified
            and self.background_check
            and self.qualification_expires is not None
            and self.qualification_expires >= term_end
        )


@dataclass(frozen=True)
class Activity:
    id: str
    name: str
    category: str
    mode: str  # club | drop_in
    form: str  # admin_class | grade_mixed | school_mixed | walk
    grades: frozenset[int]
    capacity: Capacity
    room_kinds: frozenset[str]
    room_tags: frozenset[str] = frozenset()
    sessions_per_week: int = 1
    required: bool = False
    staff: tuple[str, ...] = ()
    staff_skills: frozenset[str] = frozenset()  # loader fills the [category] default
    rain_backup: bool = True
    # Pins (docs/re-solve.md): fixed meeting slots, leaders who MUST lead (unlike
    # ``staff``, which only allows), and a fixed room for every session.
    meets: tuple[Slot, ...] = ()
    leaders: tuple[str, ...] = ()
    room: str | None = None

    @property
    def is_club(self) -> bool:
        return self.mode == "club"

    @property
    def is_homework(self) -> bool:
        return self.category in HOMEWORK_CATEGORIES

    @property
    def is_quality(self) -> bool:
        return self.category in QUALITY_CATEGORIES

    def may_lead(self, person: Staff) -> bool:
        """H08: listed in ``staff`` or holding one of ``staff_skills``."""
        if person.is_duty:
            return False
        return person.id in self.staff or bool(self.staff_skills & person.skills)

    def fits_room(self, room: Room) -> bool:
        """H10 kind and tags (openness and capacity are per slot/session)."""
        return room.kind in self.room_kinds and self.room_tags <= room.tags


@dataclass(frozen=True)
class Student:
    id: str
    grade: int
    class_id: str
    last_block: tuple[tuple[str, str], ...]  # (day, last block id) for booked days
    name: str = ""
    prefs: tuple[str, ...] = ()  # ranked activity ids, first = most wanted
    needs_remedial: tuple[str, ...] = ()

    @cached_property
    def last_block_by_day(self) -> Mapping[str, str]:
        return MappingProxyType(dict(self.last_block))


@dataclass(frozen=True)
class Rules:
    grades_without_homework: frozenset[int] = frozenset({1, 2})
    min_quality_per_week: int = 1
    remedial_max_group: int = 15
    forbidden_room_kinds: frozenset[str] = frozenset({"canteen", "guard_room"})
    require_health_staff: bool = True
    require_admin_duty: bool = True
    session_weights: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType({"assistant": 0.5})
    )
    disabled: frozenset[str] = frozenset()

    def enabled(self, rule_id: str) -> bool:
        return rule_id not in self.disabled

    def __hash__(self) -> int:  # session_weights is a mapping
        return hash((self.grades_without_homework, self.disabled))


@dataclass(frozen=True)
class Weights:
    balance: int = 10  # S1
    rooms: int = 3  # S2
    preference: int = 5  # S3
    sport: int = 1  # S4
    staff_preference: int = 1  # S5
    stability: int = 20  # S6
    late_fairness: int = 2  # S7

    def of(self, rule_id: str) -> int:
        """The weight of soft rule ``rule_id`` (its key: ``paipian.catalogue``)."""
        key = RULE_BY_ID[rule_id].weight
        if key is None:
            raise KeyError(f"{rule_id} is not a soft rule")
        return int(getattr(self, key))


@dataclass(frozen=True)
class ProblemData:
    """One school's instance: everything the solver and the checker read."""

    school: School
    term: Term
    calendar: Calendar
    grades: tuple[Grade, ...]
    rooms: tuple[Room, ...]
    staff: tuple[Staff, ...]
    activities: tuple[Activity, ...]
    students: tuple[Student, ...]
    rules: Rules = field(default_factory=Rules)
    weights: Weights = field(default_factory=Weights)
    name: str = ""  # the instance path or name as given

    def __post_init__(self) -> None:
        check_invariants(self)

    def __hash__(self) -> int:
        return id(self)

    # ---- lookups -------------------------------------------------------
    @cached_property
    def memo(self) -> dict[Any, Any]:
        """Answers to pure questions about this (immutable) instance, kept by
        the module that owns the question (e.g. H08's who may lead)."""
        return {}

    def recall(self, key: Any, compute: Callable[[], T]) -> T:
        """``memo[key]``, computed by ``compute`` the first time it is asked."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    @cached_property
    def grade_by_number(self) -> Mapping[int, Grade]:
        return MappingProxyType({g.grade: g for g in self.grades})

    @cached_property
    def class_by_id(self) -> Mapping[str, SchoolClass]:
        return MappingProxyType({c.id: c for g in self.grades for c in g.classes})

    @cached_property
    def room_by_id(self) -> Mapping[str, Room]:
        return MappingProxyType({r.id: r for r in self.rooms})

    @cached_property
    def staff_by_id(self) -> Mapping[str, Staff]:
        return MappingProxyType({s.id: s for s in self.staff})

    @cached_property
    def activity_by_id(self) -> Mapping[str, Activity]:
        return MappingProxyType({a.id: a for a in self.activities})

    @cached_property
    def student_by_id(self) -> Mapping[str, Student]:
        return MappingProxyType({s.id: s for s in self.students})

    @property
    def clubs(self) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.is_club)

    @property
    def drop_ins(self) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if not a.is_club)

    # ---- presence (H02) -------------------------------------------------
    def grade_blocks(self, grade: int) -> tuple[str, ...]:
        return self.grade_by_number[grade].blocks

    def is_present(self, student: Student, day: str, block: str) -> bool:
        """Whether the survey keeps ``student`` at school in (day, block)."""
        last = student.last_block_by_day.get(day)
        if last is None:
            return False
        blocks = self.grade_blocks(student.grade)
        if block not in blocks or last not in blocks:
            return False
        return blocks.index(block) <= blocks.index(last)

    def present_slots(self, student: Student) -> tuple[Slot, ...]:
        key = ("present", student.id)
        known = self.memo.get(key)
        if known is not None and self.student_by_id.get(student.id) is student:
            return known
        slots = tuple(
            (d, b.id)
            for d in self.calendar.days
            for b in self.calendar.blocks
            if self.is_present(student, d, b.id)
        )
        if self.student_by_id.get(student.id) is student:
            self.memo[key] = slots
        return slots

    @cached_property
    def _present_by_slot(self) -> Mapping[Slot, tuple[Student, ...]]:
        by_slot: dict[Slot, list[Student]] = {s: [] for s in self.calendar.slots}
        for st in self.students:
            for slot in self.present_slots(st):
                by_slot[slot].append(st)
        return MappingProxyType({k: tuple(v) for k, v in by_slot.items()})

    def students_present(self, day: str, block: str) -> tuple[Student, ...]:
        return self._present_by_slot.get((day, block), ())

    # ---- workload (课时, FORMAT.md) ----------------------------------------
    def session_weight(self, activity: Activity) -> float:
        """课时 weight: by category, else by mode, else 1.0."""
        weights = self.rules.session_weights
        if activity.category in weights:
            return float(weights[activity.category])
        if activity.mode in weights:
            return float(weights[activity.mode])
        return 1.0

    def lead_load(self, activity: Activity, block: str) -> int:
        """Weighted minutes a leader earns for one session (课时 × 60, rounded)."""
        minutes = self.calendar.block_by_id[block].minutes
        return round(self.session_weight(activity) * minutes)

    def assist_load(self, block: str) -> int:
        """Weighted minutes an assistant (助教) earns for one session."""
        minutes = self.calendar.block_by_id[block].minutes
        return round(float(self.rules.session_weights.get("assistant", 0.5)) * minutes)

    def allowed_club_prefs(self, student: Student) -> tuple[Activity, ...]:
        """The student's ranked clubs that exist and are open to their grade."""
        out = []
        for aid in student.prefs:
            act = self.activity_by_id.get(aid)
            if (
                act is not None
                and act.is_club
                and student.grade in act.grades
                and act not in out
                and not self.homework_barred(student.grade, act)
            ):
                out.append(act)
        return tuple(out)

    def homework_barred(self, grade: int, activity: Activity) -> bool:
        """H06 — the one place it is decided: a homework-category activity for
        a grade without homework, while the school has not turned H06 off."""
        return (
            self.rules.enabled("H06")
            and activity.is_homework
            and grade in self.rules.grades_without_homework
        )

    def schedulable_staff(self) -> tuple[Staff, ...]:
        """Staff who may lead or assist at all (H08/H09)."""
        return tuple(
            s
            for s in self.staff
            if not s.is_duty
            and (not s.is_external or s.external_cleared(self.term.end))
        )
