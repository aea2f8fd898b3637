"""``gongkai agencies add|list`` through the same entry the command line uses."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def gongkai(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_add_infers_kind_and_level_and_audits():
    gongkai("agencies", "add", "平罗县人民政府")
    output = gongkai("agencies", "add", "平罗县教育体育局", "--parent", "平罗县人民政府")
    assert "已登记：平罗县教育体育局（政府部门，县级）" in output
    bureau = Agency.objects.get(name="平罗县教育体育局")
    assert bureau.kind == AgencyKind.DEPARTMENT
    assert bureau.level == AgencyLevel.COUNTY
    assert bureau.parent.name == "平罗县人民政府"
    event = AuditEvent.objects.get(action="agency.created", target_id=str(bureau.pk))
    assert event.data["parent"] == "平罗县人民政府"


def test_add_accepts_chinese_kind_and_level():
    gongkai("agencies", "add", "平罗县供水公司", "--kind", "公共企事业单位", "--level", "县")
    body = Agency.objects.get(name="平罗县供水公司")
    assert (body.kind, body.level) == (AgencyKind.PUBLIC_ENTERPRISE, AgencyLevel.COUNTY)


def test_list_json_shows_review_body():
    gongkai("agencies", "add", "石嘴山市人民政府")
    gongkai("agencies", "add", "平罗县人民政府", "--parent", "石嘴山市人民政府")
    gongkai("agencies", "add", "平罗县教育体育局", "--parent", "平罗县人民政府")
    rows = {row["name"]: row for row in json.loads(gongkai("agencies", "list", "--format", "json"))}
    assert rows["平罗县教育体育局"]["review_body"] == "平罗县人民政府"
    assert rows["平罗县人民政府"]["review_body"] == "石嘴山市人民政府"
    assert rows["石嘴山市人民政府"]["level"] == "city"


def test_list_text_on_empty_database():
    assert "尚未登记任何机关" in gongkai("agencies", "list")


def test_unknown_parent_is_refused_and_nothing_written():
    with pytest.raises(CommandError, match="上级机关“不存在的政府”尚未登记") as info:
        gongkai("agencies", "add", "某局", "--parent", "不存在的政府")
    assert info.value.returncode == 2
    assert not Agency.objects.exists()
    assert not AuditEvent.objects.exists()


def test_duplicate_name_is_refused_and_nothing_written():
    gongkai("agencies", "add", "平罗县人民政府")
    with pytest.raises(CommandError, match="已存在") as info:
        gongkai("agencies", "add", "平罗县人民政府")
    assert info.value.returncode == 2
    assert Agency.objects.count() == 1
    assert AuditEvent.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--kind", "委员会"), "未知的机关类型"),
        (("--level", "村"), "未知的层级"),
        (("--credit-code", "123"), "应为18位"),
    ],
)
def test_bad_options_are_refused_with_the_reason(args, message):
    with pytest.raises(CommandError, match=message) as info:
        gongkai("agencies", "add", "平罗县人民政府", *args)
    assert info.value.returncode == 2
    assert not Agency.objects.exists()


def test_level_that_cannot_be_inferred_is_asked_for():
    with pytest.raises(CommandError, match="--level"):
        gongkai("agencies", "add", "某某委员会")


def test_department_under_a_department_is_refused():
    gongkai("agencies", "add", "平罗县人民政府")
    gongkai("agencies", "add", "平罗县公安局", "--parent", "平罗县人民政府")
    with pytest.raises(CommandError, match="政府部门的上级机关应为所属的本级人民政府"):
        gongkai("agencies", "add", "平罗县交警大队", "--parent", "平罗县公安局")
    gongkai("agencies", "add", "城关派出所", "--parent", "平罗县公安局", "--kind", "派出机构")
    assert Agency.objects.get(name="城关派出所").level == AgencyLevel.COUNTY


def test_government_must_sit_under_a_higher_government():
    gongkai("agencies", "add", "平罗县人民政府")
    with pytest.raises(CommandError, match="层级应高于本机关"):
        gongkai("agencies", "add", "惠农区人民政府", "--parent", "平罗县人民政府")
