"""The holiday calendar in the Django admin: an edit recomputes deadlines and is audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.workdays.models import CalendarDay, DeadlineKind, HolidayNotice
from gongkai.workdays.services import deadline_create

pytestmark = pytest.mark.django_db


def test_notice_list_and_page_render_in_chinese(admin_client):
    response = admin_client.get(reverse("admin:workdays_holidaynotice_changelist"))
    assert response.status_code == 200
    assert "节假日安排通知" in response.content.decode()
    notice = HolidayNotice.objects.get(year=2026)
    page = admin_client.get(reverse("admin:workdays_holidaynotice_change", args=[notice.pk]))
    assert "2026-02-14" in page.content.decode()


def _form(notice: HolidayNotice, days: list[CalendarDay], extra: dict[str, str]) -> dict[str, str]:
    data = {
        "year": str(notice.year),
        "title": notice.title,
        "document_number": notice.document_number,
        "issued_on": notice.issued_on.isoformat() if notice.issued_on else "",
        "url": notice.url,
        "source": notice.source,
        "days-TOTAL_FORMS": str(len(days) + 1),
        "days-INITIAL_FORMS": str(len(days)),
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, day in enumerate(days):
        data |= {
            f"days-{i}-id": str(day.pk),
            f"days-{i}-notice": str(notice.pk),
            f"days-{i}-date": day.date.isoformat(),
            f"days-{i}-name": day.name,
        }
        if day.is_workday:
            data[f"days-{i}-is_workday"] = "on"
    n = len(days)
    data |= {f"days-{n}-notice": str(notice.pk), f"days-{n}-name": ""}
    return data | extra


def test_adding_a_day_off_recomputes_open_deadlines(admin_client):
    """A correction of the 2026 notice entered by hand (hypothetical: 3月2日 off)."""
    deadline = deadline_create(kind=DeadlineKind.CORRECTION_NOTICE, start=date(2026, 2, 27))
    assert deadline.due == date(2026, 3, 9)  # 2月28日（周六）上班 is day 1
    notice = HolidayNotice.objects.get(year=2026)
    days = list(notice.days.order_by("date"))
    n = len(days)
    url = reverse("admin:workdays_holidaynotice_change", args=[notice.pk])
    response = admin_client.post(
        url, _form(notice, days, {f"days-{n}-date": "2026-03-02", f"days-{n}-name": "示例"})
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    deadline.refresh_from_db()
    assert deadline.due == date(2026, 3, 10)
    assert AuditEvent.objects.get(action="workdays.notice_edited").data["recomputed_deadlines"] == 1


def test_a_weekday_tiaoxiu_day_is_refused_by_the_form(admin_client):
    notice = HolidayNotice.objects.get(year=2026)
    days = list(notice.days.order_by("date"))
    n = len(days)
    url = reverse("admin:workdays_holidaynotice_change", args=[notice.pk])
    response = admin_client.post(
        url,
        _form(
            notice,
            days,
            {
                f"days-{n}-date": "2026-03-04",
                f"days-{n}-name": "示例",
                f"days-{n}-is_workday": "on",
            },
        ),
    )
    assert response.status_code == 200
    assert "调休上班日应为周六或周日" in response.content.decode()
    assert not CalendarDay.objects.filter(date=date(2026, 3, 4)).exists()
