"""`paipian check` exit codes and output, the spec example, the fixtures, disabled
rules, and the checker's independence from ortools."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from factories import assert_only, replace_session
from typer.testing import CliRunner

from paipian.checker import check
from paipian.cli import app
from paipian.commands import check as check_command
from paipian.data import Rules
from paipian.io.solution_json import write_solution

SPEC = Path("/work/shared/spec/example")
if not SPEC.exists():
    SPEC = Path(__file__).resolve().parents[2] / "instances" / "tiny"

runner = CliRunner()


def test_checker_never_imports_the_solver():
    code = (
        "import sys, paipian.checker, paipian.io.solution_json;"
        "bad = [m for m in sys.modules if m == 'ortools' or m.startswith("
        "('ortools.', 'paipian.solver', 'paipian.constraints'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ortools" not in done.stdout


def test_fixture_solutions_pass(
    tiny, tiny_solution, tiny_external, tiny_external_solution, complete,
    complete_solution,
):  # fmt: skip
    for data, sol in [
        (tiny, tiny_solution),
        (tiny_external, tiny_external_solution),
        (complete, complete_solution),
    ]:
        report = check(data, sol)
        assert report.ok, [v.message for v in report.violations]
    # complete really has what it promises
    acts = {a.id: a for a in complete.activities}
    assert {1, 3} <= {g.grade for g in complete.grades}
    assert acts["BALL"].sessions_per_week == 2 and acts["BALL"].is_club
    assert any(s.backup_room for s in complete_solution.sessions)
    assert any(s.assistant for s in complete_solution.sessions)
    assert complete_solution.closed_clubs == ("CHESS",)
    assert len(complete.students) <= 40


def test_disabled_rules_are_skipped_and_undisableable_ones_refused(tiny, tiny_solution):
    # H11 broken (no duty) and H01 broken (s1 dropped): disabling H11 skips it
    # and H01 is still counted. H01 may not be switched off at all: ProblemData
    # refuses it (the loader says so in words, paipian.io.rules).
    sol = replace(tiny_solution, duty=())
    sol = replace_session(sol, "mon-B2-HW-R1", students=("s2", "s3"))
    data = replace(tiny, rules=Rules(disabled=frozenset({"H11"})))
    report = check(data, sol)
    assert report.disabled == ("H11",)
    assert_only(report, "H01", 1)
    with pytest.raises(ValueError, match="disabled 'H01'"):
        replace(tiny, rules=Rules(disabled=frozenset({"H11", "H01"})))


def test_spec_example_passes():
    pytest.importorskip("paipian.io.instance")
    from paipian.io.instance import load_instance

    data, _warnings = load_instance(SPEC / "instance.yaml")
    from paipian.io.solution_json import read_solution

    report = check(data, read_solution(SPEC / "solution.json"))
    assert report.ok, [v.message for v in report.violations[:10]]
    assert report.metrics.coverage_pct == 100.0


def test_cli_example_exit_0_and_json():
    pytest.importorskip("paipian.io.instance")
    args = ["check", str(SPEC / "instance.yaml"), str(SPEC / "solution.json")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["ok"] is True and payload["by_rule"]["H01"] == 0
    assert set(payload["objective"]["terms"]) == {f"S{i}" for i in range(1, 8)}


@pytest.fixture
def fake_loader(monkeypatch, tiny):
    """`paipian check` reading ``tiny`` whatever INSTANCE names."""
    monkeypatch.setattr(check_command, "_load_instance", lambda path: (tiny, []))


def test_cli_exit_codes(fake_loader, tiny_solution, tmp_path):
    good, bad, broken = tmp_path / "g.json", tmp_path / "b.json", tmp_path / "x.json"
    write_solution(tiny_solution, good)
    write_solution(replace(tiny_solution, duty=()), bad)
    broken.write_text("not json", encoding="utf-8")
    result = runner.invoke(app, ["check", "i.yaml", str(good)])
    assert result.exit_code == 0, result.output
    assert "H14" in result.output and "✓" in result.output
    result = runner.invoke(app, ["check", "i.yaml", str(bad), "--lang", "en"])
    assert result.exit_code == 1
    assert "no health duty" in result.output
    result = runner.invoke(app, ["check", "i.yaml", str(bad), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["by_rule"]["H11"] == 2
    result = runner.invoke(app, ["check", "i.yaml", str(broken)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_cli_unreadable_instance_exits_2(tmp_path, tiny_solution):
    pytest.importorskip("paipian.io.instance")
    sol = tmp_path / "s.json"
    write_solution(tiny_solution, sol)
    (tmp_path / "i.yaml").write_text("school: [", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "i.yaml"), str(sol)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
