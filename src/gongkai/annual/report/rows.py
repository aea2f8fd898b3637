"""The one table of the annual report's rows and columns (国办公开办函〔2021〕30号).

Every key, official label, accepted label variant and group of 表二, 表三 and 表四 lives here
once; the parsers, the checks and the renderers all read it. Labels are the statutory wording
and are never translated.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

FORMAT_2021 = "2021"
FORMAT_2019_TRIAL = "2019-trial"
SCHEMA = "gongkai.annual-report/1"


@dataclass(frozen=True)
class RowSpec:
    """One row of a table: stable key, official label and how printed labels are recognised.

    ``pattern`` matches the row's own (leaf) label in folded text (see :func:`fold`); the part it
    matches is compared with the folded official label to tell a wording variant.
    """

    key: str
    label: str
    pattern: str
    group: str | None = None


# 表三 applicant columns, in printed order.
TABLE3_COLUMNS: tuple[str, ...] = (
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_service",
    "other",
    "total",
)
TABLE3_COLUMN_LABELS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "public_interest": "社会公益组织",
    "legal_service": "法律服务机构",
    "other": "其他",
    "total": "总计",
}
TABLE3_ORG_HEADER = "法人或其他组织"
TABLE3_APPLICANT_HEADER = "申请人情况"
TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TABLE3_RESULTS_LABEL = "三、本年度办理结果"

_N = r"(?:{n}[.、]?)?"

TABLE3_GROUPS: dict[str, str] = {
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}

TABLE3_ROWS: tuple[RowSpec, ...] = (
    RowSpec(
        "new", "一、本年新收政府信息公开申请数量", r"(?:一、)?本年新收[^\d]{0,16}?数量|本年新收"
    ),
    RowSpec(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        r"(?:二、)?上年结转[^\d]{0,16}?数量|上年结转",
    ),
    RowSpec("granted", "（一）予以公开", r"(?:\(一\))?(?<!不)予以公开"),
    RowSpec(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        r"(?:\(二\))?部分公开(?:\([^)]{0,30}\)?)?",
    ),
    RowSpec("denied_1", "1.属于国家秘密", _N.format(n=1) + r"(?:属于)?国家秘密", "denied"),
    RowSpec(
        "denied_2",
        "2.其他法律行政法规禁止公开",
        _N.format(n=2) + r"其他法律[^\d]{0,6}?禁止公开",
        "denied",
    ),
    RowSpec(
        "denied_3", "3.危及“三安全一稳定”", _N.format(n=3) + r"危及\"?三安全一稳定\"?", "denied"
    ),
    RowSpec("denied_4", "4.保护第三方合法权益", _N.format(n=4) + r"保护第三方合法权益", "denied"),
    RowSpec(
        "denied_5",
        "5.属于三类内部事务信息",
        _N.format(n=5) + r"(?:属于)?三类内部事务信息",
        "denied",
    ),
    RowSpec(
        "denied_6", "6.属于四类过程性信息", _N.format(n=6) + r"(?:属于)?四类过程性信息", "denied"
    ),
    RowSpec("denied_7", "7.属于行政执法案卷", _N.format(n=7) + r"(?:属于)?行政执法案卷", "denied"),
    RowSpec("denied_8", "8.属于行政查询事项", _N.format(n=8) + r"(?:属于)?行政查询事项", "denied"),
    RowSpec(
        "unable_1",
        "1.本机关不掌握相关政府信息",
        _N.format(n=1) + r"本机关不掌握(?:相关)?政府信息",
        "unable",
    ),
    RowSpec(
        "unable_2",
        "2.没有现成信息需要另行制作",
        _N.format(n=2) + r"没有现成信息(?:需要)?另行制作",
        "unable",
    ),
    RowSpec(
        "unable_3",
        "3.补正后申请内容仍不明确",
        _N.format(n=3) + r"补正后申请内容仍?不明确",
        "unable",
    ),
    RowSpec(
        "not_processed_1",
        "1.信访举报投诉类申请",
        _N.format(n=1) + r"信访举报投诉类?申请",
        "not_processed",
    ),
    RowSpec("not_processed_2", "2.重复申请", _N.format(n=2) + r"重复申请", "not_processed"),
    RowSpec(
        "not_processed_3",
        "3.要求提供公开出版物",
        _N.format(n=3) + r"要求提供公开出版物",
        "not_processed",
    ),
    RowSpec(
        "not_processed_4",
        "4.无正当理由大量反复申请",
        _N.format(n=4) + r"无正当理由大量反复申请",
        "not_processed",
    ),
    RowSpec(
        "not_processed_5",
        "5.要求行政机关确认或重新出具已获取信息",
        _N.format(n=5) + r"要求行政机关确认或(?:者)?重新出具已获取(?:的)?信息",
        "not_processed",
    ),
    RowSpec(
        "other_1",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _N.format(n=1) + r"申请人无正当理由逾期不补正(?:[、,]?行政机关不再处理其政府信息公开申请)?",
        "other",
    ),
    RowSpec(
        "other_2",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _N.format(n=2)
        + r"申请人逾期未按收费通知要求缴纳费用(?:[、,]?行政机关不再处理其政府信息公开申请)?",
        "other",
    ),
    RowSpec("other_3", "3.其他", r"3[.、]其他$|3[.、]其他(?=\d|\s|$)", "other"),
    RowSpec("total", "（七）总计", r"\(七\)总计|^总计$"),
    RowSpec("carried_forward", "四、结转下年度继续办理", r"(?:四、)?结转下年度(?:继续办理)?"),
)
TABLE3_KEYS: tuple[str, ...] = tuple(r.key for r in TABLE3_ROWS)
TABLE3_BY_KEY: dict[str, RowSpec] = {r.key: r for r in TABLE3_ROWS}
# The 21 result rows （一）…（六）3 that （七）总计 adds up.
TABLE3_RESULT_KEYS: tuple[str, ...] = TABLE3_KEYS[2:23]
# The single （六）其他处理 row of the 2019 trial format, reported as other_3.
TABLE3_SINGLE_OTHER_LABEL = "（六）其他处理"
TABLE3_SINGLE_OTHER_PATTERN = r"\(六\)其他处理$"
# Group headings that carry no numbers of their own (used as boundaries in run-together text).
TABLE3_GROUP_PATTERNS: tuple[str, ...] = (
    r"三、本年度办理结果",
    r"\(三\)不予公开",
    r"\(四\)无法提供",
    r"\(五\)不予处理",
    r"\(六\)其他处理",
)

# 表二, national format of 2021.
TABLE2_TRIPLE_FIELDS: tuple[str, ...] = ("made", "repealed", "in_force")
TABLE2_TRIPLE_LABELS: dict[str, str] = {
    "made": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
}
TABLE2_ROWS: tuple[RowSpec, ...] = (
    RowSpec("regulations", "规章", r"^规章$"),
    RowSpec("normative_documents", "行政规范性文件", r"^(?:行政)?规范性文件$"),
    RowSpec("licensing_decisions", "行政许可", r"^行政许可$"),
    RowSpec("penalty_decisions", "行政处罚", r"^行政处罚$"),
    RowSpec("enforcement_decisions", "行政强制", r"^行政强制$"),
    RowSpec("fees_wan_yuan", "行政事业性收费", r"^行政事业性收费$"),
)
TABLE2_BY_KEY: dict[str, RowSpec] = {r.key: r for r in TABLE2_ROWS}
TABLE2_WIDTH: dict[str, int] = {
    "regulations": 3,
    "normative_documents": 3,
    "licensing_decisions": 1,
    "penalty_decisions": 1,
    "enforcement_decisions": 1,
    "fees_wan_yuan": 1,
}
TABLE2_BLOCKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("第二十条第（一）项", "", ("regulations", "normative_documents")),
    ("第二十条第（五）项", "本年处理决定数量", ("licensing_decisions",)),
    ("第二十条第（六）项", "本年处理决定数量", ("penalty_decisions", "enforcement_decisions")),
    ("第二十条第（八）项", "本年收费金额（单位：万元）", ("fees_wan_yuan",)),
)
# Words that only the 2019 trial 表二 prints.
TABLE2_TRIAL_MARKERS: tuple[str, ...] = (
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "采购项目数量",
    "其他对外管理服务事项",
)

# 表四.
TABLE4_GROUPS: tuple[str, ...] = ("review", "litigation_direct", "litigation_after_review")
TABLE4_GROUP_LABELS: dict[str, str] = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_review": "行政诉讼（复议后起诉）",
}
TABLE4_FIELDS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")
TABLE4_FIELD_LABELS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}
TABLE4_HEADER_WORDS: tuple[str, ...] = (
    "未经复议直接起诉",
    "复议后起诉",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "结果",
    "维持",
    "纠正",
    "其他",
    "尚未",
    "审结",
)

# The six parts, with the exact heading and the keywords that recognise a heading.
SECTION_HEADINGS: dict[str, str] = {
    "1": "一、总体情况",
    "2": "二、主动公开政府信息情况",
    "3": "三、收到和处理政府信息公开申请情况",
    "4": "四、政府信息公开行政复议、行政诉讼情况",
    "5": "五、存在的主要问题及改进情况",
    "6": "六、其他需要报告的事项",
}
SECTION_PATTERNS: dict[str, str] = {
    "1": r"总体情况",
    "2": r"主动公开政府信息(?:的)?情况",
    "3": r"收到和处理政府信息公开申请(?:的)?情况",
    "4": (
        r"(?:因政府信息公开申请)?(?:政府信息公开)?(?:申请)?"
        r"行政复议[、,和及]*(?:提起)?行政诉讼(?:的)?情况"
    ),
    "5": r"(?:存在的)?主要问题及(?:其)?(?:改进|整改)(?:情况|措施)",
    "6": r"其他需要报告的事项",
}
SECTION_FALLBACK_PATTERNS: dict[str, str] = {
    "5": r"主要问题|改进情况|整改措施|改进措施",
}

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "〝": '"',
        "〞": '"',
        "「": '"',
        "」": '"',
        "‘": "'",
        "’": "'",
        "—": "-",
        "–": "-",
        "―": "-",
        "－": "-",
        "．": ".",
        "。": "。",
    }
)
_SPACE_RE = re.compile(r"[\s\u200b\u200c\u200d\ufeff\u3000]+")


def fold(text: str) -> str:
    """Fold printed text for comparison: NFKC (full-width → ASCII), one kind of quote, no blanks."""
    # Labels repeat across reports and are cached; long prose is not worth caching.
    return _fold_cached(text) if len(text) < 256 else _fold(text)


def _fold(text: str) -> str:
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", text).translate(_QUOTES))


_fold_cached = lru_cache(maxsize=16384)(_fold)


TABLE3_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (r.key, re.compile(r.pattern)) for r in TABLE3_ROWS
)
TABLE2_COMPILED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (r.key, re.compile(r.pattern)) for r in TABLE2_ROWS
)
SINGLE_OTHER_RE = re.compile(TABLE3_SINGLE_OTHER_PATTERN)


@lru_cache(maxsize=8192)
def match_table3_label(label: str) -> tuple[str, str] | None:
    """The table-3 row key a folded label names, with the leaf text that matched.

    When several rows match (a group heading and a leaf in one label), the leaf printed last wins.
    """
    best: tuple[int, str, str] | None = None
    for key, rx in TABLE3_COMPILED:
        for m in rx.finditer(label):
            if best is None or m.start() > best[0]:
                best = (m.start(), key, label[m.start() :])
    if best is None:
        if SINGLE_OTHER_RE.search(label):
            return "other_3", "(六)其他处理"
        return None
    return best[1], best[2]


@lru_cache(maxsize=8192)
def match_table2_label(label: str) -> tuple[str, str] | None:
    """The table-2 row key a folded label names (the label must be the row name only)."""
    stripped = re.sub(r"^[一二三四五六七八九十\d]+[、.]", "", label)
    for key, rx in TABLE2_COMPILED:
        if rx.search(stripped):
            return key, stripped
    return None


@lru_cache(maxsize=8192)
def is_label_variant(key: str, leaf: str) -> bool:
    """True when a printed leaf label differs from the national wording (beyond folding)."""
    spec = TABLE3_BY_KEY.get(key) or TABLE2_BY_KEY.get(key)
    if spec is None:
        return False
    official = fold(spec.label)
    printed = leaf
    # A printed label may omit the numbering or carry a group heading before the leaf.
    official_core = re.sub(r"^(?:\([一二三四五六七]\)|[一二三四]、|\d\.)", "", official)
    printed_core = re.sub(r"^(?:\([一二三四五六七]\)|[一二三四]、|\d[.、]?)", "", printed)
    # A label cut short by wrapping in the source is not a different wording.
    return not (printed_core and official_core.startswith(printed_core))
