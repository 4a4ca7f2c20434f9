"""Write the whole template folder at once: all files, or none.

Everything is written into a hidden staging folder beside the target and the
folder is renamed into place at the end, so a failure (disk full, Ctrl-C)
never leaves a half-filled template where the 教务 asked for one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from functools import partial
from pathlib import Path

from paipian.io.atomic import write_text_atomic, write_with
from paipian.templates import activities, columns, example, survey
from paipian.templates.instance_yaml import instance_yaml
from paipian.templates.workbook import write_table_workbook

INSTANCE = "instance.yaml"
STUDENTS = "学生名单.xlsx"
STAFF = "教职工.xlsx"
ROOMS = "场地.xlsx"
ACTIVITIES = "活动.xlsx"
SURVEY_XLSX = "问卷模板.xlsx"
SURVEY_MD = "问卷模板.md"
README = "请先读我.md"

COMMON_NOTES: tuple[str, ...] = (
    "· 第一个工作表是数据，程序只读第一个工作表：请不要调整工作表顺序，也不要改列名。",
    "· 第 1 行是列名；从第 2 行起每行一条，示例行请改成本校数据（或删掉）。",
    "· 淡橙色列名为必填，淡蓝色为选填；把鼠标停在列名上可看到说明。",
    "· 带下拉箭头的单元格从列表中选；列表中没有的值会被拒绝（个别列只作提示）。",
    "· 多个值用分号「;」分隔（中文「；」「、」也可以）。",
    "· 填好后运行 paipian validate instance.yaml："
    "每处问题都会写明文件、行号、填了什么、该怎么改。",
)
TABLE_NOTES: dict[str, tuple[str, ...]] = {
    "students": (
        "学生名单：每个报名参加课后服务的学生一行"
        "（通常直接用问卷导出的表，见 问卷模板.xlsx）。",
        "· 周一～周五各列：这一天在校留到几点；"
        "留到的时段之前的时段都算在校（规则 H02）。",
    ),
    "staff": (
        "教职工名单：参加课后服务的本校教师、校外人员，以及每天值守的保健和行政人员。",
        "· 每个服务日都需要至少一名保健人员和一名行政值班人员全程可用（规则 H11）。",
        "· 校外人员（退休教师、专业人员、志愿者、机构）必须填资质三列，"
        "且资质有效期晚于学期结束日，否则不会被安排（规则 H09）。",
    ),
    "rooms": (
        "场地表：所有可用于课后服务的场地，每处一行。",
        "· 大操场可按区域分成几行（操场东区、操场西区），每区各算一处场地。",
        "· 食堂、门卫室可以列出，但不会安排学生活动（规则 H10）。",
    ),
    "activities": (
        "活动表：本学期开设的每项课后服务活动一行，包括作业辅导、看护、阅读等"
        "按时段分组的活动，和各个社团。",
        "· 一个社团就是一个班：想开两个篮球班，就写两行（编号不同）。",
        "· 每个年级每天都要有作业辅导（一、二年级除外）和素质教育活动可上（规则 H03），"
        "每个学生每周至少一次素质教育活动（规则 H05）。",
        "· 校外人员带的活动，排片时自动配一名本校教师做助教（规则 H09）。",
    ),
}


class TemplateError(Exception):
    """The template cannot be written there; ``zh``/``en`` say why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def _table_rows(table: str) -> list[dict[str, object]]:
    if table == "activities":
        return activities.rows()
    rows = {
        "students": example.STUDENTS,
        "staff": example.STAFF,
        "rooms": example.ROOMS,
    }[table]
    return [
        {key: columns.display_value(table, key, value) for key, value in row.items()}
        for row in rows
    ]


