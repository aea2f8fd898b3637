"""PDF through the text layer; the test PDFs are generated with reportlab's CID font."""

import io

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from gongkai.annual.report import rows as rt
from gongkai.annual.report.checks import audit
from gongkai.annual.report.parsers import ReportUnreadable, parse_bytes
from gongkai.annual.report.render.layout import table2_grid, table4_grid, title
from gongkai.annual.tests.helpers import consistent

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _table3_rows(report):
    out = []
    for key in rt.TABLE3_KEYS:
        label = rt.TABLE3_BY_KEY[key].label
        out.append([label, *("/" if v is None else str(v) for v in report.table3.row(key))])
    return out


def _flat(grid):
    width = max(c.col + c.colspan for row in grid for c in row)
    rows = []
    for row in grid:
        slots = [""] * width
        for c in row:
            slots[c.col] = c.text
        rows.append(slots)
    return rows


def make_pdf(report, *, split_at=14):
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4)
    style = ParagraphStyle("zh", fontName=FONT, fontSize=9, leading=12)
    ts = TableStyle(
        [("FONT", (0, 0), (-1, -1), FONT, 6), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    )
    story = [Paragraph(title(report), style)]
    story.append(Paragraph("一、总体情况", style))
    story.append(Paragraph(report.sections["1"], style))
    story.append(Paragraph("二、主动公开政府信息情况", style))
    story.append(Table(_flat(table2_grid(report)), style=ts))
    story.append(Paragraph("三、收到和处理政府信息公开申请情况", style))
    header = [["", *rt.TABLE3_COLUMN_LABELS.values()]]
    rows = _table3_rows(report)
    story.append(Table(header + rows[:split_at], style=ts))
    story.append(PageBreak())
    story.append(Table(rows[split_at:], style=ts))
    story.append(Paragraph("四、政府信息公开行政复议、行政诉讼情况", style))
    story.append(Table(_flat(table4_grid(report)), style=ts))
    story.append(Paragraph("五、存在的主要问题及改进情况", style))
    story.append(Paragraph(report.sections["5"], style))
    story.append(Paragraph("六、其他需要报告的事项", style))
    story.append(Paragraph(report.sections["6"], style))
    doc.build(story)
    return buf.getvalue()


def test_two_page_pdf_table_reads_back():
    report = consistent(31)
    data = make_pdf(report)
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") >= 2 or b"/Count 2" in data
    parsed = audit(parse_bytes(data, "r.pdf"))
    assert parsed.agency == report.agency
    assert parsed.year == report.year
    assert parsed.table3 == report.table3
    assert parsed.table4 == report.table4
    assert parsed.table2 == report.table2
    assert parsed.errors == ()


def test_pdf_without_text_layer_is_unreadable_tables_not_a_crash():
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 300, 300)
    c.showPage()
    c.save()
    report = audit(parse_bytes(buf.getvalue(), "scan.pdf"))
    unreadable = [f for f in report.findings if f.rule == "structure.table_unreadable"]
    assert len(unreadable) == 3
    assert "文本层" in unreadable[0].message


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_truncated_pdf_gives_a_clear_error_or_a_report(cut):
    data = make_pdf(consistent(32))
    part = data[: int(len(data) * cut)]
    outcome = check_one_bytes(part)
    assert outcome == "unreadable" or outcome.startswith("report")


def check_one_bytes(data):
    try:
        report = audit(parse_bytes(data, "cut.pdf"))
    except ReportUnreadable as exc:
        return "unreadable" if "PDF" in exc.reason else exc.reason
    return f"report with {len(report.findings)} findings"


@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", "BOTTOM"])
@pytest.mark.parametrize("seed", [0, 5])
def test_wrapped_labels_and_closely_set_cells_in_a_pdf_table(seed, valign):
    """Labels wrap over several lines, numbers sit on any of them, narrow cells run together."""
    report = consistent(seed)
    style = ParagraphStyle("zh", fontName=FONT, fontSize=7, leading=9)
    rows = [
        [Paragraph(rt.TABLE3_BY_KEY[k].label, style), *(str(v) for v in report.table3.row(k))]
        for k in rt.TABLE3_KEYS
    ]
    ts = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 7),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), valign),
        ]
    )
    buf = io.BytesIO()
    story = [
        Paragraph(title(report), style),
        Paragraph("三、收到和处理政府信息公开申请情况", style),
        Table(rows, colWidths=[70] + [40] * 7, style=ts),
        Paragraph("四、政府信息公开行政复议、行政诉讼情况", style),
    ]
    SimpleDocTemplate(buf, pagesize=A4).build(story)
    parsed = audit(parse_bytes(buf.getvalue(), "wrapped.pdf"))
    assert parsed.table3 == report.table3
