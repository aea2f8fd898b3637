"""The 公众关切 router: staff see figures and lists without personal data; others see nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.testing import TestClient

from gongkai.core.errors import DomainError
from gongkai.inquiries.api import router
from gongkai.inquiries.models import InquiryResult, ProposalResult
from gongkai.inquiries.tests.factories import InquiryFactory, ProposalFactory

pytestmark = pytest.mark.django_db

BUREAU = "平罗县教育体育局"


def _api() -> NinjaAPI:
    """A throwaway API mapping domain errors the way ``gongkai.api`` does."""
    api = NinjaAPI(urls_namespace="inq-test")
    api.add_router("/inquiries/", router)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(
            request, {"code": exc.code, "message": exc.message}, status=exc.http_status
        )

    return api


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(_api())


def test_counts_for_staff(client, clerk, bureau):
    InquiryFactory.create_batch(
        2, agency=bureau, result=InquiryResult.RETURNED, replied_on=date(2023, 3, 7)
    )
    InquiryFactory(agency=bureau)
    response = client.get(f"/inquiries/{BUREAU}/counts?year=2023", user=clerk)
    assert response.status_code == 200
    body = response.json()
    assert (body["agency"], body["year"], body["total"]) == (BUREAU, 2023, 3)
    assert body["by_result"]["returned"] == 2
    assert body["by_result"]["open"] == 1


def test_proposal_counts_for_the_oversight_office_of_the_county(client, oversight, bureau):
    ProposalFactory.create_batch(
        3,
        agency=bureau,
        result=ProposalResult.REFERENCE,
        handled_on=date(2023, 5, 1),
        reply_published=True,
    )
    body = client.get(f"/inquiries/{BUREAU}/proposals/counts?year=2023", user=oversight).json()
    assert (body["total"], body["handled"], body["reply_published"]) == (3, 3, 3)
    assert body["by_source"] == {"县政协": 3}


def test_list_has_no_personal_data(client, clerk, bureau):
    InquiryFactory(
        agency=bureau,
        external_number="NX1",
        requester_name="王小明",
        requester_phone="13912345678",
        content="住址：某村某号",
    )
    response = client.get(f"/inquiries/{BUREAU}/list?year=2023", user=clerk)
    assert response.status_code == 200
    (row,) = response.json()
    assert row["external_number"] == "NX1"
    assert row["result"] is None
    text = response.content.decode()
    for private in ("王小明", "13912345678", "住址", "requester", "content"):
        assert private not in text


def test_overdue_as_of_a_day(client, clerk, bureau):
    InquiryFactory(agency=bureau, external_number="LATE", reply_due=date(2023, 3, 20))
    InquiryFactory(agency=bureau, external_number="FINE", reply_due=date(2023, 4, 20))
    rows = client.get(f"/inquiries/{BUREAU}/overdue?as_of=2023-04-01", user=clerk).json()
    assert [row["external_number"] for row in rows] == ["LATE"]


@pytest.mark.parametrize(
    "path", ["counts?year=2023", "list", "overdue", "proposals/counts?year=2023"]
)
def test_strangers_get_not_found_and_anonymous_users_401(client, other_agency_clerk, bureau, path):
    response = client.get(f"/inquiries/{BUREAU}/{path}", user=other_agency_clerk)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert client.get(f"/inquiries/{BUREAU}/{path}").status_code == 401


def test_every_operation_has_an_id_summary_and_the_tag():
    schema = _api().get_openapi_schema(path_prefix="/api/")
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert {op["operationId"] for op in operations} == {
        "inquiries_counts",
        "inquiries_proposal_counts",
        "inquiries_list",
        "inquiries_overdue",
    }
    assert all(op["summary"] and op["tags"] == ["公众关切"] for op in operations)
    assert all(op.get("security") for op in operations)
