"""Writes for bodies: every create or change goes through here (validated and audited)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel, Membership, Role
from gongkai.agencies.validators import credit_code_problem
from gongkai.audit.services import record
from gongkai.core.errors import Conflict, ValidationFailed

_LEVEL_ORDER = [AgencyLevel.PROVINCE, AgencyLevel.CITY, AgencyLevel.COUNTY, AgencyLevel.TOWNSHIP]

#: Contact fields shown in the 政府信息公开指南 (条例 第十二条).
CONTACT_FIELDS = (
    "office_name",
    "office_address",
    "office_hours",
    "phone",
    "fax",
    "website",
    "email",
    "postal_code",
)


def _check_hierarchy(*, kind: str, level: str, parent: Agency | None) -> None:
    if parent is None:
        return
    if kind == AgencyKind.GOVERNMENT:
        if parent.kind != AgencyKind.GOVERNMENT:
            raise ValidationFailed(
                f"人民政府的上级机关应为上一级人民政府，“{parent.name}”是"
                f"{parent.get_kind_display()}"
            )
        if _LEVEL_ORDER.index(AgencyLevel(parent.level)) >= _LEVEL_ORDER.index(AgencyLevel(level)):
            raise ValidationFailed(
                f"上级人民政府“{parent.name}”（{parent.get_level_display()}）的层级"
                f"应高于本机关（{AgencyLevel(level).label}）"
            )
    elif kind == AgencyKind.DEPARTMENT:
        if parent.kind != AgencyKind.GOVERNMENT:
            raise ValidationFailed(
                f"政府部门的上级机关应为所属的本级人民政府，“{parent.name}”是"
                f"{parent.get_kind_display()}"
            )
        if parent.level != level:
            raise ValidationFailed(
                f"政府部门与所属人民政府“{parent.name}”应为同一层级（{parent.get_level_display()}）"
            )


def agency_create(
    *,
    actor: AbstractBaseUser | None,
    name: str,
    kind: str,
    level: str,
    parent: Agency | None = None,
    credit_code: str = "",
    vertically_managed: bool = False,
    is_demo: bool = False,
    **contacts: str,
) -> Agency:
    """Register a body. Raises ValidationFailed / Conflict with a message naming the field."""
    name = name.strip()
    if not name:
        raise ValidationFailed("机关名称不能为空")
    if len(name) > 100:
        raise ValidationFailed(f"机关名称过长（{len(name)}字，最多100字）")
    if kind not in AgencyKind.values:
        raise ValidationFailed(f"未知的机关类型“{kind}”")
    if level not in AgencyLevel.values:
        raise ValidationFailed(f"未知的层级“{level}”")
    unknown = set(contacts) - set(CONTACT_FIELDS)
    if unknown:
        raise ValidationFailed(f"未知的字段：{', '.join(sorted(unknown))}")
    credit_code = credit_code.strip().upper()
    if credit_code and (problem := credit_code_problem(credit_code)):
        raise ValidationFailed(problem)
    _check_hierarchy(kind=kind, level=level, parent=parent)
    if Agency.objects.filter(name=name).exists():
        raise Conflict(f"机关“{name}”已存在", code="duplicate")
    try:
        with transaction.atomic():
            agency = Agency.objects.create(
                name=name,
                kind=kind,
                level=level,
                parent=parent,
                credit_code=credit_code,
                vertically_managed=vertically_managed,
                is_demo=is_demo,
                **contacts,
            )
            record(
                actor=actor,
                action="agency.created",
                target=agency,
                data={"kind": kind, "level": level, "parent": parent.name if parent else None},
            )
    except IntegrityError:
        raise Conflict(f"机关“{name}”或其统一社会信用代码已存在", code="duplicate") from None
    return agency


def agency_update(*, actor: AbstractBaseUser | None, agency: Agency, **changes: Any) -> Agency:
    """Change contact data or the 复议机关 override of a body; records the changed field names."""
    allowed = {*CONTACT_FIELDS, "review_body_override", "review_body_override_name"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationFailed(f"不可修改的字段：{', '.join(sorted(unknown))}")
    override = changes.get("review_body_override")
    if override is not None and override.pk == agency.pk:
        raise ValidationFailed("行政复议机关不能是本机关自身（省级人民政府除外，由系统自动确定）")
    changed = [field for field, value in changes.items() if getattr(agency, field) != value]
    if not changed:
        return agency
    with transaction.atomic():
        for field in changed:
            setattr(agency, field, changes[field])
        agency.save(update_fields=[*changed, "updated_at"])
        record(actor=actor, action="agency.updated", target=agency, data={"fields": changed})
    return agency


def membership_grant(
    *, actor: AbstractBaseUser | None, user: AbstractBaseUser, agency: Agency, role: str
) -> Membership:
    """Give ``user`` a role in ``agency`` (idempotent); audited."""
    if role not in Role.values:
        raise ValidationFailed(f"未知的角色“{role}”")
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user_id=user.pk, agency=agency, role=role
        )
        if created:
            record(
                actor=actor,
                action="membership.granted",
                target=agency,
                data={"user": user.get_username(), "role": role},
            )
    return membership
