import pytest

from gongkai.annual.report import rows as rt


def test_table3_has_25_rows_and_21_result_rows():
    assert len(rt.TABLE3_KEYS) == 25
    assert len(rt.TABLE3_RESULT_KEYS) == 21
    assert rt.TABLE3_RESULT_KEYS[0] == "granted"
    assert rt.TABLE3_RESULT_KEYS[-1] == "other_3"
    assert len(set(rt.TABLE3_KEYS)) == 25


@pytest.mark.parametrize("spec", rt.TABLE3_ROWS, ids=lambda s: s.key)
def test_every_official_table3_label_is_recognised_as_itself(spec):
    found = rt.match_table3_label(rt.fold(spec.label))
    assert found is not None
    key, leaf = found
    assert key == spec.key
    assert not rt.is_label_variant(key, leaf)


@pytest.mark.parametrize("spec", rt.TABLE2_ROWS, ids=lambda s: s.key)
def test_every_official_table2_label_is_recognised_as_itself(spec):
    found = rt.match_table2_label(rt.fold(spec.label))
    assert found is not None
    assert found[0] == spec.key
    assert not rt.is_label_variant(found[0], found[1])


def test_a_label_with_group_heading_names_the_leaf():
    assert rt.match_table3_label(rt.fold("（三）不予公开 1.属于国家秘密"))[0] == "denied_1"
    assert rt.match_table3_label(rt.fold("三、本年度办理结果（一）予以公开"))[0] == "granted"
    assert rt.match_table3_label(rt.fold("（三）不予公开")) is None


def test_known_wording_variants_are_told_apart():
    key, leaf = rt.match_table3_label(rt.fold("2.其他法律法规禁止公开"))
    assert key == "denied_2"
    assert rt.is_label_variant(key, leaf)
    key2, leaf2 = rt.match_table2_label(rt.fold("规范性文件"))
    assert key2 == "normative_documents"
    assert rt.is_label_variant(key2, leaf2)


def test_a_label_cut_short_by_wrapping_is_not_a_variant():
    key, leaf = rt.match_table3_label(rt.fold("（二）部分公开（区分处理的，只计这一"))
    assert key == "partial"
    assert not rt.is_label_variant(key, leaf)


def test_the_single_other_row_of_the_trial_format_maps_to_other_3():
    assert rt.match_table3_label(rt.fold("（六）其他处理")) == ("other_3", "(六)其他处理")


def test_fold_unifies_width_quotes_and_blanks():
    assert rt.fold("（ 一 ）１２ “三安全一稳定”") == '(一)12"三安全一稳定"'
