"""The holiday calendar as data, and the deadlines computed from it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from gongkai.workdays import rules


class HolidayNotice(models.Model):
    """One 国务院办公厅关于YYYY年部分节假日安排的通知: the source of a year's exceptional days."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    title = models.CharField("通知标题", max_length=200)
    document_number = models.CharField("文号", max_length=100, blank=True)
    issued_on = models.DateField("发布日期", null=True, blank=True)
    url = models.URLField("网址", max_length=500, blank=True)
    source = models.CharField(
        "数据来源",
        max_length=100,
        help_text="例如 chinesecalendar 1.11.0、import（导入文件）、admin（后台录入）",
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "节假日安排通知"
        verbose_name_plural = "节假日安排通知"
        ordering = ("-year",)

    def __str__(self) -> str:
        return self.title


class CalendarDay(models.Model):
    """A day a notice names: a day off (weekends inside a closure included) or a 调休 workday."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("调休上班", default=False)
    name = models.CharField("节日", max_length=100)
    notice = models.ForeignKey(
        HolidayNotice,
        verbose_name="通知",
        on_delete=models.CASCADE,
        related_name="days",
    )

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ("date",)

    def __str__(self) -> str:
        kind = "上班" if self.is_workday else "放假"
        return f"{self.date.isoformat()} {self.name} {kind}"


class DeadlineKind(models.TextChoices):
    REPLY = "reply", "答复期限（条例第三十三条）"
    CORRECTION_NOTICE = "correction_notice", "补正告知期限（条例第三十条）"
    THIRD_PARTY = "third_party", "第三方意见期限（条例第三十二条）"
    PUBLICATION = "publication", "主动公开期限（条例第二十六条）"
    FEE_PAYMENT = "fee_payment", "缴费期限（国办函〔2020〕109号）"
    OTHER = "other", "其他"


#: The number of working days each kind runs for.
KIND_DAYS: dict[str, int] = {
    DeadlineKind.REPLY: rules.REPLY_WORKING_DAYS,
    DeadlineKind.CORRECTION_NOTICE: rules.CORRECTION_NOTICE_WORKING_DAYS,
    DeadlineKind.THIRD_PARTY: rules.THIRD_PARTY_WORKING_DAYS,
    DeadlineKind.PUBLICATION: rules.PUBLICATION_WORKING_DAYS,
    DeadlineKind.FEE_PAYMENT: rules.FEE_PAYMENT_WORKING_DAYS,
}


class DeadlineStatus(models.TextChoices):
    OPEN = "open", "进行中"
    CLOSED = "closed", "已结束"


class Deadline(models.Model):
    """A statutory period of one case. Other apps link to it (``OneToOneField``).

    ``due`` and ``provisional`` are derived from the other fields and the calendar; only
    ``gongkai.workdays.services`` writes them, and recomputes every open one when a notice is
    imported. The explanation in words is computed when shown (``selectors.deadline_due``).
    """

    kind = models.CharField("期限类型", max_length=32, choices=DeadlineKind.choices)
    start = models.DateField("起算日", help_text="不计入期限（民事诉讼法第八十五条，类推适用）")
    start_label = models.CharField("起算事由", max_length=40, default="收到申请")
    days = models.PositiveSmallIntegerField("工作日数")
    pauses = models.JSONField(
        "暂停区间", default=list, blank=True, help_text="[[开始日, 结束日, 事由], …]，两端均不计"
    )
    extensions = models.PositiveSmallIntegerField("延长次数", default=0)
    restarted_on = models.DateField("重新起算日", null=True, blank=True)
    due = models.DateField("届满日", db_index=True)
    provisional = models.BooleanField("暂定", default=False, db_index=True)
    status = models.CharField(
        "状态", max_length=16, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    computed_at = models.DateTimeField("计算时间", auto_now=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        ordering = ("due", "id")
        indexes = (models.Index(fields=("status", "provisional")),)
        constraints = (
            models.CheckConstraint(condition=Q(days__gte=1), name="workdays_deadline_days_gte_1"),
            models.CheckConstraint(
                condition=Q(extensions__lte=rules.MAX_EXTENSIONS),
                name="workdays_deadline_one_extension",
            ),
            models.CheckConstraint(
                condition=Q(due__gt=models.F("start")), name="workdays_deadline_due_after_start"
            ),
            models.CheckConstraint(
                condition=Q(restarted_on__isnull=True) | Q(restarted_on__gte=models.F("start")),
                name="workdays_deadline_restart_after_start",
            ),
        )

    def __str__(self) -> str:
        mark = "（暂定）" if self.provisional else ""
        return f"{self.get_kind_display()} {self.due.isoformat()}{mark}"
