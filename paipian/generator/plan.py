"""Plant the timetable's groups: who is in which session of every slot.

The plan follows a school's usual day. In a grade's first block children do
their homework with their class (作业辅导, grades ≥ 3) or play and read with it
(grades 1–2); in the second block they go to clubs or to sport and reading
groups of their grade; in a third block, whoever is left is looked after
(看护) in mixed groups. That gives every grade its daily homework and quality
offer (H03), and every child staying past the first block a quality session
(H05); a child who always leaves after homework reads with their grade once a
week instead of doing homework.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

from paipian.data import Grade
from paipian.generator.draft import ActSpec, PlannedSession, Slot
from paipian.generator.school import DAYS, StudentDraft

GROUP_SIZE = 40
PAIRS = (
    ("mon", "wed"),
    ("tue", "thu"),
    ("wed", "fri"),
    ("mon", "thu"),
    ("tue", "fri"),
    ("mon", "fri"),
)


def chunks(items: list[str], size: int = GROUP_SIZE) -> list[list[str]]:
    """Split ``items`` into the fewest groups of at most ``size``, sizes even."""
    if not items:
        return []
    n = math.ceil(len(items) / size)
    return [items[i::n] for i in range(n)]


class Planner:
    """Holds presence and who is busy while the sessions are planted."""

    def __init__(
        self,
        grades: list[Grade],
        students: list[StudentDraft],
        drop_ins: dict[str, ActSpec],
        rng: random.Random,
    ):
        self.grades = {g.grade: g for g in grades}
        self.students = students
        self.by_grade: dict[int, list[StudentDraft]] = defaultdict(list)
        for s in students:
            self.by_grade[s.grade].append(s)
        self.drop_ins = drop_ins
        self.rng = rng
        self.busy: dict[str, set[Slot]] = defaultdict(set)
        self.sessions: list[PlannedSession] = []

    def present(self, s: StudentDraft, day: str, block: str) -> bool:
        """H02 presence: from the grade's first block to the booked last one."""
        last = s.last.get(day)
        blocks = self.grades[s.grade].blocks
        if last is None or block not in blocks:
            return False
        return blocks.index(block) <= blocks.index(last)

    # ---- clubs (H12, H13) ---------------------------------------------------
    def place_clubs(self, clubs: list[ActSpec]) -> list[ActSpec]:
        """Give each club days and members; return the clubs that cannot run."""
        load: dict[Slot, int] = defaultdict(int)
        closed = []
        for club in clubs:
            block = self.grades[club.grades[0]].blocks[1]
            combos: list[tuple[str, ...]] = (
                [(d,) for d in DAYS] if club.sessions_per_week == 1 else list(PAIRS)
            )
            self.rng.shuffle(combos)
            combos.sort(key=lambda c: sum(load[(d, block)] for d in c))
            for days in combos:
                slots = [(d, block) for d in days]
                eligible = [
                    s.id
                    for g in club.grades
                    for s in self.by_grade[g]
                    if all(self.present(s, d, b) for d, b in slots)
                    and not self.busy[s.id] & set(slots)
                ]
                if len(eligible) < club.cap_min:
                    continue
                top = min(
                    club.cap_max, len(eligible), (club.cap_min + club.cap_max) // 2 + 4
                )
                members = self.rng.sample(eligible, self.rng.randint(club.cap_min, top))
                club.members = sorted(members)
                club.slots = slots
                for sid in members:
                    self.busy[sid].update(slots)
                for slot in slots:
                    load[slot] += 1
                    self.sessions.append(
                        PlannedSession(slot[0], slot[1], club, list(club.members))
                    )
                break
            else:
                closed.append(club)
        return closed

    # ---- drop-in groups -----------------------------------------------------
    def quality_once(self) -> dict[tuple[str, int], list[str]]:
        """Children who only ever stay for homework: a day to read instead (H05)."""
        moved: dict[tuple[str, int], list[str]] = defaultdict(list)
        hw_grades = set(self.drop_ins["HW"].grades)
        for s in self.students:
            blocks = self.grades[s.grade].blocks
            if s.grade not in hw_grades or not s.last:
                continue
            if any(last != blocks[0] for last in s.last.values()):
                continue
            day = self.rng.choice(sorted(s.last, key=DAYS.index))
            moved[(day, s.grade)].append(s.id)
        return moved

    def add(
        self,
        day: str,
        block: str,
        act: str,
        ids: list[str],
        grade: int | None = None,
        class_id: str | None = None,
    ) -> None:
        """Plant a drop-in group and mark its children busy in that slot."""
        spec = self.drop_ins[act]
        self.sessions.append(PlannedSession(day, block, spec, ids, grade, class_id))
        for sid in ids:
            self.busy[sid].add((day, block))

    def place_drop_ins(self) -> None:
        """Every present child not in a club gets a drop-in group (H01)."""
        moved = self.quality_once()
        hw_grades = set(self.drop_ins["HW"].grades)
        for di, day in enumerate(DAYS):
            care: dict[str, list[str]] = defaultdict(list)
            for g in self.grades.values():
                for pos, block in enumerate(g.blocks):
                    free = [
                        s
                        for s in self.by_grade[g.grade]
                        if self.present(s, day, block)
                        and (day, block) not in self.busy[s.id]
                    ]
                    if pos == 0:
                        self._first_block(day, block, g, free, moved, hw_grades, di)
                    elif pos == 1:
                        rem = self._remedial(day, block, free)
                        for group in chunks(rem, 15):
                            self.add(day, block, "REM", group, grade=g.grade)
                        ids = [s.id for s in free if s.id not in rem]
                        for k, group in enumerate(chunks(ids)):
                            act = ("SUN", "READ")[(k + di + g.grade) % 2]
                            self.add(day, block, act, group, grade=g.grade)
                    else:
                        care[block].extend(s.id for s in free)
            for block, ids in care.items():
                for group in chunks(ids):
                    self.add(day, block, "CARE", group)

    def _remedial(self, day: str, block: str, free: list[StudentDraft]) -> list[str]:
        """补差 once a week, on a child's first day in this block, if another
        day there still brings a quality session (H05); never the whole grade
        (H03), and only as far as ``remedial_max_group`` allows (H07)."""
        if "REM" not in self.drop_ins:
            return []
        rem = []
        for s in free:
            if s.grade not in self.drop_ins["REM"].grades or not s.needs_remedial:
                continue
            days = [d for d in DAYS if self.present(s, d, block)]
            if len(days) >= 2 and days[0] == day:
                rem.append(s.id)
        return rem if len(rem) < len(free) else rem[:-1]

    def _first_block(
        self,
        day: str,
        block: str,
        g: Grade,
        free: list[StudentDraft],
        moved: dict[tuple[str, int], list[str]],
        hw_grades: set[int],
        di: int,
    ) -> None:
        readers = set(moved.get((day, g.grade), ()))
        for group in chunks(sorted(readers)):
            self.add(day, block, "READ", group, grade=g.grade)
        for n, c in enumerate(g.classes):
            ids = [s.id for s in free if s.class_id == c.id and s.id not in readers]
            if not ids:
                continue
            act = "HW" if g.grade in hw_grades else ("PLAY", "STORY")[(n + di) % 2]
            self.add(day, block, act, ids, grade=g.grade, class_id=c.id)


def plan_sessions(
    grades: list[Grade],
    students: list[StudentDraft],
    drop_ins: dict[str, ActSpec],
    clubs: list[ActSpec],
    rng: random.Random,
) -> tuple[list[PlannedSession], list[ActSpec]]:
    """All planted sessions (clubs first) and the clubs left closed."""
    planner = Planner(grades, students, drop_ins, rng)
    # Some clubs find too few takers in a real survey and stay closed.
    shut = set(rng.sample(range(len(clubs)), len(clubs) // 12))
    closed = [c for i, c in enumerate(clubs) if i in shut]
    closed += planner.place_clubs([c for i, c in enumerate(clubs) if i not in shut])
    planner.place_drop_ins()
    return planner.sessions, closed
