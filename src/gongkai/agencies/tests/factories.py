from __future__ import annotations

import factory

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel


class GovernmentFactory(factory.django.DjangoModelFactory[Agency]):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"第{n}县人民政府")
    kind = AgencyKind.GOVERNMENT
    level = AgencyLevel.COUNTY


class DepartmentFactory(factory.django.DjangoModelFactory[Agency]):
    class Meta:
        model = Agency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"第{n}局")
    kind = AgencyKind.DEPARTMENT
    level = factory.LazyAttribute(lambda o: o.parent.level if o.parent else AgencyLevel.COUNTY)
    parent = factory.SubFactory(GovernmentFactory)
