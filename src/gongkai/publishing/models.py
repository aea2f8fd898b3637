"""主动公开: publications, their review, channels, the 目录 and 指南, and the 表二 records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.agencies.models import Agency, Role
from gongkai.publishing.states import Status
from gongkai.workdays.models import Deadline

#: The default pattern of the 索引号; fields: credit_code, agency_id, year, seq.
DEFAULT_INDEX_PATTERN = "{credit_code}/{year}-{seq:05d}"


class Article20Item(models.TextChoices):
    """The 15 categories every body must disclose proactively (条例 第二十条), verbatim."""

    ITEM_01 = "01", "行政法规、规章和规范性文件"
    ITEM_02 = "02", "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"
    ITEM_03 = "03", "国民经济和社会发展规划、专项规划、区域规划及相关政策"
    ITEM_04 = "04", "国民经济和社会发展统计信息"
    ITEM_05 = "05", "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果"
    ITEM_06 = (
        "06",
        "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    )
    ITEM_07 = "07", "财政预算、决算信息"
    ITEM_08 = "08", "行政事业性收费项目及其依据、标准"
    ITEM_09 = "09", "政府集中采购项目的目录、标准及实施情况"
    ITEM_10 = "10", "重大建设项目的批准和实施情况"
    ITEM_11 = "11", "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况"
    ITEM_12 = "12", "突发公共事件的应急预案、预警信息及应对情况"
    ITEM_13 = "13", "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"
    ITEM_14 = "14", "公务员招考的职位、名额、报考条件等事项以及录用结果"
    ITEM_15 = "15", "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息"


#: （一）…（十五）, as the 条例 numbers the items of 第二十条.
ITEM_NUMERALS = dict(
    zip(
        Article20Item.values,
        (
            "一",
            "二",
            "三",
            "四",
            "五",
            "六",
            "七",
            "八",
            "九",
            "十",
            *("十一", "十二", "十三", "十四", "十五"),
        ),
        strict=True,
    )
)


class Channel(models.TextChoices):
    WEBSITE = "website", "政府网站"
    WECHAT = "wechat", "微信公众号"
    WEIBO = "weibo", "微博"
    VIDEO = "video", "视频号"
    NOTICE_BOARD = "notice_board", "政务公开栏"
    OTHER = "other", "其他"


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class ContentFormat(models.TextChoices):
    TEXT = "text", "纯文本"
    HTML = "html", "HTML（显示时净化）"


class Source(models.TextChoices):
    ENTERED = "entered", "录入"
    IMPORTED = "imported", "导入"


class PublishingSettings(models.Model):
    """Per-body settings of 主动公开."""

    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="publishing_settings"
    )
    index_pattern = models.CharField(
        "索引号格式",
        max_length=100,
        default=DEFAULT_INDEX_PATTERN,
        help_text="可用字段：{credit_code} 统一社会信用代码、{agency_id}、{year} 年份、"
        "{seq} 当年序号（如 {seq:05d}）",
    )
    fee_decimals = models.PositiveSmallIntegerField(
        "收费金额（万元）小数位数", default=4, help_text="年度报告格式未规定，默认4位"
    )
    arrangement = models.TextField(
        "编排体系", blank=True, help_text="留空则按公开目录和第二十条分类自动生成"
    )
    access_methods = models.TextField(
        "获取方式", blank=True, help_text="留空则使用默认的主动公开与依申请公开说明"
    )

    class Meta:
        verbose_name = "主动公开设置"
        verbose_name_plural = "主动公开设置"

    def __str__(self) -> str:
        return f"{self.agency} 主动公开设置"


class IndexSequence(models.Model):
    """The last 索引号 sequence number used by a body in a year."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "索引号序号"
        verbose_name_plural = "索引号序号"
        constraints = (
            models.UniqueConstraint(fields=("agency", "year"), name="publishing_index_seq_unique"),
        )

    def __str__(self) -> str:
        return f"{self.agency} {self.year}: {self.last}"


class CatalogueNode(models.Model):
    """One row of a body's 政府信息公开目录 (条例 第十二条、第二十二条): 一级/二级事项…"""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="catalogue_nodes"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级事项",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    order = models.PositiveIntegerField("排序", default=0)
    name = models.CharField("公开事项", max_length=200)
    content = models.TextField("公开内容（要素）", blank=True)
    basis = models.TextField("公开依据", blank=True)
    time_limit = models.CharField("公开时限", max_length=200, blank=True)
    subject = models.CharField("公开主体", max_length=200, blank=True)
    channels = models.CharField("公开渠道和载体", max_length=300, blank=True)
    audience = models.CharField("公开对象", max_length=50, blank=True)
    mode = models.CharField("公开方式", max_length=50, blank=True)
    tier = models.CharField("公开层级", max_length=50, blank=True)
    national = models.BooleanField(
        "国家标准事项", default=False, help_text="标准指引原文规定的事项；否则为地方示例，可修改"
    )

    class Meta:
        verbose_name = "公开目录事项"
        verbose_name_plural = "公开目录"
        ordering = ("agency", "parent_id", "order", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "parent", "name"), name="publishing_catalogue_unique_name"
            ),
            models.UniqueConstraint(
                fields=("agency", "name"),
                condition=Q(parent__isnull=True),
                name="publishing_catalogue_unique_root",
            ),
        )

    def __str__(self) -> str:
        return self.name


