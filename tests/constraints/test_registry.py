"""The rule catalogue: one home for rule facts (``paipian/catalogue.py``), one
module per rule of RULES.md taking its ``RULE`` from it."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

from paipian import catalogue
from paipian.catalogue import CATALOGUE, HARD_RULES, SOFT_RULES, WEIGHT_RULE, rule
from paipian.constraints import MODULES, registry
from paipian.data import Weights

PACKAGE = Path(catalogue.__file__).parent


def test_every_rule_of_the_catalogue_has_its_module_in_order() -> None:
    assert tuple(f"H{i:02d}" for i in range(1, 15)) == HARD_RULES
    assert tuple(f"S{i}" for i in range(1, 8)) == SOFT_RULES
    assert [r.id for r in registry()] == [*HARD_RULES, *SOFT_RULES]


def test_each_module_states_the_catalogue_entry_itself() -> None:
    for name, info in zip(MODULES, registry(), strict=True):
        assert name.split("_")[0].upper() == info.id
        assert info is rule(info.id)  # taken from the catalogue, not a copy
    assert registry() == CATALOGUE


def test_each_rule_states_itself_in_chinese_and_english() -> None:
    for info in CATALOGUE:
        assert info.zh and info.en and info.name_zh and info.name_en, info.id
        assert any("\u4e00" <= ch <= "\u9fff" for ch in info.zh + info.name_zh)
    assert rule("H10").phases == ("clubs", "rooms")


def test_names_and_statements_are_written_only_in_the_catalogue() -> None:
    """No other source file maps rule ids to words (``"H01": "愿留尽留"``),
    spells a rule's statement, or builds a RuleInfo of its own."""
    id_to_words = re.compile(r'"(H\d\d|S\d)": *"')
    # A string literal opening with a statement (as the source wraps them).
    statements = ['"' + text[:20] for info in CATALOGUE for text in (info.zh, info.en)]
    for path in PACKAGE.rglob("*.py"):
        if path.name == "catalogue.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert "RuleInfo(" not in source, path
        assert not id_to_words.search(source), path
        for statement in statements:
            assert statement not in source, (path, statement)


def test_disabling_and_weights_come_from_the_catalogue() -> None:
    assert {"H01", "H02", "H07", "H09", "H10"} == catalogue.UNDISABLEABLE_RULES
    assert all(not rule(r).is_hard for r in WEIGHT_RULE.values())
    assert sorted(WEIGHT_RULE) == sorted(f.name for f in fields(Weights))
    weights = Weights(*range(1, 8))
    for key, rule_id in WEIGHT_RULE.items():
        assert weights.of(rule_id) == getattr(weights, key)


def test_the_catalogue_loader_and_checker_never_import_ortools() -> None:
    code = (
        "import sys, paipian.catalogue, paipian.io, paipian.checker;"
        "bad = [m for m in sys.modules if m == 'ortools' or m.startswith("
        "('ortools.', 'paipian.solver', 'paipian.constraints'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
