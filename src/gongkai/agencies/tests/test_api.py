from __future__ import annotations

import pytest
from django.test import Client

from gongkai.agencies.tests.factories import DepartmentFactory, GovernmentFactory

pytestmark = pytest.mark.django_db


def test_agencies_list_and_detail():
    county = GovernmentFactory(name="平罗县人民政府")
    DepartmentFactory(name="平罗县教育体育局", parent=county, phone="0952-6012345")
    client = Client()
    rows = client.get("/api/v1/agencies/").json()
    assert [row["name"] for row in rows] == ["平罗县人民政府", "平罗县教育体育局"]
    detail = client.get("/api/v1/agencies/平罗县教育体育局").json()
    assert detail["review_body"] == "平罗县人民政府"
    assert detail["phone"] == "0952-6012345"


def test_unknown_agency_is_a_404_with_a_message():
    response = Client().get("/api/v1/agencies/不存在")
    assert response.status_code == 404
    assert response.json()["message"] == "机关“不存在”不存在"


def test_openapi_names_every_operation():
    schema = Client().get("/api/v1/openapi.json").json()
    operation_ids = {
        operation["operationId"] for path in schema["paths"].values() for operation in path.values()
    }
    assert {"agencies_list", "agencies_get"} <= operation_ids


def test_home_page_lists_agencies():
    GovernmentFactory(name="平罗县人民政府", is_demo=True)
    page = Client().get("/").content.decode()
    assert "平罗县人民政府" in page
    assert "演示数据" in page
