"""The report computed from the records (regulations.md §1.7; report-json.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.agencies.models import Agency
from gongkai.annual.compute import report_compute, report_compute_full
from gongkai.annual.figures import FIGURE_SOURCES, FigureContext, resolve
from gongkai.annual.models import SectionTemplate
from gongkai.annual.services import recorded_figure_set, section_template_set
from gongkai.applications.selectors import table3_rows
from gongkai.applications.states import Status
from gongkai.applications.tests.factories import ApplicationFactory
from gongkai.core.errors import ValidationFailed
from gongkai.inquiries.services import inquiry_conclude, inquiry_register

pytestmark = pytest.mark.django_db


def _rules(report: Any, severity: str | None = None) -> list[str]:
    return [f.rule for f in report.findings if severity is None or f.severity == severity]


def _case(agency: Agency, received: date, answered: date | None = None, **kw: Any) -> Any:
    if answered is None:
        return ApplicationFactory(agency=agency, received_on=received, **kw)
    return ApplicationFactory(
        agency=agency,
        received_on=received,
        status=Status.ANSWERED,
        answered_on=answered,
        outcome=kw.pop("outcome", "granted"),
        **kw,
    )


def test_table3_is_the_applications_group_by(bureau: Agency) -> None:
    """表三 of the report is ``applications.selectors.table3_rows``: 一＋二＝三（七）＋四 per
    column by construction (regulations.md §1.7 rule 1), and the checks find no error in it."""
    _case(bureau, date(2022, 12, 20))  # still open: 二 and 四
    _case(bureau, date(2022, 12, 28), date(2023, 1, 10), outcome="denied_4")
    _case(bureau, date(2023, 3, 1), date(2023, 3, 20), applicant_category="commercial")
    _case(bureau, date(2023, 12, 29))
    report = report_compute(agency=bureau, year=2023)
    rows = table3_rows(agency=bureau, year=2023)
    for key, values in rows.items():
        assert list(report.table3.row(key)) == values
    assert report.table3.cell("new", 6) == 2
    assert report.table3.cell("carried_over", 6) == 2
    assert report.table3.cell("denied_4", 6) == 1
    assert report.table3.cell("carried_forward", 6) == 2
    assert not [r for r in _rules(report, "error") if r.startswith("table3")]


def test_missing_table2_figures_are_null_and_an_error_never_zero(bureau: Agency) -> None:
    """表二's 许可/处罚/强制/收费 come only from recorded figures: without them the cells stay
    null and ``source.missing`` says which (report-json.md: null is never 0)."""
    report = report_compute(agency=bureau, year=2023)
    assert report.table2.licensing_decisions is None
    assert report.table2.fees_wan_yuan is None
    missing = [f for f in report.findings if f.rule == "source.missing"]
    assert any("行政许可" in f.message for f in missing)
    assert all(f.severity == "error" for f in missing)


def test_placeholders_are_filled_from_the_figure_registry(bureau: Agency, clerk: Any) -> None:
    """A template cites ``{complaints_total}`` and ``{complaints_by_result.returned}``: the
    printed numbers are the counts of the records."""
    for i in range(3):
        inquiry = inquiry_register(
            actor=clerk,
            agency=bureau,
            channel="hotline",
            received_on=date(2023, 5, 1 + i),
            subject=f"投诉{i}",
        )
        if i == 0:
            inquiry_conclude(
                actor=clerk, inquiry=inquiry, result="returned", replied_on=date(2023, 5, 10)
            )
    section_template_set(
        actor=clerk,
        agency=bureau,
        section="6",
        text="本年度共收到各类投诉{complaints_total}件，退回{complaints_by_result.returned}件。",
    )
    report = report_compute(agency=bureau, year=2023)
    assert report.sections["6"] == "本年度共收到各类投诉3件，退回1件。"
    assert "template.default" in _rules(report)  # the other parts use the default text


def test_a_hand_typed_number_that_contradicts_the_records_is_flagged(
    bureau: Agency, clerk: Any
) -> None:
    """A template that types “投诉5件” while 1 complaint was recorded: ``template.hand_typed``."""
    inquiry_register(
        actor=clerk, agency=bureau, channel="hotline", received_on=date(2023, 5, 1), subject="x"
    )
    section_template_set(actor=clerk, agency=bureau, section="6", text="全年调查答复各类投诉5件。")
    report = report_compute(agency=bureau, year=2023)
    flagged = [f for f in report.findings if f.rule == "template.hand_typed"]
    assert len(flagged) == 1
    assert (flagged[0].expected, flagged[0].actual) == (1, 5)
    assert "{complaints_total}" in flagged[0].message


def test_a_hand_typed_number_that_agrees_is_not_flagged(bureau: Agency, clerk: Any) -> None:
    inquiry_register(
        actor=clerk, agency=bureau, channel="hotline", received_on=date(2023, 5, 1), subject="x"
    )
    section_template_set(actor=clerk, agency=bureau, section="6", text="全年各类投诉1件。")
    report = report_compute(agency=bureau, year=2023)
    assert "template.hand_typed" not in _rules(report)


def test_unknown_placeholder_is_refused_when_saved(bureau: Agency, clerk: Any) -> None:
    with pytest.raises(ValidationFailed, match="posts_totl"):
        section_template_set(actor=clerk, agency=bureau, section="1", text="共{posts_totl}条")


def test_unknown_placeholder_written_around_the_service_is_an_error(bureau: Agency) -> None:
    SectionTemplate.objects.create(agency=bureau, section="1", text="共{posts_totl}条")
    report = report_compute(agency=bureau, year=2023)
    assert "template.unknown_figure" in _rules(report, "error")
    assert "{posts_totl}" in report.sections["1"]


def test_a_recorded_figure_missing_for_the_year_is_an_error_not_zero(
    bureau: Agency, clerk: Any
) -> None:
    section_template_set(
        actor=clerk, agency=bureau, section="6", text="全年补充教师{recorded.teachers}名。"
    )
    report = report_compute(agency=bureau, year=2023)
    assert "〔缺：" in report.sections["6"]
    assert "source.missing" in _rules(report, "error")
    recorded_figure_set(
        actor=clerk,
        agency=bureau,
        year=2023,
        name="teachers",
        label="补充教师人数",
        value=189,
        source="县教育体育局人事股招聘台账",
    )
    report = report_compute(agency=bureau, year=2023)
    assert report.sections["6"] == "全年补充教师189名。"


def test_a_template_for_the_year_wins_over_the_general_one(bureau: Agency, clerk: Any) -> None:
    section_template_set(actor=clerk, agency=bureau, section="5", text="通用{year}")
    section_template_set(actor=clerk, agency=bureau, section="5", text="专用{year}", year=2023)
    assert report_compute(agency=bureau, year=2023).sections["5"] == "专用2023"
    assert report_compute(agency=bureau, year=2024).sections["5"] == "通用2024"


def test_every_figure_source_has_a_chinese_description() -> None:
    for source in FIGURE_SOURCES.values():
        assert source.description
        assert any("\u4e00" <= ch <= "\u9fff" for ch in source.description)


def test_consolidated_sums_the_bodies_and_lists_those_without_records(
    county: Agency, bureau: Agency, other_bureau: Agency
) -> None:
    """汇总 over the government and its bodies: 表三 is the sum; a body with no records is
    listed as missing (its zeros cannot be told from data never entered)."""
    _case(bureau, date(2023, 3, 1), date(2023, 3, 5))
    _case(county, date(2023, 4, 1))
    full = report_compute_full(agency=county, year=2023, consolidated=True)
    assert full.report.scope == "consolidated"
    assert full.report.table3.cell("new", 6) == 2
    assert [b.agency for b in full.bodies] == [county.name, bureau.name, other_bureau.name]
    assert other_bureau.name in full.missing
    assert "consolidation.no_records" in _rules(full.report, "warning")


def test_only_a_government_consolidates(bureau: Agency) -> None:
    with pytest.raises(ValidationFailed, match="不是人民政府"):
        report_compute(agency=bureau, year=2023, consolidated=True)


def test_every_registered_key_resolves_for_a_body_without_records(bureau: Agency) -> None:
    """The keys the registry documents are the keys the apps count by (0 when none)."""
    ctx = FigureContext([bureau], 2023, bureau.name)
    for source in FIGURE_SOURCES.values():
        for key in source.keys:
            assert resolve(ctx, source.name, key) == 0, f"{source.name}.{key}"
