"""Working-day arithmetic against the published notices. Pure: no database."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest

from gongkai.core.errors import ValidationFailed
from gongkai.workdays import rules
from gongkai.workdays.calendar import (
    DateOutOfRange,
    Period,
    WorkingCalendar,
    format_days,
    format_range,
    parse_date,
    provisional_wording,
)
from gongkai.workdays.tests.published import notices_calendar, package_calendar

CAL = notices_calendar()
D = date


# -- 国务院办公厅关于2026年部分节假日安排的通知 --------------------------------------------------


def test_reply_deadline_across_spring_festival_2026_explains_itself():
    """国务院办公厅关于2026年部分节假日安排的通知: 春节 2月15日至23日, 2月14日、28日上班.

    条例 第三十三条: 20 working days from receipt; start day not counted (民事诉讼法 第八十五条).
    """
    due = CAL.due(Period(D(2026, 2, 10), rules.REPLY_WORKING_DAYS))
    assert due.due == D(2026, 3, 16)
    assert not due.provisional
    assert due.explanation == (
        "收到申请 2026-02-10；20个工作日；春节 2月15日—23日 不计；"
        "2月14日、28日 调休上班；期限 2026-03-16"
    )
    assert due.letter_wording() == ""
    assert due.letter_date() == "2026年3月16日"


def test_tiaoxiu_saturdays_2026_are_working_days():
    """国务院办公厅关于2026年部分节假日安排的通知: "2月14日（周六）、2月28日（周六）上班"."""
    for day in (D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 10, 10)):
        assert day.weekday() >= 5
        assert CAL.is_workday(day), day
    assert CAL.is_workday(D(2026, 9, 20))  # 周日 上班
    assert not CAL.is_workday(D(2026, 2, 23))  # 正月初七、周一 放假
    assert not CAL.is_workday(D(2026, 10, 7))  # 周三 放假


def test_reply_deadline_across_mid_autumn_and_national_day_2026():
    """国务院办公厅关于2026年部分节假日安排的通知: 中秋节 9月25日—27日, 国庆节 10月1日—7日,
    9月20日（周日）、10月10日（周六）上班. 条例 第三十三条."""
    due = CAL.due(Period(D(2026, 9, 15), 20))
    assert due.due == D(2026, 10, 19)
    assert "国庆节 10月1日—7日 不计" in due.explanation
    assert "9月20日、10月10日 调休上班" in due.explanation


def test_a_deadline_spanning_both_spring_festival_and_national_day_2026():
    """条例 第三十三条: pause for 征求意见 (第三款), extension of 20 (第二款). 2026 notice."""
    period = Period(D(2026, 2, 10), 20).paused(D(2026, 3, 2), D(2026, 9, 30)).extended()
    due = CAL.due(period)
    # 9 days counted before the pause (2月14日 and 28日 included), 31 after 国庆.
    assert due.due == D(2026, 11, 18)
    assert due.paused_workdays == CAL.count(D(2026, 3, 2), D(2026, 9, 30))
    assert "春节 2月15日—23日 不计" in due.explanation
    assert "国庆节 10月1日—7日 不计" in due.explanation
    assert "清明节" not in due.explanation  # inside the pause: it changes nothing
    assert "延长20个工作日，共40个工作日" in due.explanation


# -- 国务院办公厅关于2025年部分节假日安排的通知 --------------------------------------------------


def test_spring_festival_2025_and_its_sunday_workday():
    """国务院办公厅关于2025年部分节假日安排的通知: 春节 1月28日至2月4日, 1月26日（周日）、
    2月8日（周六）上班. 条例 第三十三条."""
    assert CAL.is_workday(D(2025, 1, 26))
    assert CAL.is_workday(D(2025, 2, 8))
    due = CAL.due(Period(D(2025, 1, 20), 20))
    assert due.due == D(2025, 2, 21)
    assert "春节 1月28日—2月4日 不计" in due.explanation


def test_national_day_and_mid_autumn_2025_form_one_closure_of_8_days():
    """国务院办公厅关于2025年部分节假日安排的通知: 国庆节、中秋节 10月1日至8日, 共8天;
    9月28日（周日）、10月11日（周六）上班. 条例 第三十三条."""
    due = CAL.due(Period(D(2025, 9, 20), 20))
    assert due.due == D(2025, 10, 23)
    assert "国庆节、中秋节 10月1日—8日 不计" in due.explanation
    assert CAL.between(D(2025, 9, 30), D(2025, 10, 9)) == 1


# -- 国务院办公厅关于2024年部分节假日安排的通知 --------------------------------------------------


def test_spring_festival_2024_eve_is_a_working_day():
    """国务院办公厅关于2024年部分节假日安排的通知: 春节 2月10日至17日; 2月4日（周日）、
    2月18日（周日）上班; 除夕 2月9日 only "鼓励…安排职工休息" — legally a working day."""
    assert CAL.is_workday(D(2024, 2, 4))
    assert CAL.is_workday(D(2024, 2, 9))
    assert CAL.is_workday(D(2024, 2, 18))
    assert CAL.add(D(2024, 2, 1), 5) == D(2024, 2, 7)
    assert CAL.due(Period(D(2024, 2, 1), 20)).due == D(2024, 3, 5)


def test_national_day_2024():
    """国务院办公厅关于2024年部分节假日安排的通知: 国庆节 10月1日至7日, 9月29日（周日）、
    10月12日（周六）上班. 条例 第二十六条 (publication within 20 working days)."""
    due = CAL.due(Period(D(2024, 9, 20), rules.PUBLICATION_WORKING_DAYS, start_label="信息形成"))
    assert due.due == D(2024, 10, 23)
    assert due.explanation.startswith("信息形成 2024-09-20；20个工作日；国庆节 10月1日—7日 不计")


# -- counting convention ------------------------------------------------------------------------


def test_start_day_is_not_counted():
    """民事诉讼法 第八十五条 "期间开始的时和日，不计算在期间内", by analogy (regulations §6.2)."""
    assert rules.START_DAY_COUNTED is False
    assert CAL.add(D(2026, 3, 2), 1) == D(2026, 3, 3)
    assert CAL.between(D(2026, 3, 2), D(2026, 3, 3)) == 1
    assert CAL.add(D(2026, 3, 2), 0) == D(2026, 3, 2)


def test_start_on_a_holiday_counts_from_the_first_working_day_after():
    """条例 第三十条: 补正 notice within 7 working days, received during 春节 2026."""
    due = CAL.due(Period(D(2026, 2, 16), rules.CORRECTION_NOTICE_WORKING_DAYS))
    assert due.due == D(2026, 3, 3)  # 2月24日 is day 1, 2月28日（周六）is day 5
    assert CAL.add(D(2026, 10, 3), 7) == D(2026, 10, 15)
    assert CAL.add(D(2026, 2, 14), 1) == D(2026, 2, 24)  # start on a 调休 Saturday


def test_between_counts_after_a_up_to_and_including_b():
    assert CAL.between(D(2026, 2, 10), D(2026, 3, 16)) == 20
    assert CAL.between(D(2026, 3, 16), D(2026, 2, 10)) == -20
    assert CAL.between(D(2026, 2, 15), D(2026, 2, 23)) == 0
    assert CAL.count(D(2026, 2, 14), D(2026, 2, 14)) == 1


# -- pauses, restarts, extensions ---------------------------------------------------------------


def test_working_days_inside_a_pause_do_not_count():
    """条例 第三十三条第三款: "征求第三方和其他机关意见所需时间不计算在前款规定的期限内"."""
    plain = CAL.due(Period(D(2026, 3, 2), 20))
    paused = CAL.due(Period(D(2026, 3, 2), 20).paused(D(2026, 3, 9), D(2026, 3, 13)))
    assert paused.paused_workdays == 5
    assert paused.due == CAL.add(plain.due, 5)
    assert "征求意见 3月9日—13日 暂停，5个工作日不计" in paused.explanation


def test_a_pause_over_a_weekend_only_changes_nothing():
    """条例 第三十三条第三款: only working days are excluded."""
    period = Period(D(2026, 3, 2), 20)
    assert CAL.due(period.paused(D(2026, 3, 7), D(2026, 3, 8))).due == CAL.due(period).due


def test_a_pause_after_the_deadline_is_ignored():
    period = Period(D(2026, 3, 2), 5).paused(D(2026, 4, 1), D(2026, 4, 30))
    assert CAL.due(period).due == D(2026, 3, 9)
    assert CAL.due(period).paused_workdays == 0


def test_two_pauses_add_up():
    """条例 第三十二条 and 第三十四条: consultations of a third party and of another body."""
    period = (
        Period(D(2026, 3, 2), 20)
        .paused(D(2026, 3, 4), D(2026, 3, 5))
        .paused(D(2026, 3, 16), D(2026, 3, 18), "征求其他机关意见")
    )
    due = CAL.due(period)
    assert due.paused_workdays == 5
    assert due.due == CAL.add(D(2026, 3, 2), 25)
    assert "征求其他机关意见 3月16日—18日 暂停" in due.explanation


def test_a_correction_restarts_the_clock_from_its_receipt():
    """条例 第三十条: "答复期限自行政机关收到补正的申请之日起计算"."""
    period = (
        Period(D(2026, 2, 10), 20).paused(D(2026, 2, 11), D(2026, 2, 12)).restarted(D(2026, 3, 2))
    )
    due = CAL.due(period)
    assert due.due == CAL.add(D(2026, 3, 2), 20) == D(2026, 3, 30)
    assert due.paused_workdays == 0  # the pause before the restart is gone
    assert "2026-03-02 收到补正，重新起算" in due.explanation


def test_an_extension_adds_20_working_days():
    """条例 第三十三条第二款: "延长的期限最长不得超过20个工作日"."""
    assert rules.EXTENSION_WORKING_DAYS == 20
    due = CAL.due(Period(D(2026, 2, 10), 20).extended())
    assert due.due == CAL.add(D(2026, 3, 16), 20)


def test_invalid_periods_are_refused():
    with pytest.raises(ValidationFailed):
        CAL.due(Period(D(2026, 3, 2), 0))
    with pytest.raises(ValidationFailed):
        CAL.due(Period(D(2026, 3, 2), 20).restarted(D(2026, 3, 1)))
    with pytest.raises(ValidationFailed):
        CAL.due(Period(D(2026, 3, 2), 20).paused(D(2026, 3, 9), D(2026, 3, 8)))
    with pytest.raises(ValidationFailed):
        CAL.add(D(2026, 3, 2), -1)


# -- years whose notice is not loaded ------------------------------------------------------------


def test_unpublished_year_is_provisional_and_skips_fixed_date_holidays():
    """放假办法 第二条: 劳动节 5月1日、2日 are known before the 2027 notice; the rest is not."""
    due = CAL.due(Period(D(2027, 4, 20), 20))
    assert due.provisional
    assert due.provisional_years == (2027,)
    assert due.due == D(2027, 5, 18)
    assert "劳动节 5月1日—2日 不计（暂定）" in due.explanation
    assert due.explanation.endswith("期限 2027-05-18（暂定）")
    assert due.letter_date() == (
        "2027年5月18日（本期限按尚未公布的2027年节假日安排暂定，以国务院办公厅通知为准）"
    )


def test_unpublished_year_never_treats_new_year_or_national_day_as_working():
    """放假办法 第二条: 元旦 1月1日, 国庆节 10月1日至3日."""
    for day in (D(2027, 1, 1), D(2028, 5, 1), D(2028, 5, 2), D(2028, 10, 2), D(2028, 10, 3)):
        assert not CAL.is_workday(day)
        assert CAL.is_provisional(day)


def test_end_of_december_is_provisional_until_next_years_notice():
    """The 2008 and 2019 notices closed 12月30日—31日 of the year before: those days are not final
    until the next notice is loaded."""
    assert not CAL.is_provisional(D(2026, 12, 28))
    assert CAL.is_provisional(D(2026, 12, 29))
    assert CAL.due(Period(D(2026, 12, 1), 19)).provisional is False
    assert CAL.due(Period(D(2026, 12, 1), 20)).provisional_years == (2027,)


def test_provisional_wording_for_letters():
    assert provisional_wording([]) == ""
    assert provisional_wording([2028, 2027]) == (
        "（本期限按尚未公布的2027、2028年节假日安排暂定，以国务院办公厅通知为准）"
    )


def test_dates_outside_the_table_are_a_clear_error():
    with pytest.raises(DateOutOfRange, match="超出可计算范围"):
        CAL.add(D(1999, 12, 31), 1)
    with pytest.raises(DateOutOfRange):
        CAL.add(D(2100, 12, 1), 40)
    with pytest.raises(DateOutOfRange):
        CAL.add_ordinals([D(1999, 1, 1).toordinal()], 5)


def test_a_day_both_closed_and_worked_is_refused():
    with pytest.raises(ValidationFailed, match="既放假又上班"):
        WorkingCalendar(
            closed={D(2026, 2, 14): "春节"}, worked={D(2026, 2, 14): "春节"}, published_years=[]
        )


# -- against the chinesecalendar package ---------------------------------------------------------


def test_seed_data_agrees_with_the_2024_2025_2026_notices():
    """The package's data is what the seed migration loads; the notices are the law."""
    package = package_calendar()
    day = D(2024, 1, 1)
    while day <= D(2026, 12, 31):
        assert package.is_workday(day) == CAL.is_workday(day), day
        day += timedelta(days=1)


