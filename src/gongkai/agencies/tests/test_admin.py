from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from gongkai.agencies.models import Agency
from gongkai.audit.models import AuditEvent


@pytest.fixture
def admin_client_zh(db) -> Client:
    user = get_user_model().objects.create_superuser("root", "root@example.gov.cn", "pw-123456")
    client = Client()
    client.force_login(user)
    return client


def test_agency_change_page_shows_review_body_in_chinese(admin_client_zh, bureau):
    page = admin_client_zh.get(f"/admin/agencies/agency/{bureau.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "行政复议机关" in html
    assert "平罗县人民政府（行政复议法第二十四条第一款第一项）" in html


def test_agency_saved_in_admin_is_audited(admin_client_zh, county):
    response = admin_client_zh.post(
        "/admin/agencies/agency/add/",
        {
            "name": "平罗县自然资源局",
            "kind": "department",
            "level": "county",
            "parent": county.pk,
            "website": "www.pingluo.gov.cn",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    agency = Agency.objects.get(name="平罗县自然资源局")
    assert agency.website == "https://www.pingluo.gov.cn"
    event = AuditEvent.objects.get(action="agency.created", target_id=str(agency.pk))
    assert event.data["via"] == "admin"
