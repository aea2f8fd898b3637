"""The official renderers: .docx (GB/T 9704), HTML, PDF, XLSX and JSON read back the same data."""

import io
import json
import re
import zipfile
from dataclasses import replace

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from gongkai.annual.report import rows as rt
from gongkai.annual.report.checks import audit
from gongkai.annual.report.model import AnnualReport, Table2, Triple
from gongkai.annual.report.parsers import parse_bytes, read_report
from gongkai.annual.report.render import (
    RENDER_FORMATS,
    render,
    render_official_docx,
    render_official_html,
    render_xlsx,
    render_xlsx_consolidated,
)
from gongkai.annual.report.render import pdf as pdf_render
from gongkai.annual.report.render.xlsx import sheet_name
from gongkai.annual.report.samples import sample_report
from gongkai.annual.report.schema import json_schema, validate
from gongkai.annual.tests.paths import SHARED_EXAMPLES

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PINGLUO = SHARED_EXAMPLES / "pingluo-education-2023.txt"


def _fonts_installed():
    try:
        pdf_render.find_fonts()
    except pdf_render.CjkFontMissing:
        return False
    return True


needs_cjk_font = pytest.mark.skipif(
    not _fonts_installed(),
    reason=f"no Chinese TrueType font: install the Debian package {pdf_render.REQUIRED_PACKAGE}",
)


@pytest.fixture(scope="module")
def pingluo():
    report = read_report(PINGLUO)
    assert report.agency == "平罗县教育体育局"
    return report


def _with_nulls(report):
    """规章 printed as "/" by a body without rule-making power, the fee left empty."""
    table2 = replace(report.table2, regulations=Triple(), fees_wan_yuan=None)
    return replace(report, table2=table2)


def assert_same_data(parsed, report):
    assert parsed.agency == report.agency
    assert parsed.year == report.year
    assert parsed.table2 == report.table2
    assert parsed.table3 == report.table3
    assert parsed.table4 == report.table4
    assert parsed.errors == ()


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_the_pingluo_report_reads_back_equal(pingluo, kind):
    data = render(pingluo, kind)
    assert_same_data(audit(parse_bytes(data, f"r.{kind}")), pingluo)


@needs_cjk_font
def test_the_pingluo_report_reads_back_equal_from_pdf(pingluo):
    data = render(pingluo, "pdf")
    assert data.startswith(b"%PDF")
    assert_same_data(audit(parse_bytes(data, "r.pdf")), pingluo)


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_null_cells_print_as_a_slash_and_read_back_as_null(kind):
    report = _with_nulls(sample_report(7))
    parsed = audit(parse_bytes(render(report, kind), f"r.{kind}"))
    assert parsed.table2.regulations == Triple()
    assert parsed.table2 == report.table2


@needs_cjk_font
def test_null_cells_read_back_as_null_from_pdf():
    report = _with_nulls(sample_report(8))
    parsed = audit(parse_bytes(render(report, "pdf"), "r.pdf"))
    assert parsed.table2 == report.table2
    assert parsed.table3 == report.table3


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    kind=st.sampled_from(["docx", "html"]),
    single_other=st.booleans(),
)
def test_any_consistent_report_reads_back_equal(seed, kind, single_other):
    report = sample_report(seed, single_other=single_other)
    assert_same_data(audit(parse_bytes(render(report, kind), f"r.{kind}")), report)


def _null_table2(table2, nulls):
    """table2 with the cells numbered in ``nulls`` (printed order, 0–9) set to null."""
    cells = [
        list(table2.regulations.to_json().values()),
        list(table2.normative_documents.to_json().values()),
    ]
    flat = [*cells[0], *cells[1], table2.licensing_decisions, table2.penalty_decisions]
    flat += [table2.enforcement_decisions, table2.fees_wan_yuan]
    flat = [None if i in nulls else v for i, v in enumerate(flat)]
    return Table2(Triple(*flat[0:3]), Triple(*flat[3:6]), *flat[6:10])


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    kind=st.sampled_from(["docx", "html"]),
    nulls=st.sets(st.integers(0, 9)),
)
def test_any_null_cell_of_table2_reads_back_as_null(seed, kind, nulls):
    base = sample_report(seed)
    report = replace(base, table2=_null_table2(base.table2, nulls))
    parsed = parse_bytes(render(report, kind), f"r.{kind}")
    assert parsed.table2 == report.table2
    assert parsed.table3 == report.table3


