"""The ``changes`` counts of FORMAT.md's Re-solve section, on hand-made
timetables (each case's arithmetic in a comment), and the S6 recount of the
solver against the checker's own."""

from __future__ import annotations

import random
from dataclasses import replace

from factories import make_data, make_solution, session

from paipian.checker.objectives import s6_stability
from paipian.constraints.s6_stability import recount
from paipian.resolve.changes import compare, count_changes

DATA = make_data()  # HW, READ drop-ins, club BALL; students s1..s4


def _before():
    return make_solution(
        [
            session("HW", "R1", "T1", ["s1", "s2"], block="B1", id="a"),
            session("BALL", "GYM", "T3", ["s3", "s4"], block="B1", id="b"),
            session("READ", "R2", "T2", ["s1", "s2", "s3", "s4"], block="B2", id="c"),
        ]
    )


def test_no_change_counts_nothing() -> None:
    counts = count_changes(_before(), _before(), DATA)
    assert counts == {
        "students": 0,
        "staff": 0,
        "rooms": 0,
        "sessions_added": 0,
        "sessions_removed": 0,
    }


def test_student_changes_by_activity_or_club_set_not_by_room() -> None:
    # s2 moves HW → BALL in B1: its activity differs and its club set gains
    # BALL (1 student). The READ group moves R2 → R1: a room change (1), but
    # no student counts for a room alone. T1 and T3 keep their triples; T2 too.
    after = make_solution(
        [
            session("HW", "R1", "T1", ["s1"], block="B1", id="a"),
            session("BALL", "GYM", "T3", ["s2", "s3", "s4"], block="B1", id="b"),
            session("READ", "R1", "T2", ["s1", "s2", "s3", "s4"], block="B2", id="c"),
        ]
    )
    ch = compare(_before(), after, DATA)
    assert ch.counts() == {
        "students": 1,
        "staff": 0,
        "rooms": 1,
        "sessions_added": 0,
        "sessions_removed": 0,
    }
    listed = {c.student: c.counted for c in ch.students}
    # s1, s3, s4 are listed (their READ room moved) but not counted.
    assert listed == {"s1": False, "s2": True, "s3": False, "s4": False}


def test_staff_and_sessions_added_and_removed() -> None:
    # A second HW group opens in B1 (added 1) and READ in B2 closes, its
    # students going to HW (removed 1, added 1). T2 loses READ/B2 and gains
    # HW/B1 (changed); T1 gains HW/B2 (changed): staff = 2.
    after = make_solution(
        [
            session("HW", "R1", "T1", ["s1"], block="B1", id="a"),
            session("HW", "R2", "T2", ["s2"], block="B1", id="a2"),
            session("BALL", "GYM", "T3", ["s3", "s4"], block="B1", id="b"),
            session("HW", "R1", "T1", ["s1", "s2", "s3", "s4"], block="B2", id="d"),
        ]
    )
    ch = compare(_before(), after, DATA)
    counts = ch.counts()
    assert counts["sessions_added"] == 2
    assert counts["sessions_removed"] == 1
    assert counts["staff"] == 2
    assert counts["students"] == 4  # everyone's B2 activity READ → HW
    assert counts["rooms"] == 0


def test_newcomers_and_leavers_are_not_changed_students() -> None:
    after = make_solution(
        [
            session("HW", "R1", "T1", ["s1", "s9"], block="B1", id="a"),
            session("BALL", "GYM", "T3", ["s3", "s4"], block="B1", id="b"),
            session("READ", "R2", "T2", ["s1", "s3", "s4", "s9"], block="B2", id="c"),
        ]
    )
    ch = compare(_before(), after, DATA)
    assert ch.counts()["students"] == 0
    assert ch.newcomers == ("s9",) and ch.leavers == ("s2",)


def _independent_counts(before, after, clubs):
    """A second recount written from FORMAT.md's words, for the comparison."""

    def placed(sol):
        out = {}
        for s in sol.sessions:
            for sid in s.students:
                out.setdefault(sid, {})[(s.day, s.block)] = s.activity
        return out

    def club_set(sol, sid):
        return {s.activity for s in sol.sessions if sid in s.students} & clubs

    pa, pb = placed(before), placed(after)
    students = sum(
        1
        for sid in pa.keys() & pb.keys()
        if club_set(before, sid) != club_set(after, sid)
        or any(pa[sid][t] != pb[sid][t] for t in pa[sid].keys() & pb[sid].keys())
    )

    def work(sol):
        out = {}
        for s in sol.sessions:
            for p in (*s.staff, *([s.assistant] if s.assistant else [])):
                out.setdefault(p, set()).add((s.day, s.block, s.activity))
        return out

    wa, wb = work(before), work(after)
    staff = sum(1 for p in wa.keys() | wb.keys() if wa.get(p) != wb.get(p))
    return students, staff


def test_counts_equal_an_independent_recount_on_random_edits() -> None:
    rng = random.Random(7)
    clubs = {a.id for a in DATA.clubs}
    for _ in range(200):
        sessions = list(_before().sessions)
        for _ in range(rng.randint(0, 4)):
            i = rng.randrange(len(sessions))
            s = sessions[i]
            edit = rng.choice(["room", "staff", "move", "drop"])
            if edit == "room":
                sessions[i] = replace(s, room=rng.choice(["R1", "R2", "GYM"]))
            elif edit == "staff":
                sessions[i] = replace(s, staff=(rng.choice(["T1", "T2", "T3"]),))
            elif edit == "move" and len(s.students) > 1:
                j = rng.randrange(len(sessions))
                if sessions[j].block == s.block and j != i:
                    who = s.students[0]
                    sessions[i] = replace(s, students=s.students[1:])
                    sessions[j] = replace(
                        sessions[j], students=(*sessions[j].students, who)
                    )
            elif edit == "drop":
                sessions[i] = replace(s, students=s.students[:-1])
        after = make_solution(sessions)
        counts = count_changes(_before(), after, DATA)
        assert (counts["students"], counts["staff"]) == _independent_counts(
            _before(), after, clubs
        )
        # The solver's S6 recount equals the checker's own arithmetic.
        assert recount(DATA, after, _before()) == s6_stability(DATA, after, _before())
