"""School profiles the generator knows: size, grades, blocks, school name."""

from __future__ import annotations

from dataclasses import dataclass

from paipian.errors import InstanceError, Location, Problem


@dataclass(frozen=True)
class Profile:
    """The shape of a generated school; sizes are targets (± 10 %)."""

    name: str
    students: int
    classes_per_grade: tuple[int, ...]  # index 0 = grade 1
    blocks: int  # 2 or 3 blocks a day
    stage: str  # primary | nine_year
    school_name: str
    district: str
    junior_from: int | None = None  # first junior grade (dismissed later)

    @property
    def grades(self) -> tuple[int, ...]:
        return tuple(range(1, len(self.classes_per_grade) + 1))


PROFILES: dict[str, Profile] = {
    p.name: p
    for p in (
        Profile("tiny", 120, (1, 1, 1), 2, "primary", "徐汇区梧桐小学", "徐汇区"),
        Profile(
            "primary_600",
            600,
            (3, 3, 3, 3, 3),
            3,
            "primary",
            "浦东新区明珠小学",
            "浦东新区",
        ),
        Profile(
            "primary_1200",
            1200,
            (6, 6, 6, 6, 6),
            3,
            "primary",
            "闵行区春申小学",
            "闵行区",
        ),
        Profile(
            "nine_year_2100",
            2100,
            (6, 6, 6, 6, 6, 6, 6, 5, 5),
            3,
            "nine_year",
            "杨浦区育英学校",
            "杨浦区",
            junior_from=6,
        ),
        Profile(
            "large_3200",
            3200,
            (9, 9, 9, 9, 9, 9, 9, 9, 9),
            3,
            "nine_year",
            "宝山区实验学校",
            "宝山区",
            junior_from=6,
        ),
        Profile(
            "huge_4000",
            4000,
            (20, 20, 20, 20, 20),
            3,
            "primary",
            "浦东新区航头小学",
            "浦东新区",
        ),
    )
}


def get_profile(name: str) -> Profile:
    """The named profile, or an ``InstanceError`` that lists the known ones."""
    if name not in PROFILES:
        known = "、".join(PROFILES)
        raise InstanceError(
            Problem(
                Location("--profile"),
                f"没有这个学校类型，可选：{known}",
                f"unknown profile; choose one of: {', '.join(PROFILES)}",
                value=name,
            )
        )
    return PROFILES[name]
