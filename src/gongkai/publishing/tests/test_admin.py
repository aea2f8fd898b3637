"""The admin in Chinese: every 主动公开 list renders; publications are read-only there."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client

from gongkai.core.errors import IllegalTransition
from gongkai.publishing.models import Attachment, DisclosureMode
from gongkai.publishing.selectors import withheld_due_for_review
from gongkai.publishing.services import publication_attach, publication_create
from gongkai.publishing.tests.factories import NormativeDocumentFactory, PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_zh(db) -> Client:
    user = get_user_model().objects.create_superuser("root", "root@example.gov.cn", "pw-123456")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("publication", "主动公开信息"),
        ("publishingsettings", "主动公开设置"),
        ("reviewstep", "审查步骤"),
        ("cataloguenode", "公开目录"),
        ("normativedocument", "规章和行政规范性文件"),
        ("yearlyfigure", "年度数据"),
        ("guideversion", "政府信息公开指南"),
    ],
)
def test_every_list_renders_in_chinese(admin_client_zh, bureau, path, label):
    PublicationFactory(agency=bureau, title="招生计划")
    NormativeDocumentFactory(agency=bureau)
    response = admin_client_zh.get(f"/admin/publishing/{path}/")
    assert response.status_code == 200
    assert label in response.content.decode()


def test_publications_cannot_be_added_in_the_admin(admin_client_zh, bureau):
    assert admin_client_zh.get("/admin/publishing/publication/add/").status_code == 403
    item = PublicationFactory(agency=bureau, title="招生计划")
    page = admin_client_zh.get(f"/admin/publishing/publication/{item.pk}/change/")
    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()


def test_attachments_go_on_drafts_only(clerk, bureau, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft = publication_create(actor=clerk, agency=bureau, title="通知", formed_on=date(2026, 6, 1))
    attachment = publication_attach(
        actor=clerk, publication=draft, file=ContentFile(b"%PDF-1.4", name="plan.pdf")
    )
    assert attachment.name == "plan.pdf"
    stored = Attachment.objects.get().file
    with stored.open("rb") as handle:
        assert handle.read() == b"%PDF-1.4"
    published = PublicationFactory(agency=bureau)
    with pytest.raises(IllegalTransition):
        publication_attach(actor=clerk, publication=published, file=ContentFile(b"x", name="a"))


def test_withheld_items_come_back_for_periodic_review(clerk, bureau):
    """条例 第十八条: withheld information is reviewed periodically."""
    item = publication_create(
        actor=clerk,
        agency=bureau,
        title="学校安保部署方案",
        formed_on=date(2026, 1, 5),
        disclosure_mode=DisclosureMode.WITHHELD,
        withheld_reason="公开后可能危及公共安全（条例第十四条）",
        review_due=date(2026, 7, 1),
    )
    assert list(withheld_due_for_review(agency=bureau, as_of=date(2026, 6, 30))) == []
    assert list(withheld_due_for_review(agency=bureau, as_of=date(2026, 7, 1))) == [item]
