"""变更清单.xlsx and 变更通知.txt: what a re-solve changed, for the people it touches.

The workbook is for the office (it holds students' names, like 学生安排):
汇总 (the counts, pins not held), 学生家长 (one row per changed student, before →
after per day), 教师 (before → after per slot), 场地 (each session that moved
room), 通知 (one message per family). 变更通知.txt holds the same messages,
one block per child, each naming only that child, ready to paste into a 家校
message (钉钉, 晓黑板). Every text cell is neutralised (``report.safe``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from paipian.data import ProblemData, Slot
from paipian.io.atomic import write_text_atomic
from paipian.report.labels import (
    activity_label,
    block_label,
    block_time,
    class_label,
    day_label,
    grade_label,
    room_label,
    staff_label,
)
from paipian.report.rows import Table
from paipian.report.sheets import add_table_sheet, new_workbook, save_workbook
from paipian.resolve.changes import Changes, Placement, StudentChange

CHANGES_XLSX = "变更清单.xlsx"
NOTICES_TXT = "变更通知.txt"
NONE = "（无）"


def _place(data: ProblemData, p: Placement | None) -> str:
    if p is None:
        return "不在校"
    return f"{activity_label(data, p.activity)}（{room_label(data, p.room)}）"


def _slot_text(data: ProblemData, slot: Slot) -> str:
    day, block = slot
    return f"{day_label(day)}{block_label(data, block)}"


def _student_days(data: ProblemData, change: StudentChange) -> dict[str, list[str]]:
    """Day → lines ``第1时段 15:30–16:30：作业辅导（R301）→ 篮球社（体育馆）``."""
    per_day: dict[str, list[str]] = defaultdict(list)
    for (day, block), (before, after) in sorted(
        change.slots.items(),
        key=lambda kv: (
            data.calendar.days.index(kv[0][0]) if kv[0][0] in data.calendar.days else 9,
            kv[0][1],
        ),
    ):
        per_day[day].append(
            f"{block_label(data, block)} {block_time(data, block)}："
            f"{_place(data, before)} → {_place(data, after)}"
        )
    return per_day


def _club_line(data: ProblemData, change: StudentChange) -> str:
    if change.clubs_before == change.clubs_after:
        return ""

    def names(ids: frozenset[str]) -> str:
        return "、".join(activity_label(data, c) for c in sorted(ids)) or NONE

    return f"{names(change.clubs_before)} → {names(change.clubs_after)}"


def student_table(data: ProblemData, changes: Changes) -> Table:
    """学生家长: one row per student whose week differs."""
    days = data.calendar.days
    rows = []
    for c in changes.students:
        st = data.student_by_id.get(c.student)
        per_day = _student_days(data, c)
        rows.append(
            (
                c.student,
                st.name if st else "",
                grade_label(st.grade) if st else "",
                class_label(data, st.class_id) if st else "",
                _club_line(data, c),
                *("\n".join(per_day.get(d, [])) for d in days),
                "是" if c.counted else "否（仅场地或预约天数变化）",
            )
        )
    header = (
        "学号",
        "学生姓名",
        "年级",
        "班级",
        "社团（原 → 新）",
        *(day_label(d) for d in days),
        "计入变更人数",
    )
    return Table(
        "学生家长",
        header,
        tuple(rows),
        widths=(10, 10, 9, 10, 24, *(40 for _ in days), 14),
        note="含学生姓名，仅供学校办公室使用，请勿公开张贴。",
    )


def staff_table(data: ProblemData, changes: Changes) -> Table:
    """教师: one row per (staff member, slot) whose work differs."""
    rows = []
    for c in changes.staff:
        for slot, (before, after) in c.slots.items():
            rows.append(
                (
                    c.staff,
                    staff_label(data, c.staff),
                    _slot_text(data, slot),
                    block_time(data, slot[1]),
                    _work(data, before),
                    _work(data, after),
                )
            )
    header = ("工号", "姓名", "时段", "时间", "原安排", "新安排")
    return Table("教师", header, tuple(rows), widths=(10, 10, 16, 14, 30, 30))


def _work(data: ProblemData, text: str) -> str:
    if not text:
        return NONE
    out = []
    for item in text.split("、"):
        aid = item.removesuffix("(助教)")
        role = "（助教）" if item.endswith("(助教)") else ""
        out.append(f"{activity_label(data, aid)}{role}")
    return "、".join(out)


def room_table(data: ProblemData, changes: Changes) -> Table:
    """场地: every session whose group moved to another room."""
    rows = tuple(
        (
            _slot_text(data, (r.day, r.block)),
            activity_label(data, r.activity),
            r.group,
            room_label(data, r.before),
            room_label(data, r.after),
        )
        for r in changes.rooms
    )
    header = ("时段", "活动", "第几组", "原场地", "新场地")
    return Table("场地", header, rows, widths=(16, 20, 8, 20, 20))


def summary_table(
    changes: Changes, pins_not_held: Sequence[str], fairness: Sequence[str]
) -> Table:
    counts = changes.counts()
    rows: list[tuple[object, ...]] = [
        ("学生有变化（按 FORMAT 计）", counts["students"]),
        ("教职工有变化", counts["staff"]),
        ("换场地的活动组", counts["rooms"]),
        ("新增活动组", counts["sessions_added"]),
        ("取消活动组", counts["sessions_removed"]),
        ("新加入学生", len(changes.newcomers)),
        ("离开的学生", len(changes.leavers)),
    ]
    rows += [("公平台账", line) for line in fairness]
    rows += [("未能保持的固定安排", line) for line in pins_not_held]
    return Table("汇总", ("项目", "数量/说明"), tuple(rows), widths=(28, 70))


def notice_text(data: ProblemData, change: StudentChange) -> str:
    """One family's message: only this child, before → after."""
    st = data.student_by_id.get(change.student)
    who = (st.name if st and st.name else change.student) + "同学"
    cls = class_label(data, st.class_id) if st else ""
    lines = [f"【课后服务安排调整】{cls}{who}家长您好："]
    lines.append("根据本轮课后服务报名，孩子的安排有以下调整：")
    club = _club_line(data, change)
    if club:
        lines.append(f"· 社团：{club}")
    per_day = _student_days(data, change)
    for day in data.calendar.days:
        for line in per_day.get(day, []):
            lines.append(f"· {day_label(day)}{line}")
    lines.append("其余安排不变。如有疑问请联系班主任。")
    return "\n".join(lines)


def write_changes(
    data: ProblemData,
    changes: Changes,
    out_dir: Path,
    *,
    pins_not_held: Sequence[str] = (),
    fairness: Sequence[str] = (),
) -> list[Path]:
    """Write 变更清单.xlsx and 变更通知.txt into ``out_dir``; return the paths."""
    out_dir = Path(out_dir)
    wb = new_workbook()
    used: set[str] = set()
    add_table_sheet(wb, summary_table(changes, pins_not_held, fairness), used)
    add_table_sheet(wb, student_table(data, changes), used)
    add_table_sheet(wb, staff_table(data, changes), used)
    add_table_sheet(wb, room_table(data, changes), used)
    notices = [(c.student, notice_text(data, c)) for c in changes.students]
    add_table_sheet(
        wb,
        Table("通知", ("学号", "通知内容"), tuple(notices), widths=(10, 90)),
        used,
    )
    text = "\n\n".join(f"==== {sid} ====\n{body}" for sid, body in notices)
    txt = out_dir / NOTICES_TXT
    write_text_atomic(txt, (text + "\n") if text else "本轮没有学生的安排变化。\n")
    return [save_workbook(wb, out_dir / CHANGES_XLSX), txt]
