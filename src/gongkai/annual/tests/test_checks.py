from dataclasses import replace

from gongkai.annual.report.checks import audit, run_checks
from gongkai.annual.report.model import Group4, Table2, Table4, Triple
from gongkai.annual.report.samples import sample_report
from gongkai.annual.tests.helpers import consistent, with_cell


def rules(report, severity=None):
    return {f.rule for f in audit(report).findings if severity is None or f.severity == severity}


def test_a_consistent_report_has_no_findings():
    assert audit(consistent()).findings == ()


def test_balance_breaks_when_carried_forward_is_wrong():
    base = consistent(2)
    report = with_cell(with_cell(base, "carried_forward", 0, 99), "carried_forward", 6, None)
    findings = [f for f in audit(report).findings if f.rule == "table3.balance"]
    assert [f.location for f in findings] == ["table3.rows.new[0]"]
    f = findings[0]
    assert f.severity == "error"
    assert f.expected != f.actual
    assert "一＋二" in f.message
    assert "自然人" in f.message


def test_result_sum_names_the_printed_and_the_computed_total():
    base = consistent(4)
    printed = base.table3.cell("total", 3)
    report = with_cell(with_cell(base, "total", 3, printed + 5), "total", 6, None)
    findings = [f for f in audit(report).findings if f.rule == "table3.result_sum"]
    assert len(findings) == 1
    assert findings[0].actual == printed + 5
    assert findings[0].expected == printed
    assert findings[0].location == "table3.rows.total[3]"


def test_row_sum_points_at_the_total_cell_of_the_row():
    report = with_cell(consistent(5), "denied_4", 6, 1000)
    findings = [f for f in audit(report).findings if f.rule == "table3.row_sum"]
    assert [f.location for f in findings] == ["table3.rows.denied_4[6]"]
    assert "保护第三方合法权益" in findings[0].message


def test_group_sum_of_table4():
    report = replace(consistent(), table4=Table4(review=Group4(1, 2, 3, 4, 11)))
    findings = [f for f in audit(report).findings if f.rule == "table4.group_sum"]
    assert len(findings) == 1
    assert findings[0].location == "table4.review.total"
    assert (findings[0].expected, findings[0].actual) == (10, 11)


def test_a_null_cell_makes_a_rule_not_assessable_instead_of_passed():
    report = with_cell(consistent(6), "granted", 0, None)
    result = run_checks(report)
    assert "table3.row_sum" in result.not_assessed
    assert "table3.result_sum" in result.not_assessed
    assert not [f for f in result.findings if f.location == "table3.rows.granted[6]"]


def test_single_other_row_is_summed_without_other_1_and_2():
    report = sample_report(7, single_other=True)
    assert report.table3.row("other_1") == (None,) * 7
    result = run_checks(report)
    assert result.findings == []
    assert "table3.result_sum" in result.assessed
    assert "table3.result_sum" not in result.not_assessed


def test_previous_year_carry_over_and_in_force_trend():
    prev = consistent(8)
    cur = with_cell(consistent(9), "carried_over", 0, prev.table3.cell("carried_forward", 0) + 1)
    cur = replace(
        cur,
        table2=Table2(
            regulations=Triple(1, 0, prev.table2.regulations.in_force + 1),
            normative_documents=Triple(2, 1, prev.table2.normative_documents.in_force + 5),
        ),
    )
    found = {f.rule: f for f in audit(cur, prev).findings}
    assert found["carryover.mismatch"].severity == "warning"
    assert found["table2.in_force_trend"].location == "table2.normative_documents.in_force"
    assert all(
        f.location != "table2.regulations.in_force"
        for f in audit(cur, prev).findings
        if f.rule == "table2.in_force_trend"
    )


def test_previous_year_rules_are_not_assessed_without_previous():
    result = run_checks(consistent())
    assert {"carryover.mismatch", "table2.in_force_trend"} <= result.not_assessed


def _with_text(report, text):
    return replace(report, sections={**report.sections, "1": text})


def test_narrative_total_that_its_parts_do_not_add_up_to():
    report = _with_text(consistent(), "本年度共发布信息100条，其中政府网站60条、微信公众号30条。")
    found = [f for f in audit(report).findings if f.rule == "narrative.sum"]
    assert len(found) == 1
    assert found[0].severity == "warning"
    assert (found[0].expected, found[0].actual) == (100, 90)


def test_narrative_total_is_recorded_as_a_figure_when_consistent():
    report = _with_text(consistent(), "本年度共发布信息100条，其中政府网站60条、微信公众号40条。")
    audited = audit(report)
    assert [(f.total, f.parts) for f in audited.figures] == [(100, (60, 40))]
    assert audited.findings == ()


def test_a_list_governed_by_gong_only_for_its_first_item_is_not_a_total():
    report = _with_text(consistent(), "共发布环境类信息40条，征地类121条，出让类39条。")
    assert "narrative.sum" not in rules(report)


def test_no_application_claim_contradicting_table3():
    base = consistent(10)
    assert base.table3.cell("new", 6) > 0
    report = _with_text(base, "2023年，我局未收到政府信息公开申请。")
    found = [f for f in audit(report).findings if f.rule == "narrative.table"]
    assert found
    assert found[0].severity == "error"


def test_received_count_that_one_reading_explains_is_not_flagged():
    base = consistent(11)
    new = base.table3.cell("new", 6)
    old = base.table3.cell("carried_over", 6)
    both = _with_text(base, f"本年度共受理政府信息公开申请{new + old}件。")
    only_new = _with_text(base, f"本年度共收到政府信息公开申请{new}件。")
    wrong = _with_text(base, f"本年度共收到政府信息公开申请{new + old + 7}件。")
    assert "narrative.table" not in rules(both)
    assert "narrative.table" not in rules(only_new)
    assert "narrative.table" in rules(wrong)


def test_review_and_litigation_counts_against_table4():
    base = replace(consistent(), table4=Table4(Group4(1, 0, 0, 0, 1), Group4(0, 0, 0, 0, 0)))
    base = replace(base, table4=replace(base.table4, litigation_after_review=Group4(0, 0, 0, 0, 0)))
    assert "narrative.table" not in rules(_with_text(base, "本年度发生行政复议1件，行政诉讼0件。"))
    assert "narrative.table" in rules(_with_text(base, "本年度发生行政复议3件。"))
    assert "narrative.table" in rules(_with_text(base, "本年度未发生行政复议。"))


def test_fee_statement_against_table2():
    base = replace(consistent(), table2=replace(consistent().table2, fees_wan_yuan="12.5"))
    assert "narrative.table" not in rules(_with_text(base, "行政事业性收费12.50万元。"))
    assert "narrative.table" in rules(_with_text(base, "行政事业性收费3万元。"))
