import base64
import io

import docx
import pytest

from gongkai.annual.report.checks import audit
from gongkai.annual.report.parsers import ReportUnreadable, parse_bytes
from gongkai.annual.report.render import render_docx
from gongkai.annual.tests.helpers import consistent


def test_docx_with_merged_cells_reads_back():
    report = consistent(21)
    data = render_docx(report)
    document = docx.Document(io.BytesIO(data))
    # the renderer really merges: the 三、本年度办理结果 cell spans 22 rows
    t3 = document.tables[1]
    assert t3.cell(5, 0)._tc is t3.cell(20, 0)._tc
    parsed = audit(parse_bytes(data, "r.docx"))
    assert parsed.table3 == report.table3
    assert parsed.table2 == report.table2
    assert parsed.table4 == report.table4
    assert parsed.errors == ()


def test_corrupt_docx_is_unreadable():
    data = render_docx(consistent())[:3000]
    with pytest.raises(ReportUnreadable, match="docx"):
        parse_bytes(data, "bad.docx")


PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


def test_docx_whose_tables_are_pictures_is_unreadable_not_a_crash():
    document = docx.Document()
    document.add_paragraph("某县民政局2023年政府信息公开工作年度报告")
    for heading in ("一、总体情况", "二、主动公开政府信息情况"):
        document.add_paragraph(heading)
    document.add_picture(io.BytesIO(PNG_1X1))
    buf = io.BytesIO()
    document.save(buf)
    report = audit(parse_bytes(buf.getvalue(), "pictures.docx"))
    unreadable = [f for f in report.findings if f.rule == "structure.table_unreadable"]
    assert unreadable
    assert all("图片" in f.message for f in unreadable)
