"""The database keeps concerns and proposals consistent even when services are bypassed."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from gongkai.inquiries.models import Channel, InquiryResult, ProposalResult
from gongkai.inquiries.tests.factories import InquiryFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_reply_before_receipt_is_refused_by_the_database(bureau):
    with transaction.atomic(), pytest.raises(IntegrityError):
        InquiryFactory(
            agency=bureau,
            received_on=date(2023, 3, 6),
            result=InquiryResult.ANSWERED,
            replied_on=date(2023, 3, 5),
        )


@pytest.mark.parametrize(
    ("result", "replied_on"),
    [(InquiryResult.ANSWERED, None), ("", date(2023, 3, 7)), ("lost", date(2023, 3, 7))],
)
def test_result_is_set_exactly_when_replied_on_is(bureau, result, replied_on):
    with transaction.atomic(), pytest.raises(IntegrityError):
        InquiryFactory(agency=bureau, result=result, replied_on=replied_on)


def test_work_order_number_is_unique_per_agency_and_channel(bureau, other_bureau):
    InquiryFactory(agency=bureau, channel=Channel.HOTLINE, external_number="NX1")
    InquiryFactory(agency=bureau, channel=Channel.MAILBOX, external_number="NX1")
    InquiryFactory(agency=other_bureau, channel=Channel.HOTLINE, external_number="NX1")
    InquiryFactory(agency=bureau, external_number="")
    InquiryFactory(agency=bureau, external_number="")
    with transaction.atomic(), pytest.raises(IntegrityError):
        InquiryFactory(agency=bureau, channel=Channel.HOTLINE, external_number="NX1")


def test_str_never_shows_personal_data(bureau):
    inquiry = InquiryFactory(
        agency=bureau,
        external_number="NX20230306001",
        subject="学校食堂收费",
        requester_name="王小明",
        requester_phone="13912345678",
    )
    assert str(inquiry) == "12345 NX20230306001 学校食堂收费"
    assert "王小明" not in str(inquiry)
    assert "13912345678" not in str(inquiry)


def test_proposal_str_and_result_constraint(bureau):
    proposal = ProposalFactory(agency=bureau, source_body="县政协", number="12", title="关于校车")
    assert str(proposal) == "县政协第12号 关于校车"
    with transaction.atomic(), pytest.raises(IntegrityError):
        ProposalFactory(agency=bureau, result=ProposalResult.ADOPTED, handled_on=None)


def test_proposal_published_url_needs_the_published_flag(bureau):
    with transaction.atomic(), pytest.raises(IntegrityError):
        ProposalFactory(
            agency=bureau,
            result=ProposalResult.ADOPTED,
            handled_on=date(2023, 6, 1),
            reply_published=False,
            published_url="https://www.pingluo.gov.cn/x.html",
        )
