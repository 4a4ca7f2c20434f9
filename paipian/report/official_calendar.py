"""The official calendar (法定节假日 and 调休 workdays) for the workload ledger.

A school's own ``calendar.holidays`` / ``calendar.workdays`` always win. When
the instance gives neither, the ledger takes the State Council's calendar from
the maintained ``chinesecalendar`` library, and says so; a year the library
does not know yet (it is updated each winter) is named, with what to type in
instead. The weekly timetable never depends on this: only which dates count.
"""

from __future__ import annotations

import calendar as cal
from dataclasses import dataclass
from datetime import date

from paipian.data import ProblemData

INSTANCE, OFFICIAL, NONE = "instance", "official", "none"


@dataclass(frozen=True)
class LedgerCalendar:
    """The holidays and make-up workdays a month's ledger uses, and whence."""

    holidays: frozenset[date]
    workdays: frozenset[date]
    origin: str  # instance | official | none
    unknown_years: tuple[int, ...] = ()  # years the library does not know
    library: str = ""  # "chinesecalendar 1.11.0" when it was used

    def note(self, lang: str = "zh") -> str:
        """One sentence for the ledger and the terminal: where dates came from."""
        years = "、".join(str(y) for y in self.unknown_years)
        if self.origin == INSTANCE:
            return (
                "Holidays and make-up workdays: as given in the instance "
                "(calendar.holidays / calendar.workdays)."
                if lang == "en"
                else "节假日与调休：按学校数据 calendar.holidays / calendar.workdays。"
            )
        if self.origin == OFFICIAL:
            text = (
                f"Holidays and make-up workdays: the official calendar "
                f"({self.library}); override with calendar.holidays / "
                "calendar.workdays."
                if lang == "en"
                else f"节假日与调休：按国家法定节假日安排（{self.library}）；"
                "如学校另有安排，可在 calendar.holidays / calendar.workdays 中填写。"
            )
            if years:
                text += (
                    f" The library does not know {years} yet: those dates count "
                    "as ordinary days; type that year's holidays into the instance."
                    if lang == "en"
                    else f"该库尚无 {years} 年的安排，这些日期按平常日计算，"
                    "请在 calendar.holidays / calendar.workdays 中填写。"
                )
            return text
        why = (
            f"the official calendar does not know {years} yet"
            if years
            else "the official calendar is not installed (pip install chinesecalendar)"
        )
        why_zh = (
            f"官方节假日库尚无 {years} 年的安排"
            if years
            else "未安装官方节假日库（pip install chinesecalendar）"
        )
        return (
            f"Holidays and make-up workdays: none ({why}); every service weekday "
            "counts. Type holidays into calendar.holidays / calendar.workdays."
            if lang == "en"
            else f"节假日与调休：无（{why_zh}），每个服务日都计入；"
            "请在 calendar.holidays / calendar.workdays 中填写。"
        )


def ledger_calendar(
    data: ProblemData, year: int, month: int, *, official: bool = True
) -> LedgerCalendar:
    """The calendar for ``year``-``month``: the instance's, else the official one
    (when ``official``), else none."""
    if data.calendar.holidays or data.calendar.workdays:
        return LedgerCalendar(
            frozenset(data.calendar.holidays),
            frozenset(data.calendar.workdays),
            INSTANCE,
        )
    if not official:
        return LedgerCalendar(frozenset(), frozenset(), NONE)
    try:
        import chinese_calendar
    except ImportError:
        return LedgerCalendar(frozenset(), frozenset(), NONE)
    first = date(year, month, 1)
    last = date(year, month, cal.monthrange(year, month)[1])
    try:
        holidays = chinese_calendar.get_holidays(first, last, include_weekends=False)
        workdays = chinese_calendar.get_workdays(first, last, include_weekends=True)
    except NotImplementedError:  # "no available data for year …"
        return LedgerCalendar(frozenset(), frozenset(), NONE, unknown_years=(year,))
    version = getattr(chinese_calendar, "__version__", "")
    # Only weekend workdays are make-ups (调休上班); weekday workdays are ordinary.
    makeups = frozenset(d for d in workdays if d.weekday() >= 5)
    return LedgerCalendar(
        frozenset(holidays),
        makeups,
        OFFICIAL,
        library=f"chinesecalendar {version}".strip(),
    )
