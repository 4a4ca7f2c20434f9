"""`paipian solve` — placeholder until its issue lands."""

import typer


def command() -> None:
    raise typer.Exit(1)
