"""`paipian solve [INSTANCE] --out DIR` — build the timetable and write every output.

With no INSTANCE it solves the bundled sample school. While solving, a live
line shows the phase, elapsed time and solutions found (``--verbose`` adds the
objective, bound and gap); Ctrl-C, SIGTERM or SIGHUP stops the search and still
writes the best timetable found. The closing summary speaks the school's terms
(students placed, clubs, teachers' 课时, rooms); the objective is in ``--json``
and ``--verbose``. Exit codes: 0 a timetable, 3 infeasible (report written),
4 none found in time (or before the stop), 2 bad input.
"""

from __future__ import annotations

import dataclasses
import json
import math
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.live import Live
from rich.table import Table
from rich.text import Text

from paipian.checker import check
from paipian.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_INFEASIBLE,
    EXIT_NO_TIMETABLE_IN_TIME,
    EXIT_OK,
    LIMIT_BY_SIZE,
    bundled_sample,
    err,
    esc,
    out,
    print_warnings,
    require_lang,
)
from paipian.commands.signals import Received, stop_on_signals
from paipian.data import ProblemData
from paipian.io import load_instance
from paipian.io.atomic import write_text_atomic
from paipian.io.solution_json import write_solution
from paipian.solver import Result, SolveParams, StopFlag, solve
from paipian.solver.result import recommended_limit, search_share

DEADLINE_GRACE = 1.0  # seconds past its share of the limit before the search is stopped

PHASE_ZH = {"clubs": "社团", "dropins": "分组", "rooms": "场地", "staff": "人员"}


class _Display:
    """The live status line; fed from CP-SAT's callback thread."""

    def __init__(self, lang: str, verbose: bool = False) -> None:
        self.lang = lang
        self.verbose = verbose
        self.started = time.monotonic()
        self.phase = "clubs"
        self.solutions = 0
        self.objective: float | None = None
        self.bound: float | None = None
        self.lock = threading.Lock()

    def on_phase(self, phase: str) -> None:
        with self.lock:
            self.phase, self.solutions = phase, 0
            self.objective = self.bound = None

    def on_progress(
        self, phase: str, solutions: int, objective: float, bound: float, _: float
    ) -> None:
        with self.lock:
            self.phase, self.solutions = phase, solutions
            self.objective, self.bound = objective, bound

    def __rich__(self) -> Text:
        with self.lock:
            elapsed = time.monotonic() - self.started
            gap = ""
            if self.objective is not None and self.bound is not None:
                if self.objective:
                    pct = 100 * (self.objective - self.bound) / abs(self.objective)
                    gap = f"{max(0.0, pct):.1f}%"
                else:
                    gap = "0%"
            phase = self.phase if self.lang == "en" else PHASE_ZH.get(self.phase, "")
            obj = "-" if self.objective is None else f"{self.objective:,.0f}"
            bound = "-" if self.bound is None else f"{self.bound:,.0f}"
            if self.lang == "en":
                line = f"⏱ {elapsed:5.1f}s  phase {phase}  solutions {self.solutions}"
                if self.verbose:
                    line += f"  objective {obj}  bound {bound}  gap {gap or '-'}"
            else:
                line = f"⏱ {elapsed:5.1f}s  阶段 {phase}  已找到方案 {self.solutions}"
                if self.verbose:
                    line += f"  目标值 {obj}  下界 {bound}  差距 {gap or '-'}"
        return Text(line, style="cyan")


