"""The deadline of each body's annual report (条例 第四十九条; regulations.md §1.10).

Departments publish by 1月31日 and governments by 3月31日 of the next year; 乡（镇）人民政府 are
not named in 第四十九条, so the deadline local rules set for them is recorded per jurisdiction
([U]: configurable), and without one the government's 3月31日 applies.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel, Role
from gongkai.agencies.services import membership_grant
from gongkai.annual.models import TownshipDeadline
from gongkai.annual.rules import statutory_deadline
from gongkai.annual.selectors import annual_reports_overdue, report_deadline, report_deadlines
from gongkai.annual.services import annual_report_draft, township_deadline_set
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


def _government(name: str, level: str, parent: Agency | None) -> Agency:
    return Agency.objects.create(name=name, kind=AgencyKind.GOVERNMENT, level=level, parent=parent)


@pytest.fixture
def township(county: Agency) -> Agency:
    return _government("平罗县城关镇人民政府", AgencyLevel.TOWNSHIP, county)


def test_article_49_without_local_rules(county: Agency, bureau: Agency, township: Agency) -> None:
    """条例 第四十九条: 部门 1月31日, 人民政府 3月31日; a 乡（镇） without a local rule: 3月31日."""
    assert report_deadlines([bureau, county, township], 2023) == [
        date(2024, 1, 31),
        date(2024, 3, 31),
        date(2024, 3, 31),
    ]


def test_the_county_sets_its_townships_deadline(
    county: Agency, bureau: Agency, township: Agency, oversight: Any
) -> None:
    """regulations.md §1.10 [U]: a township's deadline comes from local rules."""
    head = get_user_model().objects.create_user("township_head")
    membership_grant(actor=None, user=head, agency=township, role=Role.HEAD)
    draft = annual_report_draft(actor=head, agency=township, year=2023)
    assert draft.deadline == date(2024, 3, 31)
    township_deadline_set(
        actor=oversight, jurisdiction=county, month=2, day=20, source="平政办发〔2023〕12号"
    )
    assert report_deadline(township, 2023) == date(2024, 2, 20)
    assert report_deadline(county, 2023) == date(2024, 3, 31)  # the government's own: 第四十九条
    assert report_deadline(bureau, 2023) == date(2024, 1, 31)
    draft.refresh_from_db()
    assert draft.deadline == date(2024, 2, 20)  # an unpublished report moves with the rule
    event = AuditEvent.objects.get(action="annual.township_deadline.created")
    assert event.data == {"month": 2, "day": 20, "reports_moved": 1}
    late = annual_reports_overdue(government=county, year=2023, as_of=date(2024, 2, 21))
    assert {"agency": township.name, "deadline": "2024-02-20", "published_on": None} in late


def test_the_nearest_government_above_sets_it(county: Agency) -> None:
    city = _government("石嘴山市人民政府", AgencyLevel.CITY, None)
    county.parent = city
    county.save()
    township = _government("平罗县姚伏镇人民政府", AgencyLevel.TOWNSHIP, county)
    township_deadline_set(
        actor=None, jurisdiction=city, month=2, day=28, source="石政办函〔2023〕5号"
    )
    assert report_deadline(township, 2023) == date(2024, 2, 28)
    township_deadline_set(
        actor=None, jurisdiction=county, month=2, day=10, source="平政办发〔2024〕1号"
    )
    assert report_deadline(township, 2023) == date(2024, 2, 10)
    assert TownshipDeadline.objects.count() == 2


def test_29_february_is_the_last_day_of_february_in_a_common_year(township: Agency) -> None:
    assert statutory_deadline(township, 2022, local=(2, 29)) == date(2023, 2, 28)
    assert statutory_deadline(township, 2023, local=(2, 29)) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("month", "day", "message"),
    [(2, 30, "2月没有30日"), (13, 1, "月份应为1至12"), (4, 31, "4月没有31日")],
)
def test_a_day_the_calendar_does_not_have_is_refused(
    county: Agency, month: int, day: int, message: str
) -> None:
    with pytest.raises(ValidationFailed, match=message):
        township_deadline_set(actor=None, jurisdiction=county, month=month, day=day, source="x")
    assert not TownshipDeadline.objects.exists()


def test_only_a_government_above_townships_has_one(
    county: Agency, bureau: Agency, township: Agency
) -> None:
    for body in (bureau, township):
        with pytest.raises(ValidationFailed, match="不是县级以上人民政府"):
            township_deadline_set(actor=None, jurisdiction=body, month=2, day=1, source="x")
    with pytest.raises(ValidationFailed, match="地方文件"):
        township_deadline_set(actor=None, jurisdiction=county, month=2, day=1, source="  ")


def test_only_the_oversight_office_or_an_administrator_sets_it(
    county: Agency, clerk: Any, oversight: Any
) -> None:
    with pytest.raises(PermissionDenied, match="公开办或管理员"):
        township_deadline_set(actor=clerk, jurisdiction=county, month=2, day=1, source="x")
    township_deadline_set(actor=oversight, jurisdiction=county, month=2, day=1, source="x")


def test_set_in_the_admin_with_its_errors_shown_on_the_form(county: Agency) -> None:
    root = get_user_model().objects.create_superuser("root", "root@example.gov.cn", "pw-123456")
    client = Client()
    client.force_login(root)
    url = "/admin/annual/townshipdeadline/add/"
    bad = client.post(url, {"jurisdiction": county.pk, "month": 2, "day": 30, "source": "文件"})
    assert bad.status_code == 200
    assert "2月没有30日" in bad.content.decode()
    good = client.post(url, {"jurisdiction": county.pk, "month": 2, "day": 20, "source": "文件"})
    assert good.status_code == 302, good.content.decode()[:2000]
    assert TownshipDeadline.objects.get().day == 20
    assert AuditEvent.objects.filter(action="annual.township_deadline.created").exists()
