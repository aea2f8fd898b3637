"""Personas shared by every app's tests: one county, one bureau, and the people who work there."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel, Role
from gongkai.agencies.services import membership_grant


def _user(username: str, agency: Agency | None = None, role: str | None = None) -> Any:
    user = get_user_model().objects.create_user(username=username, password="x-" + username)
    if agency is not None and role is not None:
        membership_grant(actor=None, user=user, agency=agency, role=role)
    return user


@pytest.fixture
def county(db: None) -> Agency:
    return Agency.objects.create(
        name="平罗县人民政府", kind=AgencyKind.GOVERNMENT, level=AgencyLevel.COUNTY
    )


@pytest.fixture
def bureau(county: Agency) -> Agency:
    return Agency.objects.create(
        name="平罗县教育体育局",
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.COUNTY,
        parent=county,
    )


@pytest.fixture
def other_bureau(county: Agency) -> Agency:
    return Agency.objects.create(
        name="平罗县自然资源局",
        kind=AgencyKind.DEPARTMENT,
        level=AgencyLevel.COUNTY,
        parent=county,
    )


@pytest.fixture
def clerk(bureau: Agency) -> Any:
    """经办人 of the bureau."""
    return _user("clerk", bureau, Role.CLERK)


@pytest.fixture
def reviewer(bureau: Agency) -> Any:
    """审核人 of the bureau."""
    return _user("reviewer", bureau, Role.REVIEWER)


@pytest.fixture
def head(bureau: Agency) -> Any:
    """负责人 of the bureau (approves extensions, fees and refusals)."""
    return _user("head", bureau, Role.HEAD)


@pytest.fixture
def other_agency_clerk(other_bureau: Agency) -> Any:
    return _user("other_clerk", other_bureau, Role.CLERK)


@pytest.fixture
def oversight(county: Agency) -> Any:
    """公开办 of the county government."""
    return _user("oversight", county, Role.OVERSIGHT)
