"""Hypothesis: rendered reports parse back equal; any single wrong cell is caught."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annual.report import rows as rt
from gongkai.annual.report.checks import audit
from gongkai.annual.report.model import Group4, Table2, Table4, Triple
from gongkai.annual.report.parsers import ReportUnreadable, parse_bytes
from gongkai.annual.report.render import render_docx, render_html, render_text
from gongkai.annual.report.samples import sample_report
from gongkai.annual.tests.helpers import with_cell

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RENDERERS = {
    "txt": lambda r: render_text(r).encode("utf-8"),
    "html": lambda r: render_html(r).encode("utf-8"),
    "docx": render_docx,
}


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    kind=st.sampled_from(sorted(RENDERERS)),
    single_other=st.booleans(),
)
def test_a_consistent_report_renders_and_parses_back_equal(seed, kind, single_other):
    report = sample_report(seed, single_other=single_other)
    parsed = audit(parse_bytes(RENDERERS[kind](report), f"r.{kind}"))
    assert parsed.agency == report.agency
    assert parsed.year == report.year
    assert parsed.table2 == report.table2
    assert parsed.table3 == report.table3
    assert parsed.table4 == report.table4
    assert parsed.errors == ()


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    key=st.sampled_from(rt.TABLE3_KEYS),
    col=st.integers(0, 6),
    delta=st.integers(1, 50),
)
def test_one_wrong_cell_of_table3_is_always_caught(seed, key, col, delta):
    report = sample_report(seed)
    mutated = with_cell(report, key, col, report.table3.cell(key, col) + delta)
    assert audit(mutated).errors


@SETTINGS
@given(seed=st.integers(0, 10**6), index=st.integers(0, 14), delta=st.integers(1, 50))
def test_one_wrong_cell_of_table4_is_always_caught(seed, index, delta):
    report = sample_report(seed)
    flat = [v for _, g in report.table4.groups() for v in g.values()]
    flat[index] = (flat[index] or 0) + delta
    mutated = replace(report, table4=Table4.from_values(flat))
    assert {f.rule for f in audit(mutated).errors} == {"table4.group_sum"}


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    field=st.sampled_from(["made", "repealed", "in_force"]),
    delta=st.integers(1, 50),
)
def test_one_wrong_table2_count_is_caught_against_the_previous_year(seed, field, delta):
    prev = sample_report(seed)
    base = prev.table2.normative_documents
    cur_triple = Triple(3, 1, (base.in_force or 0) + 2)
    cur = replace(sample_report(seed + 1), table2=Table2(normative_documents=cur_triple))
    assert not [f for f in audit(cur, prev).findings if f.rule == "table2.in_force_trend"]
    wrong = replace(cur_triple, **{field: getattr(cur_triple, field) + delta})
    mutated = replace(cur, table2=Table2(normative_documents=wrong))
    assert [f for f in audit(mutated, prev).findings if f.rule == "table2.in_force_trend"]


@SETTINGS
@given(seed=st.integers(0, 10**6), cut=st.integers(1, 2000))
def test_truncated_or_garbled_text_never_crashes(seed, cut):
    data = render_text(sample_report(seed)).encode("utf-8")[:cut]
    report = _read_or_none(data, "cut.txt")
    assert report is None or isinstance(report.findings, tuple)


@SETTINGS
@given(
    data=st.binary(min_size=0, max_size=3000),
    name=st.sampled_from(["x.txt", "x.html", "x.docx", "x.pdf"]),
)
def test_random_bytes_never_crash(data, name):
    _read_or_none(data, name)


def _read_or_none(data, name):
    """Any exception other than the documented ReportUnreadable fails the test."""
    try:
        return audit(parse_bytes(data, name))
    except ReportUnreadable:
        return None


def test_group4_values_order_matches_the_printed_columns():
    assert Group4(1, 2, 3, 4, 10).values() == (1, 2, 3, 4, 10)
