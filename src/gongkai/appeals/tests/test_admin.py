"""The admin in Chinese: saving computes the answer deadline and is audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from gongkai.appeals.models import AppealCase, ResultMapping
from gongkai.appeals.tests.factories import ReviewFactory
from gongkai.audit.models import AuditEvent


@pytest.fixture
def admin_client_zh(db) -> Client:
    user = get_user_model().objects.create_superuser("root", "root@example.gov.cn", "pw-123456")
    client = Client()
    client.force_login(user)
    return client


def _form(bureau, **extra):
    data = {
        "agency": bureau.pk,
        "kind": "review",
        "role": "respondent",
        "procedure": "ordinary",
        "case_number": "平政复〔2024〕30号",
        "filed_on": "2024-09-20",
        "copy_received_on": "2024-09-27",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


def test_case_added_in_admin_gets_its_deadline_and_is_audited(admin_client_zh, bureau):
    response = admin_client_zh.post("/admin/appeals/appealcase/add/", _form(bureau))
    assert response.status_code == 302, response.content.decode()[:3000]
    case = AppealCase.objects.get(case_number="平政复〔2024〕30号")
    assert case.answer_due == date(2024, 10, 16)  # 10 working days across 国庆节
    event = AuditEvent.objects.get(action="appeal.created", target_id=str(case.pk))
    assert event.data["via"] == "admin"


def test_admin_refuses_a_result_without_decision_date(admin_client_zh, bureau):
    response = admin_client_zh.post(
        "/admin/appeals/appealcase/add/", _form(bureau, result="upheld")
    )
    assert response.status_code == 200
    assert not AppealCase.objects.exists()


def test_list_and_change_pages_are_in_chinese(admin_client_zh, bureau):
    case = ReviewFactory(agency=bureau, case_number="平政复〔2024〕31号")
    html = admin_client_zh.get("/admin/appeals/appealcase/").content.decode()
    assert "复议诉讼案件" in html
    assert "平政复〔2024〕31号" in html
    html = admin_client_zh.get(f"/admin/appeals/appealcase/{case.pk}/change/").content.decode()
    assert "收到副本日期" in html
    assert "案件文书" in html


def test_result_mapping_edit_is_audited(admin_client_zh):
    response = admin_client_zh.post(
        "/admin/appeals/resultmapping/add/",
        {"result": "rejected", "column": "other", "basis": "某省统计口径"},
    )
    assert response.status_code == 302
    assert ResultMapping.objects.get().column == "other"
    assert AuditEvent.objects.filter(action="appeal.result_mapping.created").exists()
