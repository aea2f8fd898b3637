"""The calendar in the database: seed, import, recompute, deadline services, audit."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
import yaml
from django.db import IntegrityError
from django.db.models import F

from gongkai.audit.models import AuditEvent
from gongkai.core.errors import Conflict, IllegalTransition, ValidationFailed
from gongkai.workdays import rules
from gongkai.workdays.models import CalendarDay, Deadline, DeadlineKind, HolidayNotice
from gongkai.workdays.notices import notice_file_load
from gongkai.workdays.selectors import (
    calendar_get,
    deadline_days_left,
    deadline_due,
    deadlines_overdue,
)
from gongkai.workdays.services import (
    deadline_close,
    deadline_compute,
    deadline_create,
    deadline_extend,
    deadline_pause,
    deadline_pause_end,
    deadline_restart,
    deadlines_recompute,
    notice_days_changed,
    notice_import,
)
from gongkai.workdays.tests.published import NOTICE_2026, notices_calendar

pytestmark = pytest.mark.django_db

EXAMPLE_2027 = Path(__file__).resolve().parents[1] / "notices" / "example-2027.yaml"
D = date


def example_2027() -> dict:
    return notice_file_load(EXAMPLE_2027)


# -- the seed -----------------------------------------------------------------------------------


def test_seed_holds_one_notice_per_year_2004_to_2026_from_the_package():
    years = list(HolidayNotice.objects.order_by("year").values_list("year", flat=True))
    assert years == list(range(2004, 2027))
    notice = HolidayNotice.objects.get(year=2026)
    assert notice.title == "国务院办公厅关于2026年部分节假日安排的通知"
    assert notice.source.startswith("chinesecalendar ")
    assert notice.issued_on == D(2025, 11, 4)
    # 元旦 of 2024 began on 2023-12-30: that day belongs to the 2024 notice.
    assert CalendarDay.objects.get(date=D(2023, 12, 30)).notice.year == 2024
    assert CalendarDay.objects.get(date=D(2026, 2, 14)).is_workday


def test_seeded_calendar_is_the_calendar_of_the_2024_2025_2026_notices():
    """国务院办公厅关于2024年、2025年、2026年部分节假日安排的通知, typed as printed."""
    seeded, notices = calendar_get(), notices_calendar()
    day = D(2024, 1, 1)
    while day <= D(2026, 12, 31):
        assert seeded.is_workday(day) == notices.is_workday(day), day
        day += timedelta(days=1)
    assert seeded.published_years == frozenset(range(2004, 2027))


def test_calendar_is_cached_until_a_notice_changes():
    first = calendar_get()
    assert calendar_get() is first
    notice_import(data=example_2027())
    assert calendar_get() is not first
    assert calendar_get().is_published(2027)


# -- 2027: provisional, then exact after the import ----------------------------------------------


def test_2027_deadline_is_provisional_then_exact_after_the_notice_is_imported():
    """regulations.md §6.3: provisional in an unpublished year, recomputed on import.

    The notice imported is the example file written for the tests, not the real 2027 notice.
    """
    deadline = deadline_create(kind=DeadlineKind.REPLY, start=D(2027, 1, 20))
    assert deadline.days == rules.REPLY_WORKING_DAYS
    assert deadline.provisional
    assert deadline.due == D(2027, 2, 17)
    closed = deadline_create(kind=DeadlineKind.REPLY, start=D(2027, 1, 20))
    deadline_close(deadline=closed)
    exact = deadline_create(kind=DeadlineKind.REPLY, start=D(2026, 3, 2))

    result = notice_import(data=example_2027(), source_name="example-2027.yaml")

    assert result.recomputed == 1
    assert (result.closed_days, result.worked_days, result.replaced) == (29, 5, False)
    deadline.refresh_from_db()
    assert not deadline.provisional
    assert deadline.due == D(2027, 2, 24)
    assert "春节 2月5日—13日 不计；2月20日 调休上班" in deadline_due(deadline).explanation
    closed.refresh_from_db()
    assert closed.provisional  # closed deadlines are history: never recomputed
    exact.refresh_from_db()
    assert exact.due == D(2026, 3, 30)
    event = AuditEvent.objects.get(action="workdays.notice_imported")
    assert event.target_id == str(result.notice.pk)
    assert event.data["recomputed_deadlines"] == 1
    assert event.data["file"] == "example-2027.yaml"


def test_a_published_year_is_refused_unless_replace():
    with pytest.raises(Conflict, match="2026年的节假日安排已导入"):
        notice_import(data=yaml.safe_load(NOTICE_2026))
    assert not AuditEvent.objects.exists()


def test_replacing_a_year_recomputes_its_exact_deadlines():
    """A corrected notice (here: 春节 shortened by a day, hypothetically) moves every open
    deadline that spans it; nothing else."""
    deadline = deadline_create(kind=DeadlineKind.REPLY, start=D(2026, 2, 10))
    assert deadline.due == D(2026, 3, 16)
    other = deadline_create(kind=DeadlineKind.REPLY, start=D(2025, 3, 3))
    data = yaml.safe_load(NOTICE_2026)
    data["holidays"][1]["to"] = D(2026, 2, 22)
    data["holidays"][1]["days"] = 8
    result = notice_import(data=data, replace=True)
    assert result.replaced
    assert result.recomputed == 1
    deadline.refresh_from_db()
    assert deadline.due == D(2026, 3, 13)
    other.refresh_from_db()
    assert other.due == D(2025, 3, 31)
    assert HolidayNotice.objects.get(year=2026).source == "import"
    assert not CalendarDay.objects.filter(date=D(2026, 2, 23)).exists()
    assert AuditEvent.objects.filter(action="workdays.notice_replaced").count() == 1


def test_an_invalid_file_writes_nothing():
    data = example_2027()
    data["holidays"][0]["workdays"] = [D(2027, 1, 2)]  # closed and worked
    before = CalendarDay.objects.count()
    with pytest.raises(ValidationFailed, match="既放假又上班"):
        notice_import(data=data)
    assert CalendarDay.objects.count() == before
    assert not HolidayNotice.objects.filter(year=2027).exists()
    assert not AuditEvent.objects.exists()


def test_a_day_owned_by_another_notice_is_a_conflict():
    """2023-12-30 belongs to the 2024 notice (元旦 2024 began on that Saturday)."""
    data = {"year": 2023, "holidays": [{"name": "元旦", "from": "2023-12-30", "to": "2023-12-31"}]}
    with pytest.raises(
        Conflict, match="2023-12-30 已由《国务院办公厅关于2024年部分节假日安排的通知》"
    ):
        notice_import(data=data, replace=True)
    assert HolidayNotice.objects.get(year=2023).source.startswith("chinesecalendar")


def test_an_admin_edit_of_a_day_recomputes_and_audits():
    deadline = deadline_create(kind=DeadlineKind.CORRECTION_NOTICE, start=D(2026, 2, 10))
    assert deadline.due == D(2026, 2, 26)  # 7 working days: 11, 12, 13, 14(六), 24, 25, 26
    notice = HolidayNotice.objects.get(year=2026)
    CalendarDay.objects.filter(date=D(2026, 2, 14)).delete()  # as the admin inline would
    assert notice_days_changed(notice=notice, actor=None, changes=["-2026-02-14"]) == 1
    deadline.refresh_from_db()
    assert deadline.due == D(2026, 2, 27)
    assert AuditEvent.objects.get(action="workdays.notice_edited").data["changes"] == [
        "-2026-02-14"
    ]


def test_an_admin_edit_making_a_weekday_a_tiaoxiu_day_is_refused():
    notice = HolidayNotice.objects.get(year=2026)
    CalendarDay.objects.create(date=D(2026, 3, 4), is_workday=True, name="春节", notice=notice)
    with pytest.raises(ValidationFailed, match="调休上班日应为周六或周日"):
        notice_days_changed(notice=notice, actor=None, changes=[])


# -- deadline services --------------------------------------------------------------------------


def test_pause_defaults_to_the_third_partys_15_working_days_and_ends_early():
    """条例 第三十二条: the third party answers within 15 working days; 第三十三条第三款: that
    time does not count."""
    deadline = deadline_create(kind=DeadlineKind.REPLY, start=D(2026, 3, 2))
    assert deadline.due == D(2026, 3, 30)
    deadline = deadline_pause(deadline=deadline, first=D(2026, 3, 9))
    assert deadline.pauses == [["2026-03-09", "2026-03-30", "征求意见"]]
    # 4 days counted (3月3日—6日), 16 after 3月30日; 清明节 4月4日—6日 skipped
    assert deadline.due == D(2026, 4, 22)
    deadline = deadline_pause_end(deadline=deadline, on=D(2026, 3, 11))
    assert deadline.due == D(2026, 4, 2)
    assert "征求意见 3月9日—11日 暂停，3个工作日不计" in deadline_due(deadline).explanation


def test_overlapping_pauses_are_refused():
    deadline = deadline_create(kind=DeadlineKind.REPLY, start=D(2026, 3, 2))
    deadline_pause(deadline=deadline, first=D(2026, 3, 9), last=D(2026, 3, 11))
    with pytest.raises(Conflict, match="重叠"):
        deadline_pause(deadline=deadline, first=D(2026, 3, 11), last=D(2026, 3, 12))


def test_restart_once_only():
    """条例 第三十条: 补正 is notified 一次性; the answer period runs from its receipt."""
    deadline = deadline_create(kind=DeadlineKind.REPLY, start=D(2026, 2, 10))
    deadline = deadline_restart(deadline=deadline, on=D(2026, 3, 2))
    assert deadline.due == D(2026, 3, 30)
    with pytest.raises(IllegalTransition, match="一次性"):
        deadline_restart(deadline=deadline, on=D(2026, 3, 5))


def test_extend_once_only():
    """条例 第三十三条第二款: "延长的期限最长不得超过20个工作日"."""
    deadline = deadline_create(kind=DeadlineKind.REPLY, start=D(2026, 2, 10))
    deadline = deadline_extend(deadline=deadline)
    assert deadline.due == D(2026, 4, 14)
    with pytest.raises(IllegalTransition, match="只能延长一次"):
        deadline_extend(deadline=deadline)


def test_the_database_refuses_a_second_extension():
    deadline = deadline_create(kind=DeadlineKind.REPLY, start=D(2026, 2, 10))
    with pytest.raises(IntegrityError):
        Deadline.objects.filter(pk=deadline.pk).update(extensions=F("extensions") + 2)


def test_a_closed_deadline_cannot_change():
    deadline = deadline_close(
        deadline=deadline_create(kind=DeadlineKind.REPLY, start=D(2026, 2, 10))
    )
    with pytest.raises(IllegalTransition, match="期限已结束"):
        deadline_extend(deadline=deadline)


def test_fee_payment_period():
    """国办函〔2020〕109号: "申请人应当在收到收费通知次日起20个工作日内缴纳费用"."""
    deadline = deadline_create(
        kind=DeadlineKind.FEE_PAYMENT, start=D(2026, 9, 24), start_label="收到收费通知"
    )
    assert deadline.days == rules.FEE_PAYMENT_WORKING_DAYS
    assert deadline.due == D(2026, 10, 29)
    assert deadline_due(deadline).explanation.startswith(
        "收到收费通知 2026-09-24；20个工作日；中秋节"
    )


def test_other_kind_needs_days():
    with pytest.raises(ValidationFailed):
        deadline_create(kind=DeadlineKind.OTHER, start=D(2026, 2, 10))
    assert deadline_create(kind=DeadlineKind.OTHER, start=D(2026, 2, 10), days=3).due == D(
        2026, 2, 13
    )


def test_recompute_all_is_idempotent():
    deadline_create(kind=DeadlineKind.REPLY, start=D(2026, 2, 10))
    assert deadlines_recompute() == 0


def test_deadline_compute_does_not_save():
    due = deadline_compute(start=D(2026, 2, 10), days=20)
    assert due.due == D(2026, 3, 16)
    assert not Deadline.objects.exists()


# -- today is the Asia/Shanghai date ------------------------------------------------------------


def test_days_left_use_the_date_in_shanghai_not_utc():
    """regulations.md §6.3 (4): a naive UTC date can shift the day by one."""
    deadline = deadline_create(kind=DeadlineKind.REPLY, start=D(2026, 2, 10))  # due 2026-03-16
    with time_machine.travel(datetime(2026, 3, 12, 16, 30, tzinfo=UTC), tick=False):
        # 2026-03-13 00:30 in Shanghai (Friday): only Monday 16 is left.
        assert deadline_days_left(deadline) == 1
        assert not deadlines_overdue().exists()
    with time_machine.travel(datetime(2026, 3, 16, 16, 1, tzinfo=UTC), tick=False):
        assert deadline_days_left(deadline) == -1  # Tuesday 17th in Shanghai
        assert list(deadlines_overdue()) == [deadline]


def test_example_file_is_not_left_in_the_database_by_other_tests():
    assert not HolidayNotice.objects.filter(year=2027).exists()
    assert copy.deepcopy(example_2027())["year"] == 2027
