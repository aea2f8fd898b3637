"""The legal vocabulary of an application (件): outcomes, applicant categories, channels.

Plain Python, importable without Django settings. Each table here is the one home of its rule:

- :data:`OUTCOMES`: the 21 result rows （一）…（六）3 of 表三 (国办公开办函〔2021〕30号), each with
  its report key (``docs/report-json.md``), exact national label, 条例 basis, reply letter and
  whether 行政复议 must come first (行政复议法（2023）第二十三条第一款第四项);
- :class:`ApplicantCategory`: the six applicant columns of 表三;
- :class:`Channel` and :func:`receipt_date`: 条例 第三十一条, the date of receipt per channel.

Article numbers without a law name are those of the 《中华人民共和国政府信息公开条例》 (2019,
国务院令第711号). Labels are statutory wording and are never translated.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gongkai.core.errors import ValidationFailed

# --------------------------------------------------------------------------------------------
# Folding of labels typed by people (ledger cells, headers)
# --------------------------------------------------------------------------------------------

_QUOTES = "\"'“”‘’「」『』〝〞＂＇"
_QUOTE_TABLE = str.maketrans("", "", _QUOTES)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Normalise a label for comparison: full-width forms to half-width (NFKC), no spaces at all,
    no quotation marks of any kind.

    ``“不予公开／危及“三安全一稳定” ”`` and ``不予公开/危及三安全一稳定`` fold to the same text.
    """
    folded = unicodedata.normalize("NFKC", text)
    folded = _SPACE.sub("", folded)
    return folded.translate(_QUOTE_TABLE)


# --------------------------------------------------------------------------------------------
# Reply letters
# --------------------------------------------------------------------------------------------


class ReplyLetter(StrEnum):
    """The type of the final answer (答复书/告知书) an outcome calls for.

    The set follows 条例 第三十六条至第三十九条 and the 江苏 reference forms forwarded by
    国办公开办函〔2020〕2号 (regulations.md §4.1, §4.3).
    """

    GRANTED = "reply_granted"
    PARTIAL = "reply_partial"
    DENIED = "reply_denied"
    SPECIAL_PROCEDURE = "reply_special_procedure"
    NOT_EXIST = "reply_not_exist"
    NOT_RESPONSIBLE = "reply_not_responsible"
    NO_READY_INFORMATION = "reply_no_ready_information"
    STILL_UNCLEAR = "reply_still_unclear"
    PETITION = "reply_petition"
    REPEATED = "reply_repeated"
    PUBLICATION = "reply_publication"
    EXCESSIVE = "reply_excessive"
    CONFIRMATION = "reply_confirmation"
    CORRECTION_LAPSED = "notice_correction_lapsed"
    FEE_UNPAID = "notice_fee_unpaid"
    OTHER = "reply_other"

    @property
    def heading(self) -> str:
        """The letter's heading as printed."""
        return LETTER_TITLES[self]


LETTER_TITLES: dict[ReplyLetter, str] = {
    ReplyLetter.GRANTED: "政府信息公开申请答复书（予以公开）",
    ReplyLetter.PARTIAL: "政府信息公开申请答复书（部分公开）",
    ReplyLetter.DENIED: "政府信息公开申请答复书（不予公开）",
    ReplyLetter.SPECIAL_PROCEDURE: "政府信息公开申请答复书（依照有关法律、行政法规规定办理）",
    ReplyLetter.NOT_EXIST: "政府信息公开申请答复书（信息不存在）",
    ReplyLetter.NOT_RESPONSIBLE: "政府信息公开申请答复书（不属于本机关负责公开）",
    ReplyLetter.NO_READY_INFORMATION: "政府信息公开申请答复书（需要另行制作）",
    ReplyLetter.STILL_UNCLEAR: "政府信息公开申请答复书（补正后申请内容仍不明确）",
    ReplyLetter.PETITION: "政府信息公开申请告知书（不作为政府信息公开申请处理）",
    ReplyLetter.REPEATED: "政府信息公开申请告知书（不予重复处理）",
    ReplyLetter.PUBLICATION: "政府信息公开申请告知书（公开出版物）",
    ReplyLetter.EXCESSIVE: "政府信息公开申请告知书（不予处理）",
    ReplyLetter.CONFIRMATION: "政府信息公开申请告知书（确认或重新出具已获取信息）",
    ReplyLetter.CORRECTION_LAPSED: "政府信息公开申请告知书（逾期未补正）",
    ReplyLetter.FEE_UNPAID: "政府信息公开申请告知书（逾期未缴纳信息处理费）",
    ReplyLetter.OTHER: "政府信息公开申请告知书",
}


