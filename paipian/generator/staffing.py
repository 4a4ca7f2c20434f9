"""Staff of a generated school: a leader (and 助教) for every planted session,
duty officers for every day, then availability that covers what was planted.
"""

from __future__ import annotations

import random
from datetime import date

from paipian.data import Activity, Grade
from paipian.generator.draft import ActSpec, PlannedSession, Slot, StaffSpec
from paipian.generator.names import person_name
from paipian.generator.school import DAYS

PROFILE_SKILLS: dict[str, tuple[str, ...]] = {
    "homework": ("homework", "reading", "care"),
    "reading": ("reading", "homework", "care"),
    "care": ("care", "homework", "reading"),
    "sports": ("sports", "care", "safety"),
    "arts": ("arts", "care"),
    "science": ("science", "labor", "care"),
    "labor": ("labor", "science", "care"),
    "safety": ("safety", "moral", "care"),
    "moral": ("moral", "reading", "care"),
    "other_quality": ("other_quality", "homework", "care"),
    "practice": ("practice", "labor", "moral"),
}
EXTRA_SKILLS = ("moral", "arts", "sports", "other_quality", "safety")
EXTERNAL_TITLE = {
    "professional": "教练",
    "retired_teacher": "退休教师",
    "institution": "科技教育机构",
    "volunteer": "志愿者",
}


class StaffPlanner:
    """Assigns staff greedily; hires a teacher when nobody suitable is free."""

    def __init__(
        self, grades: list[Grade], blocks: tuple[str, ...], rng: random.Random
    ):
        self.rng = rng
        self.blocks = blocks
        self.teachers: list[StaffSpec] = []
        self.externals: list[StaffSpec] = []
        self.head_of: dict[str, StaffSpec] = {}
        for g in grades:
            for c in g.classes:
                skills = PROFILE_SKILLS["homework"]
                if rng.random() < 0.3:
                    skills = (*skills, rng.choice(EXTRA_SKILLS))
                t = StaffSpec(
                    str(c.head_teacher),
                    person_name(rng),
                    "teacher",
                    skills,
                    rng.randint(5, 8),
                )
                self.teachers.append(t)
                self.head_of[c.id] = t
        self._acts: dict[str, Activity] = {}
        self._able: dict[str, list[StaffSpec]] = {}

    def hire(self, skill: str) -> StaffSpec:
        """A new school teacher whose skills start with ``skill``."""
        t = StaffSpec(
            f"T{len(self.teachers) + 1:03d}",
            person_name(self.rng),
            "teacher",
            PROFILE_SKILLS.get(skill, (skill, "care")),
            self.rng.randint(4, 8),
        )
        self.teachers.append(t)
        probe = t.probe()
        for aid, able in self._able.items():
            if self._acts[aid].may_lead(probe):
                able.append(t)
        return t

    def able(self, spec: ActSpec) -> tuple[Activity, list[StaffSpec]]:
        """The frozen activity and the teachers who may lead it (H08)."""
        if spec.id not in self._acts:
            act = spec.freeze()
            self._acts[spec.id] = act
            self._able[spec.id] = [t for t in self.teachers if act.may_lead(t.probe())]
        return self._acts[spec.id], self._able[spec.id]

    def hire_external(self, club: ActSpec, kind: str) -> StaffSpec:
        """The outside coach or tutor who leads ``club`` (H09: cleared)."""
        n = len(self.externals) + 1
        title = EXTERNAL_TITLE[kind]
        if kind == "professional":
            title = f"{club.name.split('（')[0]}{title}"
        x = StaffSpec(
            f"X{n:02d}",
            f"{person_name(self.rng)}（{title}）",
            kind,
            (club.category,),
            club.sessions_per_week + self.rng.randint(0, 2),
        )
        self.externals.append(x)
        club.staff.append(x.id)
        return x

    def _free(self, t: StaffSpec, slot: Slot) -> bool:
        return slot not in t.busy and t.load < t.max_per_week

    def _pick(self, pool: list[StaffSpec], slot: Slot) -> StaffSpec | None:
        free = [t for t in pool if self._free(t, slot)]
        if not free:
            return None
        return min(free, key=lambda t: (t.load / t.max_per_week, self.rng.random()))

    def leader(self, s: PlannedSession) -> StaffSpec:
        """The class's head teacher if free, else the least-loaded able teacher."""
        act, able = self.able(s.activity)
        if s.activity.form == "admin_class" and s.class_id:
            head = self.head_of[s.class_id]
            if self._free(head, s.slot) and act.may_lead(head.probe()):
                return head
        chosen = self._pick(able, s.slot)
        if chosen is None:
            skills = s.activity.staff_skills or (s.activity.category,)
            chosen = self.hire(skills[0])
        return chosen

    def assign(self, sessions: list[PlannedSession], clubs: list[ActSpec]) -> None:
        """Leaders for all sessions; externals' sessions get a teacher 助教 (H09)."""
        lead_by: dict[str, StaffSpec] = {}
        for club in clubs:
            if club.external_kind and club.slots:
                lead_by[club.id] = self.hire_external(club, club.external_kind)
        for s in sessions:
            ext = lead_by.get(s.activity.id)
            if ext is not None:
                s.staff = [ext.id]
                ext.busy.add(s.slot)
                mates = [t for t in self.teachers if s.activity.category in t.skills]
                helper = self._pick(mates, s.slot) or self._pick(self.teachers, s.slot)
                if helper is None:
                    helper = self.hire(s.activity.category)
                s.assistant = helper.id
                helper.busy.add(s.slot)
                continue
            t = self.leader(s)
            s.staff = [t.id]
            t.busy.add(s.slot)

    def finish(self, tightness: float, spare: int) -> None:
        """Spare teachers, then availability and caps that include the plan."""
        for _ in range(spare):
            self.hire(self.rng.choice(sorted(PROFILE_SKILLS)))
        slack = 1.0 - tightness
        for t in self.teachers + self.externals:
            drawn = max(t.max_per_week, t.load)
            t.max_per_week = max(t.load, round(t.load + slack * (drawn - t.load)), 1)
            t.available = self._availability(t, slack)
            if t.kind == "teacher" and self.rng.random() < 0.3:
                t.target = float(self.rng.choice((4, 5)))
            offered = [
                d
                for d in DAYS
                if t.available is None
                or any((d, b) in t.available for b in self.blocks)
            ]
            if self.rng.random() < 0.2 and len(offered) >= 2:
                liked = self.rng.sample(offered, 2)
                t.prefers = tuple(sorted(liked, key=DAYS.index))

    def _availability(self, t: StaffSpec, slack: float) -> set[Slot] | None:
        if t.kind == "teacher" and t.busy and self.rng.random() < 0.5 * slack:
            return None  # every block of every day
        busy_days = {d for d, _ in t.busy}
        if not t.busy:
            busy_days = set(self.rng.sample(DAYS, self.rng.randint(2, 5)))
        slots = set(t.busy)
        for d in DAYS:
            whole = (d in busy_days and self.rng.random() < slack) or (
                d not in busy_days and self.rng.random() < 0.5 * slack
            )
            if whole or (not t.busy and d in busy_days):
                slots.update((d, b) for b in self.blocks)
        return slots


