"""The letter types: titles, articles, required fields, template variables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from gongkai.agencies.models import Role
from gongkai.applications.models import (
    ConsultedParty,
    WorkflowLetter,
)
from gongkai.applications.outcomes import (
    LETTER_TITLES,
    ReplyLetter,
)
from gongkai.core.errors import ValidationFailed

REGULATION = "《中华人民共和国政府信息公开条例》"
#: The court of a choice clause when the caller names none: the usual wording of answers.
DEFAULT_COURT = "有管辖权的人民法院"
#: Roles that sign letters (条例 第四十五条: 审核 before 答复).
SIGNING_ROLES = frozenset({Role.REVIEWER, Role.HEAD})
TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "letter_templates"
SAMPLE = "样例"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------

#: Texts the officer writes at issue, by name (template variables of the same name).
FIELD_LABELS: dict[str, str] = {
    "reason": "理由或说明",
    "provision": "获取信息的方式、途径和时间",
    "responsible_body": "负责公开的机关及其联系方式",
    "correction_items": "需要补正的事项",
    "correction_period": "补正期限",
    "payment_method": "缴纳方式",
    "party": "被征求意见方名称",
    "basis": "答复依据",
}


@dataclass(frozen=True)
class LetterKind:
    """One letter type: title, legal basis, needs, and what its text must show.

    ``needs``: ``outcome`` (a concluded case whose outcome calls for this answer), ``remedy``
    (the 复议机关 must be known), ``consultation`` (a consultation of ``party_kind``), ``fee``
    (a :class:`FeeQuote`), ``extended``/``correction`` (that move already made).
    ``shows``: context variables whose value the rendered text must contain, so that an edited
    template cannot drop the remedy clause or a provisional deadline's wording.
    """

    key: str
    title: str
    basis: str
    needs: frozenset[str] = frozenset()
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    shows: tuple[str, ...] = ()
    party_kind: str = ""
    remedy_outcome: str = ""

    @property
    def fields(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)


_REPLY_SHOWS = ("basis", "remedy")
_REPLY_REQUIRED: dict[ReplyLetter, tuple[str, ...]] = {
    ReplyLetter.PARTIAL: ("reason",),
    ReplyLetter.DENIED: ("reason",),
    ReplyLetter.EXCESSIVE: ("reason",),
    ReplyLetter.OTHER: ("reason",),
}
_REPLY_OPTIONAL: dict[ReplyLetter, tuple[str, ...]] = {
    ReplyLetter.GRANTED: ("provision",),
    ReplyLetter.PARTIAL: ("provision",),
    ReplyLetter.NOT_RESPONSIBLE: ("responsible_body",),
}


def _reply_kind(letter: ReplyLetter) -> LetterKind:
    return LetterKind(
        letter.value,
        LETTER_TITLES[letter],
        "",
        frozenset({"outcome", "remedy"}),
        required=_REPLY_REQUIRED.get(letter, ()),
        optional=(
            *_REPLY_OPTIONAL.get(letter, ()),
            *(() if letter in _REPLY_REQUIRED else ("reason",)),
            "basis",
        ),
        shows=_REPLY_SHOWS,
    )


LETTER_KINDS: dict[str, LetterKind] = {
    kind.key: kind
    for kind in (
        LetterKind(
            WorkflowLetter.RECEIPT,
            WorkflowLetter.RECEIPT.label,
            "第二十九条、第三十一条、第三十三条",
            shows=("due",),
        ),
        LetterKind(
            WorkflowLetter.CORRECTION,
            WorkflowLetter.CORRECTION.label,
            "第三十条",
            frozenset({"correction"}),
            required=("correction_items", "correction_period"),
            shows=("correction_items", "correction_period"),
        ),
        LetterKind(
            WorkflowLetter.EXTENSION,
            WorkflowLetter.EXTENSION.label,
            "第三十三条第二款",
            frozenset({"extended"}),
            optional=("reason",),
            shows=("due",),
        ),
        LetterKind(
            WorkflowLetter.CONSULT_THIRD_PARTY,
            WorkflowLetter.CONSULT_THIRD_PARTY.label,
            "第三十二条",
            frozenset({"consultation"}),
            optional=("party", "reason"),
            shows=("opinion_due",),
            party_kind=ConsultedParty.THIRD_PARTY,
        ),
        LetterKind(
            WorkflowLetter.CONSULT_CO_PRODUCER,
            WorkflowLetter.CONSULT_CO_PRODUCER.label,
            "第三十四条",
            frozenset({"consultation"}),
            optional=("party", "reason"),
            shows=("opinion_due",),
            party_kind=ConsultedParty.CO_PRODUCER,
        ),
        LetterKind(
            WorkflowLetter.THIRD_PARTY_NOTICE,
            WorkflowLetter.THIRD_PARTY_NOTICE.label,
            "第三十二条",
            frozenset({"consultation", "remedy"}),
            required=("reason",),
            optional=("party",),
            shows=("reason", "remedy"),
            party_kind=ConsultedParty.THIRD_PARTY,
            remedy_outcome="granted",
        ),
        LetterKind(
            WorkflowLetter.REASONS,
            WorkflowLetter.REASONS.label,
            "第三十五条",
            frozenset({"reasons"}),
            optional=("reason",),
        ),
        LetterKind(
            WorkflowLetter.FEE_NOTICE,
            WorkflowLetter.FEE_NOTICE.label,
            "第四十二条",
            frozenset({"fee"}),
            required=("payment_method",),
            shows=("fee_amount", "payment_method"),
        ),
        *(_reply_kind(letter) for letter in ReplyLetter),
    )
}


def letter_kind(letter_type: str) -> LetterKind:
    try:
        return LETTER_KINDS[letter_type]
    except KeyError:
        known = "、".join(LETTER_KINDS)
        raise ValidationFailed(f"未知的文书类型“{letter_type}”；可选：{known}") from None


#: Every template variable, always present in the context (empty when it does not apply).
VARIABLES: dict[str, str] = {
    "applicant": "申请人姓名或名称（未登记时为“申请人”）",
    "applicant_address": "申请人通信地址",
    "number": "申请编号",
    "received": "收到申请日期（条例第三十一条）",
    "channel": "申请方式",
    "request": "申请公开的政府信息（申请内容摘要）",
    "provision_form": "申请的获取方式",
    "provision_route": "申请的获取途径",
    "outcome": "办理结果（表三的行，如“属于国家秘密”）",
    "outcome_label": "办理结果全称（如“（三）不予公开 1.属于国家秘密”）",
    "basis": "依据（条例条款；答复书为办理结果对应的条款）",
    "due": "答复期限（含暂定期限的说明）",
    "provisional_wording": "期限暂定时须写明的说明，期限确定时为空",
    "opinion_due": "提出意见的期限（征求意见书，含暂定说明）",
    "remedy": "救济途径告知（行政复议法第二十条、第二十三条）",
    "review_body": "行政复议机关",
    "agency": "本机关名称（落款）",
    "office": "政府信息公开工作机构",
    "address": "办公地址",
    "postal_code": "邮政编码",
    "phone": "联系电话",
    "fax": "传真",
    "email": "电子邮箱",
    "website": "网址",
    "office_hours": "办公时间",
    "contacts": "联系方式（以上各项合并为一句）",
    "doc_number": "文号",
    "issued": "成文日期（如2026年3月2日）",
    "fee_method": "收费标准（按件或按量计收）",
    "fee_amount": "收费数额（如1500元）",
    "fee_calculation": "收费计算过程",
    "fee_basis": "收费依据",
    "pay_days": "缴费期限（工作日数）",
    "pay_due": "缴费期限届满日（按通知日期计算，含暂定说明；收费通知已登记时）",
    **{name: label for name, label in FIELD_LABELS.items() if name != "basis"},
}
