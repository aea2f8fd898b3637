"""The applications API through HTTP, as a staff client uses it."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from gongkai.applications.models import Application, FeeNotice
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
BASE = "/api/v1/applications/平罗县教育体育局"

NEW_APPLICATION = {
    "number": "YSQ-2026-001",
    "channel": "in_person",
    "received_on": "2026-02-10",
    "applicant_category": "natural_person",
    "request_content": "2025年秋季学期城区小学学区划分方案",
    "applicant_name": "李四",
    "applicant_id_number": "640221199001011234",
    "applicant_phone": "13900000000",
}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-03-02 10:00 +0800", tick=False):
        yield


def test_register_then_answer_through_the_api(bureau, clerk, reviewer):
    created = client_for(clerk).post(BASE + "/", NEW_APPLICATION, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    # 条例 第三十三条: 20 working days, 春节 2026 and its 调休 Saturdays accounted for.
    assert body["due"] == "2026-03-16"
    assert body["status"] == "registered"
    assert body["allowed_actions"] == ["accept", "withdraw"]
    url = f"{BASE}/YSQ-2026-001/actions"
    accepted = client_for(clerk).post(
        url + "/accept", {"on": "2026-02-11"}, content_type="application/json"
    )
    assert accepted.json()["status"] == "in_review"
    refused = client_for(clerk).post(
        url + "/answer",
        {"on": "2026-02-25", "outcome": "granted"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert "审核" in refused.json()["message"]
    answered = client_for(reviewer).post(
        url + "/answer",
        {"on": "2026-02-25", "outcome": "granted"},
        content_type="application/json",
    )
    assert answered.status_code == 200, answered.content
    assert answered.json()["outcome"] == "granted"
    application = Application.objects.get(number="YSQ-2026-001")
    assert application.answered_on.isoformat() == "2026-02-25"
    assert AuditEvent.objects.filter(action="application.answered", actor=reviewer).count() == 1
    table = client_for(clerk).get(BASE + "/table3", {"year": 2026}).json()
    assert table["rows"]["new"][0] == 1
    assert table["rows"]["granted"] == [1, 0, 0, 0, 0, 0, 1]


def test_personal_data_stays_out_of_the_list_and_the_audit_log(bureau, clerk):
    client_for(clerk).post(BASE + "/", NEW_APPLICATION, content_type="application/json")
    listing = client_for(clerk).get(BASE + "/").content.decode()
    assert "YSQ-2026-001" in listing
    for secret in ("李四", "640221199001011234", "13900000000"):
        assert secret not in listing
        assert not AuditEvent.objects.filter(data__icontains=secret).exists()


def test_stale_version_is_a_conflict(bureau, clerk):
    client_for(clerk).post(BASE + "/", NEW_APPLICATION, content_type="application/json")
    response = client_for(clerk).post(
        f"{BASE}/YSQ-2026-001/actions/accept",
        {"on": "2026-02-11", "expected_version": 99},
        content_type="application/json",
    )
    assert response.status_code == 409


def test_other_bodies_and_anonymous_users_see_nothing(bureau, clerk, other_agency_clerk):
    client_for(clerk).post(BASE + "/", NEW_APPLICATION, content_type="application/json")
    assert client_for(other_agency_clerk).get(BASE + "/").status_code == 404
    assert client_for(other_agency_clerk).get(BASE + "/YSQ-2026-001").status_code == 404
    assert Client().get(BASE + "/").status_code == 401


def test_oversight_office_of_the_county_may_read(bureau, clerk, oversight):
    client_for(clerk).post(BASE + "/", NEW_APPLICATION, content_type="application/json")
    detail = client_for(oversight).get(BASE + "/YSQ-2026-001")
    assert detail.status_code == 200
    assert detail.json()["allowed_actions"] == []


def test_overdue_list(bureau, clerk):
    client_for(clerk).post(BASE + "/", NEW_APPLICATION, content_type="application/json")
    rows = client_for(clerk).get(BASE + "/overdue", {"as_of": "2026-03-17"}).json()
    assert rows == [
        {"number": "YSQ-2026-001", "received": "2026-02-10", "due": "2026-03-16", "answered": None}
    ]
    assert client_for(clerk).get(BASE + "/overdue", {"as_of": "2026-03-16"}).json() == []


def test_invalid_registration_names_the_problem(bureau, clerk):
    bad = {**NEW_APPLICATION, "applicant_category": "个体户"}
    response = client_for(clerk).post(BASE + "/", bad, content_type="application/json")
    assert response.status_code == 400
    assert "申请人类型" in response.json()["message"]
    assert not Application.objects.exists()


def test_online_application_is_received_when_both_sides_confirmed(bureau, clerk):
    """条例 第三十一条第（三）项: 通过互联网渠道提交的，以双方确认之日为收到申请之日."""
    online = {**NEW_APPLICATION, "channel": "online"}
    del online["received_on"]
    online.update({"submitted_on": "2026-02-06", "confirmed_on": "2026-02-09"})
    created = client_for(clerk).post(BASE + "/", online, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["received_on"] == "2026-02-09"


def test_registered_letter_needs_the_day_it_was_signed_for(bureau, clerk):
    """条例 第三十一条第（二）项: 以邮寄方式提交的，以行政机关签收之日为收到申请之日."""
    letter = {**NEW_APPLICATION, "channel": "letter", "submitted_on": "2026-02-06"}
    del letter["received_on"]
    response = client_for(clerk).post(BASE + "/", letter, content_type="application/json")
    assert response.status_code == 400
    assert "签收" in response.json()["message"]
    letter["signed_for_on"] = "2026-02-10"
    letter["received_on"] = "2026-02-06"
    response = client_for(clerk).post(BASE + "/", letter, content_type="application/json")
    assert response.status_code == 400
    assert "应为 2026-02-10" in response.json()["message"]
    del letter["received_on"]
    response = client_for(clerk).post(BASE + "/", letter, content_type="application/json")
    assert response.json()["received_on"] == "2026-02-10"


def test_drill_down_from_a_table3_cell_to_its_cases(bureau, clerk, reviewer, other_agency_clerk):
    """Every figure of 表三 can be traced to the cases behind it (staff only)."""
    client_for(clerk).post(BASE + "/", NEW_APPLICATION, content_type="application/json")
    second = {**NEW_APPLICATION, "number": "YSQ-2026-002", "applicant_category": "commercial"}
    client_for(clerk).post(BASE + "/", second, content_type="application/json")
    url = f"{BASE}/YSQ-2026-001/actions"
    client_for(clerk).post(url + "/accept", {"on": "2026-02-11"}, content_type="application/json")
    client_for(reviewer).post(
        url + "/answer",
        {"on": "2026-02-25", "outcome": "denied_4"},
        content_type="application/json",
    )
    table = client_for(clerk).get(BASE + "/table3", {"year": 2026}).json()["rows"]
    cell = client_for(clerk).get(BASE + "/table3/denied_4/natural_person", {"year": 2026}).json()
    assert [case["number"] for case in cell] == ["YSQ-2026-001"]
    assert len(cell) == table["denied_4"][0] == 1
    new = client_for(clerk).get(BASE + "/table3/new/total", {"year": 2026}).json()
    assert [case["number"] for case in new] == ["YSQ-2026-001", "YSQ-2026-002"]
    assert len(new) == table["new"][6]
    forward = client_for(clerk).get(BASE + "/table3/carried_forward/commercial", {"year": 2026})
    assert [case["number"] for case in forward.json()] == ["YSQ-2026-002"]
    assert "李四" not in forward.content.decode()
    bad = client_for(clerk).get(BASE + "/table3/nonsense/total", {"year": 2026})
    assert bad.status_code == 404
    assert (
        client_for(other_agency_clerk).get(BASE + "/table3/new/total", {"year": 2026}).status_code
        == 404
    )


def test_fee_notice_and_delayed_answer_through_the_api(bureau, clerk, reviewer, head):
    """条例 第四十二条 (fee by pages) and 第三十五条 (a delayed answer date) through the API."""
    client_for(clerk).post(BASE + "/", NEW_APPLICATION, content_type="application/json")
    url = f"{BASE}/YSQ-2026-001/actions"
    client_for(clerk).post(url + "/accept", {"on": "2026-02-11"}, content_type="application/json")
    unreasoned = client_for(head).post(
        url + "/request_fee",
        {"on": "2026-02-12", "fee_method": "per_page", "pages": 2219, "fee_reduction": "460"},
        content_type="application/json",
    )
    assert unreasoned.status_code == 400
    assert "理由" in unreasoned.json()["message"]
    fee = client_for(head).post(
        url + "/request_fee",
        {
            "on": "2026-02-12",
            "fee_method": "per_page",
            "pages": 2219,
            "fee_reduction": "460",
            "fee_reduction_reason": "申请人为低保户",
        },
        content_type="application/json",
    )
    assert fee.status_code == 200, fee.content
    assert fee.json()["status"] == "awaiting_fee"
    assert FeeNotice.objects.get().amount == Decimal(83000)
    client_for(clerk).post(url + "/fee_paid", {"on": "2026-02-13"}, content_type="application/json")
    client_for(reviewer).post(
        url + "/request_reasons", {"on": "2026-02-24"}, content_type="application/json"
    )
    delayed = client_for(head).post(
        url + "/receive_reasons",
        {"on": "2026-02-25", "delay_until": "2026-04-30"},
        content_type="application/json",
    )
    assert delayed.status_code == 200, delayed.content
    assert delayed.json()["due"] == "2026-04-30"
