"""Solution JSON: round trips, byte-stable rewrites, located read errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paipian.errors import SolutionError
from paipian.io.solution_json import (
    read_solution,
    solution_from_dict,
    solution_to_dict,
    write_solution,
)
from paipian.solution import CoreItem, Infeasibility, Solution, Suggestion

EXAMPLE = Path("/work/shared/spec/example/solution.json")
if not EXAMPLE.exists():  # the repo copy of the same school
    EXAMPLE = Path(__file__).resolve().parents[2] / "instances/tiny/solution.json"


def test_example_round_trip(tmp_path):
    sol = read_solution(EXAMPLE)
    assert len(sol.sessions) == 152 and sol.status == "FEASIBLE"
    fb = next(s for s in sol.sessions if s.id == "mon-B1-FB-1")
    assert fb.backup_room == "GYM" and fb.assistant is None
    # dict → Solution → dict is the identity, and matches the source JSON
    assert solution_from_dict(solution_to_dict(sol)) == sol
    source = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert solution_to_dict(sol)["sessions"] == source["sessions"]
    assert solution_to_dict(sol)["duty"] == source["duty"]
    # write, read back, write again: the same Solution and the same bytes
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_solution(sol, first)
    again = read_solution(first)
    assert again == sol
    write_solution(again, second)
    assert first.read_bytes() == second.read_bytes()
    assert "\\u" not in first.read_text(encoding="utf-8")  # ensure_ascii=False


def test_infeasibility_round_trip(tmp_path):
    sol = Solution(
        instance="x.yaml",
        status="INFEASIBLE",
        infeasibility=Infeasibility(
            core=(
                CoreItem(
                    "H10",
                    {"day": "wed", "block": "B2"},
                    "周三第2时段：在校学生 1,240 人，开放场地合计 1,090 座",
                    "Wed B2: 1,240 students, 1,090 seats",
                    need=1240,
                    have=1090,
                ),
            ),
            suggestions=(Suggestion("open_room", {"day": "wed"}, "再开放 4 间教室"),),
        ),
    )
    path = tmp_path / "inf.json"
    write_solution(sol, path)
    back = read_solution(path)
    assert back.infeasibility == sol.infeasibility
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["sessions"] == [] and raw["infeasibility"]["core"][0]["need"] == 1240


def test_missing_optional_fields_read_as_none():
    d = {
        "sessions": [
            {"id": "s", "day": "mon", "block": "B1", "activity": "HW", "room": "R1",
             "staff": ["T1"], "students": ["a"]}
        ]
    }  # fmt: skip
    sol = solution_from_dict(d)
    assert sol.sessions[0].assistant is None and sol.sessions[0].backup_room is None
    assert sol.status == "UNKNOWN" and sol.duty == () and sol.infeasibility is None


@pytest.mark.parametrize(
    ("payload", "path_in_message"),
    [
        ({"status": "FEASIBLE"}, "sessions"),
        ({"sessions": {}}, "sessions"),
        ({"sessions": [{"id": "s"}]}, "sessions[0].day"),
        (
            {"sessions": [{"id": "s", "day": "mon", "block": "B1", "activity": "A",
                           "room": ["R1"], "staff": [], "students": []}]},
            "sessions[0].room",
        ),
        (
            {"sessions": [{"id": "s", "day": "mon", "block": "B1", "activity": "A",
                           "room": "R1", "staff": "T1", "students": []}]},
            "sessions[0].staff",
        ),
        ({"sessions": [], "duty": [{"day": "mon", "kind": "health"}]}, "duty[0].staff"),
        ({"sessions": [], "objective": {"value": "lots"}}, "objective.value"),
        ([], "(根)"),
    ],
)  # fmt: skip
def test_malformed_solutions_are_located(tmp_path, payload, path_in_message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(SolutionError) as exc:
        read_solution(path)
    text = str(exc.value)
    assert "bad.json" in text and path_in_message in text


def test_not_json_and_missing_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"sessions": [', encoding="utf-8")
    with pytest.raises(SolutionError, match="JSON"):
        read_solution(path)
    with pytest.raises(SolutionError, match="无法读取"):
        read_solution(tmp_path / "nope.json")
