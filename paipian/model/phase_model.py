"""A CP-SAT model that knows the rules and penalties it holds.

The modelling kernel: rule modules (``paipian/constraints``) and solver phases
(``paipian/solver``) both build on it; it imports neither.

Every phase of the solver builds one ``PhaseModel``. Rule modules in
``paipian/constraints`` add their hard constraints through ``guard``, which
names the rule instance (``H10(day=wed,block=B2)``) and, only in a model built
with ``diagnose=True``, attaches an enforcement literal of that name. Nothing
builds one today: the infeasibility diagnosis works on its own aggregated model
(``paipian.diagnosis.aggregate``), not on the phase models. Soft rules add
named penalty terms through ``penalise`` with their rule id and the instance's
weight, so the objective breakdown is read back from the model itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

from paipian.data import ProblemData

LinearExprT = (
    Any  # cp_model's linear expressions are not typed in a way mypy can follow
)


def place(**where: object) -> str:
    """``day=wed,block=B2`` — the stable text of a rule instance's place."""
    return ",".join(f"{k}={v}" for k, v in where.items())


@dataclass
class PenaltyTerm:
    rule: str  # S1..S7
    name: str  # e.g. S1(staff=T007)
    expr: LinearExprT
    coef: int = 1


@dataclass
class PhaseModel:
    """A CpModel plus its rule guards and named soft penalties."""

    data: ProblemData
    phase: str
    diagnose: bool = False  # literals for guard(); no caller sets it (see above)
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    guards: dict[str, Any] = field(default_factory=dict)
    penalties: list[PenaltyTerm] = field(default_factory=list)
    constant_terms: dict[str, int] = field(default_factory=dict)  # raw, per rule
    hints: dict[Any, int] = field(default_factory=dict)
    hint_complete: bool = False  # the hint is a full, feasible construction
    first_solution_ok: bool = True  # may stop at its first solution (quick mode)
    completed: bool = False  # ``complete_hint`` succeeded for the current hints

    def hint(self, var: Any, value: int | bool) -> None:
        self.model.add_hint(var, value)
        self.hints[var] = int(value)
        self.completed = False

    def complete_hint(self) -> bool:
        """Extend a complete construction to every variable (loads, deviations,
        maxima): a clone with the hinted decisions pinned is fully determined,
        so it solves at once, and CP-SAT then starts from a whole solution
        instead of spending seconds completing a partial one."""
        if not (self.hint_complete and self.hints):
            return False
        if self.completed:
            return True
        solution = self.pinned_solution(3.0)
        if solution is None:
            return False
        self.start_from(solution)
        self.completed = True
        return True

    def start_from(self, values: list[int]) -> None:
        """CP-SAT's hint: every variable at ``values`` (a full solution of
        this model, variables in order); the construction's own hints
        (``hints``) are kept for ``fix_to_hint``."""
        self.model.clear_hints()
        for index, value in enumerate(values):
            self.model.add_hint(self.model.get_int_var_from_proto_index(index), value)

    def feasibility_copy(self) -> PhaseModel:
        """The same constraints (and the model's hints) without the objective:
        a search for any solution (a probe), far quicker on large models."""
        clone = self.model.clone()
        clone.clear_objective()
        return PhaseModel(self.data, self.phase, model=clone)

    def pinned_solution(
        self, seconds: float, *, minimise: bool = False
    ) -> list[int] | None:
        """A solution of the model with every hinted variable pinned to its hint
        (no objective, or ``minimise``: the rest at their best), or None when
        the hints break a constraint."""
        clone = self.model.clone()
        if not minimise:
            clone.clear_objective()
        for var, value in self.hints.items():
            clone.add(clone.get_int_var_from_proto_index(var.index) == value)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.catch_sigint_signal = False
        if solver.solve(clone) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return list(solver.response_proto.solution)

    def forget_hints(self) -> None:
        """No hints (before hinting anew what an earlier start no longer holds)."""
        self.model.clear_hints()
        self.hints = {}
        self.completed = False

    def hint_all(self, values: list[int]) -> None:
        """Hint the variables with a full solution of an identical model (one
        built from the same inputs; this one may add variables after them, which
        ``complete_hint`` then derives): the search starts from it."""
        self.forget_hints()
        for index, value in enumerate(values):
            self.hint(self.model.get_int_var_from_proto_index(index), value)
        self.hint_complete = True

    def fix_to_hint(self) -> None:
        """Pin every hinted variable to its hint (used when the search ran out of
        time: the construction is then read back through the model's terms)."""
        for var, value in self.hints.items():
            self.model.add(var == value)

    # ---- hard rules ------------------------------------------------------
    def guard_literal(self, rule: str, **where: object) -> Any | None:
        """The enforcement literal of one rule instance; None unless the model
        was built with ``diagnose=True``."""
        if not self.diagnose:
            return None
        key = f"{rule}({place(**where)})"
        lit = self.guards.get(key)
        if lit is None:
            lit = self.model.new_bool_var(key)
            self.guards[key] = lit
        return lit

    def guard(self, constraint: Any, rule: str, **where: object) -> Any:
        """``constraint``, as rule ``rule``'s instance at ``where``: with
        ``diagnose=True`` it holds only under that instance's literal."""
        lit = self.guard_literal(rule, **where)
        if lit is not None:
            constraint.only_enforce_if(lit)
        return constraint

    def enabled(self, rule: str) -> bool:
        return self.data.rules.enabled(rule)

    # ---- soft rules ------------------------------------------------------
    def weight(self, rule: str) -> int:
        return self.data.weights.of(rule)

    def penalise(self, rule: str, name: str, expr: LinearExprT, coef: int = 1) -> None:
        """Add ``coef × expr`` to ``rule``'s raw penalty (weighted in the objective)."""
        if self.weight(rule) == 0:
            return
        self.penalties.append(PenaltyTerm(rule, name, expr, coef))

    def add_constant(self, rule: str, raw: int) -> None:
        """A raw penalty fixed by earlier phases (reported, not optimised here)."""
        if self.weight(rule) == 0:
            return
        self.constant_terms[rule] = self.constant_terms.get(rule, 0) + raw

    def objective_expr(self) -> LinearExprT:
        return sum(
            (self.weight(p.rule) * p.coef * p.expr for p in self.penalties),
            start=cp_model.LinearExpr.constant(0),
        )

    def set_objective(self, extra: Iterable[tuple[int, LinearExprT]] = ()) -> None:
        """Minimise the weighted penalties plus optional tie-breaking terms."""
        objective = self.objective_expr()
        for coef, expr in extra:
            objective += coef * expr
        self.model.minimize(objective)

    def raw_terms(self, value: Callable[[LinearExprT], int]) -> dict[str, int]:
        """Raw penalty per rule under ``value`` (a solver's value function)."""
        terms: dict[str, int] = dict(self.constant_terms)
        for p in self.penalties:
            terms[p.rule] = terms.get(p.rule, 0) + p.coef * int(value(p.expr))
        return terms
