"""The 目录 (standard catalogue loaded and adapted) and the versioned 指南 (条例 第十二条)."""

from __future__ import annotations

import pytest
import time_machine
import yaml
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEvent
from gongkai.core.errors import ValidationFailed
from gongkai.publishing.catalogue import (
    CATALOGUES,
    catalogue_load,
    catalogue_read,
    catalogue_tree,
    guide_current,
    guide_refresh,
    guide_text,
)
from gongkai.publishing.models import CatalogueNode, GuideVersion

pytestmark = pytest.mark.django_db

EDUCATION = CATALOGUES / "compulsory-education.yaml"
TEN_ITEMS = [
    "政策文件",
    "教育概况",
    "民办学校信息",
    "财务信息",
    "招生管理",
    "学生管理",
    "教师管理",
    "重要政策执行情况",
    "教育督导公开",
    "校园安全",
]


def test_the_shipped_education_catalogue_has_the_ten_national_items(clerk, bureau):
    result = catalogue_load(actor=clerk, agency=bureau, data=catalogue_read(EDUCATION))
    tree = catalogue_tree(bureau)
    assert [n["name"] for n in tree] == TEN_ITEMS
    assert all(n["national"] for n in tree)
    enrolment = next(n for n in tree if n["name"] == "招生管理")
    assert [c["name"] for c in enrolment["children"]] == [
        "招生政策",
        "招生计划",
        "招生范围",
        "学校介绍",
    ]
    assert not any(c["national"] for c in enrolment["children"])  # [C] local seed rows
    district = enrolment["children"][2]
    assert (district["content"], district["mode"], district["tier"]) == ("学区划分", "主动", "县级")
    assert result.created == CatalogueNode.objects.filter(agency=bureau).count()
    assert result.updated == 0
    event = AuditEvent.objects.get(action="publishing.catalogue_loaded")
    assert event.data["created"] == result.created


def test_reloading_updates_the_standard_rows_and_keeps_the_bodys_own(clerk, bureau):
    catalogue_load(actor=clerk, agency=bureau, data=catalogue_read(EDUCATION))
    policy = CatalogueNode.objects.get(agency=bureau, name="政策文件")
    CatalogueNode.objects.create(agency=bureau, parent=policy, name="县级配套文件", order=9)
    CatalogueNode.objects.filter(name="招生计划").update(time_limit="5个工作日内")
    before = CatalogueNode.objects.count()

    result = catalogue_load(actor=clerk, agency=bureau, data=catalogue_read(EDUCATION))
    assert result.created == 0
    assert CatalogueNode.objects.count() == before
    assert CatalogueNode.objects.filter(name="县级配套文件").exists()
    assert CatalogueNode.objects.get(name="招生计划").time_limit.startswith("信息形成")


def test_a_malformed_catalogue_loads_nothing(clerk, bureau):
    data = {"items": [{"name": "政策文件", "children": [{"name": ""}, {"name": "x", "colour": 1}]}]}
    with pytest.raises(ValidationFailed) as caught:
        catalogue_load(actor=clerk, agency=bureau, data=data)
    assert len(caught.value.data["problems"]) == 2
    assert not CatalogueNode.objects.exists()


def test_the_command_loads_a_catalogue(bureau, tmp_path, capsys):
    call_command("publishing", "catalogue", "load", str(EDUCATION), "--agency", bureau.name)
    assert CatalogueNode.objects.filter(agency=bureau, parent=None).count() == 10
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump({"title": "x"}), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("publishing", "catalogue", "load", str(broken), "--agency", bureau.name)
    assert caught.value.returncode == 2


def test_the_guide_holds_the_article_12_fields(clerk, bureau):
    bureau.office_name = "平罗县教育体育局办公室"
    bureau.office_address = "平罗县城关镇鼓楼南街1号"
    bureau.office_hours = "工作日 8:30—12:00，14:30—18:00"
    bureau.phone = "0952-1234567"
    bureau.fax = "0952-1234568"
    bureau.website = "https://jyj.pingluo.gov.cn"
    bureau.save()
    text = guide_text(bureau)
    for heading in ("政府信息的分类", "编排体系", "获取方式", "政府信息公开工作机构"):
        assert heading in text
    for value in ("平罗县教育体育局办公室", "鼓楼南街1号", "8:30", "0952-1234567", "0952-1234568"):
        assert value in text
    assert "https://jyj.pingluo.gov.cn" in text
    assert "行政法规、规章和规范性文件" in text  # no catalogue yet: 第二十条 classes
    catalogue_load(actor=clerk, agency=bureau, data=catalogue_read(EDUCATION))
    assert "按公开目录分为：政策文件、教育概况" in guide_text(bureau)


def test_a_new_guide_version_only_when_the_content_changes(bureau):
    with time_machine.travel("2026-01-05 09:00 +08:00", tick=False):
        first = guide_refresh(actor=None, agency=bureau)
    with time_machine.travel("2026-02-05 09:00 +08:00", tick=False):
        again = guide_refresh(actor=None, agency=bureau)
    assert first.created
    assert not again.created
    assert again.version.pk == first.version.pk
    bureau.phone = "0952-7654321"
    bureau.save()
    with time_machine.travel("2026-03-05 09:00 +08:00", tick=False):
        changed = guide_refresh(actor=None, agency=bureau)
    assert changed.created
    assert "0952-7654321" in changed.version.text
    assert GuideVersion.objects.filter(agency=bureau).count() == 2
    current = guide_current(bureau)
    assert current is not None
    assert current.created_at.date().isoformat() == "2026-03-05"
    assert AuditEvent.objects.filter(action="publishing.guide_changed").count() == 2
