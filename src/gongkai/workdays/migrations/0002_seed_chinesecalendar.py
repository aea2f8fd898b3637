"""Seed the holiday calendar 2004–2026 from the ``chinesecalendar`` package's data.

Reads ``chinese_calendar.constants.holidays`` (days off, weekends inside a closure included) and
``.workdays`` (调休 working weekends); one ``HolidayNotice`` per year with the package as source.
A 元旦 day in the last days of December belongs to the next year's notice (e.g. 2023-12-30/31
in the 2024 notice). Later years come from ``gongkai workdays import``.
"""

from datetime import date

import chinese_calendar
from chinese_calendar import constants
from django.db import migrations

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}

# What is known about individual notices beyond the package's dates (regulations.md §6.2).
KNOWN = {
    2026: {
        "issued_on": date(2025, 11, 4),
        "url": "https://politics.gmw.cn/2025-11/04/content_38391083.htm",
    },
}


def _notice_year(day, name):
    if day.month == 12 and day.day >= 29 and name == "New Year's Day":
        return day.year + 1
    return day.year


def seed(apps, schema_editor):
    HolidayNotice = apps.get_model("workdays", "HolidayNotice")
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    source = f"chinesecalendar {chinese_calendar.__version__}"
    by_year = {}
    for table, is_workday in ((constants.holidays, False), (constants.workdays, True)):
        for day, name in table.items():
            by_year.setdefault(_notice_year(day, name), []).append((day, is_workday, name))
    notices = HolidayNotice.objects.bulk_create(
        HolidayNotice(
            year=year,
            title=f"国务院办公厅关于{year}年部分节假日安排的通知",
            source=source,
            **KNOWN.get(year, {}),
        )
        for year in sorted(by_year)
    )
    if not all(n.pk for n in notices):  # backends that do not return ids from bulk_create
        notices = list(HolidayNotice.objects.all())
    notice_by_year = {n.year: n for n in notices}
    CalendarDay.objects.bulk_create(
        CalendarDay(
            date=day,
            is_workday=is_workday,
            name=NAMES.get(name, name),
            notice=notice_by_year[year],
        )
        for year, days in by_year.items()
        for day, is_workday, name in sorted(days)
    )


def unseed(apps, schema_editor):
    HolidayNotice = apps.get_model("workdays", "HolidayNotice")
    HolidayNotice.objects.filter(source__startswith="chinesecalendar").delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