def test_add_matches_chinesecalendar_find_workday_from_working_days():
    """``find_workday(n, d)`` counts from the next working day when ``d`` is not one, so it is
    compared only from working days; from a holiday our count follows 民事诉讼法 第八十五条."""
    package = package_calendar()
    day = D(2004, 1, 2)
    while day < D(2026, 11, 1):
        if chinese_calendar.is_workday(day):
            for n in (1, 7, 15, 20, 40):
                assert package.add(day, n) == chinese_calendar.find_workday(n, day), (day, n)
        day += timedelta(days=13)
    assert chinese_calendar.find_workday(1, D(2026, 2, 16)) == D(2026, 2, 25)  # the difference
    assert package.add(D(2026, 2, 16), 1) == D(2026, 2, 24)


def test_bulk_add_agrees_with_add():
    starts = [D(2026, 2, 10), D(2026, 9, 15), D(2025, 1, 20), D(2026, 2, 16)]
    got = CAL.add_ordinals([d.toordinal() for d in starts], 20)
    assert [date.fromordinal(o) for o in got] == [CAL.add(d, 20) for d in starts]


# -- formatting ---------------------------------------------------------------------------------


def test_formatting_of_ranges_and_lists():
    assert format_range(D(2026, 2, 15), D(2026, 2, 23), 2026) == "2月15日—23日"
    assert format_range(D(2026, 4, 30), D(2026, 5, 4), 2026) == "4月30日—5月4日"
    assert format_range(D(2022, 12, 31), D(2023, 1, 2), 2023) == "2022年12月31日—2023年1月2日"
    assert format_range(D(2027, 1, 1), D(2027, 1, 1), 2026) == "2027年1月1日"
    assert format_days([D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9)], 2026) == (
        "2月14日、28日、5月9日"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-10", D(2026, 2, 10)),
        ("2026年2月10日", D(2026, 2, 10)),
        (" 2026-2-3 ", D(2026, 2, 3)),
    ],
)
def test_parse_date_accepts_iso_and_chinese(text, expected):
    assert parse_date(text, where="DATE") == expected


@pytest.mark.parametrize("text", ["2026-02-30", "10/02/2026", "", "二〇二六年二月十日"])
def test_parse_date_names_the_argument(text):
    with pytest.raises(ValidationFailed, match=r"^DATE: 日期无效"):
        parse_date(text, where="DATE")


def test_year_view_2026():
    """国务院办公厅关于2026年部分节假日安排的通知: 7 closures and 6 调休 days."""
    view = CAL.year_view(2026)
    assert view.published
    assert [c.name for c in view.closures] == [
        "元旦",
        "春节",
        "清明节",
        "劳动节",
        "端午节",
        "中秋节",
        "国庆节",
    ]
    assert len(view.worked) == 6
    assert view.workdays_total == sum(view.workdays_per_month) == 248
