"""The Chinese docs travel with the code: every link resolves inside the
repository, every rule code is explained, every template column is described."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from paipian.catalogue import RULE_NAME_ZH
from paipian.domain import (
    CATEGORIES,
    FORBIDDEN_CATEGORIES,
    ROOM_KINDS,
    STAFF_KINDS,
)
from paipian.templates import activities, columns

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = ["数据格式.md", "使用指南.md", "规则说明.md"]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("page", [ROOT / "README.md"] + [DOCS / p for p in PAGES])
def test_links_stay_inside_the_repository(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "../shared" not in text
    for target in LINK.findall(text):
        if target.startswith(("http://", "https://", "#")):
            continue
        path = (page.parent / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT), target
        assert path.exists(), f"{page.name}: broken link {target}"


def test_readme_links_every_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in PAGES:
        assert f"(docs/{page})" in readme


def test_every_rule_code_is_explained() -> None:
    """Each code under the name staff see beside it in messages (catalogue.py)."""
    rules = _text("规则说明.md")
    for code, name in RULE_NAME_ZH.items():
        heading = (
            f"### {code} {name}" if code.startswith("H") else f"| {code} | {name} |"
        )
        assert heading in rules, heading


def test_every_column_and_code_is_described() -> None:
    formats = _text("数据格式.md")
    table_columns = (
        columns.student_columns()
        + columns.staff_columns()
        + columns.room_columns()
        + activities.activity_columns()
    )
    for column in table_columns:
        assert f"`{column.key}`" in formats or column.key in (
            "mon",
            "tue",
            "wed",
            "thu",
            "fri",
        ), column.key
        if column.zh:
            assert column.zh in formats, column.zh
    for code in CATEGORIES | FORBIDDEN_CATEGORIES | ROOM_KINDS | STAFF_KINDS:
        assert f"`{code}`" in formats, code
    for spelling in [
        *columns.STAFF_KIND_SPELLING.values(),
        *columns.ROOM_KIND_SPELLING.values(),
    ]:
        assert spelling in formats, spelling


def test_the_guide_walks_the_whole_term() -> None:
    guide = _text("使用指南.md")
    headings = re.findall(r"^## [1-9]\. (.+)$", guide, flags=re.MULTILINE)
    steps = ["建立学校数据", "问卷", "导入", "检查", "排片", "公示", "重新排片", "台账"]
    assert len(headings) == len(steps)
    for heading, step in zip(headings, steps, strict=True):
        assert step in heading, (heading, step)
    for command in (
        "paipian init",
        "paipian validate",
        "paipian solve",
        "--previous",
        "paipian ledger",
    ):
        assert command in guide
