"""An application for disclosure (依申请公开, 条例 第二十七条至第四十五条) and its consultations.

Only :mod:`gongkai.applications.services` writes these rows; the invariants the law fixes are
also database constraints, so data stays right when someone bypasses the services.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from gongkai.agencies.models import Agency
from gongkai.applications.outcomes import (
    APPLICANT_LABELS,
    CHANNELS,
    LETTER_TITLES,
    OUTCOMES,
    ReplyLetter,
)
from gongkai.applications.states import CLOSED_STATUSES, OPEN_STATUSES, Status
from gongkai.core.errors import DomainError
from gongkai.workdays.models import Deadline

#: Length in characters of a tracking code (``secrets.token_urlsafe`` output, ~96 bits).
TRACKING_CODE_BYTES = 12

CHANNEL_CHOICES = [(spec.channel.value, spec.label) for spec in CHANNELS.values()]
APPLICANT_CATEGORY_CHOICES = [(c.value, label) for c, label in APPLICANT_LABELS.items()]
OUTCOME_CHOICES = [(o.key, o.full_label) for o in OUTCOMES]

_CLOSED = sorted(s.value for s in CLOSED_STATUSES)
_OPEN = sorted(s.value for s in OPEN_STATUSES)


def new_tracking_code() -> str:
    """A random code the applicant uses to follow the case (no personal data, not guessable)."""
    return secrets.token_urlsafe(TRACKING_CODE_BYTES)


class Application(models.Model):
    """One application (件), counted once in 表三 of its body.

    ``received_on`` is the 收到申请之日 under 条例 第三十一条; ``answered_on`` the day the case
    was concluded (答复, 视为放弃 or 撤回), which decides the year it is counted in.
    The applicant's name, ID number, phone, address and e-mail are personal data: they never
    appear in ``__str__``, logs, audit data or URLs.
    """

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="applications"
    )
    number = models.CharField("申请编号", max_length=64)
    tracking_code = models.CharField(
        "查询码", max_length=32, unique=True, default=new_tracking_code, editable=False
    )
    channel = models.CharField("申请方式", max_length=20, choices=CHANNEL_CHOICES)
    applicant_category = models.CharField(
        "申请人类型", max_length=20, choices=APPLICANT_CATEGORY_CHOICES
    )
    received_on = models.DateField("收到申请日期", help_text="条例第三十一条确定的收到申请之日")

    applicant_name = models.CharField("申请人姓名或名称", max_length=200, blank=True)
    applicant_id_number = models.CharField("身份证明号码", max_length=50, blank=True)
    applicant_phone = models.CharField("联系电话", max_length=50, blank=True)
    applicant_address = models.CharField("通信地址", max_length=300, blank=True)
    applicant_email = models.EmailField("电子邮箱", blank=True)

    request_content = models.TextField(
        "申请公开的政府信息", help_text="名称、文号或者便于查询的其他特征性描述（条例第二十九条）"
    )
    provision_form = models.CharField(
        "获取信息的方式", max_length=100, blank=True, help_text="如纸质文本、电子数据"
    )
    provision_route = models.CharField(
        "获取信息的途径", max_length=100, blank=True, help_text="如邮寄、电子邮件、当面领取"
    )
    accessibility_needs = models.TextField(
        "阅读困难或视听障碍需要的帮助", blank=True, help_text="条例第四十三条"
    )

    status = models.CharField(
        "办理状态", max_length=32, choices=Status.choices, default=Status.REGISTERED
    )
    # NULL, not "": an open case has no 表三 row yet, and the constraint below says so.
    outcome = models.CharField(  # noqa: DJ001
        "办理结果", max_length=32, choices=OUTCOME_CHOICES, null=True, blank=True
    )
    answered_on = models.DateField("办结日期", null=True, blank=True)
    correction_requested_on = models.DateField(
        "补正告知日期", null=True, blank=True, help_text="一次性告知（条例第三十条）"
    )
    correction_received_on = models.DateField(
        "补正收到日期", null=True, blank=True, help_text="答复期限自此日重新起算"
    )
    extended = models.BooleanField("已延长答复期限", default=False)
    extended_on = models.DateField("延期告知日期", null=True, blank=True)
    delayed_until = models.DateField(
        "延迟答复期限",
        null=True,
        blank=True,
        help_text="条例第三十五条：申请理由合理但无法在法定期限内答复的，确定的延迟答复合理期限",
    )
    reply_deadline = models.OneToOneField(
        Deadline,
        verbose_name="答复期限",
        on_delete=models.PROTECT,
        related_name="application",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        help_text="承办本申请的经办人：提醒发给他（她）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField("版本", default=1)
    split_from = models.ForeignKey(
        "self",
        verbose_name="拆分自",
        help_text="按“一事一申请”拆分的原申请",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="split_parts",
    )
    note = models.TextField("备注", blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ("-received_on", "-id")
        indexes = (
            models.Index(fields=("agency", "received_on"), name="application_agency_received"),
            models.Index(fields=("agency", "answered_on"), name="application_agency_answered"),
        )
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "number"), name="application_number_unique_per_agency"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]),
                name="application_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(outcome__isnull=True) | Q(outcome__in=[o.key for o in OUTCOMES]),
                name="application_outcome_valid",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status__in=_CLOSED, outcome__isnull=False, answered_on__isnull=False)
                    | Q(status__in=_OPEN, outcome__isnull=True, answered_on__isnull=True)
                ),
                name="application_outcome_iff_closed",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("received_on")),
                name="application_answered_not_before_received",
            ),
            models.CheckConstraint(
                condition=Q(correction_requested_on__isnull=True)
                | Q(correction_requested_on__gte=F("received_on")),
                name="application_correction_not_before_received",
            ),
            models.CheckConstraint(
                condition=Q(correction_received_on__isnull=True)
                | Q(correction_requested_on__isnull=True)
                | Q(correction_received_on__gte=F("correction_requested_on")),
                name="application_correction_received_after_request",
            ),
            models.CheckConstraint(
                condition=Q(extended=True, extended_on__isnull=False)
                | Q(extended=False, extended_on__isnull=True),
                name="application_extended_has_date",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="application_version_positive"
            ),
            models.CheckConstraint(
                condition=~Q(split_from=F("id")), name="application_not_split_from_itself"
            ),
        )

    def __str__(self) -> str:
        return f"{self.number}（{self.get_status_display()}）"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ConsultedParty(models.TextChoices):
    THIRD_PARTY = "third_party", "第三方（条例第三十二条）"
    CO_PRODUCER = "co_producer", "共同制作机关（条例第三十四条）"


class Consultation(models.Model):
    """A written request for the opinion of a third party or a co-producing body.

    The working days after ``sent_on`` up to and including ``ended_on`` are not counted in the
    answer period (条例 第三十三条第三款). One consultation at a time per application.
    """

    application = models.ForeignKey(
        Application,
        verbose_name="申请",
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    party_kind = models.CharField("征求意见对象", max_length=20, choices=ConsultedParty.choices)
    party = models.CharField(
        "被征求意见方", max_length=200, blank=True, help_text="单位名称；不填写自然人身份信息"
    )
    sent_on = models.DateField("征求意见发出日期")
    ended_on = models.DateField(
        "征求意见结束日期", null=True, blank=True, help_text="收到意见之日，或期限届满之日"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ("sent_on", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("application",),
                condition=Q(ended_on__isnull=True),
                name="consultation_one_open_per_application",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("sent_on")),
                name="consultation_ends_after_sent",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_party_kind_display()} {self.sent_on.isoformat()}"


# --------------------------------------------------------------------------------------------
# Letters (答复书 / 告知书): regulations.md §4, docs/letters.md
# --------------------------------------------------------------------------------------------


class WorkflowLetter(models.TextChoices):
    """The notices of the procedure before the answer (regulations.md §4.3)."""

    RECEIPT = "receipt", "政府信息公开申请接收回执"  # 条例 第二十九条、第三十一条
    CORRECTION = "correction", "政府信息公开申请补正告知书"  # 第三十条
    EXTENSION = "extension", "政府信息公开申请延期答复告知书"  # 第三十三条第二款
    CONSULT_THIRD_PARTY = "consult_third_party", "政府信息公开征求意见书"  # 第三十二条
    CONSULT_CO_PRODUCER = "consult_co_producer", "政府信息公开征求意见函"  # 第三十四条
    THIRD_PARTY_NOTICE = "third_party_notice", "政府信息公开第三方告知书"  # 第三十二条
    FEE_NOTICE = "fee_notice", "政府信息公开信息处理费收费通知书"  # 第四十二条、109号
    REASONS = "reasons", "政府信息公开申请说明理由告知书"  # 第三十五条


#: Every letter type: the workflow notices, then one answer per ``ReplyLetter`` of an outcome.
LETTER_TYPE_CHOICES: list[tuple[str, str]] = [
    *WorkflowLetter.choices,
    *((letter.value, LETTER_TITLES[letter]) for letter in ReplyLetter),
]
_LETTER_TYPES = [value for value, _ in LETTER_TYPE_CHOICES]


class LetterTemplate(models.Model):
    """An administrator's wording of one letter type, for one body or (``agency`` empty) for
    every body. Without a row the default shipped in ``letter_templates/`` is used.

    ``body`` is Django template language over the variables listed in docs/letters.md.
    """

    agency = models.ForeignKey(
        Agency,
        verbose_name="机关",
        help_text="留空为全国默认模板",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="letter_templates",
    )
    letter_type = models.CharField("文书类型", max_length=40, choices=LETTER_TYPE_CHOICES)
    title = models.CharField("标题", max_length=100)
    body = models.TextField(
        "正文模板", help_text="Django 模板语言；第一行为主送（称谓），可用变量见 docs/letters.md"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        ordering = ("letter_type", "agency__name")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "letter_type"),
                condition=Q(agency__isnull=False),
                name="letter_template_one_per_agency_type",
            ),
            models.UniqueConstraint(
                fields=("letter_type",),
                condition=Q(agency__isnull=True),
                name="letter_template_one_national_per_type",
            ),
            models.CheckConstraint(
                condition=Q(letter_type__in=_LETTER_TYPES), name="letter_template_type_valid"
            ),
        )

    def __str__(self) -> str:
        scope = self.agency.name if self.agency_id and self.agency else "全国默认"
        return f"{self.title}（{scope}）"


class LetterFrozen(DomainError):
    """An issued letter is never changed: its file and hash stay as issued."""

    code = "letter_frozen"
    http_status = 409


#: What is fixed once a letter row exists; the file is attached once, right after the insert.
_LETTER_FROZEN_FIELDS = (
    "application_id",
    "letter_type",
    "number",
    "title",
    "issued_on",
    "sha256",
    "issued_by_id",
    "reissue_of_id",
)


class Letter(models.Model):
    """One issued letter (.docx under ``MEDIA_ROOT/letters/``), frozen once issued.

    ``sha256`` is the hash of the file as issued (also in the audit event ``letter.issued``);
    ``letters.letter_verify`` recomputes it. A corrected letter is a new row, ``reissue_of``
    pointing to the one it replaces. The file name is ``<id>-<type>.docx``: no personal data.
    """

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="letters"
    )
    letter_type = models.CharField("文书类型", max_length=40, choices=LETTER_TYPE_CHOICES)
    number = models.CharField("文号", max_length=100)
    title = models.CharField("标题", max_length=100)
    issued_on = models.DateField("成文日期")
    file = models.FileField("文件", upload_to="letters/", max_length=200, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="签发人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reissue_of = models.ForeignKey(
        "self",
        verbose_name="重新出具自",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reissues",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "已出具文书"
        verbose_name_plural = "已出具文书"
        ordering = ("-issued_on", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(letter_type__in=_LETTER_TYPES), name="letter_type_valid"
            ),
            models.CheckConstraint(condition=~Q(sha256=""), name="letter_hash_present"),
            models.CheckConstraint(
                condition=~Q(reissue_of=F("id")), name="letter_not_reissue_of_itself"
            ),
        )

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert once; afterwards only the one-time attachment of the file is accepted."""
        if not self._state.adding:
            stored = (
                type(self).objects.filter(pk=self.pk).values("file", *_LETTER_FROZEN_FIELDS).first()
            )
            if (
                stored is None
                or stored["file"]
                or any(stored[name] != getattr(self, name) for name in _LETTER_FROZEN_FIELDS)
            ):
                raise LetterFrozen(f"文书 {self.number} 已出具，不能修改；如需更正请重新出具")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise LetterFrozen(f"文书 {self.number} 已出具，不能删除")


