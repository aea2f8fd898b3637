from __future__ import annotations

from datetime import date

import factory

from gongkai.agencies.tests.factories import DepartmentFactory
from gongkai.appeals.models import AppealCase, BodyRole, CaseKind, Procedure


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