@needs_cjk_font
@pytest.mark.parametrize(("seed", "single_other"), [(1, False), (2, True), (40, False)])
def test_consistent_reports_read_back_equal_from_pdf(seed, single_other):
    report = sample_report(seed, single_other=single_other)
    assert_same_data(audit(parse_bytes(render(report, "pdf"), "r.pdf")), report)


# --- .docx structure -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pingluo_docx(pingluo):
    return docx.Document(io.BytesIO(render_official_docx(pingluo)))


def test_docx_page_is_a4_with_the_gbt_9704_margins(pingluo_docx):
    section = pingluo_docx.sections[0]
    measured = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    # Word stores lengths in twentieths of a point: compare to a tenth of a millimetre.
    assert [round(length.mm, 1) for length in measured] == [210, 297, 37, 35, 28, 26]


def _east_asian_fonts(paragraph):
    return {
        r._element.rPr.rFonts.get(qn("w:eastAsia"))
        for r in paragraph.runs
        if r._element.rPr is not None and r._element.rPr.rFonts is not None
    }


def test_docx_names_the_official_fonts_on_the_runs(pingluo_docx, pingluo):
    paragraphs = [p for p in pingluo_docx.paragraphs if p.text.strip()]
    by_text = {p.text: p for p in paragraphs}
    title = paragraphs[0]
    # Too long for one line of 2号 type: broken after the agency's name, not inside a word.
    assert title.text == f"{pingluo.agency}\n{pingluo.year}年政府信息公开工作年度报告"
    assert _east_asian_fonts(title) == {"方正小标宋简体"}
    assert title.runs[0].font.size.pt == 22
    for heading in rt.SECTION_HEADINGS.values():
        assert _east_asian_fonts(by_text[heading]) == {"黑体"}
        assert by_text[heading].runs[0].font.size.pt == 16
    assert _east_asian_fonts(by_text["（一）主动公开"]) == {"楷体_GB2312"}
    body = paragraphs[1]
    assert _east_asian_fonts(body) == {"仿宋_GB2312"}
    assert body.paragraph_format.line_spacing.pt == 28


def test_docx_font_table_names_fallbacks_for_the_gb2312_fonts(pingluo):
    with zipfile.ZipFile(io.BytesIO(render_official_docx(pingluo))) as z:
        font_table = etree.fromstring(z.read("word/fontTable.xml"))
    alternatives = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in font_table.iter(qn("w:font"))
        if f.find(qn("w:altName")) is not None
    }
    assert alternatives["仿宋_GB2312"] == "仿宋"
    assert alternatives["楷体_GB2312"] == "楷体"


def test_docx_footers_carry_the_page_number_between_dashes(pingluo_docx):
    section = pingluo_docx.sections[0]
    assert pingluo_docx.settings.odd_and_even_pages_header_footer
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml
        assert footer.paragraphs[0].text.startswith("— ")
        assert footer.paragraphs[0].text.endswith(" —")


def _spans(table):
    """(text, gridSpan, rows spanned) of every cell that starts a merge."""
    out = []
    rows = table._tbl.tr_lst
    for r, tr in enumerate(rows):
        for tc in tr.tc_lst:
            vmerge = tc.tcPr.vMerge if tc.tcPr is not None else None
            if vmerge is not None and vmerge.val != "restart":
                continue
            height = 1
            if vmerge is not None:
                height = tc.bottom - r
            text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
            out.append((text, tc.grid_span, height))
    return out


def test_docx_table3_has_the_merged_header_cells_of_the_national_format(pingluo_docx):
    table3 = pingluo_docx.tables[1]
    spans = {text: (cols, rows) for text, cols, rows in _spans(table3)}
    assert spans[rt.TABLE3_NOTE] == (3, 3)
    assert spans[rt.TABLE3_APPLICANT_HEADER] == (7, 1)
    assert spans[rt.TABLE3_ORG_HEADER] == (5, 1)
    assert spans[rt.TABLE3_COLUMN_LABELS["natural_person"]] == (1, 2)
    assert spans[rt.TABLE3_COLUMN_LABELS["total"]] == (1, 2)
    assert spans[rt.TABLE3_RESULTS_LABEL] == (1, 22)
    assert spans[rt.TABLE3_GROUPS["denied"]] == (1, 8)
    assert spans[rt.TABLE3_GROUPS["unable"]] == (1, 3)
    assert spans[rt.TABLE3_GROUPS["not_processed"]] == (1, 5)
    assert spans[rt.TABLE3_BY_KEY["new"].label] == (3, 1)
    assert len(table3.rows) == 3 + len(rt.TABLE3_KEYS)