class FeeStatus(models.TextChoices):
    UNPAID = "unpaid", "待缴费"
    PAID = "paid", "已缴费"
    LAPSED = "lapsed", "逾期未缴"


class FeeNotice(models.Model):
    """A 收费通知 for one 件 under one standard (国办函〔2020〕109号 第三条: never both).

    ``amount`` and ``calculation`` are the quote of :mod:`gongkai.applications.fees` at the time
    of the notice; ``payment_deadline`` runs 20 working days (``workdays.rules``); an unpaid
    notice past it ends the case as 表三 （六）2.
    """

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.PROTECT, related_name="fee_notices"
    )
    method = models.CharField(
        "计收方式",
        max_length=20,
        choices=[("per_item", "按件计收"), ("per_page", "按量计收")],
    )
    earlier_in_month = models.PositiveIntegerField(
        "本月此前件数", null=True, blank=True, help_text="同一申请人本自然月此前已申请的件数"
    )
    pages = models.PositiveIntegerField("页数", null=True, blank=True)
    amount = models.DecimalField("金额（元）", max_digits=12, decimal_places=2)
    reduction = models.DecimalField(
        "减免金额（元）",
        max_digits=12,
        decimal_places=2,
        default=0,
        help_text="机关酌情减免的金额；金额为减免后应缴的数额",
    )
    reduction_reason = models.CharField("减免理由", max_length=300, blank=True)
    calculation = models.TextField("计算过程")
    basis = models.CharField("依据", max_length=200)
    noticed_on = models.DateField("通知日期")
    payment_deadline = models.OneToOneField(
        Deadline, verbose_name="缴费期限", on_delete=models.PROTECT, related_name="fee_notice"
    )
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=10, choices=FeeStatus.choices, default=FeeStatus.UNPAID
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "收费通知"
        verbose_name_plural = "收费通知"
        ordering = ("-noticed_on", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=("application",),
                condition=Q(status="unpaid"),
                name="fee_one_unpaid_notice",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="fee_amount_positive"),
            models.CheckConstraint(
                condition=Q(reduction=0) | (Q(reduction__gt=0) & ~Q(reduction_reason="")),
                name="fee_reduction_with_reason",
            ),
            models.CheckConstraint(
                condition=(Q(method="per_item") & Q(pages__isnull=True))
                | (
                    Q(method="per_page") & Q(pages__isnull=False) & Q(earlier_in_month__isnull=True)
                ),
                name="fee_one_method_only",
            ),
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True) | Q(paid_on__gte=F("noticed_on")),
                name="fee_paid_after_notice",
            ),
            models.CheckConstraint(
                condition=Q(status="paid", paid_on__isnull=False)
                | (~Q(status="paid") & Q(paid_on__isnull=True)),
                name="fee_paid_iff_paid_on",
            ),
        )

    def __str__(self) -> str:
        return f"{self.application.number} {self.get_method_display()} {self.amount}元"
