"""行政复议 and 行政诉讼 cases about a body's 政府信息公开 work: the records of 表四."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q


class CaseKind(models.TextChoices):
    REVIEW = "review", "行政复议"
    LITIGATION = "litigation", "行政诉讼"


class LitigationRoute(models.TextChoices):
    """How a lawsuit reached the court (the two 行政诉讼 groups of 表四)."""

    DIRECT = "direct", "未经复议直接起诉"
    AFTER_REVIEW = "after_review", "复议后起诉"


class BodyRole(models.TextChoices):
    """The part the body (``AppealCase.agency``) plays in the case."""

    RESPONDENT = "respondent", "被申请人"
    DEFENDANT = "defendant", "被告"
    REVIEW_BODY_CO_DEFENDANT = "review_body_co_defendant", "复议机关作为共同被告"
    REVIEW_BODY = "review_body", "复议机关"


#: The roles possible in each kind of case.
ROLES_BY_KIND: dict[str, frozenset[str]] = {
    CaseKind.REVIEW: frozenset({BodyRole.RESPONDENT, BodyRole.REVIEW_BODY}),
    CaseKind.LITIGATION: frozenset({BodyRole.DEFENDANT, BodyRole.REVIEW_BODY_CO_DEFENDANT}),
}


class Procedure(models.TextChoices):
    """行政复议法 第五十三条: 政府信息公开 cases may be heard in the 简易程序."""

    ORDINARY = "ordinary", "普通程序"
    SIMPLIFIED = "simplified", "简易程序"


class Result(models.TextChoices):
    """The outcome of a case; its 表四 column comes from ``rules.DEFAULT_RESULT_COLUMNS``."""

    UPHELD = "upheld", "维持"
    REJECTED = "rejected", "驳回复议请求/驳回诉讼请求"
    REVOKED = "revoked", "撤销"
    VARIED = "varied", "变更"
    CONFIRMED_ILLEGAL = "confirmed_illegal", "确认违法"
    CONFIRMED_VOID = "confirmed_void", "确认无效"
    ORDERED_TO_PERFORM = "ordered_to_perform", "责令履行"
    TERMINATED = "terminated", "终止"
    WITHDRAWN = "withdrawn", "撤回"
    ACTION_DISMISSED = "action_dismissed", "驳回起诉/不予受理"
    MEDIATED = "mediated", "调解"
    OTHER = "other", "其他"


class Table4Column(models.TextChoices):
    """The result columns of 表四 (exact labels of the format)."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"