# --------------------------------------------------------------------------------------------
# Outcomes: the 21 result rows of 表三
# --------------------------------------------------------------------------------------------


class OutcomeGroup(StrEnum):
    """The six groups of 表三 三、本年度办理结果 (the key prefix of their rows)."""

    GRANTED = "granted"
    PARTIAL = "partial"
    DENIED = "denied"
    UNABLE = "unable"
    NOT_PROCESSED = "not_processed"
    OTHER = "other"


GROUP_LABELS: dict[OutcomeGroup, str] = {
    OutcomeGroup.GRANTED: "（一）予以公开",
    OutcomeGroup.PARTIAL: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    OutcomeGroup.DENIED: "（三）不予公开",
    OutcomeGroup.UNABLE: "（四）无法提供",
    OutcomeGroup.NOT_PROCESSED: "（五）不予处理",
    OutcomeGroup.OTHER: "（六）其他处理",
}

#: The group name as people write it in a ledger, without its ordinal and note.
GROUP_WORDS: dict[OutcomeGroup, str] = {
    OutcomeGroup.GRANTED: "予以公开",
    OutcomeGroup.PARTIAL: "部分公开",
    OutcomeGroup.DENIED: "不予公开",
    OutcomeGroup.UNABLE: "无法提供",
    OutcomeGroup.NOT_PROCESSED: "不予处理",
    OutcomeGroup.OTHER: "其他处理",
}


class Refusal(StrEnum):
    """How far an outcome is a 不予公开 for 行政复议法（2023）第二十三条第一款第四项.

    ``申请政府信息公开，行政机关不予公开`` must go to 行政复议 before any lawsuit, and the answer
    must say so (同条第二款). 部分公开 withholds a part under 条例 第三十七条: for that part the
    same rule is applied (regulations.md §4.2, a reading [D]).
    """

    NONE = "none"
    WHOLE = "whole"
    WITHHELD_PART = "withheld_part"


@dataclass(frozen=True)
class Outcome:
    """One result row of 表三 and everything the law ties to it.

    ``label`` is the row's own printed label (``3.危及“三安全一稳定”``; for （一）（二） the group
    label itself); ``wording`` is the label without its number, as a ledger writes it.
    ``basis`` cites the 条例 (empty where no article defines the row, see ``note``).
    ``variants`` are further accepted ledger spellings of ``wording`` (compared folded).
    """

    key: str
    group: OutcomeGroup
    label: str
    wording: str
    basis: str
    letters: tuple[ReplyLetter, ...]
    refusal: Refusal = Refusal.NONE
    variants: tuple[str, ...] = ()
    note: str = ""

    @property
    def group_label(self) -> str:
        return GROUP_LABELS[self.group]

    @property
    def letter(self) -> ReplyLetter:
        """The usual reply letter; ``letters`` lists the alternatives (e.g. 第三十六条(四)/(五))."""
        return self.letters[0]

    @property
    def review_first(self) -> bool:
        """行政复议 must come first, at least for the withheld part (行政复议法 第二十三条)."""
        return self.refusal is not Refusal.NONE

    @property
    def full_label(self) -> str:
        """Group and row as one line, e.g. ``（三）不予公开 3.危及“三安全一稳定”``."""
        if self.label == self.group_label:
            return self.label
        return f"{self.group_label} {self.label}"


_DENIED_BASIS = "第三十六条第（三）项"

