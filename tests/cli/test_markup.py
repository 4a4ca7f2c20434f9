"""Text a school typed prints literally: rich markup in it never raises or vanishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_tiny, run_main

from paipian.commands import common
from paipian.errors import Location, Problem


def _edit_csv(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_markup_in_a_cell_and_a_name_prints_literally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = copy_tiny(tmp_path)
    _edit_csv(instance.parent / "students.csv", 2, "KID;DANCE;ORIGAMI;JR", "KID;[/]")
    _edit_csv(instance.parent / "staff.csv", 2, "丁欣妍", "[/bold]")
    run = run_main(capsys, "validate", str(instance))
    assert run.code == 0, run.err
    assert "'[/]'" in run.err  # the ignored wish, quoted as typed
    assert "Traceback" not in run.err and "MarkupError" not in run.err


def test_bracketed_text_in_a_message_keeps_its_brackets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    problem = Problem(
        Location("instance.yaml", key="calendar.days"),
        "应为星期的列表，例如 [mon, tue, wed]",
        "a list of weekdays, e.g. [mon, tue, wed]",
        value="[bold]x[/bold]",
    )
    common.print_problems([problem], title="[/] 标题")
    common.print_warnings([problem], lang="en")
    err = capsys.readouterr().err
    assert "例如 [mon, tue, wed]" in err
    assert "e.g. [mon, tue, wed]" in err
    assert "[bold]x[/bold]" in err and "[/] 标题" in err


def test_a_bad_value_inside_brackets_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    instance = copy_tiny(tmp_path)
    text = instance.read_text(encoding="utf-8")
    instance.write_text(text.replace("name: ", "name: '[/red]", 1), encoding="utf-8")
    run = run_main(capsys, "validate", str(instance))
    assert run.code in (0, 2), run.err
    assert "MarkupError" not in run.err and "内部错误" not in run.err


def test_the_last_resort_handler_prints_markup_literally(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import paipian.commands.validate as validate

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("[/bold] broke [red]here")

    monkeypatch.setattr(validate, "load_instance", boom)
    run = run_main(capsys, "validate", "whatever.yaml")
    assert run.code == 70
    assert "[/bold] broke [red]here" in run.err
    assert "内部错误" in run.err


def test_the_last_resort_handler_survives_a_broken_console(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import paipian.cli as cli
    import paipian.commands.validate as validate

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    def broken_print(*args: object, **kwargs: object) -> None:
        raise OSError("stderr is gone")

    monkeypatch.setattr(validate, "load_instance", boom)
    monkeypatch.setattr(cli.err, "print", broken_print)
    run = run_main(capsys, "validate", "whatever.yaml")
    assert run.code == 70
    assert "boom" in run.err


def test_version_and_top_level_lang(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run = run_main(capsys, "--version")
    assert run.code == 0 and run.out.startswith("paipian ")
    run = run_main(capsys, "--lang", "en", "validate", str(copy_tiny(tmp_path)))
    assert run.code == 0 and "the instance is valid" in run.err
    assert "数据有效" not in run.err
    run = run_main(capsys, "--lang", "fr", "validate", "x.yaml")
    assert run.code == 2 and "--lang" in run.err
    for command in (("solve",), ("check", "a", "b"), ("explain", "a")):
        run = run_main(capsys, *command, "--lang", "fr")
        assert run.code == 2 and "--lang" in run.err, command
    run = run_main(
        capsys, "generate", "--profile", "tiny", "--out", "x", "--lang", "fr"
    )
    assert run.code == 2 and "--lang" in run.err


def test_help_shows_examples_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (("--help",), ("solve", "--help"), ("check", "--help")):
        run = run_main(capsys, *args)
        assert run.code == 0
        assert "例子 / examples" in run.out and "退出码 / exit codes" in run.out
        assert "paipian solve" in run.out