class AppealCase(models.Model):
    """One case as one body sees it: a body that is party in two roles has two rows.

    ``copy_received_on`` is the day the body received the 申请书副本 (复议) or 起诉状副本 (诉讼);
    ``answer_due`` is computed from it by ``services`` on the working-day calendar.
    """

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="appeal_cases",
    )
    kind = models.CharField("案件类型", max_length=16, choices=CaseKind.choices)
    route = models.CharField(
        "起诉方式",
        max_length=16,
        choices=LitigationRoute.choices,
        blank=True,
        help_text="仅行政诉讼填写",
    )
    role = models.CharField("本机关身份", max_length=32, choices=BodyRole.choices)
    procedure = models.CharField(
        "审理程序",
        max_length=16,
        choices=Procedure.choices,
        blank=True,
        help_text="仅行政复议填写（行政复议法第五十三条）",
    )
    case_number = models.CharField("案号", max_length=100, blank=True)
    applications = models.ManyToManyField(
        "applications.Application",
        verbose_name="涉及的政府信息公开申请",
        blank=True,
        related_name="appeal_cases",
    )
    review_case = models.ForeignKey(
        "self",
        verbose_name="前置行政复议案件",
        help_text="复议后起诉的，填写本机关的行政复议案件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lawsuits",
    )
    filed_on = models.DateField("申请/起诉日期")
    accepted_on = models.DateField("受理/立案日期", null=True, blank=True)
    copy_received_on = models.DateField(
        "收到副本日期", null=True, blank=True, help_text="收到申请书副本或起诉状副本之日"
    )
    answer_due = models.DateField("答复/答辩期限", null=True, blank=True, db_index=True)
    answer_due_provisional = models.BooleanField("期限暂定", default=False)
    answered_on = models.DateField("提交答复/答辩状日期", null=True, blank=True)
    deciding_body = models.CharField("复议机关/审理法院", max_length=200, blank=True)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("审理结果", max_length=32, choices=Result.choices, blank=True)
    note = models.TextField("备注", blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "复议诉讼案件"
        verbose_name_plural = "复议诉讼案件"
        ordering = ("-filed_on", "-id")
        indexes = (
            models.Index(fields=("agency", "filed_on"), name="appeal_agency_filed"),
            models.Index(fields=("agency", "decided_on"), name="appeal_agency_decided"),
        )
        constraints = (
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("filed_on")),
                name="appeal_decided_after_filed",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True, result="")
                | (Q(decided_on__isnull=False) & ~Q(result="")),
                name="appeal_result_iff_decided",
            ),
            models.CheckConstraint(
                condition=Q(accepted_on__isnull=True) | Q(accepted_on__gte=F("filed_on")),
                name="appeal_accepted_after_filed",
            ),
            models.CheckConstraint(
                condition=Q(copy_received_on__isnull=True) | Q(copy_received_on__gte=F("filed_on")),
                name="appeal_copy_after_filed",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=F("filed_on")),
                name="appeal_answered_after_filed",
            ),
            models.CheckConstraint(
                condition=Q(
                    kind=CaseKind.REVIEW,
                    route="",
                    role__in=sorted(ROLES_BY_KIND[CaseKind.REVIEW]),
                )
                | Q(
                    kind=CaseKind.LITIGATION,
                    route__in=LitigationRoute.values,
                    procedure="",
                    role__in=sorted(ROLES_BY_KIND[CaseKind.LITIGATION]),
                ),
                name="appeal_kind_route_role",
            ),
            models.UniqueConstraint(
                fields=("agency", "kind", "case_number"),
                condition=~Q(case_number=""),
                name="appeal_case_number_unique",
            ),
        )

    def __str__(self) -> str:
        number = self.case_number or f"#{self.pk}"
        return f"{self.get_kind_display()} {number}（{self.get_role_display()}）"

    @property
    def group(self) -> str:
        """The 表四 group key (``rules.TABLE4_GROUPS``)."""
        if self.kind == CaseKind.REVIEW:
            return "review"
        if self.route == LitigationRoute.DIRECT:
            return "litigation_direct"
        return "litigation_after_review"


def _document_path(instance: AppealDocument, filename: str) -> str:
    return f"appeals/{instance.case_id}/{filename}"


class AppealDocument(models.Model):
    """A paper of the case: 申请书副本, 起诉状副本, 答复书, 答辩状, 决定书, 判决书…"""

    case = models.ForeignKey(
        AppealCase, verbose_name="案件", on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField("文书名称", max_length=200)
    file = models.FileField("文件", upload_to=_document_path, max_length=300)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "案件文书"
        verbose_name_plural = "案件文书"
        ordering = ("uploaded_at", "id")

    def __str__(self) -> str:
        return self.title


class ResultMapping(models.Model):
    """A deployment's override of one line of ``rules.DEFAULT_RESULT_COLUMNS``."""

    result = models.CharField("审理结果", max_length=32, choices=Result.choices, unique=True)
    column = models.CharField("表四栏目", max_length=16, choices=Table4Column.choices)
    basis = models.CharField(
        "依据", max_length=300, blank=True, help_text="例如本省政务公开办的统计口径文件"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "表四结果归类"
        verbose_name_plural = "表四结果归类"
        ordering = ("result",)

    def __str__(self) -> str:
        return f"{self.get_result_display()} → {self.get_column_display()}"
