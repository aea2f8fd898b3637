from __future__ import annotations

from datetime import date

import factory

from gongkai.agencies.tests.factories import DepartmentFactory
from gongkai.inquiries.models import (
    DEFAULT_REPLY_WORKING_DAYS,
    Channel,
    Inquiry,
    InquiryKind,
    Proposal,
    ProposalKind,
)


class InquiryFactory(factory.django.DjangoModelFactory[Inquiry]):
    """A concern received; ``reply_due`` is given, not computed (use the service for that)."""

    class Meta:
        model = Inquiry

    agency = factory.SubFactory(DepartmentFactory)
    channel = Channel.HOTLINE
    kind = InquiryKind.COMPLAINT
    external_number = factory.Sequence(lambda n: f"NX2023{n:06d}")
    received_on = date(2023, 3, 6)
    subject = factory.Sequence(lambda n: f"诉求{n}")
    requester_name = "张三"
    requester_phone = "13900000000"
    reply_period_days = DEFAULT_REPLY_WORKING_DAYS
    reply_due = factory.LazyAttribute(lambda o: o.received_on)


class ProposalFactory(factory.django.DjangoModelFactory[Proposal]):
    class Meta:
        model = Proposal

    agency = factory.SubFactory(DepartmentFactory)
    kind = ProposalKind.CPPCC_PROPOSAL
    source_body = "县政协"
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"关于改善学校办学条件的提案{n}")
    received_on = date(2023, 3, 20)