def command(
    instance: Annotated[
        Path | None,
        typer.Argument(help="学校数据 instance.yaml（省略则用内置示例学校）"),
    ] = None,
    out_dir: Annotated[
        Path, typer.Option("--out", help="输出文件夹 / output folder")
    ] = Path("排片结果"),
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit",
            help=f"时间上限（秒，含读入数据与写出结果）；{LIMIT_BY_SIZE}",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="CP-SAT 线程数")] = 2,
    seed: Annotated[int, typer.Option("--seed", help="随机种子")] = 0,
    deterministic: Annotated[
        bool,
        typer.Option("--deterministic", help="单线程确定性求解：同一输入输出完全相同"),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="把结果以 JSON 打印")] = False,
    lang: Annotated[str, typer.Option("--lang", help="zh | en")] = "zh",
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="显示求解细节（目标值、下界、差距）/ solver details",
        ),
    ] = False,
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="上一轮的 solution.json：重新排片时尽量不变"),
    ] = None,
    keep: Annotated[
        str | None,
        typer.Option(
            "--keep", help="固定不变的部分：clubs,staff,rooms（与 --previous 同用）"
        ),
    ] = None,
) -> None:
    """Solve a school (the bundled sample when none is given) and write the outputs.

    Ctrl-C, SIGTERM and SIGHUP stop the search; the best timetable found so far
    is still written.
    """
    started = time.monotonic()
    require_lang(lang)
    path = instance or bundled_sample()
    data, warnings = load_instance(path)
    print_warnings(warnings, lang=lang)
    # no limit given: the one the school's size needs (the solver's targets
    # are stated for it); a fixed 20 s ended a 2,873-student school's run
    # with no timetable on one thread
    by_size = time_limit is None
    if time_limit is None:
        time_limit = recommended_limit(len(data.students))
    if time_limit <= 0 or workers < 1:
        err.print("[red]--time-limit 须大于 0，--workers 至少为 1[/]")
        raise typer.Exit(EXIT_BAD_INPUT)
    name = esc(data.school.name)
    err.print(
        f"[bold]{name}[/]：学生 {len(data.students)} 人，"
        f"教职工 {len(data.staff)} 人，场地 {len(data.rooms)} 处，"
        f"活动 {len(data.activities)} 项；时间上限 {time_limit:g} 秒"
        + ("（按学校规模）" if by_size else "")
        if lang != "en"
        else f"[bold]{name}[/]: {len(data.students)} students, "
        f"{len(data.staff)} staff, {len(data.rooms)} rooms; limit {time_limit:g}s"
        + (" (by the school's size)" if by_size else "")
    )
    # Re-solve (docs/re-solve.md): the previous round, its pins and ledger.
    from paipian.commands import resolve_io

    resolving = resolve_io.prepare(data, previous, keep)
    display = _Display(lang, verbose)
    stop = StopFlag()
    search_limit = time_limit
    if not deterministic:  # a deterministic run's limit must not hang on the clock
        search_limit = search_share(
            time_limit, len(data.students), time.monotonic() - started
        )
    params = SolveParams(search_limit, workers, seed, deterministic)
    with (
        stop_on_signals(stop) as received,
        Live(display, console=err, refresh_per_second=4, transient=True),
    ):
        result = _in_background(
            lambda: solve(
                data,
                params,
                progress=display.on_progress,
                on_phase=display.on_phase,
                stop=stop,
                previous=resolving.previous,
            ),
            deadline=search_limit + DEADLINE_GRACE,
            stop=stop,
        )
    stamped, change_files = resolve_io.finish(
        data, result.solution, resolving, out_dir, lang
    )
    result = dataclasses.replace(result, solution=stamped)
    # Files first: after SIGHUP the terminal may be gone, and what the run
    # found must be on disk before anything is said about it.
    written = write_result(data, result, out_dir, lang) + change_files
    _summarise(
        data,
        result,
        written,
        lang,
        as_json,
        verbose=verbose,
        stopped=received if received.signal is not None else None,
        time_limit=time_limit,
    )
    if result.feasible:
        raise typer.Exit(EXIT_OK)
    if result.status == "INFEASIBLE":
        raise typer.Exit(EXIT_INFEASIBLE)
    raise typer.Exit(EXIT_NO_TIMETABLE_IN_TIME)


def _in_background(
    call: Callable[[], Result], *, deadline: float, stop: StopFlag
) -> Result:
    """Run ``call`` in a worker thread while the main thread waits in short joins.

    Python runs signal handlers only in the main thread between bytecodes; a
    main thread busy inside the solver (C++ or a long Python loop) would hold
    SIGTERM until it returned. Waiting here keeps the stop prompt. Past
    ``deadline`` seconds the search is told to stop, as a user would, so
    ``--time-limit`` holds even when a phase overruns its share.
    """
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["result"] = call()
        except BaseException as exc:  # re-raised in the main thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="paipian-solve", daemon=True)
    worker.start()
    started = time.monotonic()
    while worker.is_alive():
        worker.join(0.1)
        if not stop.stopped and time.monotonic() - started > deadline:
            stop.stop()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    result = outcome["result"]
    assert isinstance(result, Result)
    return result


