"""Formula neutralising: a survey answer must never become a spreadsheet formula.

Excel, WPS and LibreOffice read a cell whose text begins with ``=``, ``+``,
``-`` or ``@`` (and, in CSV, a leading tab or carriage return) as a formula.
Every text cell of every output goes through ``neutralise``, which prefixes
``'`` so the text shows as typed.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """``value`` unchanged unless it is text that a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(row: list[object] | tuple[object, ...]) -> list[object]:
    """Every cell of ``row`` neutralised."""
    return [neutralise(v) for v in row]
