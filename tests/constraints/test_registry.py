"""The rule catalogue: one module per rule of RULES.md, found by its id."""

from __future__ import annotations

from paipian.constraints import MODULES, registry, rule
from paipian.domain import HARD_RULES, SOFT_RULES


def test_every_rule_of_the_catalogue_has_its_module_in_order() -> None:
    assert [r.id for r in registry()] == [*HARD_RULES, *SOFT_RULES]


def test_a_module_is_named_after_its_rule_id() -> None:
    for name, info in zip(MODULES, registry(), strict=True):
        assert name.split("_")[0].upper() == info.id


def test_each_rule_states_itself_in_chinese_and_english() -> None:
    for info in registry():
        assert info.zh and info.en
        assert any("\u4e00" <= ch <= "\u9fff" for ch in info.zh), info.id
    assert rule("H10").phases == ("clubs", "rooms")