def write_result(data: object, result: Result, out_dir: Path, lang: str) -> list[Path]:
    """solution.json, then the human outputs (each file written atomically).

    Shared with ``paipian batch``, so a school's folder there holds exactly what
    ``solve`` writes.
    """
    from paipian.data import ProblemData

    assert isinstance(data, ProblemData)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / "solution.json"]
    write_solution(result.solution, written[0])
    if result.feasible:
        from paipian.report import write_outputs

        written += write_outputs(data, result.solution, out_dir, lang=lang)
    elif result.solution.infeasibility is not None:
        from paipian.diagnosis.render import render_markdown

        report = out_dir / "不可行报告.md"
        write_text_atomic(
            report, render_markdown(result.solution.infeasibility, data, lang=lang)
        )
        written.append(report)
    return written


def _more_time_tip(data: ProblemData, limit: float, lang: str) -> str:
    """The limit ended the search at its first timetable: say so, and what
    limit a school of this size needs (``recommended_limit``)."""
    students = len(data.students)
    advised = recommended_limit(students)
    if advised <= limit:  # a slow machine: the recommendation was not enough
        advised = 2 * math.ceil(limit)
    if lang == "en":
        return (
            f"  tip: the time limit ended the search at its first timetable, "
            f"with no time left to improve it; for {students} students try "
            f"--time-limit {advised:g}"
        )
    return (
        f"  提示：时间上限只够排出第一版排片表，没有时间再优化；"
        f"{students} 名学生的学校建议 --time-limit {advised:g}"
    )


def _summarise(
    data: object,
    result: Result,
    written: list[Path],
    lang: str,
    as_json: bool,
    *,
    verbose: bool = False,
    stopped: Received | None = None,
    time_limit: float = 0.0,
) -> None:
    """One headline true to what happened, then the figures a school reads."""
    from paipian.data import ProblemData

    assert isinstance(data, ProblemData)
    en = lang == "en"
    summary: dict[str, object] = {
        "status": result.status,
        "objective": result.objective,
        "bound": result.bound,
        "gap": result.gap,
        "terms": dict(result.terms),
        "seconds": round(result.runtime, 2),
        "stopped_by": stopped.signal.name if stopped and stopped.signal else None,
        "files": [str(p) for p in written],
    }
    if result.feasible:
        report = check(data, result.solution)
        summary["hard_violations"] = {k: v for k, v in report.by_rule.items() if v}
        summary["metrics"] = _metrics(data, result, report.metrics)
        if stopped is not None:
            head = (
                f"[bold yellow]✓ {stopped.said_en()}: the best timetable found so "
                "far is written (it may not be the best possible)[/]"
                if en
                else f"[bold yellow]✓ {stopped.said_zh()}：已写出目前找到的最好排片表，"
                "可能还不是最优[/]"
            )
        else:
            head = (
                "[bold green]✓ Timetable ready[/]"
                if en
                else "[bold green]✓ 排片完成[/]"
            )
        secs = f"（{result.runtime:.1f} 秒）" if not en else f" ({result.runtime:.1f}s)"
        err.print(head + secs)
        err.print(_staff_table(data, summary, report.ok, lang))
        if result.short_of_time:
            summary["more_time_helps"] = True
            err.print(_more_time_tip(data, time_limit, lang), markup=False)
    elif result.status == "INFEASIBLE":
        err.print(
            "[bold red]✗ 按现有数据无法排出满足全部规则的排片表[/]；原因与修改建议见 "
            f"{esc(written[-1])}"
            if not en
            else "[bold red]✗ no timetable satisfies every rule[/]; "
            f"see {esc(written[-1])}"
        )
        from paipian.diagnosis.render import findings

        inf = result.solution.infeasibility
        for rules, item in findings(inf.core if inf else ())[:8]:
            text = item.message_en if en and item.message_en else item.message
            err.print(f"  [red]{esc('+'.join(rules))}[/] {esc(text)}")
    elif stopped is not None:
        err.print(
            f"[bold yellow]! {stopped.said_en()} before any timetable was found[/]; "
            "nothing to print yet (solution.json records the stop)"
            if en
            else f"[bold yellow]! {stopped.said_zh()}：停止前尚未找到排片表[/]，"
            "没有可打印的排片表（solution.json 记下了这次停止）"
        )
    else:
        for line in _no_timetable_words(
            result, en, students=len(data.students), time_limit=time_limit
        ):
            err.print(line, markup=False)
    if verbose:
        gap = "-" if result.gap is None else f"{100 * result.gap:.1f}%"
        obj = "-" if result.objective is None else f"{result.objective:,.0f}"
        bound = "-" if result.bound is None else f"{result.bound:,.0f}"
        terms = "  ".join(f"{k} {v:,.0f}" for k, v in sorted(result.terms.items()))
        err.print(
            f"objective {obj}  bound {bound}  gap {gap}  status {result.status}"
            if en
            else f"目标值 {obj}  下界 {bound}  差距 {gap}  状态 {result.status}",
            markup=False,
        )
        if terms:
            err.print(("terms  " if en else "各项  ") + terms, markup=False)
    for p in written:
        err.print(f"  → {p}", markup=False)
    if as_json:
        out.print_json(json.dumps(summary, ensure_ascii=False, default=str))


