import pytest

from gongkai.annual.report.checks import audit
from gongkai.annual.report.numbers import Ambiguous, parse_int, split_digits
from gongkai.annual.report.parsers import ReportUnreadable, parse_bytes, read_report
from gongkai.annual.report.render import render_text
from gongkai.annual.tests.helpers import consistent
from gongkai.annual.tests.paths import FIXTURES


def errors(report):
    return sorted({f.rule for f in audit(report).errors})


def test_consistent_fixture_reads_without_findings():
    report = audit(read_report(FIXTURES / "consistent-2022.txt"))
    assert report.agency == "某县自然资源局"
    assert report.year == 2022
    assert report.table3.row("new") == (700, 30, 0, 2, 5, 0, 737)
    assert report.errors == ()


def test_inconsistent_fixture_raises_each_kind_of_error():
    report = audit(read_report(FIXTURES / "inconsistent-2022.txt"))
    assert errors(report) == [
        "narrative.table",
        "table3.balance",
        "table3.result_sum",
        "table3.row_sum",
        "table4.group_sum",
    ]
    assert any(f.rule == "narrative.sum" for f in report.findings)


def test_trial_format_is_told_from_the_table():
    report = audit(read_report(FIXTURES / "trial-2019.txt"))
    assert report.format_version == "2019-trial"
    assert report.scope == "consolidated"
    assert report.table3.row("other_1") == (None,) * 7
    assert report.table3.row("other_3") == (40, 1, 0, 0, 0, 0, 41)
    assert report.table2.regulations.made is None
    assert report.errors == ()


def test_single_other_row_under_2021_table2_is_a_label_variant():
    text = (FIXTURES / "trial-2019.txt").read_text()
    head, rest = text.split("二、主动公开政府信息情况")
    new_t2 = render_text(consistent()).split("二、主动公开政府信息情况")[1].split("三、收到")[0]
    body = head + "二、主动公开政府信息情况" + new_t2 + "三、收到" + rest.split("三、收到", 1)[1]
    report = audit(parse_bytes(body.encode(), "mixed.txt"))
    assert report.format_version == "2021"
    variant = [f for f in report.findings if f.rule == "structure.label_variant"]
    assert [f.location for f in variant] == ["table3.rows.other_3"]
    assert report.errors == ()


def test_run_together_digits_are_split_by_the_row_equation():
    assert split_digits(["200", "000121"], 7, lambda v: sum(v[:6]) == v[6]) == (
        20, 0, 0, 0, 0, 1, 21,
    )  # fmt: skip
    assert split_digits(["21710000218"], 7, lambda v: sum(v[:6]) == v[6]) == (
        217, 1, 0, 0, 0, 0, 218,
    )  # fmt: skip


def test_ambiguous_run_together_digits_are_refused():
    with pytest.raises(Ambiguous):
        split_digits(["1111"], 3, lambda v: True)


def test_run_together_row_in_text_is_recovered_or_unreadable():
    text = (FIXTURES / "consistent-2022.txt").read_text()
    glued = text.replace(
        "（一）予以公开\t\t400\t20\t0\t1\t3\t0\t424", "（一）予以公开\t\t40020013 0424"
    )
    report = audit(parse_bytes(glued.encode(), "glued.txt"))
    assert report.table3.row("granted") == (400, 20, 0, 1, 3, 0, 424)
    assert any(f.rule == "structure.recovered" for f in report.findings)
    broken = text.replace(
        "（一）予以公开\t\t400\t20\t0\t1\t3\t0\t424", "（一）予以公开\t\t4002001111"
    )
    report2 = audit(parse_bytes(broken.encode(), "broken.txt"))
    assert report2.table3.row("granted") == (None,) * 7
    unreadable = [f for f in report2.findings if f.rule == "structure.table_unreadable"]
    assert len(unreadable) == 1
    assert "予以公开" in unreadable[0].message
    assert "table3.row_sum" not in {f.rule for f in report2.findings}


def test_full_width_digits_thousands_and_empty_markers():
    assert parse_int("１２") == 12
    assert parse_int("1,234") == 1234
    for empty in ("/", "-", "—", "", "／"):
        assert parse_int(empty) is None
    with pytest.raises(ValueError, match="abc"):
        parse_int("abc")


def test_gbk_encoded_text_is_decoded():
    data = (FIXTURES / "consistent-2022.txt").read_text().encode("gbk")
    report = parse_bytes(data, "gbk.txt")
    assert report.agency == "某县自然资源局"
    assert report.table3.cell("new", 6) == 737


def test_vertical_header_broken_one_char_per_line_is_ignored():
    text = (FIXTURES / "consistent-2022.txt").read_text()
    vertical = "\n".join("三、本年度办理结果")
    text = text.replace("（本列数据的勾稽关系", vertical + "\n（本列数据的勾稽关系")
    report = audit(parse_bytes(text.encode(), "v.txt"))
    assert report.table3.cell("total", 6) == 728
    assert report.errors == ()


def test_agency_and_year_overrides():
    report = read_report(FIXTURES / "consistent-2022.txt", agency="某某局", year=2021)
    assert (report.agency, report.year) == ("某某局", 2021)


def test_missing_sections_are_reported():
    text = (FIXTURES / "consistent-2022.txt").read_text()
    cut = text.split("五、存在的主要问题及改进情况")[0]
    report = audit(parse_bytes(cut.encode(), "cut.txt"))
    missing = sorted(f.location for f in report.findings if f.rule == "structure.section_missing")
    assert missing == ["sections.5", "sections.6"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "为空"),
        (b"   \n\n", "为空"),
        (b"\x00\x01\x02binary\x00" * 100, "二进制"),
    ],
)
def test_unreadable_inputs_raise_a_clear_error(data, reason):
    with pytest.raises(ReportUnreadable, match=reason):
        parse_bytes(data, "x.txt")


def test_random_text_is_read_as_a_report_with_structural_errors():
    report = audit(parse_bytes("随便写的一些文字 123 456\nhello".encode(), "junk.txt"))
    assert "structure.table_unreadable" in {f.rule for f in report.errors}
    assert "structure.section_missing" in {f.rule for f in report.errors}
