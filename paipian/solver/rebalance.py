"""After the staff phase: the largest workload deviation (S1) pulled in, one
session at a time.

S1 is the largest deviation plus the mean one, so one teacher decides most
of it, and the staff phase's neighbourhood search is still moving when its
time runs out on a large school (big_primary_11: S1 2,190–3,190 after a
60 s run against 1,240 after 600 s). Here the teacher farthest from their
target hands one of their sessions to a teacher who may lead it and is free
then — or takes one, when short — as long as S1 falls (ties: the sum of
squared deviations). Only moves between S1's teachers, whose total and so
mean stays the same; only (session, leader) pairs the staff model offers.
The caller checks the result against the staff model itself (every hard
rule, the exact terms) and keeps it only when better.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Collection

from paipian.constraints import s1_workload_balance
from paipian.data import ProblemData, Slot
from paipian.model.plans import PlannedSession

WORST = 3  # teachers farthest from their targets whose moves are tried


def rebalance(
    data: ProblemData,
    sessions: list[PlannedSession],
    lead_of: dict[int, str],
    assist_of: dict[int, str],
    offered: Collection[tuple[int, str]],
    *,
    seconds: float,
) -> dict[int, str]:
    """``lead_of`` with sessions moved between S1's teachers while S1 (then
    the sum of squared deviations) falls, within ``seconds``; ``offered``:
    the (session, staff) pairs that may be chosen."""
    teachers = {p.id: p for p in s1_workload_balance.population(data)}
    if len(teachers) < 2:
        return dict(lead_of)
    by_index = {s.index: s for s in sessions}
    lead = dict(lead_of)
    load: Counter[str] = Counter()
    count: Counter[str] = Counter()  # sessions led or assisted (max_per_week)
    busy: set[tuple[str, Slot]] = set()
    for si, pid in lead.items():
        s = by_index[si]
        load[pid] += data.lead_load(data.activity_by_id[s.activity], s.block)
        count[pid] += 1
        busy.add((pid, s.slot))
    for si, pid in assist_of.items():
        s = by_index[si]
        load[pid] += data.assist_load(s.block)
        count[pid] += 1
        busy.add((pid, s.slot))
    mean = sum(load[t] for t in teachers) // len(teachers)  # moves keep it
    target = {
        t: round(p.target_per_week * 60) if p.target_per_week is not None else mean
        for t, p in teachers.items()
    }
    may: dict[int, set[str]] = defaultdict(set)  # session → teachers offered
    for si, pid in offered:
        if pid in teachers and si in by_index:
            may[si].add(pid)
    assisted = set(assist_of)
    minutes = {
        si: data.lead_load(data.activity_by_id[s.activity], s.block)
        for si, s in by_index.items()
    }
    dev = {t: abs(load[t] - target[t]) for t in teachers}
    n = len(teachers)

    def score(changed: dict[str, int], top: list[str]) -> tuple[int, int]:
        """S1 and the sum of squared deviations with ``changed`` loads
        (``top``: the teachers farthest from their targets, largest first)."""
        total, squares = sums
        largest = next((dev[t] for t in top if t not in changed), 0)
        for t, new in changed.items():
            d = abs(new - target[t])
            total += d - dev[t]
            squares += d * d - dev[t] * dev[t]
            largest = max(largest, d)
        return largest + total // n, squares

    sums = [sum(dev.values()), sum(d * d for d in dev.values())]  # kept current

    def free(pid: str, slot: Slot, leaving: Slot | None = None) -> bool:
        """``pid`` may take a session in ``slot`` (giving up one in ``leaving``)."""
        if (pid, slot) in busy and slot != leaving:
            return False
        return leaving is not None or count[pid] < teachers[pid].max_per_week

    def candidates(w: str) -> list[tuple[int, str, int | None]]:
        """Moves of the farthest teacher ``w``: (session, its new leader,
        the session given back in exchange or None)."""
        mine = [si for si, pid in lead.items() if pid == w and si not in assisted]
        out: list[tuple[int, str, int | None]] = []
        if load[w] > target[w]:  # give one away
            out += [
                (si, b, None)
                for si in mine
                for b in may[si]
                if b != w and free(b, by_index[si].slot)
            ]
        elif load[w] < target[w]:  # take one
            out += [
                (si, w, None)
                for si, a in lead.items()
                if a in teachers
                and a != w
                and si not in assisted
                and w in may[si]
                and free(w, by_index[si].slot)
            ]
        # or exchange one of ``w``'s for another teacher's of other length
        for si in mine:
            for sj, b in lead.items():
                if (
                    b == w
                    or by_index[sj].slot == by_index[si].slot
                    or b not in may[si]
                    or minutes[sj] == minutes[si]
                    or sj in assisted
                    or w not in may[sj]
                ):
                    continue
                if free(b, by_index[si].slot, by_index[sj].slot) and free(
                    w, by_index[sj].slot, by_index[si].slot
                ):
                    out.append((si, b, sj))
        return out

    now = score({}, sorted(teachers, key=lambda t: -dev[t])[:1])
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        top = sorted(teachers, key=lambda t: -dev[t])
        best: tuple[tuple[int, int], tuple[int, str, int | None]] | None = None
        for w in top[:WORST]:
            for si, b, sj in candidates(w):
                a = lead[si]
                change = minutes[si] - (minutes[sj] if sj is not None else 0)
                after = score({a: load[a] - change, b: load[b] + change}, top[:4])
                if after < now and (best is None or after < best[0]):
                    best = (after, (si, b, sj))
            if time.monotonic() > deadline:
                break
        if best is None:
            break
        now, (si, b, sj) = best
        a = lead[si]
        _move(by_index, lead, load, count, busy, minutes, si, b)
        if sj is not None:
            _move(by_index, lead, load, count, busy, minutes, sj, a)
        for t in (a, b):
            d = abs(load[t] - target[t])
            sums[0] += d - dev[t]
            sums[1] += d * d - dev[t] * dev[t]
            dev[t] = d
    return lead


def _move(
    by_index: dict[int, PlannedSession],
    lead: dict[int, str],
    load: Counter[str],
    count: Counter[str],
    busy: set[tuple[str, Slot]],
    minutes: dict[int, int],
    si: int,
    to: str,
) -> None:
    """Session ``si`` led by ``to`` instead of its leader now."""
    was, slot = lead[si], by_index[si].slot
    lead[si] = to
    load[was] -= minutes[si]
    load[to] += minutes[si]
    count[was] -= 1
    count[to] += 1
    busy.discard((was, slot))
    busy.add((to, slot))
