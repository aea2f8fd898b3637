"""The Django side of the annual report: section templates, recorded figures, frozen reports.

The tables of a report are never stored while it is a draft: they are computed from the
records (:mod:`gongkai.annual.compute`). What is stored is what people write (the section
templates), the few figures the text cites that no record holds (:class:`RecordedFigure`),
and the report once frozen (:class:`AnnualReport`: a JSON snapshot and its SHA-256).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from gongkai.agencies.models import Agency, AgencyKind
from gongkai.annual.rules import check_local_deadline, sets_township_deadlines
from gongkai.annual.states import Status

#: The six parts of the report (国办公开办函〔2021〕30号; regulations.md §1.3).
SECTION_CHOICES = [
    ("1", "一、总体情况"),
    ("2", "二、主动公开政府信息情况"),
    ("3", "三、收到和处理政府信息公开申请情况"),
    ("4", "四、政府信息公开行政复议、行政诉讼情况"),
    ("5", "五、存在的主要问题及改进情况"),
    ("6", "六、其他需要报告的事项"),
]


class Scope(models.TextChoices):
    OWN = "own", "本机关"
    CONSOLIDATED = "consolidated", "汇总（本级政府及所属机关）"


class SectionTemplate(models.Model):
    """The editable text of one part of a body's report, with named placeholders.

    ``{posts_total}``, ``{posts_by_channel.wechat}``, ``{complaints_total}`` … name figure
    sources of :data:`gongkai.annual.figures.FIGURE_SOURCES`, so every number the text prints
    stays linked to the records it comes from. ``year`` empty: the body's text for every year;
    a row for a year takes precedence over it.
    """

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="section_templates"
    )
    section = models.CharField("部分", max_length=1, choices=SECTION_CHOICES)
    year = models.PositiveSmallIntegerField(
        "适用年度", null=True, blank=True, help_text="留空则适用于各年度"
    )
    text = models.TextField(
        "正文模板", blank=True, help_text="用 {占位符} 引用由记录计算的数字，如 {posts_total}"
    )
    is_demo = models.BooleanField("演示数据", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年度报告正文模板"
        verbose_name_plural = "年度报告正文模板"
        ordering = ("agency", "section", "year")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "section", "year"),
                condition=Q(year__isnull=False),
                name="annual_template_unique_per_year",
            ),
            models.UniqueConstraint(
                fields=("agency", "section"),
                condition=Q(year__isnull=True),
                name="annual_template_unique_any_year",
            ),
            models.CheckConstraint(
                condition=Q(section__in=[k for k, _ in SECTION_CHOICES]),
                name="annual_template_section_valid",
            ),
        )

    def __str__(self) -> str:
        year = f"{self.year}年" if self.year else "各年度"
        return f"{self.agency} · {self.get_section_display()} · {year}"


class RecordedFigure(models.Model):
    """A figure the report's text cites that no record of gongkai holds, with its source.

    E.g. the number of teachers recruited, or tender notices published on another platform:
    entered once with where it comes from, then cited through ``{recorded.NAME}``.
    """

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="recorded_figures"
    )
    year = models.PositiveSmallIntegerField("年度")
    name = models.SlugField("名称", max_length=64, help_text="占位符 {recorded.名称} 引用此数字")
    label = models.CharField("含义", max_length=200)
    value = models.PositiveIntegerField("数值")
    source = models.CharField("来源", max_length=300, help_text="数字出自哪份台账、系统或文件")
    is_demo = models.BooleanField("演示数据", default=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "登记数字"
        verbose_name_plural = "登记数字"
        ordering = ("agency", "year", "name")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "year", "name"), name="annual_recorded_figure_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.label}：{self.value}"


class TownshipDeadline(models.Model):
    """The day by which the 乡（镇）人民政府 under a government publish their annual report.

    条例 第四十九条 sets the deadlines of 县级以上 bodies only; a township's comes from local
    rules (regulations.md §1.10 [U]), so each jurisdiction records its own with the rule it
    comes from. The nearest government above a township that has one sets it; without any, the
    government's 3月31日 applies (``annual.rules.statutory_deadline``).
    """

    jurisdiction = models.OneToOneField(
        Agency,
        verbose_name="所属人民政府",
        on_delete=models.CASCADE,
        related_name="township_deadline",
        limit_choices_to={"kind": AgencyKind.GOVERNMENT},
        help_text="其下（含下级政府之下）的乡（镇）人民政府适用此期限",
    )
    month = models.PositiveSmallIntegerField("月")
    day = models.PositiveSmallIntegerField("日")
    source = models.CharField(
        "依据", max_length=300, help_text="规定此期限的地方文件（名称、文号）"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "乡镇年度报告公布期限"
        verbose_name_plural = "乡镇年度报告公布期限"
        ordering = ("jurisdiction",)
        constraints = (
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12, day__gte=1, day__lte=31),
                name="annual_township_deadline_day",
            ),
        )

    def __str__(self) -> str:
        return f"{self.jurisdiction}所属乡镇：次年{self.month}月{self.day}日前"

    def clean(self) -> None:
        problem = check_local_deadline(self.month or 0, self.day or 0)
        if problem is not None:
            raise ValidationError({"day": problem})
        body = getattr(self, "jurisdiction", None)
        if body is not None and not sets_township_deadlines(body):
            raise ValidationError({"jurisdiction": "应为县级以上人民政府（其下有乡镇）"})


class AnnualReport(models.Model):
    """One version of a body's 政府信息公开工作年度报告: draft → 审核 → frozen → published.

    A frozen version keeps its figures in ``snapshot`` (``gongkai.annual-report/1``) with the
    SHA-256 of its canonical JSON in ``sha256``: later changes of the records do not move it.
    A correction is a new version, with its reason; the earlier version stays as it was.
    """

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    scope = models.CharField("范围", max_length=16, choices=Scope.choices, default=Scope.OWN)
    version = models.PositiveIntegerField("版本", default=1)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    snapshot = models.JSONField("报告数据", null=True, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    correction_reason = models.TextField("更正原因", blank=True)
    deadline = models.DateField("法定公布期限", help_text="条例第四十九条")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    frozen_at = models.DateTimeField("定稿时间", null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="定稿人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_on = models.DateField("公布日期", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="公布人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_demo = models.BooleanField("演示数据", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ("agency", "-year", "scope", "-version")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "year", "scope", "version"), name="annual_report_version_unique"
            ),
            models.UniqueConstraint(
                fields=("agency", "year", "scope"),
                condition=Q(status__in=["draft", "in_review"]),
                name="annual_report_one_open_draft",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_review"])
                | (Q(snapshot__isnull=False) & ~Q(sha256="") & Q(frozen_at__isnull=False)),
                name="annual_report_frozen_has_snapshot",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="annual_report_published_has_date",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="annual_report_version_gte_1"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="annual_report_status_valid"
            ),
        )

    def __str__(self) -> str:
        scope = "（汇总）" if self.scope == Scope.CONSOLIDATED else ""
        status = self.get_status_display()
        return f"{self.agency}{self.year}年度报告{scope} 第{self.version}版（{status}）"

    def is_overdue(self, today: date) -> bool:
        """Published after the statutory deadline, or not yet published when it has passed."""
        if self.published_on is not None:
            return self.published_on > self.deadline
        return today > self.deadline
