"""The parents' survey template (问卷模板): questions whose export loads as is.

Each question's title is exactly a students-table header that FORMAT.md's
*Survey exports: accepted spellings* reads (学号, 年级, 周一 …), and each answer
option is a value it reads (三年级, 三(1)班, 17:30离校, 不参加), so the table a
survey tool exports is the students table. The template says so in words, and
carries a sample export (title row, 序号 and 提交时间 columns included).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from paipian.domain import DAY_ZH
from paipian.templates import example
from paipian.templates.columns import NOT_ATTENDING

SURVEY_TITLE = "2026学年第一学期课后服务报名"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class Question:
    title: str  # the question's title = the exported column's header
    kind: str  # 填空题 / 单选题
    options: tuple[str, ...]
    required: bool
    note: str  # the question's description, shown to parents under the title


def leave_options() -> tuple[str, ...]:
    return (NOT_ATTENDING, *(f"{end}离校" for _, _, end in example.BLOCKS))


def questions() -> tuple[Question, ...]:
    blocks = "；".join(
        f"第{i}时段 {s}–{e}" for i, (_, s, e) in enumerate(example.BLOCKS, 1)
    )
    clubs = "、".join(name for _, name in example.CLUBS)
    day_questions = tuple(
        Question(
            DAY_ZH[day],
            "单选题",
            leave_options(),
            True,
            f"{DAY_ZH[day]}孩子参加课后服务到几点离校？（{blocks}）"
            f"不参加课后服务请选「{NOT_ATTENDING}」。",
        )
        for day in example.DAYS
    )
    return (
        Question("学号", "填空题", (), True, "请填写孩子的学号（可向班主任询问）。"),
        Question("姓名", "填空题", (), True, "孩子的姓名。"),
        Question(
            "年级",
            "单选题",
            tuple(example.GRADE_NAMES.values()),
            True,
            "孩子所在年级。",
        ),
        Question(
            "班级",
            "单选题",
            tuple(c.name for c in example.CLASSES),
            True,
            "孩子所在班级（选项请换成本校全部班级，名称与 instance.yaml 中一致）。",
        ),
        *day_questions,
        Question(
            "社团志愿",
            "填空题",
            (),
            False,
            f"想参加的社团，按想去的顺序填写社团名称，用顿号「、」分隔，"
            f"第一个最想去，例如「{clubs}」。可选社团：{clubs}。不报社团请留空。",
        ),
    )


GUIDE: tuple[str, ...] = (
    "这份问卷的每道题对应学生名单的一列：导出的表格可以直接作为 students 表使用。",
    "1. 在问卷星、腾讯问卷或钉钉中按「问卷题目」表建题："
    "题目标题只写表中「题目」一栏的文字（如「周一」），"
    "说明文字写在题目说明里。标题就是导出后的列名，改了就对不上。",
    "2. 单选题的选项照抄（如「17:30离校」「不参加」）；班级选项换成本校全部班级，"
    "名称与 instance.yaml 中 grades 的班级名称一致。",
    "3. 时段改了（instance.yaml 的 calendar.blocks），"
    "「…离校」的时间也要跟着改成各时段的结束时间。",
    "4. 社团志愿用填空题，家长按顺序写社团名称并用「、」分隔。若改用多选题或排序题，"
    "导出前确认选项之间的分隔符是「、」「;」「,」或「|」之一；"
    "其他符号（如 ┋）请先在 Excel 中用「查找和替换」换成「、」。",
    "5. 导出时选「按选项文本」导出（不要导出选项序号），存为 .xlsx 或 .csv；"
    "导出的列名前带题号（如「5、周一」）不要紧；"
    "标题行、序号、提交时间等其他列会被自动忽略。",
    "6. 补差科目不在问卷中：需要时由老师在导出表中加一列「补差科目」填写（如 数学）。",
    "7. 把导出文件放进 instance.yaml 所在文件夹，"
    "把 instance.yaml 中 students: 后面改成这个文件名，"
    "然后运行 paipian validate instance.yaml 检查。",
    "「导出样例」表是导出后应有的样子（示例数据）。",
)


def _export_rows() -> tuple[list[str], list[list[object]]]:
    """The sample export: header and rows as a survey tool writes them."""
    header = ["序号", "提交时间", *(q.title for q in questions())]
    names = dict(example.CLUBS)
    classes = {c.id: c.name for c in example.CLASSES}
    ends = {b: f"{end}离校" for b, _, end in example.BLOCKS}
    rows: list[list[object]] = []
    for number, student in enumerate(example.STUDENTS, start=1):
        prefs = str(student["prefs"])
        row: list[object] = [
            number,
            f"2026-06-{10 + number:02d} 20:{number:02d}:00",
            student["id"],
            student["name"],
            example.GRADE_NAMES[int(str(student["grade"]))],
            classes[str(student["class"])],
        ]
        row += [ends.get(str(student[day]), NOT_ATTENDING) for day in example.DAYS]
        row.append("、".join(names[p] for p in prefs.split(";")) if prefs else None)
        rows.append(row)
    return header, rows


def write_survey_workbook(path: Path) -> None:
    """问卷模板.xlsx: 问卷题目, 导出样例, 使用说明."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "问卷题目"
    heads = (
        "题号",
        "题目（即导出后的列名）",
        "题型",
        "选项（每行一个）",
        "必答",
        "题目说明",
    )
    for col, text in enumerate(heads, start=1):
        cell = sheet.cell(row=1, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for line, q in enumerate(questions(), start=2):
        options = "\n".join(q.options) or None
        required = "是" if q.required else "否"
        values = (line - 1, q.title, q.kind, options, required, q.note)
        for col, item in enumerate(values, start=1):
            cell = sheet.cell(row=line, column=col, value=item)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEF", (6, 22, 10, 18, 6, 70), strict=True):
        sheet.column_dimensions[letter].width = width

    sample = book.create_sheet("导出样例")
    header, rows = _export_rows()
    sample.cell(row=1, column=1, value=f"{SURVEY_TITLE}统计").font = Font(bold=True)
    for col, text in enumerate(header, start=1):
        sample.cell(row=2, column=col, value=text).font = Font(bold=True)
    for line, answers in enumerate(rows, start=3):
        for col, answer in enumerate(answers, start=1):
            sample.cell(row=line, column=col, value=answer)

    guide = book.create_sheet("使用说明")
    guide["A1"] = "问卷模板使用说明"
    guide["A1"].font = Font(bold=True, size=14)
    for line, text in enumerate(GUIDE, start=3):
        guide.cell(row=line, column=1, value=text)
    guide.column_dimensions["A"].width = 120
    book.save(path)


def survey_markdown() -> str:
    """问卷模板.md: the same questions as text to build the survey from."""
    lines = [
        f"# 课后服务报名问卷模板（{SURVEY_TITLE}）",
        "",
        GUIDE[0],
        "",
        *GUIDE[1:-1],
        "",
        "问卷模板.xlsx 的「导出样例」工作表是导出后应有的样子（示例数据），"
        "本文末尾也有几行。",
        "",
        "## 问卷题目",
        "",
    ]
    for number, q in enumerate(questions(), start=1):
        mark = "（必答）" if q.required else "（选答）"
        lines.append(f"{number}. **{q.title}** — {q.kind}{mark}")
        lines.append(f"   说明：{q.note}")
        for option in q.options:
            lines.append(f"   - {option}")
        lines.append("")
    header, rows = _export_rows()
    lines += ["## 导出后的样子（示例）", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "---|" * len(header))
    for row in rows[:3]:
        lines.append("| " + " | ".join("" if v is None else str(v) for v in row) + " |")
    lines.append("")
    return "\n".join(line.rstrip() if line.strip() else "" for line in lines)