def _write_files(folder: Path) -> list[Path]:
    tables = (
        ("students", STUDENTS, "学生名单", columns.student_columns()),
        ("staff", STAFF, "教职工", columns.staff_columns()),
        ("rooms", ROOMS, "场地", columns.room_columns()),
        ("activities", ACTIVITIES, "活动", activities.activity_columns()),
    )
    written: list[Path] = []
    for table, file_name, sheet_title, table_columns in tables:
        target = folder / file_name
        write_with(
            target,
            partial(
                write_table_workbook,
                sheet_title=sheet_title,
                columns=table_columns,
                rows=_table_rows(table),
                guide_title=f"{sheet_title}·填写说明",
                guide_notes=(*TABLE_NOTES[table], *COMMON_NOTES),
            ),
        )
        written.append(target)
    yaml_path = folder / INSTANCE
    write_text_atomic(yaml_path, instance_yaml(ROOMS, STAFF, STUDENTS, ACTIVITIES))
    write_with(folder / SURVEY_XLSX, survey.write_survey_workbook)
    write_text_atomic(folder / SURVEY_MD, survey.survey_markdown())
    write_text_atomic(folder / README, _readme())
    return [
        yaml_path,
        *written,
        folder / SURVEY_XLSX,
        folder / SURVEY_MD,
        folder / README,
    ]


def _readme() -> str:
    return f"""# 课后服务排片 · 学校数据模板

这个文件夹是 `paipian init` 生成的一所示例学校，照着改成本校的数据即可。

| 文件 | 内容 |
|---|---|
| `{INSTANCE}` | 学校、学期、时段、年级班级、规则参数（每个键都有中文注释） |
| `{STUDENTS}` | 学生名单（通常直接用问卷导出的表） |
| `{STAFF}` | 教职工名单：教师、校外人员、保健和行政值班人员 |
| `{ROOMS}` | 场地表 |
| `{ACTIVITIES}` | 本学期的活动和社团 |
| `{SURVEY_XLSX}` / `{SURVEY_MD}` | 家长问卷模板：按它建问卷，导出的表就是学生名单 |

每个 Excel 文件的第二个工作表「填写说明」逐列说明怎么填。

建议顺序：

1. 改 `{INSTANCE}`：学校名称、学期日期、时段、年级和班级。
2. 填 `{ROOMS}` 和 `{STAFF}`。
3. 在 `{ACTIVITIES}` 中列出本学期的活动和社团。
4. 按 `{SURVEY_XLSX}` 建问卷，收齐后把导出文件放进本文件夹，改 `students:` 指向它。
5. 检查：`paipian validate {INSTANCE}`
6. 排片：`paipian solve {INSTANCE} --out 排片结果`

示例数据本身可以直接检查和排片，便于先试一遍。
"""


def write_template(target: Path) -> list[Path]:
    """Write the template school into ``target`` (absent or empty); all or none.

    Returns the files written. Raises ``TemplateError`` when ``target`` is a
    file or a folder that is not empty, or cannot be created.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise TemplateError(
            f"「{target}」是一个已有的文件，不能用作模板文件夹：请换一个新的文件夹名",
            f"'{target}' is an existing file, not a folder; choose a new folder name",
        )
    if target.is_dir() and any(target.iterdir()):
        raise TemplateError(
            f"文件夹「{target}」已存在且里面有文件：为免覆盖已有数据，"
            "请换一个新的文件夹名，或先把它清空",
            f"the folder '{target}' exists and is not empty; to keep what is "
            "there, choose a new folder name or empty it first",
        )
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as exc:
        raise _os_error(target, exc) from None
    try:
        written = _write_files(staging)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # mkdtemp makes 0700
        try:
            os.rename(staging, target)  # POSIX replaces an empty folder
        except OSError:
            if not target.is_dir():
                raise
            target.rmdir()  # empty, checked above (Windows will not replace it)
            os.rename(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise _os_error(target, exc) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / path.relative_to(staging) for path in written]


def _os_error(target: Path, exc: OSError) -> TemplateError:
    reason = exc.strerror or str(exc)
    return TemplateError(
        f"无法在「{target}」写入模板（{reason}）：请检查路径和写入权限",
        f"cannot write the template into '{target}' ({reason}); check the path "
        "and permissions",
    )
