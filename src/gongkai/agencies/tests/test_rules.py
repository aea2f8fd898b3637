"""The 行政复议机关 of each kind of body, 行政复议法（2023）第二十四条至第二十七条."""

from __future__ import annotations

import pytest

from gongkai.agencies.models import AgencyKind, AgencyLevel
from gongkai.agencies.rules import review_body
from gongkai.agencies.tests.factories import DepartmentFactory, GovernmentFactory
from gongkai.agencies.validators import credit_code_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    return GovernmentFactory(name="石嘴山市人民政府", level=AgencyLevel.CITY)


@pytest.fixture
def county(city):
    return GovernmentFactory(name="平罗县人民政府", level=AgencyLevel.COUNTY, parent=city)


def test_county_department_is_reviewed_by_its_own_government(county):
    """第二十四条第一款第一项: 对本级人民政府工作部门作出的行政行为不服的 → 本级人民政府."""
    bureau = DepartmentFactory(name="平罗县教育体育局", parent=county)
    body = review_body(bureau)
    assert body.agency == county
    assert body.basis == "行政复议法第二十四条第一款第一项"


def test_city_department_is_reviewed_by_the_city_not_the_provincial_department(city):
    """第二十四条第一款第一项: the pre-2024 choice of 上一级主管部门 is gone."""
    bureau = DepartmentFactory(name="石嘴山市教育局", parent=city, level=AgencyLevel.CITY)
    assert review_body(bureau).agency == city


def test_county_government_is_reviewed_by_the_city_government(county, city):
    """第二十四条第一款第二项: 对下一级人民政府作出的行政行为不服的."""
    body = review_body(county)
    assert body.agency == city
    assert body.basis == "行政复议法第二十四条第一款第二项"


def test_township_government_is_reviewed_by_the_county_government(county):
    """第二十四条第一款第二项, applied to a 乡（镇）人民政府."""
    town = GovernmentFactory(name="姚伏镇人民政府", level=AgencyLevel.TOWNSHIP, parent=county)
    assert review_body(town).agency == county


def test_provincial_government_reviews_its_own_acts():
    """第二十四条第二款: 省、自治区、直辖市人民政府同时管辖对本机关作出的行政行为."""
    province = GovernmentFactory(name="宁夏回族自治区人民政府", level=AgencyLevel.PROVINCE)
    body = review_body(province)
    assert body.agency == province
    assert body.basis == "行政复议法第二十四条第二款"


def test_branch_of_a_department_is_reviewed_by_the_government_of_the_department(county):
    """第二十四条第四款: 工作部门依法设立的派出机构 → 本级人民政府."""
    police = DepartmentFactory(name="平罗县公安局", parent=county)
    station = DepartmentFactory(name="城关派出所", parent=police, kind=AgencyKind.BRANCH)
    body = review_body(station)
    assert body.agency == county
    assert body.basis == "行政复议法第二十四条第四款"


def test_branch_of_a_government_is_reviewed_by_that_government(county):
    """第二十四条第一款第三项: 本级人民政府依法设立的派出机关."""
    office = DepartmentFactory(name="城关街道办事处", parent=county, kind=AgencyKind.BRANCH)
    body = review_body(office)
    assert body.agency == county
    assert body.basis == "行政复议法第二十四条第一款第三项"


@pytest.mark.parametrize("kind", [AgencyKind.AUTHORIZED, AgencyKind.PUBLIC_ENTERPRISE])
def test_authorized_and_public_bodies_are_reviewed_by_the_government(county, kind):
    """第二十四条第一款第四项: 本级人民政府或者其工作部门管理的授权组织."""
    water = DepartmentFactory(name="平罗县水务局", parent=county)
    body_under_department = DepartmentFactory(name="平罗县供水公司", parent=water, kind=kind)
    body = review_body(body_under_department)
    assert body.agency == county
    assert body.basis == "行政复议法第二十四条第一款第四项"


def test_vertically_managed_body_needs_an_override(county):
    """第二十七条: 实行垂直领导的机关 → 上一级主管部门, which the hierarchy cannot tell."""
    tax = DepartmentFactory(name="国家税务总局平罗县税务局", parent=county, vertically_managed=True)
    body = review_body(tax)
    assert body.name is None
    assert "第二十七条" in body.basis
    tax.review_body_override_name = "国家税务总局石嘴山市税务局"
    body = review_body(tax)
    assert body.name == "国家税务总局石嘴山市税务局"
    assert body.overridden


def test_override_wins_over_derivation(county, city):
    bureau = DepartmentFactory(name="平罗县教育体育局", parent=county)
    bureau.review_body_override = city
    assert review_body(bureau).agency == city


def test_department_without_government_is_not_guessed():
    bureau = DepartmentFactory(name="孤立的局", parent=None)
    body = review_body(bureau)
    assert body.name is None
    assert "未登记所属的本级人民政府" in body.basis


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("91350100M000100Y43", None),
        ("91350100M000100Y44", "校验位应为 3"),
        ("9135010", "应为18位"),
        ("91350100M000100YI3", "不允许的字符"),
    ],
)
def test_credit_code_checksum_gb_32100(code, problem):
    result = credit_code_problem(code)
    if problem is None:
        assert result is None
    else:
        assert problem in result
