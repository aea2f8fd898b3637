"""Legal rules of the annual report, each once, citing its source."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Final

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel

#: 条例 第四十九条: "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交
#: 本行政机关上一年度政府信息公开工作年度报告并向社会公布" — (month, day) of the year after.
DEPARTMENT_DEADLINE: Final = (1, 31)

#: 条例 第四十九条: "县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布
#: 本级政府上一年度政府信息公开工作年度报告".
GOVERNMENT_DEADLINE: Final = (3, 31)


def is_township(agency: Agency) -> bool:
    return agency.kind == AgencyKind.GOVERNMENT and agency.level == AgencyLevel.TOWNSHIP


def sets_township_deadlines(agency: Agency) -> bool:
    """Whether ``agency`` can set the deadline of 乡（镇） under it: a 人民政府 above them."""
    return agency.kind == AgencyKind.GOVERNMENT and not is_township(agency)


def statutory_deadline(agency: Agency, year: int, *, local: tuple[int, int] | None = None) -> date:
    """The last day to publish the report of ``year`` (条例 第四十九条): 1月31日 for a department,
    3月31日 for a 人民政府. A 乡（镇）人民政府 is not named in 第四十九条: its deadline is the
    one local rules set (``local``, (month, day); regulations.md §1.10 [U]), else the
    government's 3月31日. A day the year does not have (2月29日) is its last day of February."""
    if is_township(agency) and local is not None:
        month, day = local
    elif agency.kind == AgencyKind.GOVERNMENT:
        month, day = GOVERNMENT_DEADLINE
    else:
        month, day = DEPARTMENT_DEADLINE
    return date(year + 1, month, min(day, calendar.monthrange(year + 1, month)[1]))


def check_local_deadline(month: int, day: int) -> str | None:
    """Why (month, day) is not a day of the year, in Chinese; None when it is."""
    if not 1 <= month <= 12:
        return f"月份应为1至12，收到“{month}”"
    if not 1 <= day <= calendar.monthrange(2024, month)[1]:  # a leap year: 2月29日 is a day
        return f"{month}月没有{day}日"
    return None
