"""factory_boy factories for applications: build only what a test needs.

Workflow tests use the services (``application_register``, ``transition``); these factories
set up the records around them (a year's caseload for 表三, an overdue case …).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from factory.django import DjangoModelFactory

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel
from gongkai.applications.models import Application, Consultation, ConsultedParty
from gongkai.applications.outcomes import ApplicantCategory, Channel
from gongkai.applications.states import Status
from gongkai.workdays.models import DeadlineKind
from gongkai.workdays.services import deadline_create


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试县第{n}局")
    kind = AgencyKind.DEPARTMENT
    level = AgencyLevel.COUNTY


def _reply_deadline(application: Any) -> Any:
    return deadline_create(kind=DeadlineKind.REPLY, start=application.received_on)


class ApplicationFactory(DjangoModelFactory):
    """An open application in review; ``concluded=True`` with ``outcome`` and ``answered_on``
    gives a concluded one (status 已答复)."""

    class Meta:
        model = Application

    class Params:
        concluded = factory.Trait(
            status=Status.ANSWERED,
            outcome="granted",
            answered_on=factory.LazyAttribute(lambda o: o.received_on),
        )

    agency = factory.SubFactory(AgencyFactory)
    number = factory.Sequence(lambda n: f"YSQ-2025-{n:04d}")
    channel = Channel.IN_PERSON
    applicant_category = ApplicantCategory.NATURAL_PERSON
    received_on = date(2025, 3, 3)
    applicant_name = "张三"
    applicant_id_number = "640221199001011234"
    applicant_phone = "13800000000"
    request_content = "2024年度县城中小学食堂食品安全检查记录"
    status = Status.IN_REVIEW
    reply_deadline = factory.LazyAttribute(_reply_deadline)


class ConsultationFactory(DjangoModelFactory):
    class Meta:
        model = Consultation

    application = factory.SubFactory(ApplicationFactory)
    party_kind = ConsultedParty.THIRD_PARTY
    sent_on = factory.LazyAttribute(lambda o: o.application.received_on)
