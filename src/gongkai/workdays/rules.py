"""The statutory periods and calendar rules, each once, each citing its source.

Time lives in ``workdays`` only: other apps import these names, never the numbers.
"""

from __future__ import annotations

from typing import Final

#: 条例 第三十三条第二款: "应当自收到申请之日起20个工作日内予以答复".
REPLY_WORKING_DAYS: Final = 20

#: 条例 第三十条: "自收到申请之日起7个工作日内一次性告知申请人作出补正".
CORRECTION_NOTICE_WORKING_DAYS: Final = 7

#: 条例 第三十二条 (and 第三十四条 for co-producing bodies): "第三方应当自收到征求意见书之日起
#: 15个工作日内提出意见".
THIRD_PARTY_WORKING_DAYS: Final = 15

#: 条例 第三十三条第二款: "延长的期限最长不得超过20个工作日". One extension only.
EXTENSION_WORKING_DAYS: Final = 20
MAX_EXTENSIONS: Final = 1

#: 条例 第二十六条: "应当自该政府信息形成或者变更之日起20个工作日内及时公开".
PUBLICATION_WORKING_DAYS: Final = 20

#: 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号): "申请人应当在收到收费通知次日起
#: 20个工作日内缴纳费用" (wording verified through the 四川 restatement only).
FEE_PAYMENT_WORKING_DAYS: Final = 20

#: Whether the days from a 收费通知 to its payment are left out of the answer period. A clause of
#: 国办函〔2020〕109号 is believed to say so, but it was NOT verified (regulations.md §3, "Not
#: verified [U], treat as open"): configurable with the setting ``GONGKAI_FEE_NOTICE_PAUSES_REPLY``,
#: default on as regulations.md asks, and every such pause is labelled as unverified. The pause
#: runs from the day after the notice to the day of payment (both not counted), at most to the
#: end of the payment period.
FEE_NOTICE_PAUSES_REPLY_SETTING: Final = "GONGKAI_FEE_NOTICE_PAUSES_REPLY"
FEE_NOTICE_PAUSES_REPLY_DEFAULT: Final = True
FEE_PAUSE_LABEL: Final = "待缴信息处理费（扣除依据未经核实）"

#: 《民事诉讼法》(2023) 第八十五条 "期间开始的时和日，不计算在期间内", applied by analogy (the
#: 条例 is silent; 行政复议法 第八十八条 and 行政诉讼法 第一百零一条 refer to it): the start day
#: is never counted, day 1 is the first working day after it.
START_DAY_COUNTED: Final = False

#: 《全国年节及纪念日放假办法》(2024) 第二条: the fixed-date holidays of 全体公民 — the only ones
#: a provisional calendar can know before the year's notice (the lunar ones move, 第六条 补假
#: and 第七条 调休 are set by the notice). ``(month, day, name)``.
FIXED_DATE_HOLIDAYS: Final[tuple[tuple[int, int, str], ...]] = (
    (1, 1, "元旦"),
    (5, 1, "劳动节"),
    (5, 2, "劳动节"),
    (10, 1, "国庆节"),
    (10, 2, "国庆节"),
    (10, 3, "国庆节"),
)

#: The title the 国务院办公厅 gives its yearly notice.
NOTICE_TITLE_TEMPLATE: Final = "国务院办公厅关于{year}年部分节假日安排的通知"

#: The wording a letter must carry when it states a provisional deadline.
PROVISIONAL_WORDING_TEMPLATE: Final = (
    "（本期限按尚未公布的{years}年节假日安排暂定，以国务院办公厅通知为准）"
)


def notice_title(year: int) -> str:
    """The official title of the State Council notice for ``year``."""
    return NOTICE_TITLE_TEMPLATE.format(year=year)