OUTCOMES: tuple[Outcome, ...] = (
    Outcome(
        "granted",
        OutcomeGroup.GRANTED,
        "（一）予以公开",
        "予以公开",
        "第三十六条第（一）项、第（二）项",
        (ReplyLetter.GRANTED,),
    ),
    Outcome(
        "partial",
        OutcomeGroup.PARTIAL,
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "部分公开",
        "第三十七条",
        (ReplyLetter.PARTIAL,),
        Refusal.WITHHELD_PART,
        variants=("（区分处理的，只计这一情形，不计其他情形）",),
        note="区分处理的只计部分公开，不计其他情形（表三注）。",
    ),
    Outcome(
        "denied_1",
        OutcomeGroup.DENIED,
        "1.属于国家秘密",
        "属于国家秘密",
        f"{_DENIED_BASIS}、第十四条",
        (ReplyLetter.DENIED,),
        Refusal.WHOLE,
        ("国家秘密",),
    ),
    Outcome(
        "denied_2",
        OutcomeGroup.DENIED,
        "2.其他法律行政法规禁止公开",
        "其他法律行政法规禁止公开",
        f"{_DENIED_BASIS}、第十四条",
        (ReplyLetter.DENIED,),
        Refusal.WHOLE,
        ("其他法律法规禁止公开", "法律行政法规禁止公开"),
    ),
    Outcome(
        "denied_3",
        OutcomeGroup.DENIED,
        "3.危及“三安全一稳定”",
        "危及“三安全一稳定”",
        f"{_DENIED_BASIS}、第十四条",
        (ReplyLetter.DENIED,),
        Refusal.WHOLE,
    ),
    Outcome(
        "denied_4",
        OutcomeGroup.DENIED,
        "4.保护第三方合法权益",
        "保护第三方合法权益",
        f"{_DENIED_BASIS}、第十五条、第三十二条",
        (ReplyLetter.DENIED,),
        Refusal.WHOLE,
    ),
    Outcome(
        "denied_5",
        OutcomeGroup.DENIED,
        "5.属于三类内部事务信息",
        "属于三类内部事务信息",
        f"{_DENIED_BASIS}、第十六条第一款",
        (ReplyLetter.DENIED,),
        Refusal.WHOLE,
        ("三类内部事务信息", "内部事务信息"),
    ),
    Outcome(
        "denied_6",
        OutcomeGroup.DENIED,
        "6.属于四类过程性信息",
        "属于四类过程性信息",
        f"{_DENIED_BASIS}、第十六条第二款",
        (ReplyLetter.DENIED,),
        Refusal.WHOLE,
        ("四类过程性信息", "过程性信息"),
    ),
    Outcome(
        "denied_7",
        OutcomeGroup.DENIED,
        "7.属于行政执法案卷",
        "属于行政执法案卷",
        f"{_DENIED_BASIS}、第十六条第二款",
        (ReplyLetter.DENIED,),
        Refusal.WHOLE,
        ("行政执法案卷", "行政执法案卷信息"),
    ),
    Outcome(
        "denied_8",
        OutcomeGroup.DENIED,
        "8.属于行政查询事项",
        "属于行政查询事项",
        "第三十六条第（七）项",
        (ReplyLetter.SPECIAL_PROCEDURE,),
        Refusal.WHOLE,
        ("行政查询事项",),
        note=(
            "按第三十六条第（七）项告知依照有关法律、行政法规的规定办理；"
            "表三计入不予公开，故按不予公开告知先行复议（推定[D]）。"
        ),
    ),
    Outcome(
        "unable_1",
        OutcomeGroup.UNABLE,
        "1.本机关不掌握相关政府信息",
        "本机关不掌握相关政府信息",
        "第三十六条第（四）项、第（五）项",
        (ReplyLetter.NOT_EXIST, ReplyLetter.NOT_RESPONSIBLE),
        variants=("本机关不掌握政府信息", "不掌握相关政府信息", "信息不存在"),
        note="第（五）项不属于本机关负责公开的，能够确定负责机关的应告知其名称、联系方式。",
    ),
    Outcome(
        "unable_2",
        OutcomeGroup.UNABLE,
        "2.没有现成信息需要另行制作",
        "没有现成信息需要另行制作",
        "第三十八条",
        (ReplyLetter.NO_READY_INFORMATION,),
        variants=("没有现成信息", "需要另行制作"),
    ),
    Outcome(
        "unable_3",
        OutcomeGroup.UNABLE,
        "3.补正后申请内容仍不明确",
        "补正后申请内容仍不明确",
        "第三十条",
        (ReplyLetter.STILL_UNCLEAR,),
    ),
    Outcome(
        "not_processed_1",
        OutcomeGroup.NOT_PROCESSED,
        "1.信访举报投诉类申请",
        "信访举报投诉类申请",
        "第三十九条第一款",
        (ReplyLetter.PETITION,),
        variants=("信访举报投诉申请",),
    ),
    Outcome(
        "not_processed_2",
        OutcomeGroup.NOT_PROCESSED,
        "2.重复申请",
        "重复申请",
        "第三十六条第（六）项",
        (ReplyLetter.REPEATED,),
    ),
    Outcome(
        "not_processed_3",
        OutcomeGroup.NOT_PROCESSED,
        "3.要求提供公开出版物",
        "要求提供公开出版物",
        "第三十九条第二款",
        (ReplyLetter.PUBLICATION,),
    ),
    Outcome(
        "not_processed_4",
        OutcomeGroup.NOT_PROCESSED,
        "4.无正当理由大量反复申请",
        "无正当理由大量反复申请",
        "第三十五条",
        (ReplyLetter.EXCESSIVE,),
    ),
    Outcome(
        "not_processed_5",
        OutcomeGroup.NOT_PROCESSED,
        "5.要求行政机关确认或重新出具已获取信息",
        "要求行政机关确认或重新出具已获取信息",
        "",
        (ReplyLetter.CONFIRMATION,),
        variants=("要求行政机关确认或者重新出具已获取的信息",),
        note="条例无对应条款，为实务类别[U]；答复依据由经办人填写。",
    ),
    Outcome(
        "other_1",
        OutcomeGroup.OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "第三十条",
        (ReplyLetter.CORRECTION_LAPSED,),
        variants=("申请人无正当理由逾期不补正", "逾期不补正"),
        note="第三十条：申请人无正当理由逾期不补正的，视为放弃申请。",
    ),
    Outcome(
        "other_2",
        OutcomeGroup.OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        (ReplyLetter.FEE_UNPAID,),
        variants=("申请人逾期未按收费通知要求缴纳费用", "逾期未缴纳费用", "逾期未缴费"),
        note="收费通知规则仅经四川省财政厅转述核实，条文序号未核实[U]。",
    ),
    Outcome(
        "other_3",
        OutcomeGroup.OTHER,
        "3.其他",
        "其他",
        "",
        (ReplyLetter.OTHER,),
        note="全国无定义[U]；实务中包括申请人撤回等。",
    ),
)

