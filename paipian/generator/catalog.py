"""The activities a generated school offers: drop-in services and clubs."""

from __future__ import annotations

import random
from dataclasses import dataclass

from paipian.generator.draft import ActSpec
from paipian.generator.profiles import Profile

LOW = (1, 2)  # grades_without_homework (H06)


def drop_ins(profile: Profile) -> dict[str, ActSpec]:
    """Homework tutoring, play, reading, sport and care, keyed by id."""
    grades = profile.grades
    homework = tuple(g for g in grades if g not in LOW)
    out = [
        ActSpec(
            "HW",
            "作业辅导",
            "homework",
            "drop_in",
            "admin_class",
            homework,
            1,
            45,
            ("classroom",),
        ),
        ActSpec(
            "REM",
            "学困生个别辅导（补差）",
            "remedial",
            "drop_in",
            "grade_mixed",
            homework,
            1,
            15,
            ("classroom", "special"),
            staff_skills=("homework",),
        ),
        ActSpec(
            "PLAY",
            "户外游戏",
            "sports",
            "drop_in",
            "admin_class",
            LOW,
            1,
            45,
            ("field", "gym", "hall", "classroom"),
            staff_skills=("sports", "care"),
        ),
        ActSpec(
            "STORY",
            "绘本故事",
            "reading",
            "drop_in",
            "admin_class",
            LOW,
            1,
            45,
            ("classroom", "library"),
        ),
        ActSpec(
            "SUN",
            "阳光体育",
            "sports",
            "drop_in",
            "grade_mixed",
            grades,
            1,
            50,
            ("field", "gym", "hall", "classroom"),
            staff_skills=("sports", "care"),
        ),
        ActSpec(
            "READ",
            "快乐阅读",
            "reading",
            "drop_in",
            "grade_mixed",
            grades,
            1,
            45,
            ("library", "classroom", "hall"),
        ),
        ActSpec(
            "CARE",
            "看护与自主游戏",
            "care",
            "drop_in",
            "school_mixed",
            grades,
            1,
            45,
            ("classroom", "library", "hall"),
        ),
    ]
    return {a.id: a for a in out}


@dataclass(frozen=True)
class ClubTemplate:
    """A kind of club a school may run one or more groups of."""

    id: str
    name: str
    category: str
    grades: tuple[int, ...]
    cap: tuple[int, int]
    spw: int
    room_kinds: tuple[str, ...]
    tags: tuple[str, ...] = ()
    external: str | None = None  # kind of the external who leads it


