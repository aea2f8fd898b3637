"""The 主动公开 router: public search, 指南 and 目录; staff figures and review moves."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.testing import TestClient

from gongkai.core.errors import DomainError
from gongkai.publishing.api import router
from gongkai.publishing.catalogue import guide_refresh
from gongkai.publishing.models import Channel
from gongkai.publishing.services import publication_create
from gongkai.publishing.tests.factories import PublicationFactory

pytestmark = pytest.mark.django_db

BUREAU = "平罗县教育体育局"


def _api() -> NinjaAPI:
    """A throwaway API mapping domain errors the way ``gongkai.api`` does."""
    api = NinjaAPI(urls_namespace="pub-test")
    api.add_router("/publishing/", router)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(
            request, {"code": exc.code, "message": exc.message}, status=exc.http_status
        )

    return api


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(_api())


def test_anyone_can_search_published_items(client, bureau):
    PublicationFactory(agency=bureau, title="2025年招生计划", published_on=date(2025, 6, 1))
    response = client.get("/publishing/search?q=招生")
    assert response.status_code == 200
    assert [r["title"] for r in response.json()] == ["2025年招生计划"]
    assert client.get(f"/publishing/search?q=招生&agency={BUREAU}&year=2024").json() == []


def test_the_guide_is_public_once_generated(client, bureau):
    assert client.get(f"/publishing/{BUREAU}/guide").status_code == 404
    guide_refresh(actor=None, agency=bureau)
    body = client.get(f"/publishing/{BUREAU}/guide").json()
    assert body["text"].startswith(f"{BUREAU}政府信息公开指南")


def test_staff_see_counts_and_strangers_see_nothing(client, clerk, other_agency_clerk, bureau):
    PublicationFactory(agency=bureau, published_on=date(2025, 2, 1), channels=[Channel.WEIBO])
    response = client.get(f"/publishing/{BUREAU}/counts?year=2025", user=clerk)
    assert response.status_code == 200
    assert response.json()["text"] == "2025年度共发布信息1条，其中微博1条。"
    stranger = client.get(f"/publishing/{BUREAU}/counts?year=2025", user=other_agency_clerk)
    assert stranger.status_code == 404
    assert client.get(f"/publishing/{BUREAU}/counts?year=2025").status_code == 401


def test_review_moves_through_the_api(client, clerk, reviewer, bureau):
    item = publication_create(actor=clerk, agency=bureau, title="通知", formed_on=date(2026, 6, 1))
    path = f"/publishing/{BUREAU}/publications/{item.pk}/transition"
    assert client.post(path, json={"action": "submit"}, user=clerk).json()["status"] == "in_review"
    skipped = client.post(path, json={"action": "approve"}, user=reviewer)
    assert skipped.status_code == 403
    assert skipped.json()["code"] == "forbidden"


def test_every_operation_has_an_id_summary_and_the_tag():
    schema = _api().get_openapi_schema(path_prefix="/api/")
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert {op["operationId"] for op in operations} == {
        "publishing_search",
        "publishing_guide",
        "publishing_catalogue",
        "publishing_counts",
        "publishing_table2",
        "publishing_overdue",
        "publishing_transition",
    }
    assert all(op["summary"] and op["tags"] == ["主动公开"] for op in operations)
