"""Public concerns (公众关切): complaints and questions received, 建议提案 handled.

These are the figures an annual report's text cites ("调查答复……各类投诉527件",
"办理市政协、县人大、县政协提案共计25件"); they are recorded here and counted, never typed.

The requester's name and phone are personal data: they are stored for the work itself and never
appear in ``__str__``, in the audit log, in the admin's lists or in the API.
"""

from __future__ import annotations

from typing import Final

from django.db import models
from django.db.models import F, Q

from gongkai.agencies.models import Agency

#: The reply period, in working days, used for a channel when the body has set none in
#: :class:`ReplyPeriod`. No national rule fixes one period for every channel (the 12345 platforms
#: set theirs by local rules, usually between 3 and 15 working days); 15 is the conservative end.
DEFAULT_REPLY_WORKING_DAYS: Final = 15


class Channel(models.TextChoices):
    """Where a concern came in."""

    HOTLINE = "hotline", "12345"
    MAILBOX = "mailbox", "领导信箱"
    FORUM = "forum", "议政网"
    PHONE = "phone", "来电"
    VISIT = "visit", "来访"
    OTHER = "other", "其他"


class InquiryKind(models.TextChoices):
    COMPLAINT = "complaint", "投诉"
    QUESTION = "question", "咨询"
    SUGGESTION = "suggestion", "建议"
    MESSAGE = "message", "留言"


class InquiryResult(models.TextChoices):
    """How a concern was closed; empty while it is open."""

    ANSWERED = "answered", "回复"
    RETURNED = "returned", "退回"
    WITHDRAWN = "withdrawn", "撤回"
    TRANSFERRED = "transferred", "转办"


class ReplyPeriod(models.Model):
    """A body's promised reply period for one channel, in working days."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="reply_periods"
    )
    channel = models.CharField("来源渠道", max_length=16, choices=Channel.choices)
    working_days = models.PositiveSmallIntegerField(
        "答复期限（工作日）",
        help_text=f"自受理次日起计算的工作日数；未设置的渠道按{DEFAULT_REPLY_WORKING_DAYS}个工作日",
    )

    class Meta:
        verbose_name = "答复期限设置"
        verbose_name_plural = "答复期限设置"
        ordering = ("agency", "channel")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "channel"), name="inquiries_reply_period_unique"
            ),
            models.CheckConstraint(
                condition=Q(working_days__gte=1), name="inquiries_reply_period_days_gte_1"
            ),
        )

    def __str__(self) -> str:
        return f"{self.agency} · {self.get_channel_display()} · {self.working_days}个工作日"


class Inquiry(models.Model):
    """One complaint, question, suggestion or message from the public, and how it was closed.

    ``reply_due`` is ``reply_period_days`` working days after ``received_on`` on the holiday
    calendar of :mod:`gongkai.workdays` (the day of receipt not counted); the period is copied
    from :class:`ReplyPeriod` (or :data:`DEFAULT_REPLY_WORKING_DAYS`) when the row is written,
    so a later change of the setting does not move existing deadlines.
    """

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="inquiries"
    )
    channel = models.CharField("来源渠道", max_length=16, choices=Channel.choices)
    kind = models.CharField(
        "诉求类型", max_length=16, choices=InquiryKind.choices, default=InquiryKind.COMPLAINT
    )
    external_number = models.CharField(
        "工单编号", max_length=64, blank=True, help_text="来源平台的工单编号（如12345工单号）"
    )
    received_on = models.DateField("受理日期")
    subject = models.CharField("诉求标题", max_length=300)
    content = models.TextField("诉求内容", blank=True)
    requester_name = models.CharField("诉求人姓名", max_length=100, blank=True)
    requester_phone = models.CharField("联系电话", max_length=50, blank=True)
    result = models.CharField(
        "办理结果",
        max_length=16,
        choices=InquiryResult.choices,
        blank=True,
        help_text="办结前为空",
    )
    replied_on = models.DateField("办结日期", null=True, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    reply_period_days = models.PositiveSmallIntegerField("答复期限（工作日）")
    reply_due = models.DateField("答复截止日期", db_index=True)
    is_demo = models.BooleanField("演示数据", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "公众诉求"
        verbose_name_plural = "公众诉求"
        ordering = ("-received_on", "-id")
        indexes = (models.Index(fields=("agency", "received_on")),)
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "channel", "external_number"),
                condition=~Q(external_number=""),
                name="inquiries_inquiry_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(replied_on__isnull=True) | Q(replied_on__gte=F("received_on")),
                name="inquiries_inquiry_replied_after_received",
            ),
            models.CheckConstraint(
                condition=(Q(result="") & Q(replied_on__isnull=True))
                | (Q(result__in=InquiryResult.values) & Q(replied_on__isnull=False)),
                name="inquiries_inquiry_result_iff_replied",
            ),
            models.CheckConstraint(
                condition=Q(reply_due__gte=F("received_on")),
                name="inquiries_inquiry_due_after_received",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="inquiries_inquiry_channel_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=InquiryKind.values), name="inquiries_inquiry_kind_valid"
            ),
        )

    def __str__(self) -> str:
        number = self.external_number or f"#{self.pk}"
        return f"{self.get_channel_display()} {number} {self.subject}"[:300]

    @property
    def is_open(self) -> bool:
        return self.replied_on is None


class ProposalKind(models.TextChoices):
    DEPUTY_SUGGESTION = "deputy_suggestion", "人大代表建议"
    CPPCC_PROPOSAL = "cppcc_proposal", "政协提案"


class ProposalResult(models.TextChoices):
    """办理结果 as the bodies' replies classify them."""

    ADOPTED = "adopted", "解决采纳"
    PLANNED = "planned", "列入计划"
    REFERENCE = "reference", "留作参考"
    OTHER = "other", "其他"


