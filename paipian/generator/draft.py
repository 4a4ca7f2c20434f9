"""Mutable working records of the generator, frozen into ProblemData at the end."""

from __future__ import annotations

from dataclasses import dataclass, field

from paipian.data import Activity, Capacity, Room, Staff

Slot = tuple[str, str]


@dataclass
class ActSpec:
    """An activity while the generator is still deciding its members and staff."""

    id: str
    name: str
    category: str
    mode: str
    form: str
    grades: tuple[int, ...]
    cap_min: int
    cap_max: int
    room_kinds: tuple[str, ...]  # in order of preference
    room_tags: tuple[str, ...] = ()
    sessions_per_week: int = 1
    required: bool = False
    staff: list[str] = field(default_factory=list)
    staff_skills: tuple[str, ...] | None = None  # None = the [category] default
    external_kind: str | None = None  # clubs led by an external of this kind
    members: list[str] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)

    def freeze(self) -> Activity:
        """The frozen ``Activity`` as the loader would build it."""
        skills = (self.category,) if self.staff_skills is None else self.staff_skills
        return Activity(
            id=self.id,
            name=self.name,
            category=self.category,
            mode=self.mode,
            form=self.form,
            grades=frozenset(self.grades),
            capacity=Capacity(self.cap_min, self.cap_max),
            room_kinds=frozenset(self.room_kinds),
            room_tags=frozenset(self.room_tags),
            sessions_per_week=self.sessions_per_week,
            required=self.required,
            staff=tuple(self.staff),
            staff_skills=frozenset(skills),
        )


@dataclass
class StaffSpec:
    """A staff member whose workload and availability are still being decided."""

    id: str
    name: str
    kind: str
    skills: tuple[str, ...]
    max_per_week: int
    cleared: bool = True  # externals: qualification verified and valid
    busy: set[Slot] = field(default_factory=set)
    available: set[Slot] | None = None  # None = every block of every day
    target: float | None = None
    prefers: tuple[str, ...] = ()

    @property
    def load(self) -> int:
        return len(self.busy)

    def probe(self) -> Staff:
        """A frozen stand-in used only to ask ``Activity.may_lead``."""
        return Staff(
            id=self.id, name=self.name, kind=self.kind, skills=frozenset(self.skills)
        )


@dataclass
class RoomSpec:
    """A room and the slots the planted timetable already holds it."""

    id: str
    name: str
    kind: str
    capacity: int
    outdoor: bool = False
    tags: tuple[str, ...] = ()
    zone: str = ""
    used: set[Slot] = field(default_factory=set)
    closed: set[Slot] = field(default_factory=set)

    def freeze(self) -> Room:
        """The frozen ``Room``."""
        return Room(
            id=self.id,
            name=self.name,
            kind=self.kind,
            capacity=self.capacity,
            outdoor=self.outdoor,
            tags=frozenset(self.tags),
            closed=frozenset(self.closed),
            zone=self.zone,
        )


@dataclass
class PlannedSession:
    """One planted session: who, when, what; room and staff are added later."""

    day: str
    block: str
    activity: ActSpec
    students: list[str]
    grade: int | None = None  # admin_class / grade_mixed: the group's grade
    class_id: str | None = None  # admin_class: the class
    room: str | None = None
    backup_room: str | None = None
    staff: list[str] = field(default_factory=list)
    assistant: str | None = None

    @property
    def slot(self) -> Slot:
        return (self.day, self.block)
