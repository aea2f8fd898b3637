"""The 表三 outcome table, applicant categories and channels (no database)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from gongkai.applications.outcomes import (
    APPLICANT_LABELS,
    CHANNELS,
    GROUP_LABELS,
    OUTCOME_KEYS,
    OUTCOMES,
    ApplicantCategory,
    Channel,
    OutcomeGroup,
    ReceiptEvents,
    ReceiptRule,
    Refusal,
    ReplyLetter,
    applicant_category_from_label,
    channel_from_label,
    fold,
    outcome_by_key,
    outcome_from_label,
    receipt_date,
)
from gongkai.core.errors import ValidationFailed

#: report-json.md, table3 rows between carried_over and total.
REPORT_RESULT_KEYS = (
    "granted",
    "partial",
    *(f"denied_{i}" for i in range(1, 9)),
    *(f"unable_{i}" for i in range(1, 4)),
    *(f"not_processed_{i}" for i in range(1, 6)),
    *(f"other_{i}" for i in range(1, 4)),
)

#: regulations.md §1.5, the national wording of each leaf row.
NATIONAL_LABELS = {
    "granted": "（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied_1": "1.属于国家秘密",
    "denied_2": "2.其他法律行政法规禁止公开",
    "denied_3": "3.危及“三安全一稳定”",
    "denied_4": "4.保护第三方合法权益",
    "denied_5": "5.属于三类内部事务信息",
    "denied_6": "6.属于四类过程性信息",
    "denied_7": "7.属于行政执法案卷",
    "denied_8": "8.属于行政查询事项",
    "unable_1": "1.本机关不掌握相关政府信息",
    "unable_2": "2.没有现成信息需要另行制作",
    "unable_3": "3.补正后申请内容仍不明确",
    "not_processed_1": "1.信访举报投诉类申请",
    "not_processed_2": "2.重复申请",
    "not_processed_3": "3.要求提供公开出版物",
    "not_processed_4": "4.无正当理由大量反复申请",
    "not_processed_5": "5.要求行政机关确认或重新出具已获取信息",
    "other_1": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_2": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_3": "3.其他",
}


def test_there_are_exactly_the_21_result_rows_in_report_order():
    """表三 三、本年度办理结果 spans 22 rows: 21 result rows plus （七）总计."""
    assert OUTCOME_KEYS == REPORT_RESULT_KEYS
    assert len(OUTCOMES) == 21


@pytest.mark.parametrize(("key", "label"), NATIONAL_LABELS.items())
def test_each_row_carries_the_exact_national_label(key, label):
    assert outcome_by_key(key).label == label


def test_group_labels_are_the_national_wording():
    assert outcome_by_key("denied_3").group_label == "（三）不予公开"
    assert outcome_by_key("unable_1").group_label == "（四）无法提供"
    assert outcome_by_key("not_processed_5").group_label == "（五）不予处理"
    assert outcome_by_key("other_2").group_label == "（六）其他处理"
    assert outcome_by_key("denied_3").full_label == "（三）不予公开 3.危及“三安全一稳定”"
    assert outcome_by_key("granted").full_label == "（一）予以公开"
    assert set(GROUP_LABELS) == set(OutcomeGroup)


def test_row_keys_start_with_their_group():
    for outcome in OUTCOMES:
        assert outcome.key.rsplit("_", 1)[0] == outcome.group.value or (
            outcome.key == outcome.group.value
        )


def test_numbered_rows_are_numbered_in_order_within_their_group():
    for group in (OutcomeGroup.DENIED, OutcomeGroup.UNABLE, OutcomeGroup.NOT_PROCESSED):
        rows = [o for o in OUTCOMES if o.group is group]
        assert [o.label.split(".")[0] for o in rows] == [str(i) for i in range(1, len(rows) + 1)]


def test_unknown_key_is_a_key_error():
    with pytest.raises(KeyError):
        outcome_by_key("total")


def test_denied_rows_cite_article_36_and_the_exemption():
    """Mapping of regulations.md §1.7 (条例 2019)."""
    assert outcome_by_key("denied_3").basis == "第三十六条第（三）项、第十四条"
    assert outcome_by_key("denied_4").basis == "第三十六条第（三）项、第十五条、第三十二条"
    assert outcome_by_key("denied_5").basis == "第三十六条第（三）项、第十六条第一款"
    assert outcome_by_key("denied_7").basis == "第三十六条第（三）项、第十六条第二款"
    assert outcome_by_key("denied_8").basis == "第三十六条第（七）项"
    assert outcome_by_key("partial").basis == "第三十七条"
    assert outcome_by_key("unable_2").basis == "第三十八条"
    assert outcome_by_key("not_processed_1").basis == "第三十九条第一款"
    assert outcome_by_key("not_processed_3").basis == "第三十九条第二款"
    assert outcome_by_key("not_processed_4").basis == "第三十五条"
    assert outcome_by_key("other_1").basis == "第三十条"


def test_rows_without_a_national_article_say_so():
    for key in ("not_processed_5", "other_3"):
        outcome = outcome_by_key(key)
        assert outcome.basis == ""
        assert "[U]" in outcome.note


def test_every_basis_is_written_as_articles():
    article = re.compile(r"^第[一二三四五六七八九十]+条")
    for outcome in OUTCOMES:
        if outcome.basis:
            assert article.match(outcome.basis), outcome.key


def test_reply_letters():
    assert outcome_by_key("denied_3").letter is ReplyLetter.DENIED
    assert outcome_by_key("denied_3").letter == "reply_denied"
    assert outcome_by_key("granted").letter is ReplyLetter.GRANTED
    assert outcome_by_key("unable_1").letters == (
        ReplyLetter.NOT_EXIST,
        ReplyLetter.NOT_RESPONSIBLE,
    )
    for letter in ReplyLetter:
        assert letter.heading.startswith("政府信息公开申请")


def test_review_first_for_all_denied_rows_and_for_partial_only():
    """行政复议法（2023）第二十三条第一款第四项: 申请政府信息公开，行政机关不予公开."""
    first = {o.key for o in OUTCOMES if o.review_first}
    assert first == {f"denied_{i}" for i in range(1, 9)} | {"partial"}
    assert outcome_by_key("partial").refusal is Refusal.WITHHELD_PART
    assert outcome_by_key("denied_1").refusal is Refusal.WHOLE
    assert outcome_by_key("unable_1").refusal is Refusal.NONE


def test_fold_removes_spaces_width_and_quotes():
    assert fold(" 不予公开／危及“三安全一稳定”　") == "不予公开/危及三安全一稳定"
    assert fold("（三）") == "(三)"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("属于国家秘密", "denied_1"),
        ("不予公开-属于国家秘密", "denied_1"),
        ("不予公开/属于国家秘密", "denied_1"),
        ("不予公开／属于国家秘密", "denied_1"),
        ("不予公开－属于国家秘密", "denied_1"),
        ("不予公开：属于国家秘密", "denied_1"),
        ("不予公开 - 属于国家秘密", "denied_1"),
        ("（三）不予公开 1.属于国家秘密", "denied_1"),
        ("1.属于国家秘密", "denied_1"),
        ("１．属于国家秘密", "denied_1"),
        ("予以公开", "granted"),
        ("（一）予以公开", "granted"),
        ("部分公开", "partial"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partial"),
        ("危及“三安全一稳定”", "denied_3"),
        ('危及"三安全一稳定"', "denied_3"),
        ("危及三安全一稳定", "denied_3"),
        ("不予公开-危及「三安全一稳定」", "denied_3"),
        ("三类内部事务信息", "denied_5"),
        ("不予公开-属于四类过程性信息", "denied_6"),
        ("其他法律法规禁止公开", "denied_2"),
        ("无法提供-本机关不掌握相关政府信息", "unable_1"),
        ("没有现成信息需要另行制作", "unable_2"),
        ("无法提供/补正后申请内容仍不明确", "unable_3"),
        ("不予处理-信访举报投诉类申请", "not_processed_1"),
        ("重复申请", "not_processed_2"),
        (" 2. 重复申请 ", "not_processed_2"),
        ("要求行政机关确认或重新出具已获取信息", "not_processed_5"),
        ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_1"),
        ("申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", "other_1"),
        ("其他处理-申请人无正当理由逾期不补正", "other_1"),
        ("申请人逾期未按收费通知要求缴纳费用", "other_2"),
        ("其他", "other_3"),
        ("其他处理-其他", "other_3"),
        ("（六）其他处理 3.其他", "other_3"),
    ],
)
def test_accepted_ledger_spellings(text, key):
    outcome = outcome_from_label(text)
    assert outcome is not None, text
    assert outcome.key == key


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "不予公开",
        "无法提供",
        "其他处理",
        "无法提供-属于国家秘密",
        "予以公开-属于国家秘密",
        "5.重复申请",
        "国家机密",
        "同意公开",
    ],
)
def test_unknown_ambiguous_or_misplaced_labels_are_refused(text):
    assert outcome_from_label(text) is None


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda o: o.key)
def test_every_national_label_is_recognised_alone_and_with_its_group(outcome):
    assert outcome_from_label(outcome.label) is outcome
    assert outcome_from_label(outcome.full_label) is outcome
    assert outcome_from_label(outcome.wording) is outcome
    for variant in outcome.variants:
        assert outcome_from_label(variant) is outcome


def test_applicant_categories_are_the_six_report_columns():
    """report-json.md columns natural_person … other; 表三 labels."""
    assert [c.value for c in ApplicantCategory] == [
        "natural_person",
        "commercial",
        "research",
        "public_interest",
        "legal_service",
        "other",
    ]
    assert list(APPLICANT_LABELS.values()) == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert not ApplicantCategory.NATURAL_PERSON.is_organisation
    assert ApplicantCategory.LEGAL_SERVICE.is_organisation


def test_applicant_category_labels_are_matched_strictly():
    assert applicant_category_from_label(" 商业企业 ") is ApplicantCategory.COMMERCIAL
    assert applicant_category_from_label("社会公益组织") is ApplicantCategory.PUBLIC_INTEREST
    assert applicant_category_from_label("个体户") is None
    assert applicant_category_from_label("") is None


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("当面", Channel.IN_PERSON),
        ("现场", Channel.IN_PERSON),
        ("信函", Channel.LETTER),
        ("邮寄", Channel.LETTER),
        ("挂号信", Channel.LETTER),
        ("平信", Channel.ORDINARY_MAIL),
        ("网络", Channel.ONLINE),
        ("在线", Channel.ONLINE),
        (" 网 上 ", Channel.ONLINE),
        ("传真", Channel.FAX),
        ("电子邮件", Channel.EMAIL),
        ("口头", Channel.ORAL),
    ],
)
def test_channel_labels_and_synonyms(text, channel):
    assert channel_from_label(text) is channel


def test_unknown_channel_is_refused():
    assert channel_from_label("微信") is None


def test_receipt_rules_per_channel_follow_article_31():
    rules = {c: c.receipt_rule for c in Channel}
    assert rules == {
        Channel.IN_PERSON: ReceiptRule.SUBMITTED,
        Channel.ORAL: ReceiptRule.SUBMITTED,
        Channel.LETTER: ReceiptRule.SIGNED_FOR,
        Channel.ORDINARY_MAIL: ReceiptRule.CONFIRMED,
        Channel.ONLINE: ReceiptRule.CONFIRMED,
        Channel.FAX: ReceiptRule.CONFIRMED,
        Channel.EMAIL: ReceiptRule.CONFIRMED,
    }
    for spec in CHANNELS.values():
        assert "第三十一条" in spec.basis


EVENTS = ReceiptEvents(
    submitted_on=date(2025, 3, 3),
    signed_for_on=date(2025, 3, 5),
    confirmed_on=date(2025, 3, 6),
)


@pytest.mark.parametrize(
    ("channel", "expected"),
    [
        (Channel.IN_PERSON, date(2025, 3, 3)),
        (Channel.ORAL, date(2025, 3, 3)),
        (Channel.LETTER, date(2025, 3, 5)),
        (Channel.ORDINARY_MAIL, date(2025, 3, 6)),
        (Channel.ONLINE, date(2025, 3, 6)),
        (Channel.FAX, date(2025, 3, 6)),
        (Channel.EMAIL, date(2025, 3, 6)),
    ],
)
def test_receipt_date_is_the_event_article_31_names(channel, expected):
    assert receipt_date(channel, EVENTS) == expected


def test_online_submission_without_confirmation_has_no_receipt_date():
    """第三十一条第（三）项: the plain submission timestamp is not enough."""
    with pytest.raises(ValidationFailed) as excinfo:
        receipt_date(Channel.ONLINE, ReceiptEvents(submitted_on=date(2025, 3, 3)))
    assert excinfo.value.code == "receipt_event_missing"
    assert "双方确认之日" in excinfo.value.message


def test_registered_letter_needs_the_signing_date():
    with pytest.raises(ValidationFailed, match="签收"):
        receipt_date(Channel.LETTER, ReceiptEvents(submitted_on=date(2025, 3, 3)))


def test_deciding_event_cannot_precede_the_submission():
    events = ReceiptEvents(submitted_on=date(2025, 3, 3), confirmed_on=date(2025, 3, 1))
    with pytest.raises(ValidationFailed) as excinfo:
        receipt_date(Channel.FAX, events)
    assert excinfo.value.code == "receipt_event_before_submission"