PHASE_WORDS = {
    "clubs": ("社团分配", "club membership"),
    "dropins": ("分组", "drop-in groups"),
    "rooms": ("场地安排", "rooms"),
    "staff": ("人员安排", "staff"),
}


def _no_timetable_words(
    result: Result, en: bool, *, students: int = 0, time_limit: float = 0.0
) -> list[str]:
    """Exit 4, said as it is: the limit was used, how far the plan got, that the
    data checks found no rule conflict, and whether more time could help."""
    p = dict(result.partial or {})
    phase = PHASE_WORDS.get(str(p.get("phase", "")), ("", ""))
    placed, slots = p.get("placed", 0), p.get("student_slots", 0)
    no_room, no_lead = p.get("without_room", 0), p.get("without_leader", 0)
    closed = list(p.get("closed_clubs", []) or [])  # type: ignore[call-overload]
    # Past the drop-in plan, the search was only short of rooms or leaders for
    # a few sessions: more time lets it cut and re-plan further. So it does
    # when the plan had no groups yet (its search was cut short), or when the
    # limit is below what a school of this size needs (3,334 students in
    # 20 s: none; in 90 s, a timetable).
    advised = recommended_limit(students)
    short = 0 < time_limit < advised
    more_time = (
        p.get("phase") in ("rooms", "staff") or not p or not p.get("sessions") or short
    )
    try_en, try_zh = "  try a larger --time-limit", "  可加大 --time-limit 后重试"
    if short:
        try_en = (
            f"  try --time-limit {advised:g} (what a school of {students} "
            "students needs)"
        )
        try_zh = (
            f"  可将 --time-limit 加大到 {advised:g} 后重试"
            f"（{students} 名学生的学校需要约 {advised:g} 秒）"
        )
    if en:
        lines = [
            "! no complete timetable within the time limit "
            f"({result.runtime:.0f}s used)."
        ]
        if p:
            lines.append(
                f"  reached: {phase[1]}; {placed:,}/{slots:,} student-slots grouped, "
                f"{p.get('sessions', 0)} sessions, {no_room} without a room, "
                f"{no_lead} without a leader"
                + (
                    f"; clubs closed to make room: {', '.join(closed)}"
                    if closed
                    else ""
                )
            )
        lines.append(
            "  the data checks (paipian explain) found no rule conflict: the school "
            "may well be feasible and the search did not get there in time."
        )
        lines.append(
            try_en
            if more_time
            else "  more time alone is unlikely to help: look at the busiest slots "
            "(rooms, leaders) or run paipian explain"
        )
        return lines
    lines = [f"! 在时间上限内没有排出完整的排片表（用时 {result.runtime:.0f} 秒）。"]
    if p:
        lines.append(
            f"  已做到：{phase[0]}；{placed:,}/{slots:,} 人次已分组，"
            f"共 {p.get('sessions', 0)} 个活动场次，"
            f"其中 {no_room} 个缺场地、{no_lead} 个缺负责人"
            + (f"；为腾出资源已关闭社团：{'、'.join(closed)}" if closed else "")
        )
    lines.append(
        "  数据检查（paipian explain）没有发现规则冲突：这所学校很可能排得出，"
        "只是搜索在时限内没有走完。"
    )
    lines.append(
        try_zh
        if more_time
        else "  单靠加时间帮助不大：请查看最忙的时段（场地、负责人），"
        "或运行 paipian explain"
    )
    return lines


