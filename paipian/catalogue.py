"""The rule catalogue of ``shared/spec/RULES.md``: the one home of rule facts.

Every rule's id, the short name staff see beside its code (in Chinese and
English), its one-line statement, the solver phases whose model holds it,
whether a school may switch it off (hard rules) and its key under
``weights:`` (soft rules). Pure data: the checker, the loader and the reports
read it without importing ortools; each module of ``paipian.constraints``
takes its ``RULE`` from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class RuleInfo:
    id: str  # H01..H14, S1..S7
    name_zh: str  # the short name beside the code in messages and reports
    name_en: str
    zh: str  # one-line statement for staff
    en: str
    phases: tuple[str, ...]  # solver phases whose model holds it
    may_disable: bool = True  # hard rules: ``rules.disabled`` may name it
    weight: str | None = None  # soft rules: its key under ``weights:``

    @property
    def is_hard(self) -> bool:
        return self.id.startswith("H")


CATALOGUE: tuple[RuleInfo, ...] = (
    RuleInfo(
        "H01",
        "愿留尽留",
        "full coverage",
        "每位预约在校的学生在每个时段恰好参加一个活动（愿留尽留）",
        "every present student is in exactly one session of each booked (day, block)",
        ("clubs", "dropins"),
        may_disable=False,
    ),
    RuleInfo(
        "H02",
        "自愿/弹性预约",
        "voluntary booking",
        "学生只安排在问卷预约的时段（自愿参加，弹性离校）",
        "a student is never placed in a (day, block) the survey did not book",
        ("clubs", "dropins"),
        may_disable=False,
    ),
    RuleInfo(
        "H03",
        "每日双开",
        "daily offer",
        "每个有学生在校的服务日，各年级都开设作业辅导和素质教育活动",
        "every service day, every grade with students is offered homework "
        "tutoring and a quality activity",
        ("dropins",),
    ),
    RuleInfo(
        "H04",
        "2–3 时段",
        "2-3 blocks",
        "每天 2–3 个时段且互不重叠；不早于放学；最后时段不早于家长下班时间结束",
        "2 or 3 non-overlapping blocks a day, after dismissal, ending no earlier "
        "than parent_off_work",
        ("load",),
    ),
    RuleInfo(
        "H05",
        "每周一项素质活动",
        "weekly quality activity",
        "每位学生每周至少参加一次素质教育活动",
        "every student present in the week takes at least min_quality_per_week "
        "quality sessions",
        ("dropins",),
    ),
    RuleInfo(
        "H06",
        "低年级无书面作业",
        "no written homework for lower grades",
        "一、二年级（及学校设定的年级）不安排书面作业辅导或答疑",
        "no homework or Q&A session holds a student of a grade without homework",
        ("dropins", "clubs"),
    ),
    RuleInfo(
        "H07",
        "不上新课",
        "no curriculum",
        "不讲授新课、不刷题备考、不集体补课；补差小组不超过规定人数",
        "no new lessons, exam drill or mass remedial classes; remedial groups "
        "stay small",
        ("load", "dropins"),
        may_disable=False,
    ),
    RuleInfo(
        "H08",
        "教师意愿",
        "staff willingness",
        "教职工只在本人报名的时段、只带可带的活动，同一时段只带一个，每周不超过上限；"
        "每个活动至少一名负责人",
        "staff work only in offered slots, lead only what they may, one session "
        "at a time, within max_per_week; every session has a leader",
        ("staff",),
    ),
    RuleInfo(
        "H09",
        "校外人员",
        "external staff",
        "校外人员须资质核验、背景审查通过且资质有效，并配备本校教师担任助教",
        "externals work only when verified, checked and valid through term end, "
        "and always with a school-teacher assistant",
        ("staff",),
        may_disable=False,
    ),
    RuleInfo(
        "H10",
        "场地",
        "rooms",
        "场地同一时段只安排一个活动，须开放、容量足够、类型与标签相符；"
        "不使用食堂、门卫室",
        "a room holds one session at a time, only when open, within capacity, of "
        "a fitting kind and tags; forbidden kinds never used",
        ("clubs", "rooms"),
        may_disable=False,
    ),
    RuleInfo(
        "H11",
        "安全值守",
        "safety staffing",
        "每个有学生在校的服务日，须有一名卫生保健人员和一名行政值班人员全程在岗",
        "every service day with students has a health officer and an admin duty "
        "officer on duty in every block with students",
        ("staff",),
    ),
    RuleInfo(
        "H12",
        "年级与形式",
        "grade and form",
        "活动只收其面向年级的学生；行政班/年级混班不跨班/跨年级；"
        "社团每周按次活动且成员固定；必开社团须开",
        "grades and forms respected; a club meets sessions_per_week times with "
        "all members; a required club runs",
        ("clubs", "dropins"),
    ),
    RuleInfo(
        "H13",
        "开班人数",
        "group size",
        "每个活动的人数在开班下限与上限之间",
        "a session holds between capacity.min and capacity.max students",
        ("clubs", "dropins"),
    ),
    RuleInfo(
        "H14",
        "户外与天气",
        "outdoor and weather",
        "需防雨的户外活动须预留一间空闲、够大的室内备用场地",
        "an outdoor session of a rain_backup activity names a free, large enough "
        "indoor backup room",
        ("rooms",),
    ),
    RuleInfo(
        "S1",
        "工作量均衡",
        "workload balance",
        "平衡教师间课后服务工作量（课时）",
        "balance weekly workload (课时) among school teachers around their targets",
        ("staff",),
        weight="balance",
    ),
    RuleInfo(
        "S2",
        "场地利用",
        "room utilisation",
        "提高场地利用：座位坐满、专用教室专用、各类场地应开尽开",
        "room utilisation: seats used, special rooms for matching activities, "
        "every facility kind opened on every day it is available",
        ("rooms",),
        weight="rooms",
    ),
    RuleInfo(
        "S3",
        "学生意愿",
        "student preference",
        "尽量满足学生社团志愿，第一志愿优先",
        "clubs given by rank: a first choice is worth more than a second",
        ("clubs",),
        weight="preference",
    ),
    RuleInfo(
        "S4",
        "体育锻炼",
        "sport time",
        "增加学生体育锻炼时间",
        "more student-sessions of sports",
        ("dropins",),
        weight="sport",
    ),
    RuleInfo(
        "S5",
        "教师偏好",
        "staff preference",
        "尽量按教职工意愿安排其偏好的日期与活动",
        "staff get the days and activities they marked preferred",
        ("staff",),
        weight="staff_preference",
    ),
    RuleInfo(
        "S6",
        "稳定",
        "stability",
        "重新排片时尽量少改动（先学生社团，再学生各时段，再教职工，再场地）",
        "in a re-solve, the fewest changed assignments against the previous solution",
        ("clubs", "dropins", "rooms", "staff"),
        weight="stability",
    ),
    RuleInfo(
        "S7",
        "晚段公平",
        "late-duty fairness",
        "最后时段（晚段）的任务在本校教师间均匀分配",
        "the last block's duties spread evenly among school teachers",
        ("staff",),
        weight="late_fairness",
    ),
)

RULE_BY_ID: Mapping[str, RuleInfo] = MappingProxyType({r.id: r for r in CATALOGUE})

HARD_RULES: tuple[str, ...] = tuple(r.id for r in CATALOGUE if r.is_hard)
SOFT_RULES: tuple[str, ...] = tuple(r.id for r in CATALOGUE if not r.is_hard)
# Rules a school may not switch off (FORMAT.md, rules.disabled).
UNDISABLEABLE_RULES = frozenset(
    r.id for r in CATALOGUE if r.is_hard and not r.may_disable
)
RULE_NAME_ZH: Mapping[str, str] = MappingProxyType({r.id: r.name_zh for r in CATALOGUE})
RULE_NAME_EN: Mapping[str, str] = MappingProxyType({r.id: r.name_en for r in CATALOGUE})
# weights: key → rule id
WEIGHT_RULE: Mapping[str, str] = MappingProxyType(
    {r.weight: r.id for r in CATALOGUE if r.weight is not None}
)


def rule(rule_id: str) -> RuleInfo:
    """The catalogue entry of ``rule_id``; ``KeyError`` for an unknown id."""
    return RULE_BY_ID[rule_id]
