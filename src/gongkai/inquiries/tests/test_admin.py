"""The admin in Chinese: lists without personal data, saves audited, reply_due computed."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from gongkai.audit.models import AuditEvent
from gongkai.inquiries.models import Inquiry, ProposalResult
from gongkai.inquiries.tests.factories import InquiryFactory, ProposalFactory


@pytest.fixture
def admin_client_zh(db) -> Client:
    user = get_user_model().objects.create_superuser("root", "root@example.gov.cn", "pw-123456")
    client = Client()
    client.force_login(user)
    return client


def test_inquiry_list_shows_no_personal_data(admin_client_zh, bureau):
    InquiryFactory(
        agency=bureau, subject="校车接送", requester_name="王小明", requester_phone="13912345678"
    )
    html = admin_client_zh.get("/admin/inquiries/inquiry/").content.decode()
    assert "校车接送" in html
    assert "工单编号" in html
    assert "王小明" not in html
    assert "13912345678" not in html


def test_inquiry_added_in_admin_gets_its_due_date_and_is_audited(admin_client_zh, bureau):
    response = admin_client_zh.post(
        "/admin/inquiries/inquiry/add/",
        {
            "agency": bureau.pk,
            "channel": "hotline",
            "kind": "complaint",
            "external_number": "NX9",
            "received_on": "2023-04-25",
            "subject": "校车超载",
            "requester_name": "王小明",
            "reply_period_days": "6",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    inquiry = Inquiry.objects.get(external_number="NX9")
    assert inquiry.reply_due == date(2023, 5, 6)  # across 劳动节, to its working Saturday
    event = AuditEvent.objects.get(action="inquiry.created", target_id=str(inquiry.pk))
    assert event.data["via"] == "admin"
    assert "王小明" not in str(event.data)


def test_proposal_change_page_renders(admin_client_zh, bureau):
    proposal = ProposalFactory(
        agency=bureau,
        result=ProposalResult.ADOPTED,
        handled_on=date(2023, 6, 1),
        reply_published=True,
        published_url="https://www.pingluo.gov.cn/a.html",
    )
    page = admin_client_zh.get(f"/admin/inquiries/proposal/{proposal.pk}/change/")
    assert page.status_code == 200
    assert "交办单位" in page.content.decode()
