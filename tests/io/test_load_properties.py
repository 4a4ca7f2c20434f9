"""Hypothesis: generated schools round-trip; damaged files fail only in words."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loadkit import ROOMS, STUDENTS, write_instance

from paipian.data import Capacity, Room, Staff, Student
from paipian.domain import fmt_time
from paipian.errors import InstanceError
from paipian.io import load_instance

SETTINGS = settings(
    deadline=None,
    max_examples=int(os.environ.get("PAIPIAN_FUZZ_EXAMPLES", "30")),
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NAMES = ["张三", "李四，小名", "O'Brien", 'say "hi"', "王 五", "多\n行"]
WEEK = ["mon", "tue", "wed", "thu", "fri"]
ROOM_KINDS = ["classroom", "special", "gym", "field", "library", "hall", "offsite"]
CATEGORIES = ["homework", "qa", "remedial", "care", "sports", "arts", "reading"]


def _notation(slots: set[tuple[str, str]], days: list[str], blocks: list[str]) -> str:
    parts = []
    for day in days:
        mine = [b for b in blocks if (day, b) in slots]
        if len(mine) == len(blocks):
            parts.append(day)
        elif mine:
            parts.append(f"{day}:{','.join(mine)}")
    return ";".join(parts)


def _csv(rows: list[list[Any]], encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


@st.composite
def schools(draw: st.DrawFn) -> dict[str, Any]:
    """A valid school, and the objects it must load to."""
    n_blocks = draw(st.integers(2, 3))
    lengths = draw(
        st.lists(st.sampled_from([30, 45, 60]), min_size=n_blocks, max_size=n_blocks)
    )
    start = 15 * 60 + draw(st.sampled_from([0, 15, 30]))
    blocks = []
    for i, length in enumerate(lengths):
        blocks.append((f"B{i + 1}", start, start + length))
        start += length
    block_ids = [b[0] for b in blocks]
    days = [d for d in WEEK if draw(st.booleans())] or ["mon"]
    slots = [(d, b) for d in days for b in block_ids]
    slot_sets = st.sets(st.sampled_from(slots))
    grade_numbers = sorted(draw(st.sets(st.integers(1, 9), min_size=1, max_size=3)))
    grades = []
    for g in grade_numbers:
        g_blocks = (
            block_ids
            if draw(st.booleans())
            else block_ids[: draw(st.integers(1, n_blocks))]
        )
        grades.append(
            (g, g_blocks, [f"{g}-{k}" for k in range(1, draw(st.integers(1, 2)) + 1)])
        )
    rooms = [
        Room(
            id=f"R{i}",
            name=draw(st.sampled_from(NAMES)),
            kind=draw(st.sampled_from(ROOM_KINDS)),
            capacity=draw(st.integers(1, 200)),
            outdoor=draw(st.booleans()),
            tags=frozenset(draw(st.sets(st.sampled_from(["music", "art", "lab"])))),
            closed=frozenset(draw(slot_sets)),
            zone=draw(st.sampled_from(["", "东楼"])),
        )
        for i in range(draw(st.integers(1, 4)))
    ]
    staff = [
        Staff(
            id=f"T{i}",
            name=draw(st.sampled_from(NAMES)),
            kind=draw(st.sampled_from(["teacher", "health", "admin"])),
            skills=frozenset(draw(st.sets(st.sampled_from(CATEGORIES)))),
            available=frozenset(draw(slot_sets)),
            max_per_week=draw(st.integers(0, 12)),
        )
        for i in range(draw(st.integers(1, 4)))
    ]
    students = []
    for i in range(draw(st.integers(1, 6))):  # a header-only table is refused
        g, g_blocks, classes = draw(st.sampled_from(grades))
        booked = tuple(
            (d, b) for d in days if (b := draw(st.sampled_from([None, *g_blocks])))
        )
        students.append(
            Student(
                id=f"S{i}",
                grade=g,
                class_id=draw(st.sampled_from(classes)),
                last_block=booked,
                name=draw(st.sampled_from(NAMES)),
            )
        )
    low = draw(st.integers(1, 20))
    capacity = Capacity(low, low + draw(st.integers(0, 30)))
    return {
        "blocks": blocks,
        "days": days,
        "grades": grades,
        "rooms": rooms,
        "staff": staff,
        "students": students,
        "capacity": capacity,
        "encoding": draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"])),
        "inline_rooms": draw(st.booleans()),
    }


def _write(folder: Path, school: dict[str, Any]) -> Path:
    block_ids = [b[0] for b in school["blocks"]]
    days = school["days"]
    doc: dict[str, Any] = {
        "school": {"name": "生成小学"},
        "term": {"name": "t", "start": "2026-09-01", "end": "2027-01-20"},
        "calendar": {
            "days": days,
            "blocks": [
                {"id": i, "start": fmt_time(s), "end": fmt_time(e)}
                for i, s, e in school["blocks"]
            ],
            "parent_off_work": fmt_time(school["blocks"][-1][2]),
        },
        "grades": [
            {
                "grade": g,
                "dismissal": "14:00",
                "blocks": gb,
                "classes": [{"id": c} for c in cs],
            }
            for g, gb, cs in school["grades"]
        ],
        "activities": [
            {
                "id": "A",
                "name": "活动",
                "category": "reading",
                "mode": "club",
                "capacity": {
                    "min": school["capacity"].min,
                    "max": school["capacity"].max,
                },
                "room_kinds": ["classroom"],
            }
        ],
        "rooms": "rooms.csv",
        "staff": "staff.csv",
        "students": "students.csv",
    }
    room_rows = [
        {
            "id": r.id,
            "name": r.name,
            "kind": r.kind,
            "capacity": r.capacity,
            "outdoor": "是" if r.outdoor else "否",
            "tags": ";".join(sorted(r.tags)),
            "closed": _notation(set(r.closed), days, block_ids),
            "zone": r.zone,
        }
        for r in school["rooms"]
    ]
    enc = school["encoding"]
    if school["inline_rooms"]:
        doc["rooms"] = room_rows
    else:
        header = list(room_rows[0])
        rows = [header] + [[r[h] for h in header] for r in room_rows]
        (folder / "rooms.csv").write_bytes(_csv(rows, enc))
    staff_rows = [["id", "name", "kind", "skills", "available", "max_per_week"]] + [
        [
            s.id,
            s.name,
            s.kind,
            ";".join(sorted(s.skills)),
            _notation(set(s.available), days, block_ids) or "none",
            s.max_per_week,
        ]
        for s in school["staff"]
    ]
    (folder / "staff.csv").write_bytes(_csv(staff_rows, enc))
    student_rows = [["id", "name", "grade", "class", *days]]
    for s in school["students"]:
        booked = dict(s.last_block)
        student_rows.append(
            [s.id, s.name, s.grade, s.class_id, *(booked.get(d, "") for d in days)]
        )
    (folder / "students.csv").write_bytes(_csv(student_rows, enc))
    path = folder / "instance.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


@SETTINGS
@given(school=schools())
def test_generated_school_round_trips(
    tmp_path_factory: Any, school: dict[str, Any]
) -> None:
    folder = tmp_path_factory.mktemp("gen")
    data, warnings = load_instance(_write(folder, school))
    assert warnings == []
    assert [(b.id, b.start, b.end) for b in data.calendar.blocks] == school["blocks"]
    assert list(data.calendar.days) == school["days"]
    assert [(g.grade, list(g.blocks)) for g in data.grades] == [
        (g, gb) for g, gb, _ in school["grades"]
    ]
    assert list(data.rooms) == school["rooms"]
    assert list(data.staff) == school["staff"]
    assert list(data.students) == school["students"]
    assert data.activities[0].capacity == school["capacity"]
    assert data.activities[0].grades == {g for g, _, _ in school["grades"]}


def _mutate(payload: bytes, edits: list[tuple[int, int]]) -> bytes:
    data = bytearray(payload)
    for position, byte in edits:
        if not data:
            break
        index = position % len(data)
        if byte < 64:
            del data[index]
        else:
            data[index] = byte
    return bytes(data)


EDITS = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=6
)


def _loads_or_fails_in_words(path: Path) -> None:
    try:
        load_instance(path)
    except InstanceError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert "internal error" not in problem.en, problem


@SETTINGS
@given(
    edits=EDITS, target=st.sampled_from(["instance.yaml", "students.csv", "rooms.csv"])
)
def test_damaged_files_fail_only_with_instance_error(
    tmp_path_factory: Any, edits: list[tuple[int, int]], target: str
) -> None:
    folder = tmp_path_factory.mktemp("bad")
    path = write_instance(
        folder,
        edit=lambda d: d.__setitem__("rooms", "rooms.csv"),
        files={"rooms.csv": ROOMS, "students.csv": STUDENTS},
    )
    victim = folder / target
    victim.write_bytes(_mutate(victim.read_bytes(), edits))
    _loads_or_fails_in_words(path)


@SETTINGS
@given(payload=st.binary(max_size=300), as_yaml=st.booleans())
def test_random_bytes_fail_only_with_instance_error(
    tmp_path_factory: Any, payload: bytes, as_yaml: bool
) -> None:
    folder = tmp_path_factory.mktemp("rnd")
    path = write_instance(folder)
    (folder / ("instance.yaml" if as_yaml else "staff.csv")).write_bytes(payload)
    _loads_or_fails_in_words(path)


@SETTINGS
@given(text=st.text(max_size=200))
def test_random_text_as_yaml_fails_only_with_instance_error(
    tmp_path_factory: Any, text: str
) -> None:
    path = tmp_path_factory.mktemp("txt") / "instance.yaml"
    path.write_text(text, encoding="utf-8")
    _loads_or_fails_in_words(path)


def _xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in STUDENTS.splitlines():
        sheet.append(row.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


XLSX = _xlsx_bytes()


@settings(deadline=None, max_examples=20, derandomize=True)
@given(
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(64, 255)), min_size=1)
)
def test_damaged_xlsx_fails_only_with_instance_error(
    tmp_path_factory: Any, edits: list[tuple[int, int]]
) -> None:
    folder = tmp_path_factory.mktemp("xlsx")
    path = write_instance(folder, edit=lambda d: d.__setitem__("students", "s.xlsx"))
    (folder / "s.xlsx").write_bytes(_mutate(XLSX, edits))
    _loads_or_fails_in_words(path)


def test_undamaged_xlsx_loads(tmp_path: Path) -> None:
    path = write_instance(tmp_path, edit=lambda d: d.__setitem__("students", "s.xlsx"))
    (tmp_path / "s.xlsx").write_bytes(XLSX)
    data, _ = load_instance(path)
    assert [s.id for s in data.students] == ["S1", "S2", "S3"]


# Values a careless or hostile hand puts in a YAML value or a table cell: tags
# their value cannot hold, aliases, numbers past any range, maps where lists go,
# Excel-looking times and dates, markup, very long text.
HOSTILE = [
    "!!timestamp not-a-date",
    "!!bool maybe",
    "!!int x",
    "!!float x",
    "!!binary AAAA",
    "!!set {a, b}",
    "!!python/object:os.system x",
    "9" * 4400,
    "1" * 40,
    "-1",
    "0",
    "1.0e400",
    ".nan",
    ".inf",
    "1e30",
    "0x1F",
    "2026-02-30",
    "2027年6月30日",
    "{国庆: 2026-10-01}",
    "{a: {b: {c: [1, [2, [3]]]}}}",
    "[]",
    "{}",
    "~",
    "*nowhere",
    "&a [x, *a]",
    "17:30",
    "16点30",
    "三年级",
    "三(1)班",
    "不参加",
    "√",
    "[/bold]",
    "'\"",
    "x" * 3000,
]


def _replace_value(text: str, line_pick: int, token: str) -> str:
    """Put ``token`` as the value of one ``key: value`` line of the YAML."""
    lines = text.splitlines()
    keyed = [i for i, line in enumerate(lines) if ": " in line]
    index = keyed[line_pick % len(keyed)]
    key, _, _ = lines[index].partition(": ")
    lines[index] = f"{key}: {token}"
    return "\n".join(lines) + "\n"


def _replace_cell(text: str, line_pick: int, column_pick: int, token: str) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    row = rows[1 + line_pick % (len(rows) - 1)]
    row[column_pick % len(row)] = token
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


@SETTINGS
@given(
    line_pick=st.integers(0, 500),
    token=st.sampled_from(HOSTILE),
    extra=st.sampled_from(["", "\nstaff: []\n", "\nrooms: rooms.csv\n"]),
)
def test_hostile_yaml_values_fail_only_with_instance_error(
    tmp_path_factory: Any, line_pick: int, token: str, extra: str
) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    path = write_instance(folder)
    text = _replace_value(path.read_text(encoding="utf-8"), line_pick, token)
    path.write_text(text + extra, encoding="utf-8")
    _loads_or_fails_in_words(path)


@SETTINGS
@given(
    target=st.sampled_from(["students.csv", "rooms.csv", "staff.csv"]),
    line_pick=st.integers(0, 50),
    column_pick=st.integers(0, 20),
    token=st.sampled_from(HOSTILE),
)
def test_hostile_cells_fail_only_with_instance_error(
    tmp_path_factory: Any, target: str, line_pick: int, column_pick: int, token: str
) -> None:
    folder = tmp_path_factory.mktemp("cells")
    path = write_instance(folder)
    victim = folder / target
    victim.write_text(
        _replace_cell(
            victim.read_text(encoding="utf-8"), line_pick, column_pick, token
        ),
        encoding="utf-8",
    )
    _loads_or_fails_in_words(path)
