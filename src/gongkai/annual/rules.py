"""Legal rules of the annual report, each once, citing its source."""

from __future__ import annotations

from datetime import date
from typing import Final

from gongkai.agencies.models import Agency, AgencyKind

#: 条例 第四十九条: "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交
#: 本行政机关上一年度政府信息公开工作年度报告并向社会公布" — (month, day) of the year after.
DEPARTMENT_DEADLINE: Final = (1, 31)

#: 条例 第四十九条: "县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布
#: 本级政府上一年度政府信息公开工作年度报告". 乡（镇）人民政府 are not named in 第四十九条; local
#: rules set their deadline [U] (regulations.md §1.10): they are given the government's here.
GOVERNMENT_DEADLINE: Final = (3, 31)


def statutory_deadline(agency: Agency, year: int) -> date:
    """The last day to publish the report of ``year``: 3月31日 for a 人民政府, 1月31日 otherwise."""
    month, day = (
        GOVERNMENT_DEADLINE if agency.kind == AgencyKind.GOVERNMENT else DEPARTMENT_DEADLINE
    )
    return date(year + 1, month, day)