def make_duty(
    rng: random.Random, n_students: int, blocks: tuple[str, ...], days: list[str]
) -> tuple[list[StaffSpec], list[tuple[str, str, str]]]:
    """Health and admin duty staff, and who is on duty each day (H11)."""
    n_health = 1 if n_students < 1500 else 2
    n_admin = 3 if n_students < 1500 else 5
    offices = ("校长室", "教导处", "德育处", "总务处", "大队部")
    health = [
        StaffSpec(
            f"HS{k:02d}", f"{person_name(rng)}（校医）", "health", ("safety",), 10
        )
        for k in range(1, n_health + 1)
    ]
    admin = [
        StaffSpec(
            f"AD{k:02d}",
            f"{person_name(rng)}（{offices[k - 1]}）",
            "admin",
            ("moral", "care"),
            10,
        )
        for k in range(1, n_admin + 1)
    ]
    duty = []
    for i, day in enumerate(days):
        duty.append((day, "health", health[i % n_health].id))
        duty.append((day, "admin", admin[i % n_admin].id))
    for a in admin:
        on = {d for d, kind, who in duty if who == a.id}
        on |= {d for d in DAYS if rng.random() < 0.5}
        a.available = (
            None if len(on) == len(DAYS) else {(d, b) for d in on for b in blocks}
        )
    return health + admin, duty


def unverified_external(rng: random.Random) -> StaffSpec:
    """A volunteer whose qualification lapses before term end: never scheduled."""
    x = StaffSpec(
        "X99",
        f"{person_name(rng)}（家长志愿者）",
        "volunteer",
        ("reading",),
        2,
        cleared=False,
    )
    x.available = {("fri", "B1"), ("fri", "B2")}
    return x


EXPIRES_OK = date(2027, 8, 31)
EXPIRES_LAPSED = date(2026, 12, 31)