OUTCOME_KEYS: tuple[str, ...] = tuple(o.key for o in OUTCOMES)
_BY_KEY: dict[str, Outcome] = {o.key: o for o in OUTCOMES}


def outcome_by_key(key: str) -> Outcome:
    """The outcome of a 表三 row key (``"denied_3"``); ``KeyError`` for any other text."""
    return _BY_KEY[key]


def _fold_leaf(text: str) -> str:
    """Fold a row wording for comparison; punctuation inside the wording does not count."""
    return re.sub(r"[、,.。;；:()]", "", fold(text))


_LEAVES: dict[str, tuple[Outcome, ...]] = {}
for _outcome in OUTCOMES:
    for _text in (_outcome.wording, *_outcome.variants):
        _key = _fold_leaf(_text)
        if _outcome not in _LEAVES.get(_key, ()):
            _LEAVES[_key] = (*_LEAVES.get(_key, ()), _outcome)

_GROUP_BY_WORD: dict[str, OutcomeGroup] = {w: g for g, w in GROUP_WORDS.items()}
_LABEL_RE = re.compile(
    r"^(?:\(?[一二三四五六七]\)?[、.]?)?"  # （三） or 三、
    r"(?P<group>" + "|".join(GROUP_WORDS.values()) + r")?"
    r"[-/:_|~—–·、.]*"  # 不予公开-… 不予公开/… 不予公开：…
    r"(?:\(?(?P<number>\d{1,2})\)?[、.]?)?"  # 3. 3、 (3)
    r"(?P<leaf>.*)$"
)