class Publication(models.Model):
    """One piece of information published proactively (or recorded as withheld)."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="publications"
    )
    index_number = models.CharField("索引号", max_length=100)
    title = models.CharField("标题", max_length=500)
    document_number = models.CharField("文号", max_length=100, blank=True)
    issued_on = models.DateField("发文日期", null=True, blank=True)
    formed_on = models.DateField(
        "形成或变更日期", help_text="条例第二十六条：自此日起20个工作日内公开"
    )
    publish_deadline = models.OneToOneField(
        Deadline,
        verbose_name="公开期限",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publication",
    )
    override_due = models.DateField(
        "法定特别期限",
        null=True,
        blank=True,
        help_text="法律、法规对公开期限另有规定的，从其规定（条例第二十六条）",
    )
    article20_item = models.CharField(
        "第二十条分类", max_length=2, choices=Article20Item.choices, blank=True
    )
    catalogue_node = models.ForeignKey(
        CatalogueNode,
        verbose_name="目录事项",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
    )
    content = models.TextField("正文", blank=True)
    content_format = models.CharField(
        "正文格式", max_length=8, choices=ContentFormat.choices, default=ContentFormat.TEXT
    )
    interprets = models.ForeignKey(
        "self",
        verbose_name="解读的文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
    )
    disclosure_mode = models.CharField(
        "公开方式", max_length=16, choices=DisclosureMode.choices, default=DisclosureMode.PROACTIVE
    )
    withheld_reason = models.TextField("不予公开理由", blank=True)
    review_due = models.DateField(
        "定期复查日期", null=True, blank=True, help_text="不予公开的信息应定期评估（条例第十八条）"
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT)
    review_round = models.PositiveIntegerField("审查轮次", default=0)
    review_step = models.PositiveSmallIntegerField(
        "当前审查步骤", default=0, help_text="审查中时为当前待审步骤的序号"
    )
    secrecy_reviewed = models.BooleanField("已进行保密审查", default=False)
    secrecy_reviewer = models.CharField("保密审查人", max_length=50, blank=True)
    published_on = models.DateField("公开日期", null=True, blank=True, db_index=True)
    url = models.URLField("网址", max_length=500, blank=True)
    source = models.CharField("来源", max_length=16, choices=Source.choices, default=Source.ENTERED)
    is_demo = models.BooleanField("演示数据", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"
        ordering = ("-published_on", "-id")
        indexes = (models.Index(fields=("agency", "status", "published_on")),)
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "index_number"), name="publishing_index_number_unique"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED)
                | (
                    Q(secrecy_reviewed=True)
                    & ~Q(secrecy_reviewer="")
                    & Q(published_on__isnull=False)
                ),
                name="publishing_published_after_secrecy_review",
            ),
            models.CheckConstraint(
                condition=~Q(disclosure_mode=DisclosureMode.WITHHELD) | ~Q(withheld_reason=""),
                name="publishing_withheld_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | ~Q(disclosure_mode=DisclosureMode.WITHHELD),
                name="publishing_withheld_never_published",
            ),
        )

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"


class Attachment(models.Model):
    publication = models.ForeignKey(
        Publication, verbose_name="信息", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("附件", upload_to="publishing/%Y/")
    name = models.CharField("附件名称", max_length=200, blank=True)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.name or self.file.name


class PublicationChannel(models.Model):
    """Where and when an item went out; a body counts these in its annual report."""

    publication = models.ForeignKey(
        Publication, verbose_name="信息", on_delete=models.CASCADE, related_name="channels"
    )
    channel = models.CharField("发布渠道", max_length=16, choices=Channel.choices)
    published_on = models.DateField("发布日期", db_index=True)
    url = models.URLField("链接", max_length=500, blank=True)

    class Meta:
        verbose_name = "发布渠道"
        verbose_name_plural = "发布渠道"
        constraints = (
            models.UniqueConstraint(
                fields=("publication", "channel"), name="publishing_channel_once"
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.published_on.isoformat()}"


class ReviewStep(models.Model):
    """One step of a body's review chain (三审); the chain runs in ``order``."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="review_steps"
    )
    order = models.PositiveSmallIntegerField("顺序")
    name = models.CharField("名称", max_length=20)
    role = models.CharField("审查角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "审查步骤"
        verbose_name_plural = "审查步骤"
        ordering = ("agency", "order")
        constraints = (
            models.UniqueConstraint(fields=("agency", "order"), name="publishing_step_order"),
            models.CheckConstraint(condition=Q(order__gte=1), name="publishing_step_order_gte_1"),
        )

    def __str__(self) -> str:
        return f"{self.order}. {self.name}（{self.get_role_display()}）"


class Decision(models.TextChoices):
    APPROVE = "approve", "同意"
    RETURN = "return", "退回"


class ReviewDecision(models.Model):
    """A recorded decision of one step of one review round."""

    publication = models.ForeignKey(
        Publication, verbose_name="信息", on_delete=models.CASCADE, related_name="decisions"
    )
    round = models.PositiveIntegerField("轮次")
    step_order = models.PositiveSmallIntegerField("步骤")
    step_name = models.CharField("步骤名称", max_length=20)
    decision = models.CharField("意见", max_length=8, choices=Decision.choices)
    comment = models.TextField("审查意见", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审查人", on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "审查记录"
        verbose_name_plural = "审查记录"
        ordering = ("publication", "round", "step_order")
        constraints = (
            models.UniqueConstraint(
                fields=("publication", "round", "step_order"), name="publishing_decision_once"
            ),
            models.CheckConstraint(
                condition=~Q(decision="return") | ~Q(comment=""),
                name="publishing_return_has_comment",
            ),
        )

    def __str__(self) -> str:
        return f"第{self.round}轮 {self.step_name} {self.get_decision_display()}"


class SearchTerm(models.Model):
    """A posting of the character-bigram index (see docs/publishing.md, “检索”)."""

    term = models.CharField(max_length=32)
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="+")
    title_hits = models.PositiveSmallIntegerField(default=0)
    body_hits = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "检索词条"
        verbose_name_plural = "检索词条"
        constraints = (
            models.UniqueConstraint(fields=("term", "publication"), name="publishing_term_unique"),
        )
        # Covering: a search reads postings without visiting the table (an index-only scan on
        # PostgreSQL, a covering index on SQLite). Why: docs/publishing.md, “检索”.
        indexes = (
            models.Index(
                fields=("term", "publication", "title_hits", "body_hits"),
                name="publishing_term_postings",
            ),
        )

    def __str__(self) -> str:
        return self.term


class NormativeKind(models.TextChoices):
    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"


class NormativeDocument(models.Model):
    """A 规章 or 行政规范性文件, for 表二 第二十条第（一）项."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="normative_documents"
    )
    kind = models.CharField("类别", max_length=16, choices=NormativeKind.choices)
    title = models.CharField("名称", max_length=300)
    document_number = models.CharField("文号", max_length=100, blank=True)
    made_on = models.DateField("制发日期")
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    expired_on = models.DateField("失效日期", null=True, blank=True)
    publication = models.ForeignKey(
        Publication,
        verbose_name="公开信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField("演示数据", default=False)

    class Meta:
        verbose_name = "规章和行政规范性文件"
        verbose_name_plural = "规章和行政规范性文件"
        ordering = ("agency", "-made_on")
        constraints = (
            models.CheckConstraint(
                condition=Q(repealed_on__isnull=True) | Q(repealed_on__gte=models.F("made_on")),
                name="publishing_normative_repealed_after_made",
            ),
            models.CheckConstraint(
                condition=Q(expired_on__isnull=True) | Q(expired_on__gte=models.F("made_on")),
                name="publishing_normative_expired_after_made",
            ),
        )

    def __str__(self) -> str:
        return self.title


class NormativeAmendment(models.Model):
    """A 修改 of a document: it stays the same document, 现行有效 (counted once)."""

    document = models.ForeignKey(
        NormativeDocument, verbose_name="文件", on_delete=models.CASCADE, related_name="amendments"
    )
    amended_on = models.DateField("修改日期")
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "修改记录"
        verbose_name_plural = "修改记录"
        ordering = ("document", "amended_on")

    def __str__(self) -> str:
        return f"{self.document} {self.amended_on.isoformat()} 修改"


class FigureItem(models.TextChoices):
    """The cells of 表二 that are not counted from publications."""

    LICENSE = "license", "行政许可"  # 第二十条第（五）项
    PENALTY = "penalty", "行政处罚"  # 第二十条第（六）项
    COERCION = "coercion", "行政强制"  # 第二十条第（六）项
    FEE = "fee", "行政事业性收费"  # 第二十条第（八）项, in 元


class YearlyFigure(models.Model):
    """A yearly figure with its source; the report reads it, nobody types it into the report."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="yearly_figures"
    )
    year = models.PositiveSmallIntegerField("年度")
    item = models.CharField("项目", max_length=16, choices=FigureItem.choices)
    value = models.DecimalField(
        "数值", max_digits=18, decimal_places=2, help_text="处理决定数量（件）或收费金额（元）"
    )
    source = models.CharField("来源", max_length=16, choices=Source.choices)
    note = models.CharField("来源说明", max_length=300, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "年度数据"
        verbose_name_plural = "年度数据"
        ordering = ("agency", "-year", "item")
        constraints = (
            models.UniqueConstraint(
                fields=("agency", "year", "item"), name="publishing_figure_unique"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="publishing_figure_gte_0"),
        )

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.get_item_display()}"


class GuideVersion(models.Model):
    """A version of a body's 政府信息公开指南 (条例 第十二条); a new one only when it changes."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="guide_versions"
    )
    text = models.TextField("指南全文")
    digest = models.CharField("摘要值", max_length=64)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = "政府信息公开指南"
        verbose_name_plural = "政府信息公开指南"
        ordering = ("agency", "-created_at", "-id")
        get_latest_by = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.agency} 指南（{self.created_at:%Y-%m-%d}）"
