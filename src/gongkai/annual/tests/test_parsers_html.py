import lxml.html

from gongkai.annual.report.checks import audit, run_checks
from gongkai.annual.report.parsers import parse_bytes, read_report
from gongkai.annual.report.parsers.html import table_grid
from gongkai.annual.report.render import render_html
from gongkai.annual.report.samples import sample_report
from gongkai.annual.tests.helpers import consistent, with_cell
from gongkai.annual.tests.paths import FIXTURES


def test_rowspan_fixture_reads_every_table():
    report = audit(read_report(FIXTURES / "rowspan.html"))
    assert report.agency == "某市生态环境局"
    assert report.year == 2023
    assert report.table2.regulations.made is None
    assert report.table2.normative_documents.in_force == 15
    assert report.table2.licensing_decisions == 1204
    assert report.table2.fees_wan_yuan == "12.50"
    assert report.table3.row("new") == (4, 1, 0, 0, 0, 0, 5)
    assert report.table3.row("total") == (5, 1, 0, 0, 0, 0, 6)
    assert report.table4.review.total == 1
    assert report.table4.litigation_after_review.total is None
    assert report.errors == ()


def test_script_text_is_not_read_as_table():
    report = read_report(FIXTURES / "rowspan.html")
    assert report.table3.cell("new", 0) == 4


def test_grid_expands_rowspan_and_colspan():
    table = lxml.html.fromstring(
        "<table><tr><td rowspan='2'>A</td><td colspan='2'>B</td></tr>"
        "<tr><td>c</td><td>d</td></tr></table>"
    )
    grid = table_grid(table)
    assert grid[0][0] == "A"
    assert grid[1][0] == "A"
    assert grid[1][1:] == ["c", "d"]
    assert len(grid[0]) == 3


def test_image_only_tables_are_unreadable_not_a_crash():
    html = (
        "<html><head><meta charset='utf-8'><title>某县民政局2023年政府信息公开工作年度报告</title>"
        "</head><body><p>一、总体情况</p><p>二、主动公开政府信息情况</p><img src='t2.png'>"
        "<p>三、收到和处理政府信息公开申请情况</p><img src='t3.png'>"
        "<p>四、政府信息公开行政复议、行政诉讼情况</p><img src='t4.png'>"
        "<p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p></body></html>"
    )
    report = audit(parse_bytes(html.encode(), "img.html"))
    unreadable = [f for f in report.findings if f.rule == "structure.table_unreadable"]
    assert {f.location for f in unreadable} == {"table2", "table3", "table4"}
    assert all("图片" in f.message for f in unreadable)
    assert "structure.section_missing" not in {f.rule for f in report.findings}


def test_gbk_page_with_meta_charset():
    html = render_html(consistent(12)).replace('charset="utf-8"', 'charset="gbk"')
    report = parse_bytes(html.encode("gbk"), "gbk.html")
    assert report.table3 == consistent(12).table3


def test_word_style_empty_cells_are_null_and_rules_not_assessed():
    report = sample_report(13)
    zeroed = with_cell(report, "granted", 1, None)
    html = render_html(zeroed).replace(
        "<td>/</td>", "<td><p><span>&nbsp;</span><o:p></o:p></p></td>"
    )
    parsed = audit(parse_bytes(html.encode(), "word.html"))
    assert parsed.table3.cell("granted", 1) is None
    assert parsed.table3.cell("granted", 0) == report.table3.cell("granted", 0)
    assert not [f for f in parsed.findings if f.location.startswith("table3.rows.granted")]
    assert run_checks(parsed).not_assessed >= {"table3.row_sum"}


def test_labels_split_over_runs_and_fonts_are_joined():
    html = render_html(consistent(14)).replace(
        "3.危及“三安全一稳定”",
        '<span>3.危及</span><font face="宋体">“</font><span>三安全一稳定</span><font>”</font>',
    )
    parsed = audit(parse_bytes(html.encode(), "runs.html"))
    assert parsed.table3 == consistent(14).table3
    assert not [f for f in parsed.findings if f.rule == "structure.label_variant"]
