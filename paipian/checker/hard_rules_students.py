"""Hard rules about students: H01, H02, H03, H05, H06.

One function per rule, each returning located violations.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from paipian.checker.violation import (
    Places,
    Violation,
    day_en,
    day_zh,
    grade_zh,
    session_where,
    violation,
)
from paipian.data import ProblemData
from paipian.solution import Session, Solution


def check_h01(data: ProblemData, solution: Solution) -> list[Violation]:
    """H01 愿留尽留: every present student is in exactly one session per slot.

    One violation per (student, slot) that breaks it; amount = missing
    placements (1 when in no session) + duplicate placements (k − 1 when in k).
    Placements where the student is not present are H02's.
    """
    places = Places(data)
    placed: Counter[tuple[str, str, str]] = Counter()
    for s in solution.sessions:
        for sid in s.students:
            placed[(s.day, s.block, sid)] += 1
    out = []
    for day, block in data.calendar.slots:
        for st in data.students_present(day, block):
            k = placed[(day, block, st.id)]
            if k == 1:
                continue
            where = {"day": day, "block": block, "student": st.id}
            if k == 0:
                out.append(
                    violation(
                        "H01",
                        where,
                        1,
                        f"{places.slot_zh(day, block)} 学生 {st.id} "
                        "在校，却未安排任何活动",
                        f"{places.slot_en(day, block)}: student {st.id} is present "
                        "but in no session",
                    )
                )
            else:
                out.append(
                    violation(
                        "H01",
                        where,
                        k - 1,
                        f"{places.slot_zh(day, block)} 学生 {st.id} "
                        f"同时被排入 {k} 个活动",
                        f"{places.slot_en(day, block)}: student {st.id} is placed "
                        f"{k} times",
                    )
                )
    return out


def check_h02(data: ProblemData, solution: Solution) -> list[Violation]:
    """H02 自愿/弹性预约: a student is placed only in slots the survey booked.

    Amount: one per placement of an unknown student id or of a student in a
    (day, block) they are not present in (presence runs from the grade's first
    block through the booked last block).
    """
    places = Places(data)
    out = []
    for s in solution.sessions:
        for sid in s.students:
            st = data.student_by_id.get(sid)
            where = session_where(s, student=sid)
            if st is None:
                out.append(
                    violation(
                        "H02",
                        where,
                        1,
                        f"{places.session_zh(s)}：学生编号 {sid} 不在学生名单中",
                        f"{places.session_en(s)}: unknown student id {sid}",
                    )
                )
            elif not data.is_present(st, s.day, s.block):
                out.append(
                    violation(
                        "H02",
                        where,
                        1,
                        f"{places.session_zh(s)}：学生 {sid} 未预约该时段，不得安排",
                        f"{places.session_en(s)}: student {sid} did not book this slot",
                    )
                )
    return out


def _grades_offered(data: ProblemData, s: Session) -> set[int]:
    """Grades a session counts for in H03 (form decides: its students' or all)."""
    act = data.activity_by_id.get(s.activity)
    if act is None:
        return set()
    if act.form in ("admin_class", "grade_mixed"):
        grades = {
            data.student_by_id[sid].grade
            for sid in s.students
            if sid in data.student_by_id
        }
    else:
        grades = set(act.grades)
    return {
        g
        for g in grades & set(act.grades)
        if g in data.grade_by_number and s.block in data.grade_blocks(g)
    }


def check_h03(data: ProblemData, solution: Solution) -> list[Violation]:
    """H03 每日双开: each day, each grade with present students is offered
    homework tutoring (homework/qa; not for ``grades_without_homework``) and
    at least one quality-education session.

    Amount: one per (day, grade, missing kind).
    """
    homework: dict[str, set[int]] = defaultdict(set)
    quality: dict[str, set[int]] = defaultdict(set)
    for s in solution.sessions:
        act = data.activity_by_id.get(s.activity)
        if act is None:
            continue
        if act.is_homework:
            homework[s.day] |= _grades_offered(data, s)
        if act.is_quality:
            quality[s.day] |= _grades_offered(data, s)
    out = []
    for day in data.calendar.days:
        present = {
            st.grade
            for b in data.calendar.blocks
            for st in data.students_present(day, b.id)
        }
        for g in sorted(present):
            where = {"day": day, "grade": str(g)}
            no_hw = data.rules.grades_without_homework
            if g not in no_hw and g not in homework[day]:
                out.append(
                    violation(
                        "H03",
                        where,
                        1,
                        f"{day_zh(day)} {grade_zh(g)}：当天没有开设作业辅导/答疑",
                        f"{day_en(day)}, grade {g}: no homework tutoring offered",
                    )
                )
            if g not in quality[day]:
                out.append(
                    violation(
                        "H03",
                        where,
                        1,
                        f"{day_zh(day)} {grade_zh(g)}：当天没有开设素质教育活动",
                        f"{day_en(day)}, grade {g}: no quality-education session",
                    )
                )
    return out


def check_h05(data: ProblemData, solution: Solution) -> list[Violation]:
    """H05 每周一项素质活动: every student present at least once in the week is
    in ≥ ``min_quality_per_week`` quality sessions.

    Amount per student: ``min_quality_per_week`` − their quality sessions.
    """
    need = data.rules.min_quality_per_week
    count: Counter[str] = Counter()
    for s in solution.sessions:
        act = data.activity_by_id.get(s.activity)
        if act is not None and act.is_quality:
            for sid in set(s.students):
                count[sid] += 1
    out = []
    for st in data.students:
        if not data.present_slots(st) or count[st.id] >= need:
            continue
        have = count[st.id]
        out.append(
            violation(
                "H05",
                {"student": st.id, "grade": str(st.grade), "class": st.class_id},
                need - have,
                f"学生 {st.id}：本周素质教育活动 {have} 次，少于要求的 {need} 次",
                f"student {st.id}: {have} quality sessions this week, "
                f"fewer than {need}",
            )
        )
    return out


def check_h06(data: ProblemData, solution: Solution) -> list[Violation]:
    """H06 低年级无书面作业: no homework/qa session holds a student of a grade
    in ``grades_without_homework``. Amount: one per such student placement.
    """
    places = Places(data)
    out = []
    for s in solution.sessions:
        act = data.activity_by_id.get(s.activity)
        if act is None or not act.is_homework:
            continue
        for sid in s.students:
            st = data.student_by_id.get(sid)
            if st is not None and st.grade in data.rules.grades_without_homework:
                out.append(
                    violation(
                        "H06",
                        session_where(s, student=sid, grade=str(st.grade)),
                        1,
                        f"{places.session_zh(s)}：{grade_zh(st.grade)}学生 {sid} "
                        "不得参加书面作业辅导",
                        f"{places.session_en(s)}: grade {st.grade} student {sid} "
                        "may not be in homework tutoring",
                    )
                )
    return out