PRIMARY_CLUBS = (
    ClubTemplate(
        "BB",
        "篮球社",
        "sports",
        (3, 4, 5),
        (12, 30),
        2,
        ("gym", "field"),
        external="professional",
    ),
    ClubTemplate(
        "FB",
        "足球社",
        "sports",
        (3, 4, 5),
        (14, 30),
        2,
        ("field", "gym"),
        external="professional",
    ),
    ClubTemplate(
        "JR", "花样跳绳", "sports", (1, 2, 3), (15, 40), 1, ("field", "gym", "hall")
    ),
    ClubTemplate(
        "CHOIR",
        "合唱团",
        "arts",
        (2, 3, 4, 5),
        (20, 50),
        2,
        ("special", "hall"),
        ("music",),
    ),
    ClubTemplate(
        "DANCE",
        "舞蹈社",
        "arts",
        (1, 2, 3, 4, 5),
        (12, 30),
        1,
        ("special", "hall"),
        ("dance",),
    ),
    ClubTemplate(
        "CAL",
        "书法",
        "arts",
        (3, 4, 5),
        (12, 36),
        1,
        ("special", "classroom"),
        ("art",),
        external="retired_teacher",
    ),
    ClubTemplate(
        "KID", "儿童画", "arts", (1, 2), (12, 30), 1, ("special", "classroom")
    ),
    ClubTemplate(
        "ROBOT",
        "机器人社",
        "science",
        (3, 4, 5),
        (10, 24),
        2,
        ("special",),
        ("computer",),
        external="institution",
    ),
    ClubTemplate(
        "EXP",
        "科学小实验",
        "science",
        (2, 3, 4),
        (12, 30),
        1,
        ("special", "classroom"),
        ("lab",),
        external="volunteer",
    ),
    ClubTemplate(
        "RECITE",
        "经典诵读",
        "reading",
        (2, 3, 4, 5),
        (12, 40),
        1,
        ("library", "classroom"),
    ),
    ClubTemplate(
        "LABOR", "劳动实践", "labor", (3, 4, 5), (12, 30), 1, ("special", "classroom")
    ),
    ClubTemplate(
        "SAFETY",
        "安全实训",
        "safety",
        (3, 4, 5),
        (12, 40),
        1,
        ("hall", "gym", "classroom"),
        external="volunteer",
    ),
    ClubTemplate(
        "GO",
        "围棋社",
        "other_quality",
        (2, 3, 4, 5),
        (10, 30),
        1,
        ("special", "classroom"),
        external="retired_teacher",
    ),
    ClubTemplate(
        "ORIGAMI",
        "折纸",
        "other_quality",
        (1, 2, 3),
        (12, 30),
        1,
        ("special", "classroom"),
    ),
)
JUNIOR_CLUBS = (
    ClubTemplate(
        "JBB",
        "初中篮球队",
        "sports",
        (6, 7, 8, 9),
        (12, 30),
        2,
        ("gym", "field"),
        external="professional",
    ),
    ClubTemplate(
        "BAND",
        "管乐团",
        "arts",
        (6, 7, 8, 9),
        (15, 45),
        2,
        ("special", "hall"),
        ("music",),
        external="professional",
    ),
    ClubTemplate(
        "PHY", "物理探究", "science", (7, 8, 9), (10, 30), 1, ("special",), ("lab",)
    ),
    ClubTemplate(
        "CODE",
        "编程社",
        "science",
        (6, 7, 8),
        (10, 30),
        1,
        ("special",),
        ("computer",),
        external="institution",
    ),
    ClubTemplate(
        "DEBATE",
        "辩论社",
        "other_quality",
        (6, 7, 8, 9),
        (10, 24),
        1,
        ("classroom", "special"),
    ),
    ClubTemplate(
        "VOL", "社区志愿服务队", "practice", (6, 7, 8, 9), (10, 30), 1, ("classroom",)
    ),
    ClubTemplate(
        "SKETCH",
        "素描社",
        "arts",
        (6, 7, 8, 9),
        (10, 30),
        1,
        ("special", "classroom"),
        ("art",),
    ),
)
ORDINAL = "一二三四五六七八九十"


def clubs(profile: Profile, n_students: int, rng: random.Random) -> list[ActSpec]:
    """Club groups: about one per 35 children, copies get 二队, 三队 …"""
    grades = set(profile.grades)
    junior = profile.junior_from
    templates = []
    for t in PRIMARY_CLUBS + JUNIOR_CLUBS:
        open_to = tuple(g for g in t.grades if g in grades)
        if not open_to:
            continue
        if junior is not None and t in PRIMARY_CLUBS:
            open_to = tuple(g for g in open_to if g < junior)
        templates.append((t, open_to))
    wanted = max(len(templates) // 2, n_students // 35)
    out: list[ActSpec] = []
    copies: dict[str, int] = {}
    while len(out) < wanted:
        t, open_to = templates[len(out) % len(templates)]
        copies[t.id] = copies.get(t.id, 0) + 1
        k = copies[t.id]
        out.append(
            ActSpec(
                id=t.id if k == 1 else f"{t.id}{k}",
                name=t.name if k == 1 else f"{t.name}（{ORDINAL[(k - 1) % 10]}队）",
                category=t.category,
                mode="club",
                form="school_mixed",
                grades=open_to,
                cap_min=t.cap[0],
                cap_max=t.cap[1],
                room_kinds=t.room_kinds,
                room_tags=t.tags,
                sessions_per_week=t.spw,
                external_kind=t.external if rng.random() < 0.8 else None,
            )
        )
    return out
