"""`paipian report` and `paipian ledger` — placeholder until its issue lands."""

import typer


def command() -> None:
    raise typer.Exit(1)


def ledger_command() -> None:
    raise typer.Exit(1)
