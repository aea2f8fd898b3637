"""Figures for the annual report: yearly counts by channel and 表二, computed with GROUP BY."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.core.errors import ValidationFailed
from gongkai.publishing.models import Channel, FigureItem, NormativeDocument, NormativeKind, Source
from gongkai.publishing.selectors import (
    counts_sentence,
    fee_in_wan,
    in_force_count,
    normative_figures,
    publication_counts,
    table2_figures,
)
from gongkai.publishing.services import (
    figure_set,
    normative_amend,
    normative_end,
    normative_register,
)
from gongkai.publishing.states import Status
from gongkai.publishing.tests.factories import NormativeDocumentFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def test_yearly_counts_by_channel(bureau, other_bureau):
    PublicationFactory.create_batch(
        2, agency=bureau, published_on=date(2025, 2, 1), channels=[Channel.WEBSITE, Channel.WECHAT]
    )
    PublicationFactory(agency=bureau, published_on=date(2025, 12, 31), channels=[Channel.WECHAT])
    PublicationFactory(agency=bureau, published_on=date(2024, 12, 31), channels=[Channel.WEBSITE])
    PublicationFactory(agency=other_bureau, published_on=date(2025, 5, 5))
    PublicationFactory(
        agency=bureau, published_on=None, status=Status.DRAFT, channels=[], secrecy_reviewed=False
    )
    with CaptureQueriesContext(connection) as queries:
        counts = publication_counts(agency=bureau, year=2025)
    assert len(queries) == 2
    assert counts == {
        "total": 3,
        "by_channel": {
            "政府网站": 2,
            "微信公众号": 3,
            "微博": 0,
            "视频号": 0,
            "政务公开栏": 0,
            "其他": 0,
        },
    }
    assert (
        counts_sentence(counts, 2025) == "2025年度共发布信息3条，其中政府网站2条、微信公众号3条。"
    )


def test_in_force_counts_across_amendments_and_repeals(clerk, bureau):
    a = normative_register(
        actor=clerk, agency=bureau, kind="normative", title="学区划分办法", made_on=date(2023, 3, 1)
    )
    b = normative_register(
        actor=clerk, agency=bureau, kind="normative", title="招生工作细则", made_on=date(2025, 4, 1)
    )
    normative_register(
        actor=clerk, agency=bureau, kind="normative", title="课后服务规定", made_on=date(2025, 8, 1)
    )
    normative_amend(actor=clerk, document=a, amended_on=date(2025, 5, 1), note="修改第三条")
    normative_end(actor=clerk, document=a, on=date(2025, 9, 1))
    normative_end(actor=clerk, document=b, on=date(2025, 12, 31), how="expired")

    figures = normative_figures(agency=bureau, year=2025)
    assert figures["normative"] == {"made": 2, "repealed": 1, "in_force": 1}
    assert figures["rule"] == {"made": 0, "repealed": 0, "in_force": 0}
    assert normative_figures(agency=bureau, year=2024)["normative"] == {
        "made": 0,
        "repealed": 0,
        "in_force": 1,
    }
    assert in_force_count(agency=bureau, kind="normative", on=date(2025, 12, 30)) == 2
    with pytest.raises(ValidationFailed):
        normative_amend(actor=clerk, document=a, amended_on=date(2025, 10, 1))


years = st.integers(min_value=2019, max_value=2026)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    docs=st.lists(
        st.tuples(
            years, st.integers(1, 12), st.one_of(st.none(), st.integers(0, 4)), st.booleans()
        ),
        max_size=25,
    )
)
def test_in_force_is_last_years_plus_made_minus_repealed(bureau, docs):
    """Without expiries: 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y), amendments
    never count (regulations.md §1.4, soft check)."""
    NormativeDocument.objects.all().delete()
    for year, month, repeal_after, amended in docs:
        made = date(year, month, 1)
        repealed = date(year + repeal_after, 12, 31) if repeal_after is not None else None
        document = NormativeDocumentFactory(agency=bureau, made_on=made, repealed_on=repealed)
        if amended:
            document.amendments.create(amended_on=made)
    for year in range(2019, 2031):
        now = normative_figures(agency=bureau, year=year)["normative"]
        before = normative_figures(agency=bureau, year=year - 1)["normative"]
        assert now["in_force"] == before["in_force"] + now["made"] - now["repealed"]
        assert now["in_force"] >= 0


def test_table2_reads_figures_with_their_source_and_shows_the_fee_in_wan(clerk, head, bureau):
    figure_set(actor=clerk, agency=bureau, year=2025, item=FigureItem.LICENSE, value=37)
    figure_set(
        actor=clerk,
        agency=bureau,
        year=2025,
        item=FigureItem.PENALTY,
        value="5",
        source=Source.IMPORTED,
        note="县司法局执法监督平台导出",
    )
    figure_set(actor=clerk, agency=bureau, year=2025, item=FigureItem.FEE, value="123456.78")
    with pytest.raises(ValidationFailed, match="整数"):
        figure_set(actor=clerk, agency=bureau, year=2025, item=FigureItem.COERCION, value="1.5")
    with pytest.raises(ValidationFailed, match="非负"):
        figure_set(actor=clerk, agency=bureau, year=2025, item=FigureItem.COERCION, value=-1)
    NormativeDocumentFactory(agency=bureau, kind=NormativeKind.NORMATIVE, made_on=date(2025, 1, 1))

    table = table2_figures(agency=bureau, year=2025)
    assert table["item_1"]["normative"] == {"made": 1, "repealed": 0, "in_force": 1}
    assert table["item_5"]["license"] == {"value": 37, "source": "entered", "note": ""}
    assert table["item_6"]["penalty"]["source"] == "imported"
    assert table["item_6"]["coercion"]["value"] is None
    assert table["item_8"]["fee"]["value"] == "123456.78"
    assert table["item_8"]["fee"]["value_wan"] == "12.3457"


def test_fee_in_wan_rounds_half_up_to_the_configured_decimals():
    assert fee_in_wan(Decimal("316441"), 0) == "32"
    assert fee_in_wan(Decimal("5000"), 2) == "0.50"
    assert fee_in_wan(Decimal("0"), 4) == "0.0000"
