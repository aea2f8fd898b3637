"""The remedy clause (救济途径告知) every answer must end with (regulations.md §4.2).

Under the 《中华人民共和国行政复议法》 as revised in 2023 (in force 2024-01-01):

- 第二十条第一款: 行政复议 "自知道或者应当知道该行政行为之日起六十日内提出"; 第三款: an answer
  that omits the right, the 复议机关 or the period lets that period run up to one year;
- 第二十三条第一款第四项、第二款: "申请政府信息公开，行政机关不予公开" must go to 行政复议
  first, and the body must say so when it acts. Direct litigation is then not offered;
- 《中华人民共和国行政诉讼法》 第四十六条: a direct lawsuit within six months; 第四十五条: after
  a 复议 decision, within fifteen days of receiving it.

"自收到本答复之日起" is the usual practical form of "知道或者应当知道". The 复议机关 comes from
``gongkai.agencies.rules.review_body`` (the caller passes its name); the court is the one with
jurisdiction over the body. After a 复议 the competent court may change (行政诉讼法 第十八条), so
the refusal clause names no court.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.applications.outcomes import Outcome, Refusal
from gongkai.core.errors import ValidationFailed

REVIEW_DAYS = 60  # 行政复议法（2023）第二十条第一款
LAWSUIT_MONTHS = 6  # 行政诉讼法 第四十六条第一款
LAWSUIT_AFTER_REVIEW_DAYS = 15  # 行政诉讼法 第四十五条

BASIS_CHOICE = ("行政复议法第二十条第一款", "行政诉讼法第四十六条第一款")
BASIS_REVIEW_FIRST = (
    "行政复议法第二十条第一款",
    "行政复议法第二十三条第一款第四项、第二款",
    "行政诉讼法第四十五条",
)

CHOICE_TEMPLATE = (
    "如不服本答复，可以自收到本答复之日起六十日内向{review_body}申请行政复议，"
    "或者自收到本答复之日起六个月内向{court}提起行政诉讼。"
)
REVIEW_FIRST_TEMPLATE = (
    "如不服本答复，应当自收到本答复之日起六十日内先向{review_body}申请行政复议；"
    "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。"
)
WITHHELD_PART_TEMPLATE = (
    "对本答复中不予公开的部分不服的，应当自收到本答复之日起六十日内先向{review_body}"
    "申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院"
    "提起行政诉讼。对本答复其他内容不服的，可以自收到本答复之日起六十日内向{review_body}"
    "申请行政复议，或者自收到本答复之日起六个月内向{court}提起行政诉讼。"
)


@dataclass(frozen=True)
class RemedyClause:
    """The clause as printed, whether 复议 comes first, and the articles it follows from."""

    text: str
    review_first: bool
    basis: tuple[str, ...]


def _name(value: str, what: str) -> str:
    name = value.strip()
    if not name:
        raise ValidationFailed(f"救济途径告知需要{what}的名称", code="remedy_name_missing")
    return name


def remedy_clause(outcome: Outcome, *, review_body: str, court: str | None = None) -> RemedyClause:
    """The remedy clause for an answer with ``outcome``.

    - 不予公开 rows (表三 （三）1–8): 复议 first, no direct lawsuit offered;
    - 部分公开: 复议 first for the withheld part, the choice for the rest ([D], regulations.md
      §4.2);
    - every other outcome: 六十日内 复议 or 六个月内 诉讼, at the applicant's choice.

    ``court`` is required whenever the clause offers a lawsuit.
    """
    body = _name(review_body, "行政复议机关")
    if outcome.refusal is Refusal.WHOLE:
        return RemedyClause(
            REVIEW_FIRST_TEMPLATE.format(review_body=body), True, BASIS_REVIEW_FIRST
        )
    court_name = _name(court or "", "人民法院")
    if outcome.refusal is Refusal.WITHHELD_PART:
        return RemedyClause(
            WITHHELD_PART_TEMPLATE.format(review_body=body, court=court_name),
            True,
            (*BASIS_REVIEW_FIRST, "行政诉讼法第四十六条第一款"),
        )
    return RemedyClause(
        CHOICE_TEMPLATE.format(review_body=body, court=court_name), False, BASIS_CHOICE
    )
