"""Possible 重复申请 are pointed out to the officer (条例 第三十六条第（六）项)."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.applications.selectors import repeat_candidates
from gongkai.applications.states import Status
from gongkai.applications.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

ASKED = "2024年度县城中小学食堂食品安全检查记录"


def answered(bureau, **kwargs):
    return ApplicationFactory(
        agency=bureau,
        concluded=True,
        received_on=date(2025, 3, 3),
        request_content=ASKED,
        **kwargs,
    )


def test_same_applicant_asking_the_same_again_is_pointed_out(bureau):
    """第三十六条第（六）项: 已作出答复、申请人重复申请公开相同政府信息."""
    first = answered(bureau)
    again = ApplicationFactory(
        agency=bureau,
        received_on=date(2025, 6, 2),
        request_content="2024年度 县城中小学食堂食品安全检查记录。",
    )
    assert repeat_candidates(again) == [first]


def test_other_applicant_or_other_request_is_not_a_repeat(bureau):
    answered(bureau)
    other_person = ApplicationFactory(
        agency=bureau,
        received_on=date(2025, 6, 2),
        applicant_id_number="640221198805054321",
        request_content=ASKED,
    )
    other_request = ApplicationFactory(
        agency=bureau, received_on=date(2025, 6, 2), request_content="2025年义务教育招生学区划分"
    )
    assert repeat_candidates(other_person) == []
    assert repeat_candidates(other_request) == []


def test_a_withdrawn_or_open_earlier_request_is_not_a_repeat(bureau):
    """Only a request that was answered can be repeated (第三十六条第（六）项)."""
    ApplicationFactory(
        agency=bureau,
        status=Status.WITHDRAWN,
        outcome="other_3",
        answered_on=date(2025, 3, 5),
        request_content=ASKED,
    )
    ApplicationFactory(agency=bureau, received_on=date(2025, 3, 4), request_content=ASKED)
    later = ApplicationFactory(agency=bureau, received_on=date(2025, 6, 2), request_content=ASKED)
    assert repeat_candidates(later) == []


def test_without_an_identity_nothing_is_guessed(bureau):
    answered(bureau, applicant_id_number="", applicant_phone="")
    later = ApplicationFactory(
        agency=bureau,
        received_on=date(2025, 6, 2),
        applicant_id_number="",
        applicant_phone="",
        request_content=ASKED,
    )
    assert repeat_candidates(later) == []
