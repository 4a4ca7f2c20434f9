"""H11 安全值守 — every service day with students has a health officer and an
administrative duty officer, each available in every block that has students."""

from __future__ import annotations

from paipian import catalogue
from paipian.data import ProblemData, Staff
from paipian.model.phase_model import PhaseModel
from paipian.model.vars import StaffVars

RULE = catalogue.rule("H11")


def duty_kinds(data: ProblemData) -> list[str]:
    kinds = []
    if data.rules.require_health_staff:
        kinds.append("health")
    if data.rules.require_admin_duty:
        kinds.append("admin")
    return kinds


def busy_blocks(data: ProblemData, day: str) -> list[str]:
    return [b.id for b in data.calendar.blocks if data.students_present(day, b.id)]


def candidates(data: ProblemData, day: str, kind: str) -> list[Staff]:
    blocks = busy_blocks(data, day)
    return [
        p
        for p in data.staff
        if p.kind == kind and all(p.is_available(day, b) for b in blocks)
    ]


def add(pm: PhaseModel, v: StaffVars) -> None:
    data = pm.data
    if not pm.enabled("H11"):
        return
    for day in data.calendar.days:
        if not busy_blocks(data, day):
            continue
        for kind in duty_kinds(data):
            options = []
            for p in candidates(data, day, kind):
                var = pm.model.new_bool_var(f"duty({day},{kind},{p.id})")
                v.duty[(day, kind, p.id)] = var
                options.append(var)
            pm.guard(
                pm.model.add(sum(options) == 1)
                if options
                else pm.model.add_bool_or([]),
                "H11",
                day=day,
                kind=kind,
            )