def _metrics(data: object, result: Result, m: object) -> dict[str, object]:
    """The summary figures: the checker's metrics plus head counts."""
    from paipian.checker.metrics import Metrics
    from paipian.data import ProblemData

    assert isinstance(data, ProblemData) and isinstance(m, Metrics)
    sol = result.solution
    placed = {sid for s in sol.sessions for sid in s.students}
    present = {
        st.id
        for day, block in data.calendar.slots
        for st in data.students_present(day, block)
    }
    return {
        "students_placed": len(placed & present),
        "students_present": len(present),
        "coverage_pct": m.coverage_pct,
        "clubs_opened": m.clubs_opened,
        "clubs_closed": m.clubs_closed,
        "closed_clubs": list(sol.closed_clubs),
        "teachers": m.teachers,
        "load_min": m.load_min,
        "load_max": m.load_max,
        "rooms_used": len({s.room for s in sol.sessions}),
        "rooms": len(data.rooms),
        "seat_use_pct": m.seat_use_pct,
        "first_choice_pct": m.first_choice_pct,
        "any_choice_pct": m.any_choice_pct,
    }


def _staff_table(
    data: ProblemData, summary: dict[str, object], ok: bool, lang: str
) -> Table:
    """Students placed, clubs running, teachers' 课时, rooms: no solver terms."""
    m = summary["metrics"]
    assert isinstance(m, dict)
    closed = [
        data.activity_by_id[c].name if c in data.activity_by_id else c
        for c in m["closed_clubs"]
    ]
    if lang == "en":
        rows = [
            (
                "students",
                f"{m['students_placed']} of {m['students_present']} placed "
                f"({m['coverage_pct']:.1f}% of attendances)",
            ),
            ("clubs", f"{m['clubs_opened']} running, {m['clubs_closed']} not opened"),
            (
                "club wishes",
                f"first choice {m['first_choice_pct']:.1f}%, "
                f"any choice {m['any_choice_pct']:.1f}%",
            ),
            (
                "teachers",
                f"{m['teachers']} teachers, {m['load_min']:.1f}–{m['load_max']:.1f} "
                "课时 a week each",
            ),
            (
                "rooms",
                f"{m['rooms_used']} of {m['rooms']} in use, "
                f"seats {m['seat_use_pct']:.1f}% filled",
            ),
            ("hard rules", "all hold" if ok else str(summary["hard_violations"])),
        ]
    else:
        rows = [
            (
                "学生",
                f"已安排 {m['students_placed']} 人（共 {m['students_present']} 人参加；"
                f"按人次 {m['coverage_pct']:.1f}%）",
            ),
            ("社团", f"开设 {m['clubs_opened']} 个，未开 {m['clubs_closed']} 个"),
            (
                "社团志愿",
                f"第一志愿满足率 {m['first_choice_pct']:.1f}%，"
                f"任一志愿 {m['any_choice_pct']:.1f}%",
            ),
            (
                "教师课时",
                f"{m['teachers']} 位教师，每周最少 {m['load_min']:.1f}、"
                f"最多 {m['load_max']:.1f} 课时",
            ),
            (
                "场地",
                f"使用 {m['rooms_used']} 处（共 {m['rooms']} 处），"
                f"座位利用率 {m['seat_use_pct']:.1f}%",
            ),
            (
                "硬性规则",
                "全部满足" if ok else f"违反：{summary['hard_violations']}",
            ),
        ]
    if closed:
        shown = "、".join(str(c) for c in closed[:8]) + (
            " …" if len(closed) > 8 else ""
        )
        rows.insert(2, ("not opened" if lang == "en" else "未开社团", shown))
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")  # CJK has no spaces to wrap at
    for k, v in rows:
        table.add_row(k, Text(v))
    return table
