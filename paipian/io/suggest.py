"""“Did you mean …?”: the nearest known spellings of an unknown word (rapidfuzz)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

from paipian.io.spellings import fold


def nearest(
    word: str,
    known: Iterable[str],
    *,
    limit: int = 3,
    cutoff: float = 60.0,
    whole: bool = False,
) -> list[str]:
    """Up to ``limit`` of ``known`` closest to ``word``, best first.

    Compared folded (full-width forms, spaces and case do not count); a
    candidate scoring under ``cutoff`` (0–100) is no suggestion at all.
    ``whole`` compares whole strings only, so that 家长姓名 (a parent's name)
    is not taken for 姓名 because it contains it.
    """
    choices = tuple(dict.fromkeys(k for k in known if k))
    if not word or not choices:
        return []
    return list(_nearest(word, choices, limit, cutoff, whole))


@lru_cache(maxsize=4096)
def _nearest(
    word: str, choices: tuple[str, ...], limit: int, cutoff: float, whole: bool
) -> tuple[str, ...]:
    # Cached: the same unknown value in a thousand rows is matched once.
    found = process.extract(
        fold(word),
        [fold(c) for c in choices],
        scorer=fuzz.ratio if whole else fuzz.WRatio,
        limit=limit,
        score_cutoff=cutoff,
    )
    return tuple(choices[index] for _, _, index in found)


def did_you_mean(
    word: str, known: Iterable[str], *, limit: int = 3, cutoff: float = 60.0
) -> tuple[str, str]:
    """``("；是否应为「3-1」？", "; did you mean '3-1'?")``, or empty strings."""
    found = nearest(word, known, limit=limit, cutoff=cutoff)
    if not found:
        return "", ""
    zh = "、".join(f"「{f}」" for f in found)
    en = ", ".join(f"'{f}'" for f in found)
    return f"；是否应为 {zh}？", f"; did you mean {en}?"