class Proposal(models.Model):
    """One 人大代表建议 or 政协提案 assigned to the body, and how it was handled."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="proposals"
    )
    kind = models.CharField("类型", max_length=24, choices=ProposalKind.choices)
    source_body = models.CharField(
        "交办单位", max_length=50, help_text="例如 市政协、县人大、县政协"
    )
    number = models.CharField("编号", max_length=50, blank=True)
    title = models.CharField("标题", max_length=300)
    received_on = models.DateField("交办日期")
    handled_on = models.DateField("办结日期", null=True, blank=True)
    result = models.CharField(
        "办理结果",
        max_length=16,
        choices=ProposalResult.choices,
        blank=True,
        help_text="办结前为空",
    )
    reply_published = models.BooleanField("答复已公开", default=False)
    published_url = models.URLField("公开网址", max_length=500, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ("-received_on", "-id")
        indexes = (models.Index(fields=("agency", "received_on")),)
        constraints = (
            models.CheckConstraint(
                condition=Q(handled_on__isnull=True) | Q(handled_on__gte=F("received_on")),
                name="inquiries_proposal_handled_after_received",
            ),
            models.CheckConstraint(
                condition=(Q(result="") & Q(handled_on__isnull=True))
                | (Q(result__in=ProposalResult.values) & Q(handled_on__isnull=False)),
                name="inquiries_proposal_result_iff_handled",
            ),
            models.CheckConstraint(
                condition=Q(reply_published=False) | Q(handled_on__isnull=False),
                name="inquiries_proposal_published_when_handled",
            ),
            models.CheckConstraint(
                condition=Q(published_url="") | Q(reply_published=True),
                name="inquiries_proposal_url_only_when_published",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ProposalKind.values), name="inquiries_proposal_kind_valid"
            ),
        )

    def __str__(self) -> str:
        number = f"第{self.number}号 " if self.number else ""
        return f"{self.source_body}{number}{self.title}"[:300]