def outcome_from_label(text: str) -> Outcome | None:
    """The outcome a person wrote, by its national wording; ``None`` when unknown or ambiguous.

    Accepted, compared after :func:`fold` (full/half-width, spaces, quotation marks):
    the bare row wording (``属于国家秘密``, ``3.危及“三安全一稳定”``), the same prefixed by its
    group (``不予公开-属于国家秘密``, ``不予公开/属于国家秘密``, ``（三）不予公开 1.属于国家秘密``),
    a few common shortenings listed in :data:`OUTCOMES`, and ``予以公开`` / ``部分公开`` alone.
    A group name alone for the other groups (``不予公开``) names no row and is refused, as is a
    row under the wrong group (``无法提供-属于国家秘密``) or with the wrong number (``5.重复申请``).
    """
    folded = fold(text)
    if not folded:
        return None
    match = _LABEL_RE.match(folded)
    if match is None:  # pragma: no cover - the pattern accepts any text
        return None
    group_word = match.group("group")
    group = _GROUP_BY_WORD[group_word] if group_word else None
    leaf = _fold_leaf(match.group("leaf"))
    if not leaf:
        if group in (OutcomeGroup.GRANTED, OutcomeGroup.PARTIAL):
            return _BY_KEY[group.value]
        return None
    candidates = _LEAVES.get(leaf, ())
    if group is None and not candidates:
        # The regex may have eaten a leading number that belongs to nothing; try the whole text.
        candidates = _LEAVES.get(_fold_leaf(folded), ())
    if group is not None:
        candidates = tuple(o for o in candidates if o.group is group)
    number = match.group("number")
    if number is not None:
        candidates = tuple(o for o in candidates if o.label.startswith(f"{int(number)}."))
    return candidates[0] if len(candidates) == 1 else None


# --------------------------------------------------------------------------------------------
# Applicant categories: the six columns of 表三
# --------------------------------------------------------------------------------------------


class ApplicantCategory(StrEnum):
    """申请人情况 of 表三: 自然人, and the five kinds of 法人或其他组织 (条例 第二十七条: 公民、
    法人或者其他组织). Values are the report-json.md column keys."""

    NATURAL_PERSON = "natural_person"
    COMMERCIAL = "commercial"
    RESEARCH = "research"
    PUBLIC_INTEREST = "public_interest"
    LEGAL_SERVICE = "legal_service"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The 表三 column label, which is also the ledger wording."""
        return APPLICANT_LABELS[self]

    @property
    def is_organisation(self) -> bool:
        """Under the spanning header 法人或其他组织."""
        return self is not ApplicantCategory.NATURAL_PERSON


APPLICANT_LABELS: dict[ApplicantCategory, str] = {
    ApplicantCategory.NATURAL_PERSON: "自然人",
    ApplicantCategory.COMMERCIAL: "商业企业",
    ApplicantCategory.RESEARCH: "科研机构",
    ApplicantCategory.PUBLIC_INTEREST: "社会公益组织",
    ApplicantCategory.LEGAL_SERVICE: "法律服务机构",
    ApplicantCategory.OTHER: "其他",
}
_APPLICANT_BY_LABEL: dict[str, ApplicantCategory] = {
    fold(label): category for category, label in APPLICANT_LABELS.items()
}


def applicant_category_from_label(text: str) -> ApplicantCategory | None:
    """The category of a 表三 column label (``自然人`` … ``其他``); no other spelling is guessed."""
    return _APPLICANT_BY_LABEL.get(fold(text))


# --------------------------------------------------------------------------------------------
# Channels and the date of receipt (条例 第三十一条)
# --------------------------------------------------------------------------------------------


class ReceiptRule(StrEnum):
    """Which event fixes the 收到申请之日 (条例 第三十一条)."""

    SUBMITTED = "submitted"
    SIGNED_FOR = "signed_for"
    CONFIRMED = "confirmed"

    @property
    def wording(self) -> str:
        return RECEIPT_WORDING[self]


RECEIPT_WORDING: dict[ReceiptRule, str] = {
    ReceiptRule.SUBMITTED: "以提交之日为收到申请之日",
    ReceiptRule.SIGNED_FOR: "以行政机关签收之日为收到申请之日",
    ReceiptRule.CONFIRMED: "以双方确认之日为收到申请之日",
}


class Channel(StrEnum):
    """How an application was made (条例 第二十九条: 书面形式 including 信件、数据电文; 口头)."""

    IN_PERSON = "in_person"
    LETTER = "letter"
    ORDINARY_MAIL = "ordinary_mail"
    ONLINE = "online"
    FAX = "fax"
    EMAIL = "email"
    ORAL = "oral"

    @property
    def label(self) -> str:
        return CHANNELS[self].label

    @property
    def receipt_rule(self) -> ReceiptRule:
        return CHANNELS[self].rule


@dataclass(frozen=True)
class ChannelSpec:
    """A channel's label, ledger synonyms and the 第三十一条 rule for its date of receipt."""

    channel: Channel
    label: str
    rule: ReceiptRule
    basis: str
    synonyms: tuple[str, ...] = ()
    note: str = ""


