"""Bodies (机关), their hierarchy and the roles users hold in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from gongkai.agencies.validators import validate_credit_code


class AgencyKind(models.TextChoices):
    """The kinds of 政府信息公开 bodies (条例 第二条、第五十四条、第五十五条)."""

    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府部门"
    BRANCH = "branch", "派出机构"
    AUTHORIZED = "authorized", "法律法规授权组织"
    PUBLIC_ENTERPRISE = "public_enterprise", "公共企事业单位"


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡级"


class Agency(models.Model):
    """A body that discloses information and reports on it every year."""

    name = models.CharField("名称", max_length=100, unique=True)
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        blank=True,
        help_text="18位，按 GB 32100-2015 校验",
        validators=[validate_credit_code],
    )
    kind = models.CharField("机关类型", max_length=20, choices=AgencyKind.choices)
    level = models.CharField("层级", max_length=10, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        help_text="部门填所属的本级人民政府；人民政府填上一级人民政府；派出机构填设立它的机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    vertically_managed = models.BooleanField(
        "实行垂直领导",
        default=False,
        help_text="海关、金融、外汇管理、税务、国家安全等机关（行政复议法第二十七条）",
    )
    review_body_override = models.ForeignKey(
        "self",
        verbose_name="行政复议机关（手工指定）",
        help_text="留空则按行政复议法第二十四条至第二十七条自动确定",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_body_override_name = models.CharField(
        "行政复议机关名称（系统外机关）",
        max_length=100,
        blank=True,
        help_text="复议机关不在本系统中时填写，如上一级主管部门",
    )
    # Contacts for the 政府信息公开指南 (条例 第十二条)
    office_name = models.CharField("政府信息公开工作机构名称", max_length=100, blank=True)
    office_address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    fax = models.CharField("传真", max_length=50, blank=True)
    website = models.URLField("网址", blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    postal_code = models.CharField("邮政编码", max_length=6, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ("name",)
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="agency_not_own_parent"
            ),
            models.UniqueConstraint(
                Lower("credit_code"),
                condition=~models.Q(credit_code=""),
                name="agency_credit_code_unique",
            ),
        )

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """What a user may do for a body (see architecture.md, 'Who uses it')."""

    CLERK = "clerk", "经办人"
    REVIEWER = "reviewer", "审核人"
    HEAD = "head", "负责人"
    OVERSIGHT = "oversight", "公开办"
    ADMIN = "admin", "管理员"


class Membership(models.Model):
    """A user's role in one body. A user may hold several roles in several bodies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        constraints = (
            models.UniqueConstraint(
                fields=("user", "agency", "role"), name="membership_unique_role"
            ),
        )

    def __str__(self) -> str:
        return f"{self.agency} · {self.get_role_display()} · {self.user}"
