"""The school skeleton: calendar, grades and classes, students and their survey."""

from __future__ import annotations

import random
from dataclasses import dataclass

from paipian.data import Block, Calendar, Grade, SchoolClass
from paipian.domain import GRADE_ZH
from paipian.generator.names import person_name
from paipian.generator.profiles import Profile

DAYS = ("mon", "tue", "wed", "thu", "fri")
CN_NUM = "零一二三四五六七八九"


def make_calendar(profile: Profile) -> Calendar:
    """15:30–16:30, 16:30–17:30 (and 17:30–18:00); parents are off at 17:30."""
    blocks = [Block("B1", 930, 990), Block("B2", 990, 1050)]
    if profile.blocks == 3:
        blocks.append(Block("B3", 1050, 1080))
    return Calendar(days=DAYS, blocks=tuple(blocks), parent_off_work=1050)


def grade_blocks(profile: Profile, calendar: Calendar, grade: int) -> tuple[str, ...]:
    """Junior grades of a nine-year school join from the second block (H04)."""
    ids = tuple(b.id for b in calendar.blocks)
    if profile.junior_from is not None and grade >= profile.junior_from:
        return ids[1:]
    return ids


def dismissal(profile: Profile, grade: int) -> int:
    """Grades 1–2 leave class at 15:20, 3–5 at 15:30, junior grades at 16:20."""
    if profile.junior_from is not None and grade >= profile.junior_from:
        return 980
    return 920 if grade <= 2 else 930


def class_name(grade: int, number: int) -> str:
    """``三(2)班``."""
    return f"{GRADE_ZH[grade][0]}({number})班"


def make_grades(profile: Profile, calendar: Calendar) -> list[Grade]:
    """Grades and classes; head teachers T001… one per class, homeroom R<g><nn>."""
    grades = []
    teacher = 0
    for grade, count in zip(profile.grades, profile.classes_per_grade, strict=True):
        classes = []
        for n in range(1, count + 1):
            teacher += 1
            classes.append(
                SchoolClass(
                    id=f"{grade}-{n}",
                    name=class_name(grade, n),
                    grade=grade,
                    homeroom=f"R{grade}{n:02d}",
                    head_teacher=f"T{teacher:03d}",
                )
            )
        grades.append(
            Grade(
                grade=grade,
                dismissal=dismissal(profile, grade),
                blocks=grade_blocks(profile, calendar, grade),
                classes=tuple(classes),
            )
        )
    return grades


@dataclass
class StudentDraft:
    """A survey row while the generator still fills in wishes."""

    id: str
    name: str
    grade: int
    class_id: str
    last: dict[str, str]  # day -> last block booked
    prefs: list[str]
    needs_remedial: tuple[str, ...] = ()


def class_sizes(profile: Profile, rng: random.Random) -> list[int]:
    """Students per class, 35–45, adding up to the profile's size ± 5 %."""
    n_classes = sum(profile.classes_per_grade)
    total = round(profile.students * rng.uniform(0.95, 1.05))
    total = min(max(total, 35 * n_classes), 45 * n_classes)
    sizes = [35] * n_classes
    for _ in range(total - 35 * n_classes):
        room = [i for i, s in enumerate(sizes) if s < 45]
        sizes[rng.choice(room)] += 1
    return sizes


def _habit_weights(n_blocks: int) -> list[float]:
    # Most children stay to parents' off-work time (the second block or later).
    return {1: [1.0], 2: [0.3, 0.7], 3: [0.15, 0.45, 0.40]}[n_blocks]


def make_students(
    profile: Profile, grades: list[Grade], rng: random.Random
) -> list[StudentDraft]:
    """Every class's survey rows: booked days and the last block each day."""
    sizes = iter(class_sizes(profile, rng))
    students = []
    for g in grades:
        weights = _habit_weights(len(g.blocks))
        for c in g.classes:
            number = int(c.id.split("-")[1])
            for k in range(1, next(sizes) + 1):
                sid = f"S{g.grade}{number:02d}{k:02d}"
                last: dict[str, str] = {}
                if rng.random() >= 0.03:  # a few answer the survey but book nothing
                    habit = rng.choices(g.blocks, weights)[0]
                    every_day = rng.random() < 0.8
                    for day in DAYS:
                        if not every_day and rng.random() >= 0.6:
                            continue
                        varied = rng.random() < 0.2
                        last[day] = (
                            rng.choices(g.blocks, weights)[0] if varied else habit
                        )
                remedial: tuple[str, ...] = ()
                if g.grade >= 3 and rng.random() < 0.05:
                    remedial = rng.choice((("数学",), ("语文", "数学"), ("英语",)))
                students.append(
                    StudentDraft(
                        sid, person_name(rng), g.grade, c.id, last, [], remedial
                    )
                )
    _keep_someone_late(grades, students, rng)
    return students


def _keep_someone_late(
    grades: list[Grade], students: list[StudentDraft], rng: random.Random
) -> None:
    """Each grade-day with children has one staying past the first block (H03)."""
    for g in grades:
        if len(g.blocks) < 2:
            continue
        mine = [s for s in students if s.grade == g.grade]
        for day in DAYS:
            present = [s for s in mine if day in s.last]
            if present and all(s.last[day] == g.blocks[0] for s in present):
                rng.choice(present).last[day] = g.blocks[-1]
