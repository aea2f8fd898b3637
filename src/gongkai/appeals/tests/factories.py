from __future__ import annotations

from datetime import date

import factory

from gongkai.agencies.tests.factories import DepartmentFactory
from gongkai.appeals.models import AppealCase, BodyRole, CaseKind, Procedure
from gongkai.workdays.models import DeadlineKind
from gongkai.workdays.services import deadline_create


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An open 政府信息公开 application to link a case to.

    Named by label: ``appeals`` does not import the ``applications`` app (sibling apps are
    independent, import-linter in pyproject.toml), so its factories are not reused here.
    """

    class Meta:
        model = "applications.Application"

    agency = factory.SubFactory(DepartmentFactory)
    number = factory.Sequence(lambda n: f"YSQ-2024-{n:04d}")
    channel = "in_person"
    applicant_category = "natural_person"
    received_on = date(2024, 8, 1)
    request_content = "2023年度县城中小学食堂食品安全检查记录"
    status = "in_review"
    reply_deadline = factory.LazyAttribute(
        lambda o: deadline_create(kind=DeadlineKind.REPLY, start=o.received_on)
    )


class ReviewFactory(factory.django.DjangoModelFactory[AppealCase]):
    """A 复议 case against the body (被申请人), pending; ``answer_due`` is not computed."""

    class Meta:
        model = AppealCase

    agency = factory.SubFactory(DepartmentFactory)
    kind = CaseKind.REVIEW
    role = BodyRole.RESPONDENT
    procedure = Procedure.ORDINARY
    case_number = factory.Sequence(lambda n: f"平政复〔2024〕{n + 1}号")
    filed_on = date(2024, 3, 4)


class LawsuitFactory(factory.django.DjangoModelFactory[AppealCase]):
    """A lawsuit against the body (被告), brought directly, pending."""

    class Meta:
        model = AppealCase

    agency = factory.SubFactory(DepartmentFactory)
    kind = CaseKind.LITIGATION
    route = "direct"
    role = BodyRole.DEFENDANT
    case_number = factory.Sequence(lambda n: f"（2024）宁0221行初{n + 1}号")
    filed_on = date(2024, 3, 4)