def test_docx_tables_have_captions_and_repeat_only_real_column_headers(pingluo_docx):
    captions = []
    repeated = []
    for table in pingluo_docx.tables:
        caption = table._tbl.tblPr.find(qn("w:tblCaption"))
        captions.append(caption.get(qn("w:val")))
        repeated.append(len(table._tbl.findall(f".//{qn('w:tblHeader')}")))
    assert captions == [rt.SECTION_HEADINGS[k].split("、", 1)[1] for k in ("2", "3", "4")]
    assert repeated == [0, 3, 3]


def test_docx_table4_and_table2_headers_span_like_the_national_format(pingluo_docx):
    table2, _, table4 = pingluo_docx.tables
    spans4 = {text: (cols, rows) for text, cols, rows in _spans(table4)}
    assert spans4[rt.TABLE4_GROUP_LABELS["review"]] == (5, 2)
    assert spans4["行政诉讼"] == (10, 1)
    assert spans4["未经复议直接起诉"] == (5, 1)
    assert spans4["复议后起诉"] == (5, 1)
    spans2 = _spans(table2)
    assert ("第二十条第（一）项", 4, 1) in spans2
    assert ("本年收费金额（单位：万元）", 3, 1) in spans2


# --- HTML structure --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pingluo_html(pingluo):
    return render_official_html(pingluo)


def test_html_is_a_complete_document_without_external_assets(pingluo_html):
    assert pingluo_html.startswith("<!doctype html>")
    assert '<html lang="zh-Hans">' in pingluo_html
    assert "<style>" in pingluo_html
    assert not re.search(r"<(link|script|img|iframe)\b", pingluo_html)
    assert "@media print" in pingluo_html
    root = etree.fromstring(pingluo_html.encode(), etree.HTMLParser())
    sections = root.findall(".//main/article/section")
    assert [s.find("h2").text for s in sections] == list(rt.SECTION_HEADINGS.values())
    captions = [c.text for c in root.iter("caption")]
    assert captions == [rt.SECTION_HEADINGS[k].split("、", 1)[1] for k in ("2", "3", "4")]


def test_html_number_cells_name_every_header_that_describes_them(pingluo_html):
    root = etree.fromstring(pingluo_html.encode(), etree.HTMLParser())
    table3 = root.find(".//table[@id='t3']")
    ids = {th.get("id"): "".join(th.itertext()) for th in table3.iter("th")}
    scopes = {th.get("scope") for th in table3.iter("th")}
    assert scopes == {"col", "colgroup", "row", "rowgroup"}
    for td in table3.iter("td"):
        assert td.get("headers")
        assert set(td.get("headers").split()) <= set(ids)
    # 表三 row 1.属于国家秘密, column 商业企业.
    secret = next(td for td in table3.iter("td") if "1.属于国家秘密" in _names(td, ids))
    secret_row = secret.getparent()
    commercial = secret_row.findall("td")[1]
    assert _names(commercial, ids) == [
        rt.TABLE3_APPLICANT_HEADER,
        rt.TABLE3_ORG_HEADER,
        rt.TABLE3_COLUMN_LABELS["commercial"],
        rt.TABLE3_RESULTS_LABEL,
        rt.TABLE3_GROUPS["denied"],
        rt.TABLE3_BY_KEY["denied_1"].label,
    ]
    assert table3.find(".//th[@rowspan='22']").text == rt.TABLE3_RESULTS_LABEL


def _names(td, ids):
    return [ids[i] for i in td.get("headers").split()]


def test_html_escapes_all_text():
    report = replace(sample_report(3), agency="<script>alert(1)</script>&局")
    report = replace(report, sections={**report.sections, "6": 'a < b & "c"'})
    page = render_official_html(report)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;局" in page
    assert "a &lt; b &amp; &quot;c&quot;" in page


# --- PDF -------------------------------------------------------------------------------------


@needs_cjk_font
def test_pdf_embeds_its_fonts_and_carries_title_and_page_numbers(pingluo):
    import pypdfium2 as pdfium

    data = render(pingluo, "pdf")
    assert b"/FontFile2" in data  # TrueType programs embedded, not merely named
    doc = pdfium.PdfDocument(data)
    try:
        assert doc.get_metadata_value("Title") == (
            f"{pingluo.agency}{pingluo.year}年政府信息公开工作年度报告"
        )
        first = doc[0].get_textpage().get_text_bounded()
        last = doc[len(doc) - 1].get_textpage().get_text_bounded()
        assert "— 1 —" in first
        assert f"— {len(doc)} —" in last
        assert abs(doc[0].get_size()[0] - 595.27) < 1
    finally:
        doc.close()


