"""The 复议与诉讼 router: staff and 公开办 see 表四 and cases; anyone else sees nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.testing import TestClient

from gongkai.appeals.api import router
from gongkai.appeals.models import AppealCase, BodyRole
from gongkai.appeals.tests.factories import ApplicationFactory, LawsuitFactory, ReviewFactory
from gongkai.audit.models import AuditEvent
from gongkai.core.errors import DomainError

pytestmark = pytest.mark.django_db

BUREAU = "平罗县教育体育局"


def _api() -> NinjaAPI:
    """A throwaway API mapping domain errors the way ``gongkai.api`` does."""
    api = NinjaAPI(urls_namespace="appeals-test")
    api.add_router("/appeals/", router)

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(
            request, {"code": exc.code, "message": exc.message}, status=exc.http_status
        )

    return api


@pytest.fixture(scope="module")
def api() -> NinjaAPI:
    return _api()


@pytest.fixture(scope="module")
def client(api: NinjaAPI) -> TestClient:
    return TestClient(api)


def test_table4_for_staff(client, clerk, bureau, county):
    ReviewFactory(agency=bureau, result="upheld", decided_on=date(2024, 5, 6))
    ReviewFactory(agency=bureau)
    LawsuitFactory(
        agency=county,
        route="after_review",
        role=BodyRole.REVIEW_BODY_CO_DEFENDANT,
    )
    response = client.get(f"/appeals/{BUREAU}/table4?year=2024", user=clerk)
    assert response.status_code == 200
    body = response.json()
    assert (body["agency"], body["year"], body["counting"]) == (BUREAU, 2024, "decided_or_pending")
    assert body["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}
    assert body["litigation_after_review"]["total"] == 0


def test_table4_for_the_oversight_office_of_the_county(client, oversight, bureau):
    LawsuitFactory(agency=bureau, result="revoked", decided_on=date(2024, 8, 1))
    body = client.get(f"/appeals/{BUREAU}/table4?year=2024", user=oversight).json()
    assert body["litigation_direct"]["corrected"] == 1


def test_other_bodies_and_anonymous_users_see_nothing(client, other_agency_clerk, bureau):
    ReviewFactory(agency=bureau)
    response = client.get(f"/appeals/{BUREAU}/table4?year=2024", user=other_agency_clerk)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert client.get(f"/appeals/{BUREAU}/list").status_code == 401


def test_list_and_open_only(client, clerk, bureau):
    ReviewFactory(agency=bureau, case_number="平政复〔2024〕1号")
    LawsuitFactory(
        agency=bureau,
        case_number="（2024）宁0221行初7号",
        result="withdrawn",
        decided_on=date(2024, 6, 1),
    )
    rows = client.get(f"/appeals/{BUREAU}/list?year=2024", user=clerk).json()
    assert {r["case_number"] for r in rows} == {"平政复〔2024〕1号", "（2024）宁0221行初7号"}
    decided = next(r for r in rows if r["result"])
    assert (decided["result_label"], decided["table4_column"]) == ("撤回", "other")
    rows = client.get(f"/appeals/{BUREAU}/list?open_only=true", user=clerk).json()
    assert [r["case_number"] for r in rows] == ["平政复〔2024〕1号"]


def test_due_lists_overdue_then_due_soon(client, clerk, bureau):
    ReviewFactory(agency=bureau, case_number="A", answer_due=date(2024, 10, 9))
    ReviewFactory(agency=bureau, case_number="B", answer_due=date(2024, 9, 27))
    ReviewFactory(agency=bureau, case_number="C", answer_due=date(2024, 11, 1))
    rows = client.get(f"/appeals/{BUREAU}/due?as_of=2024-09-30", user=clerk).json()
    assert [(r["case_number"], str(r["answer_due"])) for r in rows] == [
        ("B", "2024-09-27"),
        ("A", "2024-10-09"),
    ]


def test_every_operation_has_an_id_a_summary_and_the_tag(api):
    schema = api.get_openapi_schema(path_prefix="")
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert {op["operationId"] for op in operations} == {
        "appeals_table4",
        "appeals_table4_cell",
        "appeals_list",
        "appeals_due",
        "appeals_register",
        "appeals_copy_received",
        "appeals_answered",
        "appeals_decide",
    }
    assert all(op["summary"] and op["tags"] == ["复议与诉讼"] for op in operations)


def test_register_then_copy_received_answered_and_decided(client, clerk, head, bureau):
    application = ApplicationFactory(agency=bureau, number="YSQ-2024-0042")
    response = client.post(
        f"/appeals/{BUREAU}/",
        json={
            "kind": "litigation",
            "route": "direct",
            "role": "defendant",
            "filed_on": "2024-09-10",
            "case_number": "（2024）宁0221行初12号",
            "application_numbers": ["YSQ-2024-0042"],
        },
        user=clerk,
    )
    assert response.status_code == 201, response.json()
    case_id = response.json()["id"]
    assert list(AppealCase.objects.get(pk=case_id).applications.all()) == [application]
    body = client.post(
        f"/appeals/{BUREAU}/{case_id}/copy-received",
        json={"copy_received_on": "2024-09-16"},
        user=clerk,
    ).json()
    assert body["answer_due"] == "2024-10-08"  # 15 days → 10月1日 (国庆) → 10月8日
    body = client.post(
        f"/appeals/{BUREAU}/{case_id}/answered", json={"answered_on": "2024-09-30"}, user=clerk
    ).json()
    assert body["answered_on"] == "2024-09-30"
    body = client.post(
        f"/appeals/{BUREAU}/{case_id}/decide",
        json={"result": "rejected", "decided_on": "2024-12-20", "deciding_body": "平罗县人民法院"},
        user=head,
    ).json()
    assert (body["result_label"], body["table4_column"]) == ("驳回复议请求/驳回诉讼请求", "upheld")
    actions = list(
        AuditEvent.objects.filter(target_id=str(case_id))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "appeal.registered",
        "appeal.copy_received",
        "appeal.answered",
        "appeal.decided",
    ]


def test_register_errors_are_mapped(client, clerk, oversight, bureau):
    payload = {"kind": "review", "role": "defendant", "filed_on": "2024-09-10"}
    response = client.post(f"/appeals/{BUREAU}/", json=payload, user=clerk)
    assert (response.status_code, response.json()["code"]) == (400, "invalid_role")
    payload = {"kind": "review", "role": "respondent", "filed_on": "2024-09-10"}
    response = client.post(
        f"/appeals/{BUREAU}/", json={**payload, "application_numbers": ["NOPE"]}, user=clerk
    )
    assert (response.status_code, response.json()["code"]) == (400, "unknown_application")
    response = client.post(f"/appeals/{BUREAU}/", json=payload, user=oversight)
    assert response.status_code == 403
    assert not AppealCase.objects.exists()


def test_case_of_another_body_is_not_found(client, clerk, other_bureau):
    case = ReviewFactory(agency=other_bureau)
    response = client.post(
        f"/appeals/{BUREAU}/{case.pk}/decide",
        json={"result": "upheld", "decided_on": "2024-05-06"},
        user=clerk,
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.decided_on is None


def test_deciding_twice_is_a_conflict(client, head, bureau):
    case = ReviewFactory(agency=bureau, result="upheld", decided_on=date(2024, 5, 6))
    response = client.post(
        f"/appeals/{BUREAU}/{case.pk}/decide",
        json={"result": "revoked", "decided_on": "2024-06-01"},
        user=head,
    )
    assert (response.status_code, response.json()["code"]) == (409, "already_decided")


def test_drill_down_from_a_table4_cell_to_its_cases(
    client, clerk, other_agency_clerk, bureau, county
):
    """Every figure of 表四 can be traced to the cases behind it; co-defendant cases are not."""
    upheld = ReviewFactory(agency=bureau, result="upheld", decided_on=date(2024, 5, 6))
    pending = ReviewFactory(agency=bureau)
    LawsuitFactory(agency=county, route="after_review", role=BodyRole.REVIEW_BODY_CO_DEFENDANT)
    table = client.get(f"/appeals/{BUREAU}/table4?year=2024", user=clerk).json()
    cell = client.get(f"/appeals/{BUREAU}/table4/review/upheld?year=2024", user=clerk).json()
    assert [case["id"] for case in cell] == [upheld.pk]
    assert len(cell) == table["review"]["upheld"]
    total = client.get(f"/appeals/{BUREAU}/table4/review/total?year=2024", user=clerk).json()
    assert {case["id"] for case in total} == {upheld.pk, pending.pk}
    assert len(total) == table["review"]["total"]
    bad = client.get(f"/appeals/{BUREAU}/table4/nonsense/total?year=2024", user=clerk)
    assert bad.status_code == 404
    hidden = client.get(f"/appeals/{BUREAU}/table4/review/total?year=2024", user=other_agency_clerk)
    assert hidden.status_code == 404