CHANNELS: dict[Channel, ChannelSpec] = {
    spec.channel: spec
    for spec in (
        ChannelSpec(
            Channel.IN_PERSON, "当面", ReceiptRule.SUBMITTED, "第三十一条第（一）项", ("现场",)
        ),
        ChannelSpec(
            Channel.LETTER,
            "信函",
            ReceiptRule.SIGNED_FOR,
            "第三十一条第（二）项",
            ("邮寄", "挂号信"),
            "需要签收的邮件。",
        ),
        ChannelSpec(
            Channel.ORDINARY_MAIL,
            "平信",
            ReceiptRule.CONFIRMED,
            "第三十一条第（二）项",
            note="政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日。",
        ),
        ChannelSpec(
            Channel.ONLINE, "网络", ReceiptRule.CONFIRMED, "第三十一条第（三）项", ("在线", "网上")
        ),
        ChannelSpec(Channel.FAX, "传真", ReceiptRule.CONFIRMED, "第三十一条第（三）项"),
        ChannelSpec(
            Channel.EMAIL,
            "电子邮件",
            ReceiptRule.CONFIRMED,
            "第三十一条第（三）项",
            note="电子邮件属于通过互联网渠道提交（推定[D]）。",
        ),
        ChannelSpec(
            Channel.ORAL,
            "口头",
            ReceiptRule.SUBMITTED,
            "第二十九条第一款、第三十一条第（一）项",
            note="口头提出的，由工作机构代为填写申请，按当面提交处理（推定[D]）。",
        ),
    )
}
_CHANNEL_BY_WORD: dict[str, Channel] = {
    fold(word): spec.channel for spec in CHANNELS.values() for word in (spec.label, *spec.synonyms)
}


def channel_from_label(text: str) -> Channel | None:
    """The channel of a label or ledger synonym (``现场`` → 当面, ``挂号信`` → 信函, …)."""
    return _CHANNEL_BY_WORD.get(fold(text))


@dataclass(frozen=True)
class ReceiptEvents:
    """What is known about how an application arrived.

    ``submitted_on``: the day the applicant handed it in or sent it (for mail: the day it
    arrived); ``signed_for_on``: the day the body signed for a registered letter;
    ``confirmed_on``: the day the 工作机构 and the applicant confirmed the application.
    """

    submitted_on: date | None = None
    signed_for_on: date | None = None
    confirmed_on: date | None = None


_MISSING_EVENT: dict[ReceiptRule, str] = {
    ReceiptRule.SUBMITTED: "缺少提交日期",
    ReceiptRule.SIGNED_FOR: "缺少行政机关签收日期",
    ReceiptRule.CONFIRMED: "缺少与申请人确认的日期",
}


def receipt_date(channel: Channel, events: ReceiptEvents) -> date:
    """The 收到申请之日 of an application, from the event 条例 第三十一条 names for its channel.

    - (一) 当面提交: "以提交之日为收到申请之日" (also 口头, which the 工作机构 writes down on the
      spot under 第二十九条第一款);
    - (二) 邮寄 needing a signature (信函、挂号信): "以行政机关签收之日为收到申请之日";
      平信 without a signature: "政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为
      收到申请之日";
    - (三) 互联网渠道 (网络, and 电子邮件 as an internet channel) or the 工作机构's 传真:
      "以双方确认之日为收到申请之日". The submission timestamp alone is not enough.

    Raises :class:`~gongkai.core.errors.ValidationFailed` when the deciding event is missing,
    or when it lies before the submission.
    """
    rule = CHANNELS[channel].rule
    decisive = {
        ReceiptRule.SUBMITTED: events.submitted_on,
        ReceiptRule.SIGNED_FOR: events.signed_for_on,
        ReceiptRule.CONFIRMED: events.confirmed_on,
    }[rule]
    if decisive is None:
        raise ValidationFailed(
            f"{channel.label}方式的申请{rule.wording}，{_MISSING_EVENT[rule]}",
            code="receipt_event_missing",
            data={"channel": channel.value, "rule": rule.value},
        )
    if events.submitted_on is not None and decisive < events.submitted_on:
        raise ValidationFailed(
            f"{_MISSING_EVENT[rule][2:]}早于提交日期",
            code="receipt_event_before_submission",
            data={"channel": channel.value, "rule": rule.value},
        )
    return decisive