def test_a_missing_chinese_font_names_the_package_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_render, "DEFAULT_FONT_DIRS", ())
    monkeypatch.delenv(pdf_render.FONT_DIRS_ENV, raising=False)
    with pytest.raises(pdf_render.CjkFontMissing, match="fonts-arphic-uming"):
        pdf_render.find_fonts([tmp_path])


def test_fonts_are_found_by_file_name_in_a_given_directory(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_render, "DEFAULT_FONT_DIRS", ())
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "SIMFANG.TTF").write_bytes(b"")
    (tmp_path / "simhei.ttf").write_bytes(b"")
    monkeypatch.setenv(pdf_render.FONT_DIRS_ENV, str(tmp_path))
    fonts = pdf_render.find_fonts()
    assert fonts["body"].path.name == "SIMFANG.TTF"
    assert fonts["heading"].path.name == "simhei.ttf"
    assert fonts["kai"] == fonts["body"]


# --- XLSX and the dispatch -------------------------------------------------------------------


def test_xlsx_has_one_sheet_per_table_with_merged_headers_and_numbers():
    report = sample_report(11)
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))
    assert wb.sheetnames == ["表二", "表三", "表四"]
    t3 = wb["表三"]
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert {"A3:C5", "D3:J3", "E4:I4", "D4:D5", "J4:J5", "A8:A29", "B10:B17"} <= merged
    assert t3["A3"].value == rt.TABLE3_NOTE
    first = 6
    for i, key in enumerate(rt.TABLE3_KEYS):
        values = [t3.cell(row=first + i, column=4 + c).value for c in range(7)]
        assert values == list(report.table3.row(key))
    t4 = wb["表四"]
    assert [c.value for c in t4[6]] == [v for _, g in report.table4.groups() for v in g.values()]
    assert "A3:E4" in {str(r) for r in t4.merged_cells.ranges}


def test_consolidated_xlsx_has_a_summary_and_one_sheet_per_body():
    reports = [sample_report(s) for s in (1, 2, 3)]
    reports[2] = replace(reports[2], agency=reports[0].agency)
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx_consolidated(reports)))
    assert wb.sheetnames[0] == "汇总"
    assert len(wb.sheetnames) == 4
    assert len(set(wb.sheetnames)) == 4
    summary = wb["汇总"]
    total = rt.TABLE3_COLUMNS.index("total")
    assert [summary.cell(row=2 + i, column=4).value for i in range(3)] == [
        r.table3.cell("new", total) for r in reports
    ]
    assert summary.cell(row=5, column=1).value == "合计"
    assert summary.cell(row=5, column=4).value == "=SUM(D2:D4)"


def test_sheet_names_are_valid_and_unique():
    taken = {"汇总"}
    long = "某省某市某县某某某某某某某某某某某某某某某某某某某某某某某某某某某某局"
    first = sheet_name(long, taken)
    second = sheet_name(long, taken)
    assert len(first) == len(second) == 31
    assert first != second
    assert sheet_name("a/b:c*d?[e]", taken) == "abcde"


def test_rendered_json_follows_the_published_schema(pingluo):
    document = json.loads(render(audit(pingluo), "json"))
    assert validate(document, json_schema()) == []
    assert AnnualReport.from_json(document).table3 == pingluo.table3


def test_render_dispatches_every_format():
    report = sample_report(5)
    formats = [f for f in RENDER_FORMATS if f != "pdf" or _fonts_installed()]
    outputs = {f: render(report, f) for f in formats}
    assert outputs["docx"].startswith(b"PK")
    assert outputs["xlsx"].startswith(b"PK")
    assert outputs["html"].startswith(b"<!doctype html>")
    assert AnnualReport.loads(outputs["json"].decode()) == report
    assert outputs["text"].decode().startswith(report.agency)
    with pytest.raises(ValueError, match="未知的输出格式"):
        render(report, "odt")


def test_table2_fee_prints_exactly_as_stored():
    report = replace(
        sample_report(9), table2=replace(sample_report(9).table2, fees_wan_yuan="12.50")
    )
    parsed = parse_bytes(render(report, "html"), "r.html")
    assert parsed.table2.fees_wan_yuan == "12.50"
