"""The 2024, 2025 and 2026 State Council notices, typed in the import format as they print.

Tests build a calendar from these texts (not from ``chinesecalendar``), so the package seed and
the arithmetic are both checked against the notices themselves.
"""

from __future__ import annotations

from datetime import date

import chinese_calendar.constants as cc
import yaml

from gongkai.workdays.calendar import WorkingCalendar
from gongkai.workdays.notices import NoticeSpec, notice_parse

#: 国务院办公厅关于2024年部分节假日安排的通知 (2023-10-25).
NOTICE_2024 = """
year: 2024
title: 国务院办公厅关于2024年部分节假日安排的通知
holidays:
  - {name: 元旦, from: 2024-01-01, to: 2024-01-01}            # 1月1日放假1天，与周末连休
  - {name: 春节, from: 2024-02-10, to: 2024-02-17, days: 8, workdays: [2024-02-04, 2024-02-18]}
  - {name: 清明节, from: 2024-04-04, to: 2024-04-06, days: 3, workdays: [2024-04-07]}
  - {name: 劳动节, from: 2024-05-01, to: 2024-05-05, days: 5, workdays: [2024-04-28, 2024-05-11]}
  - {name: 端午节, from: 2024-06-10, to: 2024-06-10}          # 6月10日放假，与周末连休
  - {name: 中秋节, from: 2024-09-15, to: 2024-09-17, days: 3, workdays: [2024-09-14]}
  - {name: 国庆节, from: 2024-10-01, to: 2024-10-07, days: 7, workdays: [2024-09-29, 2024-10-12]}
"""

#: 国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12), the first under the 2024 放假办法.
NOTICE_2025 = """
year: 2025
title: 国务院办公厅关于2025年部分节假日安排的通知
holidays:
  - {name: 元旦, from: 2025-01-01, to: 2025-01-01}
  - {name: 春节, from: 2025-01-28, to: 2025-02-04, days: 8, workdays: [2025-01-26, 2025-02-08]}
  - {name: 清明节, from: 2025-04-04, to: 2025-04-06, days: 3}
  - {name: 劳动节, from: 2025-05-01, to: 2025-05-05, days: 5, workdays: [2025-04-27]}
  - {name: 端午节, from: 2025-05-31, to: 2025-06-02, days: 3}
  - name: 国庆节、中秋节
    from: 2025-10-01
    to: 2025-10-08
    days: 8
    workdays: [2025-09-28, 2025-10-11]
"""

#: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, regulations.md §6.2).
NOTICE_2026 = """
year: 2026
title: 国务院办公厅关于2026年部分节假日安排的通知
issued_on: 2025-11-04
url: https://politics.gmw.cn/2025-11/04/content_38391083.htm
holidays:
  - {name: 元旦, from: 2026-01-01, to: 2026-01-03, days: 3, workdays: [2026-01-04]}
  - {name: 春节, from: 2026-02-15, to: 2026-02-23, days: 9, workdays: [2026-02-14, 2026-02-28]}
  - {name: 清明节, from: 2026-04-04, to: 2026-04-06, days: 3}
  - {name: 劳动节, from: 2026-05-01, to: 2026-05-05, days: 5, workdays: [2026-05-09]}
  - {name: 端午节, from: 2026-06-19, to: 2026-06-21, days: 3}
  - {name: 中秋节, from: 2026-09-25, to: 2026-09-27, days: 3}
  - {name: 国庆节, from: 2026-10-01, to: 2026-10-07, days: 7, workdays: [2026-09-20, 2026-10-10]}
"""

NOTICES = {2024: NOTICE_2024, 2025: NOTICE_2025, 2026: NOTICE_2026}


def spec(year: int) -> NoticeSpec:
    return notice_parse(yaml.safe_load(NOTICES[year]))


def notices_calendar() -> WorkingCalendar:
    """The calendar of exactly the 2024–2026 notices (other years unpublished)."""
    closed: dict[date, str] = {}
    worked: dict[date, str] = {}
    for year in NOTICES:
        s = spec(year)
        closed |= s.closed
        worked |= s.worked
    return WorkingCalendar(closed=closed, worked=worked, published_years=NOTICES)


def package_calendar() -> WorkingCalendar:
    """The calendar of the ``chinesecalendar`` data, 2004–2026 (as the seed migration loads it)."""
    return WorkingCalendar(
        closed=dict(cc.holidays), worked=dict(cc.workdays), published_years=range(2004, 2027)
    )
