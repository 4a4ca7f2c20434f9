"""One worker (``--workers 1``, an old laptop): the drop-in plan's first
solution is looked for by local search before the tree search
(``run_phase(local_search=True)``, ``_Run._feasible_first``). Local search finds
plans but cannot prove that none exists; the tree search that follows it can."""

from __future__ import annotations

from factories import activity, admin, health, make_data, room, student, teacher

from paipian.data import Rules
from paipian.model.plans import ClubPlan, Reservations
from paipian.solver import SolveParams, solve
from paipian.solver.dropins import build_dropin_model, form_sessions
from paipian.solver.runtime import run_phase
from solver.helpers import assert_graded

FEW = Rules(disabled=frozenset({"H03", "H05"}))


def _school(students: int, rooms: int):
    return make_data(
        students=[student(f"s{i:03d}", 3, mon="B1", tue="B1") for i in range(students)],
        activities=[
            activity("HW", "homework", capacity=40),
            activity("RUN", "sports", capacity=30),
        ],
        staff=[teacher(f"T{i}", skills=["homework", "sports"]) for i in range(4)]
        + [health(), admin()],
        rooms=[room(f"R{i}", capacity=40) for i in range(rooms)],
        days=("mon", "tue"),
        rules=FEW,
    )


def _probe(data, local_search: bool):
    """The drop-in plan without its objective, as the first-solution probe
    searches it, with one worker."""
    pm, v = build_dropin_model(data, ClubPlan({}, {}), Reservations.empty())
    probe = pm.feasibility_copy()
    solver, outcome = run_phase(
        probe,
        time_limit=10,
        workers=1,
        seed=0,
        deterministic=False,
        first_solution=True,
        local_search=local_search,
    )
    return v, solver, outcome


def test_local_search_alone_finds_a_plan_that_forms_whole_groups() -> None:
    data = _school(students=100, rooms=3)
    v, solver, outcome = _probe(data, local_search=True)
    assert solver.parameters.use_ls_only  # local search alone, one worker
    assert outcome.status in ("OPTIMAL", "FEASIBLE"), outcome.status
    formed = form_sessions(data, ClubPlan({}, {}), v, solver.value)
    per_slot: dict[tuple[str, str], int] = {}
    for s in formed.sessions:
        per_slot[(s.day, s.block)] = per_slot.get((s.day, s.block), 0) + len(s.students)
        assert len(s.students) <= 40
    assert per_slot == {("mon", "B1"): 100, ("tue", "B1"): 100}


def test_control_an_impossible_plan_gets_no_plan_from_either_search() -> None:
    # 130 students, three rooms of 40: no plan. Local search finds none (it
    # may be presolve that proves so); the tree search proves it.
    data = _school(students=130, rooms=3)
    assert _probe(data, local_search=True)[2].status in ("UNKNOWN", "INFEASIBLE")
    assert _probe(data, local_search=False)[2].status == "INFEASIBLE"


def test_one_worker_solve_gets_a_checked_timetable() -> None:
    data = _school(students=100, rooms=3)
    result = solve(data, SolveParams(time_limit=10, workers=1, seed=3))
    assert_graded(data, result)


def test_one_worker_from_a_complete_start_descends_by_tree_search(
    monkeypatch,
) -> None:
    # A staff phase hinted with a lopsided but valid staffing (T1 leads all
    # eight sessions): one wall-time worker first runs its own tree search
    # (no turns between strategies), which reaches the even split.
    from paipian.model.plans import PlannedSession
    from paipian.solver import runtime
    from paipian.solver.staffing import build_staff_model

    calls = []
    real = runtime.run_phase

    def spy(*args, **kwargs):
        solver, outcome = real(*args, **kwargs)
        calls.append((kwargs.get("interleave", True), outcome.status))
        return solver, outcome

    monkeypatch.setattr(runtime, "run_phase", spy)
    days = ("mon", "tue", "wed", "thu")
    data = make_data(
        students=[student("s1", 3, **dict.fromkeys(days, "B2"))],
        activities=[activity("HW", "homework")],
        staff=[teacher("T1"), teacher("T2"), health(), admin()],
        rooms=[room("R1")],
        days=days,
    )
    planned = [
        PlannedSession(i, d, b, "HW", ("s1",), ("3-1",))
        for i, (d, b) in enumerate((d, b) for d in days for b in ("B1", "B2"))
    ]
    pm, v = build_staff_model(data, planned)
    for (_, pid), var in v.lead.items():
        pm.hint(var, pid == "T1")
    pm.hint_complete = True
    solver, outcome = runtime.run_phase(
        pm, time_limit=6, workers=1, seed=0, deterministic=False
    )
    assert outcome.status in ("OPTIMAL", "FEASIBLE"), outcome.status
    leads = {p: 0 for p in ("T1", "T2")}
    for (_, pid), var in v.lead.items():
        leads[pid] += solver.value(var)
    assert leads == {"T1": 4, "T2": 4}
    assert calls[0][0] is False  # the descent: one search, no turns
    # control: without a complete start, the same worker takes turns
    pm2, _ = build_staff_model(data, planned)
    solver2, _ = real(pm2, time_limit=3, workers=1, seed=0, deterministic=False)
    assert solver2.parameters.interleave_search


def _searches(monkeypatch, workers: int) -> list[tuple[bool, bool, int]]:
    """(first solution only, local search, seed) of every search the drop-in
    phase runs on a plan none of them solves (each answers UNKNOWN)."""
    from paipian.solver import pipeline
    from paipian.solver.runtime import PhaseOutcome

    calls: list[tuple[bool, bool, int]] = []
    real = pipeline.run_phase

    def unlucky(pm, **kw):
        solver, outcome = real(pm, **{**kw, "time_limit": 0.05})
        if pm.phase != "dropins":
            return solver, outcome
        calls.append(
            (kw.get("first_solution", False), kw.get("local_search", False), kw["seed"])
        )
        return solver, PhaseOutcome("UNKNOWN", 0.0, 0.0, kw["time_limit"], 0)

    monkeypatch.setattr(pipeline, "run_phase", unlucky)
    data = _school(students=100, rooms=3)
    solve(data, SolveParams(time_limit=4, workers=workers, seed=0))
    return calls


def test_one_worker_takes_turns_with_local_search_until_a_plan_is_found(
    monkeypatch,
) -> None:
    # big_primary_11 tightened around its witness, one worker: local search
    # needed 1.8–3.1 s, its one turn was 1.8 s, and the tree search found
    # nothing in the 55 s left — no timetable (exit 4).
    calls = _searches(monkeypatch, workers=1)
    probe = [ls for _, ls, _ in calls[:4]]
    assert probe == [True, False, True, False]  # the probe, in turn
    again = [ls for first, ls, _ in calls[5:] if first]
    assert again[:2] == [True, False]  # and the runs after the main search
    assert len({seed for *_, seed in calls[4:]}) == len(calls[4:])  # fresh seeds


def test_control_two_workers_never_search_locally_alone(monkeypatch) -> None:
    calls = _searches(monkeypatch, workers=2)
    assert calls and not any(ls for _, ls, _ in calls)
