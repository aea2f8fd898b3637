"""The legal rules of 复议 and 诉讼 cases, each once, each citing its source.

Numbers only: dates are computed through ``gongkai.workdays`` (``services._answer_due``).
The 表四 tables are data here so that a deployment can see, and override, every choice the
national format leaves open (regulations.md §7 item 4).
"""

from __future__ import annotations

from typing import Final

# -- answer periods -----------------------------------------------------------------------------

#: 行政复议法 (2023) 第四十八条: "被申请人应当自收到申请书副本或者申请笔录复印件之日起十日内，
#: 提出书面答复". 第八十八条第二款: "三日""五日""七日""十日" are working days.
REVIEW_ANSWER_WORKING_DAYS: Final = 10

#: 行政复议法 (2023) 第五十三条 (政府信息公开 cases may use the 简易程序) and 第五十四条:
#: "被申请人应当自收到申请书副本或者申请笔录复印件之日起五日内，提出书面答复" — working days
#: by 第八十八条第二款.
REVIEW_SIMPLIFIED_ANSWER_WORKING_DAYS: Final = 5

#: 行政诉讼法 第六十七条第一款: "被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政
#: 行为的证据和所依据的规范性文件，并提出答辩状". The law has no working-day clause like
#: 行政复议法 第八十八条第二款; its 第一百零一条 sends 期间 to the 民事诉讼法, whose 第八十五条
#: counts calendar days: "期间开始的时和日，不计算在期间内" and "期间届满的最后一日是法定休假日的，
#: 以法定休假日后的第一日为期间届满的日期". So: 15 calendar days after receipt, moved to the
#: next working day when the 15th is a day off (weekends count as 法定休假日 in court practice).
LITIGATION_ANSWER_DAYS: Final = 15
LITIGATION_ANSWER_IN_WORKING_DAYS: Final = False

#: Default look-ahead of the reminder list, in working days.
DUE_SOON_WORKING_DAYS: Final = 3

# -- 表四 ---------------------------------------------------------------------------------------

#: The three groups of 表四, in printed order, with the format's headings.
TABLE4_GROUPS: Final[tuple[tuple[str, str], ...]] = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼 未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼 复议后起诉"),
)

#: The five columns of each group, in printed order, with the format's exact labels.
TABLE4_COLUMNS: Final[tuple[tuple[str, str], ...]] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)

#: The result columns a decided case can fall in (``pending`` and ``total`` are derived).
RESULT_COLUMNS: Final[tuple[str, ...]] = ("upheld", "corrected", "other")

#: THE mapping of a case's result (``models.Result`` values) to its 表四 column.
#:
#: Unverified reading (regulations.md §7 item 4: no national text defines the columns):
#: the body's act stood → 结果维持; the act was set aside, changed, declared unlawful or void,
#: or the body was ordered to act → 结果纠正; the case ended without a ruling on the act
#: (终止, 撤回, 驳回起诉/不予受理, 调解, anything else) → 其他结果. Whether 驳回复议请求 /
#: 驳回诉讼请求 is 维持 or 其他 is the least certain line: the default treats it as 维持 because
#: it leaves the act standing (行政复议法 第六十九条, 行政诉讼法 第六十九条).
#: A deployment overrides single lines in the admin (``ResultMapping``, 表四结果归类).
DEFAULT_RESULT_COLUMNS: Final[dict[str, str]] = {
    "upheld": "upheld",  # 维持 (行政复议法 第六十八条)
    "rejected": "upheld",  # 驳回复议请求 / 驳回诉讼请求 [U]
    "revoked": "corrected",  # 撤销 (行政复议法 第六十四条, 行政诉讼法 第七十条)
    "varied": "corrected",  # 变更 (行政复议法 第六十三条, 行政诉讼法 第七十七条)
    "confirmed_illegal": "corrected",  # 确认违法 (行政复议法 第六十五条, 行政诉讼法 第七十四条)
    "confirmed_void": "corrected",  # 确认无效 (行政复议法 第六十七条, 行政诉讼法 第七十五条)
    "ordered_to_perform": "corrected",  # 责令履行 (行政复议法 第六十六条, 行政诉讼法 第七十二条)
    "terminated": "other",  # 终止 (复议终止 / 诉讼终结)
    "withdrawn": "other",  # 撤回 / 撤诉
    "action_dismissed": "other",  # 驳回起诉 / 不予受理
    "mediated": "other",  # 调解 (行政复议法 第七十三条, 行政诉讼法 第六十条)
    "other": "other",  # 其他
}

#: The roles whose cases a body counts in its own 表四. 国办公开办函〔2016〕201号: "对于行政复议
#: 机关作为共同被告的行政诉讼案件，只计算原行为主体的案件数量，不计算行政复议机关的案件数量".
#: A 复议机关 deciding a case is not a party to it: the case is the respondent's, not its own.
TABLE4_COUNTED_ROLES: Final[tuple[str, ...]] = ("respondent", "defendant")

#: Counting rules for the year of a case (regulations.md §7 item 4, not settled nationally).
#: ``decided_or_pending`` (default): a case is counted in year Y if decided in Y (in its result
#: column), or if filed by 31 December of Y and not decided by then (尚未审结) — so a pending
#: case is carried into each following year until it is decided.
#: ``filed``: a case is counted once, in the year it was filed: in its result column if decided
#: by 31 December of that year, else 尚未审结.
COUNTING_DECIDED_OR_PENDING: Final = "decided_or_pending"
COUNTING_FILED: Final = "filed"
COUNTING_RULES: Final[tuple[str, ...]] = (COUNTING_DECIDED_OR_PENDING, COUNTING_FILED)

#: The Django setting that chooses the counting rule for a deployment (default below).
COUNTING_SETTING: Final = "GONGKAI_APPEALS_TABLE4_COUNTING"
DEFAULT_COUNTING: Final = COUNTING_DECIDED_OR_PENDING
