"""Reads for bodies."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.agencies.rules import review_body
from gongkai.core.errors import NotFoundOrForbidden, PermissionDenied


def agency_list() -> QuerySet[Agency]:
    return Agency.objects.select_related("parent", "review_body_override").order_by("level", "name")


def agency_get_by_name(name: str) -> Agency:
    try:
        return Agency.objects.select_related("parent").get(name=name.strip())
    except Agency.DoesNotExist:
        raise NotFoundOrForbidden(f"机关“{name}”不存在") from None


def agency_as_dict(agency: Agency) -> dict[str, object]:
    """The public description of a body (no personal data: bodies' contacts are public)."""
    body = review_body(agency)
    return {
        "name": agency.name,
        "credit_code": agency.credit_code or None,
        "kind": agency.kind,
        "kind_label": agency.get_kind_display(),
        "level": agency.level,
        "level_label": agency.get_level_display(),
        "parent": agency.parent.name if agency.parent else None,
        "review_body": body.name,
        "review_body_basis": body.basis,
        "office_name": agency.office_name,
        "office_address": agency.office_address,
        "office_hours": agency.office_hours,
        "phone": agency.phone,
        "fax": agency.fax,
        "website": agency.website,
        "email": agency.email,
        "is_demo": agency.is_demo,
    }


def roles_of(user: AbstractBaseUser | AnonymousUser, agency: Agency) -> frozenset[str]:
    """The roles ``user`` holds in ``agency`` (empty for anonymous users and strangers)."""
    if not user.is_authenticated or user.pk is None:
        return frozenset()
    return frozenset(
        Membership.objects.filter(user_id=user.pk, agency=agency).values_list("role", flat=True)
    )


#: Roles that handle a body's own records (applications, publications, concerns, appeals).
STAFF_ROLES = frozenset({Role.CLERK, Role.REVIEWER, Role.HEAD})


def is_staff_of(user: AbstractBaseUser | AnonymousUser, agency: Agency) -> bool:
    """Whether ``user`` handles the body's records (经办人, 审核人 or 负责人)."""
    return bool(roles_of(user, agency) & STAFF_ROLES)


def staff_require(
    user: AbstractBaseUser | AnonymousUser | None, agency: Agency, action: str
) -> None:
    """Refuse ``action`` unless ``user`` is staff of the body (:data:`STAFF_ROLES`); ``None`` is
    the system itself (an import run from the command line, a recompute) and may act."""
    if user is not None and not is_staff_of(user, agency):
        raise PermissionDenied(f"您不是“{agency.name}”的工作人员，不能{action}")


def can_read_records(user: AbstractBaseUser | AnonymousUser, agency: Agency) -> bool:
    """Staff of the body, and the 公开办 of the body itself or of its 本级人民政府."""
    roles = roles_of(user, agency)
    if roles & STAFF_ROLES or Role.OVERSIGHT in roles:
        return True
    return agency.parent is not None and Role.OVERSIGHT in roles_of(user, agency.parent)


def access_agency(user: AbstractBaseUser | AnonymousUser, name: str) -> Agency:
    """The body named ``name`` if ``user`` may read its records; missing and forbidden alike."""
    agency = Agency.objects.select_related("parent").filter(name=name.strip()).first()
    if agency is None or not can_read_records(user, agency):
        raise NotFoundOrForbidden(f"机关“{name}”不存在或无权查看")
    return agency
