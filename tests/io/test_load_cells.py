"""The cell notation of FORMAT.md, one parser at a time."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from paipian.data import Capacity
from paipian.io import cells


@pytest.mark.parametrize(
    ("raw", "minutes"),
    [("15:30", 930), ("9:05", 545), (930, 930), (time(17, 30), 1050), ("15：30", 930)],
)
def test_time_of_day(raw: object, minutes: int) -> None:
    assert cells.time_of_day(raw) == minutes


@pytest.mark.parametrize("raw", ["24:00", "15:60", "1530", "3pm", True, 1440, -1, 15.5])
def test_bad_time(raw: object) -> None:
    with pytest.raises(cells.CellError):
        cells.time_of_day(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(45, Capacity(1, 45)), ("45", Capacity(1, 45)), ("12-30", Capacity(12, 30)),
     ("12－30", Capacity(12, 30)), ({"min": 6, "max": 12}, Capacity(6, 12)),
     ({"max": 8}, Capacity(1, 8)), (30.0, Capacity(1, 30))],
)  # fmt: skip
def test_capacity(raw: object, expected: Capacity) -> None:
    assert cells.capacity(raw) == expected


@pytest.mark.parametrize("raw", [0, -3, "0-5", "30-12", {"min": 3}, "many", True])
def test_bad_capacity(raw: object) -> None:
    with pytest.raises(cells.CellError):
        cells.capacity(raw)


@pytest.mark.parametrize(
    ("raw", "value"),
    [("true", True), ("YES", True), ("是", True), ("1", True), (1, True),
     ("false", False), ("no", False), ("否", False), ("0", False), (False, False)],
)  # fmt: skip
def test_boolean(raw: object, value: bool) -> None:
    assert cells.boolean(raw) is value


def test_background_check_words() -> None:
    assert cells.background_passed("passed") and cells.background_passed("通过")
    assert cells.background_passed("yes")
    assert not cells.background_passed("no")
    with pytest.raises(cells.CellError):
        cells.background_passed("pending")


def test_dates() -> None:
    assert cells.iso_date("2026-09-01") == date(2026, 9, 1)
    assert cells.iso_date("2026/9/1") == date(2026, 9, 1)
    assert cells.iso_date(datetime(2026, 9, 1, 8, 0)) == date(2026, 9, 1)
    for bad in ("2026-02-30", "01/09/2026", "soon", 20260901):
        with pytest.raises(cells.CellError):
            cells.iso_date(bad)


def test_items_accept_full_width_and_yaml_lists() -> None:
    assert cells.items("music;piano") == ("music", "piano")
    assert cells.items(" music ； piano；") == ("music", "piano")
    assert cells.items(["a", "b;c", 3]) == ("a", "b", "c", "3")
    assert cells.items("") == () and cells.items(None) == ()


def test_slot_spec_forms() -> None:
    blocks = ("B1", "B2", "B3")
    spec = cells.slot_spec("mon:B1,B2;tue")
    assert spec == {"mon": ("B1", "B2"), "tue": None}
    assert cells.expand_slots(spec, blocks) == {
        ("mon", "B1"), ("mon", "B2"), ("tue", "B1"), ("tue", "B2"), ("tue", "B3")
    }  # fmt: skip
    assert cells.slot_spec("周一：B1，B2；周三") == {"mon": ("B1", "B2"), "wed": None}
    assert cells.slot_spec("none") == {} and cells.slot_spec("") is None
    assert cells.slot_spec(["wed:B2", "fri"]) == {"wed": ("B2",), "fri": None}
    assert cells.slot_spec({"wed": ["B2"], "fri": None}) == {
        "wed": ("B2",),
        "fri": None,
    }
    with pytest.raises(cells.CellError) as info:
        cells.slot_spec("mon;someday:B1")
    assert info.value.value == "someday"


def test_integer_and_text_from_excel() -> None:
    assert cells.integer(3.0) == 3 and cells.integer(" 12 ") == 12
    assert cells.text(101.0) == "101"
    for bad in (True, 2.5, "3rd", None):
        with pytest.raises(cells.CellError):
            cells.integer(bad)
