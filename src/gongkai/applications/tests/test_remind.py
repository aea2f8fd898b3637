"""``gongkai remind``: answers due within 3 working days and overdue ones, per body."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command

from gongkai.agencies.models import Role
from gongkai.agencies.services import membership_grant
from gongkai.applications.models import Application
from gongkai.applications.services import application_assign, application_register
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


def register(bureau, clerk, number, received):
    return application_register(
        actor=clerk,
        agency=bureau,
        number=number,
        channel="online",
        received_on=received,
        applicant_category="natural_person",
        request_content="学区划分",
    )


@pytest.fixture
def cases(bureau, clerk):
    with time_machine.travel("2026-03-12 09:00 +0800", tick=False):
        # Received 2026-02-10: due 2026-03-16 (春节 and its 调休 Saturdays counted, 第三十三条).
        register(bureau, clerk, "A-1", date(2026, 2, 10))
        # Received 2026-01-05: due 2026-02-03, overdue on 2026-03-12.
        register(bureau, clerk, "A-2", date(2026, 1, 5))
        # Received 2026-03-02: due 2026-03-30, not yet within 3 working days.
        register(bureau, clerk, "A-3", date(2026, 3, 2))


def remind(*args):
    out = StringIO()
    call_command("remind", *args, stdout=out)
    return out.getvalue()


def test_due_within_three_working_days_and_overdue(cases):
    # 2026-03-12 (Thu) + 3 working days = 2026-03-17: A-1 (due 03-16) is due soon.
    result = json.loads(remind("--as-of", "2026-03-12", "--format", "json"))
    assert len(result) == 1
    body = result[0]
    assert body["agency"] == "平罗县教育体育局"
    assert body["officer"] == "clerk"
    assert body["recipients"] == ["clerk"]
    assert [c["number"] for c in body["due_soon"]] == ["A-1"]
    assert [c["number"] for c in body["overdue"]] == ["A-2"]


def test_weekend_is_not_counted_in_the_three_days(cases):
    # 2026-03-11 (Wed) + 3 working days = 2026-03-16 (Mon): A-1 is included.
    result = json.loads(remind("--as-of", "2026-03-11", "--format", "json"))
    assert [c["number"] for c in result[0]["due_soon"]] == ["A-1"]
    # 2026-03-10 (Tue) + 3 working days = 2026-03-13 (Fri): A-1 is not yet.
    result = json.loads(remind("--as-of", "2026-03-10", "--format", "json"))
    assert [c["number"] for c in result[0]["due_soon"]] == []


def test_text_output_names_the_cases(cases):
    text = remind("--as-of", "2026-03-12", "--agency", "平罗县教育体育局")
    assert "[逾期] A-2" in text
    assert "[将到期] A-1：2026-03-16" in text


def test_nothing_to_remind(bureau):
    assert "没有即将到期或逾期的申请" in remind("--as-of", "2026-03-12")


def test_each_officer_gets_the_cases_assigned_to_him(cases, bureau, reviewer):
    second = get_user_model().objects.create_user("clerk2")
    membership_grant(actor=None, user=second, agency=bureau, role=Role.CLERK)
    application_assign(
        actor=reviewer, application=Application.objects.get(number="A-2"), officer=second
    )
    result = json.loads(remind("--as-of", "2026-03-12", "--format", "json"))
    by_officer = {body["officer"]: body for body in result}
    assert [c["number"] for c in by_officer["clerk2"]["overdue"]] == ["A-2"]
    assert by_officer["clerk2"]["due_soon"] == []
    assert [c["number"] for c in by_officer["clerk"]["due_soon"]] == ["A-1"]
    assert by_officer["clerk"]["overdue"] == []


def test_assignment_is_decided_by_a_reviewer_or_head_and_audited(cases, bureau, clerk, reviewer):
    case = Application.objects.get(number="A-1")
    assert case.officer == clerk
    with pytest.raises(PermissionDenied):
        application_assign(actor=clerk, application=case, officer=clerk)
    with pytest.raises(ValidationFailed, match="不是本机关的经办人"):
        application_assign(actor=reviewer, application=case, officer=reviewer)
    application_assign(actor=reviewer, application=case, officer=clerk)
    event = AuditEvent.objects.get(action="application.assigned")
    assert event.data == {"number": "A-1", "officer": "clerk"}
