"""The aggregated CP-SAT model: counts instead of students.

Per slot it decides how many students of each class go to each activity
(``x``), how many sessions each activity opens per pool (a class for
admin_class, a grade for grade_mixed, the school otherwise; one group for a
club), how many rooms of each room type host them, who leads and who assists.
Every constraint is a *necessary* condition of a hard rule of RULES.md, so a
feasible school always has a feasible aggregated model; and every rule
instance is guarded by an enforcement literal (:class:`Guard`) so the same
model serves the diagnosis (assumptions, cores, deletion filter).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from paipian.data import Activity, ProblemData, Room, Slot, Staff
from paipian.diagnosis.aggregate_week import (
    add_daily_offer,
    add_duty,
    add_weekly_quality,
)
from paipian.diagnosis.facts import Facts
from paipian.diagnosis.necessary import sessions_needed

Expr = cp_model.LinearExprT


@dataclass(frozen=True)
class Guard:
    """One rule instance: its id, its place, and the literal that turns it on."""

    rule: str
    where: tuple[tuple[str, str], ...]
    lit: cp_model.IntVar

    @property
    def place(self) -> dict[str, str]:
        return dict(self.where)


class AggregateModel:
    """Build the aggregated model of ``data``; ``guards`` lists every literal."""

    def __init__(
        self,
        data: ProblemData,
        facts: Facts | None = None,
        slots: Sequence[Slot] | None = None,
    ) -> None:
        """``slots``: build only these slots and no week-level rule (a
        relaxation of the full model, used for hints and small cores)."""
        self.data = data
        self.f = facts or Facts(data)
        self.model = cp_model.CpModel()
        self._guards: dict[tuple, Guard] = {}
        # per slot: x[(class, activity)], sessions per activity, pools
        self.x: dict[Slot, dict[tuple[str, str], cp_model.IntVar]] = {}
        self.sessions: dict[Slot, dict[str, list[tuple[object, cp_model.IntVar]]]] = {}
        self.work: dict[int, list[Expr]] = defaultdict(list)
        self._types = self._staff_types()
        self.club_k: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        self._sizes: dict[tuple[str, str], cp_model.IntVar] = {}
        self._bound: dict[str, int] = {}
        self._quality: dict[tuple[Slot, int], list[cp_model.IntVar]] = defaultdict(list)
        only = None if slots is None else set(slots)
        for slot in data.calendar.slots:
            if self.f.present(slot) and (only is None or slot in only):
                self._build_slot(slot)
        if only is not None:
            return
        self._weekly_staff()
        self._clubs_weekly()
        add_duty(self)
        add_daily_offer(self)
        add_weekly_quality(self)

    def total_sessions(self) -> Expr:
        """Sessions opened in the week (the guiding objective of the solves)."""
        return sum(
            k
            for slot in self.sessions.values()
            for pools in slot.values()
            for _, k in pools
        )

    # ---- guards ---------------------------------------------------------
    @property
    def guards(self) -> list[Guard]:
        return list(self._guards.values())

    def guard(self, rule: str, **where: object) -> cp_model.IntVar:
        """The literal of rule instance (rule, where), created on first use."""
        place = tuple((k, str(v)) for k, v in where.items())
        key = (rule, place)
        if key not in self._guards:
            name = f"{rule}({','.join(f'{k}={v}' for k, v in place)})"
            self._guards[key] = Guard(rule, place, self.model.new_bool_var(name))
        return self._guards[key].lit

    def _require(
        self, terms: Sequence[Expr], op: str, rhs: Expr, lit: cp_model.IntVar
    ) -> None:
        """Add ``sum(terms) op rhs`` enforced by ``lit`` (empty sums allowed)."""
        lhs = (
            sum(terms, cp_model.LinearExpr.constant(0))
            if terms
            else cp_model.LinearExpr.constant(0)
        )
        if op == "==":
            self.model.add(lhs == rhs).only_enforce_if(lit)
        elif op == "<=":
            self.model.add(lhs <= rhs).only_enforce_if(lit)
        else:
            self.model.add(lhs >= rhs).only_enforce_if(lit)

    # ---- one slot -------------------------------------------------------
    def _build_slot(self, slot: Slot) -> None:
        f, data, m = self.f, self.data, self.model
        day, block = slot
        tag = f"{day}.{block}"
        x: dict[tuple[str, str], cp_model.IntVar] = {}
        by_act: dict[str, list[str]] = defaultdict(list)
        dropin: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        of_grade: dict[int, list[cp_model.IntVar]] = defaultdict(list)

        def add_x(unit: str, act: Activity, bound: int, grade: int) -> None:
            var = m.new_int_var(0, bound, f"x[{tag},{unit},{act.id}]")
            x[(unit, act.id)] = var
            self._bound[var.name] = bound
            by_act[act.id].append(unit)
            of_grade[grade].append(var)
            if act.is_quality:
                self._quality[(slot, grade)].append(var)

        # drop-ins per class; clubs per grade (members come from the grade)
        for cid, n in f.class_count[slot].items():
            grade = data.class_by_id[cid].grade
            for act in f.activities_for(grade):
                if not act.is_club:
                    add_x(cid, act, n, grade)
                    dropin[cid].append(x[(cid, act.id)])
        for grade in f.grade_count[slot]:
            for act in f.activities_for(grade):
                if act.is_club:
                    counts = f.club_present.get((act.id, slot), Counter())
                    bound = sum(
                        v
                        for c, v in counts.items()
                        if data.class_by_id[c].grade == grade
                    )
                    if bound > 0:
                        add_x(f"grade:{grade}", act, bound, grade)
        self.x[slot] = x
        # H01: every student present is in exactly one session (those with a
        # club wish may be in a club instead of a drop-in)
        clubbable: dict[str, int] = defaultdict(int)
        for st in data.students_present(day, block):
            if any(f.open_to(a, st.grade) for a in data.allowed_club_prefs(st)):
                clubbable[st.class_id] += 1
        for cid, n in f.class_count[slot].items():
            grade = data.class_by_id[cid].grade
            lit = self.guard("H01", day=day, block=block, grade=grade)
            self._require(dropin[cid], "<=", n, lit)
            self._require(dropin[cid], ">=", n - clubbable[cid], lit)
        for grade, n in f.grade_count[slot].items():
            lit = self.guard("H01", day=day, block=block, grade=grade)
            self._require(of_grade[grade], "==", n, lit)
        rooms = [r for r in data.rooms if f.room_usable(r, slot)]
        groups = _room_groups(rooms)
        room_use: dict[int, list[Expr]] = defaultdict(list)
        backup_need: list[tuple[cp_model.IntVar, cp_model.IntVar]] = []
        sessions: dict[str, list[tuple[object, cp_model.IntVar]]] = {}
        slot_k: dict[str, Expr] = {}
        acts = [data.activity_by_id[a] for a in by_act]
        for act in acts:
            pools: dict[object, list[str]] = defaultdict(list)
            for cid in by_act[act.id]:
                if act.is_club:
                    key: object = "club"
                elif act.form == "admin_class":
                    key = cid
                elif act.form == "grade_mixed":
                    key = data.class_by_id[cid].grade
                else:
                    key = "all"
                pools[key].append(cid)
            fitting = [
                (gi, g)
                for gi, g in enumerate(groups)
                if act.fits_room(g[0]) and g[0].capacity >= f.cap_min(act)
            ]
            max_k = 1 if act.is_club else sum(len(g) for _, g in fitting)
            k_list = []
            total_students: list[Expr] = []
            for key, cids in pools.items():
                students = [x[(c, act.id)] for c in cids]
                bound = sum(self._bound[v.name] for v in students)
                k = m.new_int_var(0, max_k, f"k[{tag},{act.id},{key}]")
                k_list.append((key, k))
                # a student is only ever in an existing session
                m.add(sum(students) <= bound * k)
                if f.h13:
                    lit = self.guard("H13", activity=act.id)
                    m.add(sum(students) >= act.capacity.min * k).only_enforce_if(lit)
                    m.add(sum(students) <= act.capacity.max * k).only_enforce_if(lit)
                total_students += students
            sessions[act.id] = k_list
            k_total = sum(k for _, k in k_list)
            if act.is_club:
                self._club_slot(act, slot, k_list[0][1], pools["club"])
            # H10: each session in a fitting open room, within its capacity
            h10 = self.guard("H10", day=day, block=block)
            w_terms, y_terms = [], []
            for gi, g in fitting:
                cap = f.cap_max(act, g[0])
                w = m.new_int_var(0, len(g), f"w[{tag},{act.id},{gi}]")
                y = m.new_int_var(0, len(g) * cap, f"y[{tag},{act.id},{gi}]")
                m.add(y <= cap * w).only_enforce_if(h10)
                room_use[gi].append(w)
                w_terms.append(w)
                y_terms.append(y)
                if f.needs_backup(act, g[0]):
                    backup_need.append((w, y))
            self._require(w_terms, "==", k_total, h10)
            self._require(y_terms, "==", sum(total_students), h10)
            slot_k[act.id] = k_total
        self.sessions[slot] = sessions
        # redundant (implied by H01 + H10): the fewest sessions that seat all
        need = sessions_needed(f, slot)
        if need > 1 and sessions:
            lits = [self.guard("H10", day=day, block=block)] + [
                self.guard("H01", day=day, block=block, grade=g)
                for g in f.grade_count[slot]
            ]
            total = sum(k for pools in sessions.values() for _, k in pools)
            m.add(total >= need).only_enforce_if(lits)
        # H14: outdoor sessions of rain_backup activities hold an indoor room
        backups: dict[int, cp_model.IntVar] = {}
        if backup_need:
            h14 = self.guard("H14", day=day, block=block)
            for gi, g in enumerate(groups):
                if not g[0].outdoor:
                    backups[gi] = m.new_int_var(0, len(g), f"bk[{tag},{gi}]")
            m.add(
                sum(w for w, _ in backup_need) <= sum(backups.values())
            ).only_enforce_if(h14)
            seats = sum(groups[gi][0].capacity * b for gi, b in backups.items())
            m.add(sum(y for _, y in backup_need) <= seats).only_enforce_if(h14)
        h10 = self.guard("H10", day=day, block=block)
        for gi, g in enumerate(groups):
            terms = room_use[gi] + ([backups[gi]] if gi in backups else [])
            if terms:
                m.add(sum(terms) <= len(g)).only_enforce_if(h10)
        self._staff_slot(slot, slot_k)

    # ---- clubs (H12) ------------------------------------------------------
    def _club_slot(
        self, act: Activity, slot: Slot, k: cp_model.IntVar, cids: list[str]
    ) -> None:
        """A required club meets with the same members (per grade) every time.

        Other clubs are relaxed to one group per slot: the model may only
        drop constraints, and a club that does not fit can always be closed.
        """
        if not self.f.h12 or not act.required:
            return
        lit = self.guard("H12", activity=act.id)
        self.club_k[act.id].append(k)
        for cid in cids:
            size = self._club_size(act, cid)
            self.model.add(self.x[slot][(cid, act.id)] == size).only_enforce_if(
                [lit, k]
            )

    def _club_size(self, act: Activity, unit: str) -> cp_model.IntVar:
        key = (act.id, unit)
        if key not in self._sizes:
            grade = int(unit.split(":")[1])
            bound = sum(1 for st in self.f.club_members[act.id] if st.grade == grade)
            self._sizes[key] = self.model.new_int_var(
                0, bound, f"size[{act.id},{unit}]"
            )
        return self._sizes[key]

    # ---- staff (H08, H09) -------------------------------------------------
    def _staff_types(
        self,
    ) -> list[tuple[list[Staff], frozenset[str], bool, frozenset[Slot]]]:
        """Interchangeable staff: same activities, kind, slots and weekly limit."""
        f = self.f
        types: dict[tuple, list[Staff]] = defaultdict(list)
        for t in f.workers:
            acts = frozenset(a.id for a in self.data.activities if f.may_lead(a, t))
            slots = frozenset(s for s in self.data.calendar.slots if f.works(t, s))
            types[(acts, t.kind == "teacher", slots, t.max_per_week)].append(t)
        return [(people, k[0], k[1], k[2]) for k, people in types.items()]

    def _staff_slot(self, slot: Slot, k_total: dict[str, Expr]) -> None:
        """Each session has a leader, each external-led one a teacher 助教;
        each person works at most one session per slot.

        Counts per staff type, and per *leader group*: activities led by
        exactly the same staff types are interchangeable for staffing.
        """
        m = self.model
        day, block = slot
        tag = f"{day}.{block}"
        present = [(ti, t) for ti, t in enumerate(self._types) if slot in t[3]]
        groups: dict[frozenset[int], list[str]] = defaultdict(list)
        for aid in k_total:
            groups[frozenset(ti for ti, t in present if aid in t[1])].append(aid)
        h08 = self.guard("H08", day=day, block=block)
        mine: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        need: list[Expr] = []
        for gi, (types, aids) in enumerate(groups.items()):
            sessions = sum(k_total[a] for a in aids)
            leads, teacher_leads = [], []
            for ti in sorted(types):
                people, _, is_teacher, _ = self._types[ti]
                v = m.new_int_var(0, len(people), f"lead[{tag},{ti},{gi}]")
                mine[ti].append(v)
                leads.append(v)
                if is_teacher:
                    teacher_leads.append(v)
            self._require(leads, ">=", sessions, h08)
            if len(teacher_leads) < len(leads):  # some leader is an external
                h09 = self.guard("H09", day=day, block=block)
                bound = sum(len(t[0]) for _, t in present)
                extra = m.new_int_var(0, bound, f"need_as[{tag},{gi}]")
                need.append(extra)
                self._require([*teacher_leads, extra], ">=", sessions, h09)
        assists = []
        if need:
            for ti, (people, _, is_teacher, _) in present:
                if is_teacher:
                    a = m.new_int_var(0, len(people), f"as[{tag},{ti}]")
                    mine[ti].append(a)
                    assists.append(a)
            self._require(
                need, "<=", sum(assists), self.guard("H09", day=day, block=block)
            )
        for ti, vs in mine.items():
            n = len(self._types[ti][0])
            if len(vs) > 1 or n < self._bound_of(vs):
                m.add(sum(vs) <= n).only_enforce_if(h08)
            self.work[ti].append(sum(vs))

    def _bound_of(self, vs: list[cp_model.IntVar]) -> int:
        return sum(int(v.proto.domain[-1]) for v in vs)

    def _weekly_staff(self) -> None:
        for ti, (people, _, _, slots) in enumerate(self._types):
            limit = people[0].max_per_week
            if len(slots) > limit and self.work.get(ti):
                lit = self.guard("H08", staff=";".join(t.id for t in people))
                self.model.add(
                    sum(self.work[ti]) <= len(people) * limit
                ).only_enforce_if(lit)

    def _clubs_weekly(self) -> None:
        """H12: a required club meets exactly ``sessions_per_week`` times."""
        for act in self.data.clubs:
            if self.f.h12 and act.required:
                ks = self.club_k.get(act.id, [])
                lit = self.guard("H12", activity=act.id)
                self._require(ks, "==", act.sessions_per_week, lit)


def _room_groups(rooms: list[Room]) -> list[list[Room]]:
    """Rooms that are interchangeable for the model: same kind, tags, seats, outdoor."""
    groups: dict[tuple, list[Room]] = defaultdict(list)
    for r in rooms:
        groups[(r.kind, r.tags, r.capacity, r.outdoor)].append(r)
    return list(groups.values())
