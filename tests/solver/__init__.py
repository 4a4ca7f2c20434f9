"""Solver tests. A package so that ``test_determinism`` here does not clash with
``tests/generator/test_determinism.py`` under pytest's default import mode."""
