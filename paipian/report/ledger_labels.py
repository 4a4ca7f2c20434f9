"""Words of the 工作量台账 workbook, Chinese and English."""

from __future__ import annotations

LEDGER_TEXT: dict[str, tuple[str, str]] = {
    "sheet_summary": ("汇总", "Summary"),
    "sheet_notice": ("公示", "Notice"),
    "sheet_detail": ("明细", "Detail"),
    "sheet_daily": ("每日记录", "Daily record"),
    "sheet_duty": ("值守", "Duty"),
    "staff_id": ("工号", "Staff id"),
    "name": ("姓名", "Name"),
    "kind": ("人员类别", "Kind"),
    "weekly_hours": ("周课时（课表）", "课时 / week (timetable)"),
    "month_hours": ("当月课时", "课时 this month"),
    "days": ("天数", "Days"),
    "dates": ("参与日期", "Dates"),
    "rate": ("单价（元/课时）", "Rate (yuan / 课时)"),
    "pay": ("金额（元）", "Pay (yuan)"),
    "date": ("日期", "Date"),
    "weekday": ("星期", "Weekday"),
    "timetable": ("执行课表", "Timetable of"),
    "block": ("时段", "Block"),
    "time": ("时间", "Time"),
    "role": ("角色", "Role"),
    "role_lead": ("负责", "lead"),
    "role_assist": ("助教", "assistant"),
    "activity": ("活动内容", "Activity"),
    "room": ("场地", "Room"),
    "students": ("学生人数", "Students"),
    "hours": ("课时", "课时"),
    "sessions": ("开设场次", "Sessions"),
    "student_sessions": ("学生人次", "Student-sessions"),
    "duty_kind": ("值守类别", "Duty"),
    "duty_health": ("卫生保健", "health"),
    "duty_admin": ("行政值班", "admin duty"),
    "duty_note": (
        "值守（卫生保健、行政值班）按日列出，不计课时。",
        "Health and admin duty is listed per date without 课时.",
    ),
    "no": ("序号", "No."),
    "notice_title": (
        "{school} {year}年{month}月课后服务参与人员工作量公示",
        "{school}: after-school service workload, {year}-{month:02d}",
    ),
    "notice_note": (
        "说明：课时按排片表与校历计算（负责人按时段时长×课时系数，助教按助教系数）；"
        "值守不计课时。公示材料存档备查。",
        "Note: 课时 from the timetable and the school calendar (leaders: block "
        "length × session weight; assistants: the assistant weight); duty carries "
        "no 课时. The notice is kept on file.",
    ),
    "notice_body": (
        "根据课后服务有关规定，本月课后服务参与人员工作量{pay}已按“三重一大”"
        "决策制度提交学校党组织会议集体审议，现予公示。"
        "如有异议，请于公示期内向学校课后服务工作小组实名反映。",
        "As the rules on after-school service require, this month's workload{pay} "
        "has been reviewed collectively by the school's Party committee under the "
        "三重一大 decision rule and is posted here. Objections, with your name, to "
        "the school's after-school service team within the posting period.",
    ),
    "notice_and_pay": ("及报酬", " and pay"),
    "notice_period": (
        "公示期：{start}至{end}（{n} 个工作日）",
        "Posted from {start} to {end} ({n} working days)",
    ),
    "total": ("合计", "Total"),
    "people": ("{n} 人", "{n} people"),
    "notice_signatures": (
        "制表人：____________　　审核人：____________　　校长：____________",
        "Prepared by: ____________   Checked by: ____________   "
        "Principal: ____________",
    ),
    "notice_seal": ("{school}（盖章）", "{school} (seal)"),
    "notice_date": ("　　　　年　　月　　日", "Date: ____-__-__"),
    "calendar_note": (
        "说明：本月服务日 {n} 天，仅计学期 {start} 至 {end} 内的服务日；"
        "节假日（{holidays}）不开展课后服务；调休上班日（{makeups}）执行当日星期的课表，"
        "若调休日为周六或周日，则执行周一的课表。"
        "课时：负责人 = 时段分钟 × 课时系数 ÷ 60，"
        "助教 = 时段分钟 × 助教系数 ÷ 60。",
        "Note: {n} service days this month, only within the term {start} to {end}; "
        "holidays ({holidays}) run nothing; make-up workdays ({makeups}) run their "
        "own weekday's timetable, or Monday's when they fall on a Saturday or "
        "Sunday. 课时: leader = block minutes × session weight ÷ 60, assistant = "
        "block minutes × assistant weight ÷ 60.",
    ),
}


def lt(key: str, lang: str = "zh", **fmt: object) -> str:
    """A ledger label in ``lang``, ``{placeholders}`` filled from ``fmt``."""
    zh, en = LEDGER_TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**fmt) if fmt else text
