"""条例 第三十五条: 申请公开政府信息的数量、频次明显超过合理范围 — reasons, refusal or delay."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from docx import Document

from gongkai.applications.letters import letter_issue
from gongkai.applications.selectors import applications_overdue
from gongkai.applications.services import application_register, transition
from gongkai.applications.states import Action, Status
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel("2025-12-30 10:00 +0800", tick=False):
        yield


@pytest.fixture
def in_review(bureau, clerk):
    application = application_register(
        actor=clerk,
        agency=bureau,
        number="V-1",
        channel="online",
        received_on=date(2025, 3, 3),
        applicant_category="natural_person",
        request_content="本局2000年以来全部会议纪要、全部合同、全部发票",
    )
    return transition(
        actor=clerk, application=application, action=Action.ACCEPT, on=date(2025, 3, 3)
    )


def test_the_body_may_ask_for_reasons_and_refuse_without_them(in_review, clerk, reviewer):
    """第三十五条: 行政机关可以要求申请人说明理由；认为申请理由不合理的，告知申请人不予处理."""
    with pytest.raises(PermissionDenied):
        transition(
            actor=clerk, application=in_review, action=Action.REQUEST_REASONS, on=date(2025, 3, 5)
        )
    asked = transition(
        actor=reviewer, application=in_review, action=Action.REQUEST_REASONS, on=date(2025, 3, 5)
    )
    assert asked.status == Status.AWAITING_REASONS
    assert AuditEvent.objects.filter(action="application.reasons_requested").count() == 1
    with pytest.raises(ValidationFailed, match="第三十五条"):
        transition(
            actor=reviewer,
            application=asked,
            action=Action.ANSWER,
            on=date(2025, 3, 20),
            outcome="granted",
        )
    refused = transition(
        actor=reviewer,
        application=asked,
        action=Action.ANSWER,
        on=date(2025, 3, 20),
        outcome="not_processed_4",
    )
    assert (refused.status, refused.outcome) == (Status.ANSWERED, "not_processed_4")


def test_reasonable_reasons_with_a_delayed_answer_date_set_by_the_head(
    in_review, clerk, reviewer, head
):
    """第三十五条: 理由合理，但是无法在第三十三条规定的期限内答复的，可以确定延迟答复的合理期限."""
    asked = transition(
        actor=reviewer, application=in_review, action=Action.REQUEST_REASONS, on=date(2025, 3, 5)
    )
    with pytest.raises(PermissionDenied, match="负责人"):
        transition(
            actor=clerk,
            application=asked,
            action=Action.RECEIVE_REASONS,
            on=date(2025, 3, 10),
            delay_until=date(2025, 5, 30),
        )
    with pytest.raises(ValidationFailed, match="应晚于答复期限"):
        transition(
            actor=head,
            application=asked,
            action=Action.RECEIVE_REASONS,
            on=date(2025, 3, 10),
            delay_until=date(2025, 3, 20),
        )
    resumed = transition(
        actor=head,
        application=asked,
        action=Action.RECEIVE_REASONS,
        on=date(2025, 3, 10),
        delay_until=date(2025, 5, 30),
    )
    assert resumed.status == Status.IN_REVIEW
    assert resumed.delayed_until == date(2025, 5, 30)
    event = AuditEvent.objects.get(action="application.reasons_received")
    assert event.data["delayed_until"] == "2025-05-30"
    # Not overdue after the 20 working days while the delayed date has not passed …
    assert applications_overdue(agency=resumed.agency, as_of=date(2025, 5, 6)) == []
    # … and overdue once it has.
    late = applications_overdue(agency=resumed.agency, as_of=date(2025, 6, 3))
    assert [(c["number"], c["due"]) for c in late] == [("V-1", "2025-05-30")]


def test_delay_only_goes_with_received_reasons(in_review, head):
    with pytest.raises(ValidationFailed, match="第三十五条"):
        transition(
            actor=head,
            application=in_review,
            action=Action.EXTEND,
            on=date(2025, 3, 10),
            delay_until=date(2025, 5, 30),
        )


def test_the_reasons_notice_is_issued_only_while_reasons_are_awaited(
    in_review, reviewer, settings, tmp_path
):
    """第三十五条: the 说明理由告知书 asks for reasons; it cites the article."""
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationFailed, match="待说明理由"):
        letter_issue(
            actor=reviewer, application=in_review, letter_type="reasons", on=date(2025, 3, 5)
        )
    asked = transition(
        actor=reviewer, application=in_review, action=Action.REQUEST_REASONS, on=date(2025, 3, 5)
    )
    letter = letter_issue(
        actor=reviewer, application=asked, letter_type="reasons", on=date(2025, 3, 5)
    )
    text = "\n".join(p.text for p in Document(letter.file.path).paragraphs)
    assert "说明理由告知书" in text
    assert "第三十五条" in text
