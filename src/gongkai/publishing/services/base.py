"""Shared pieces of the 主动公开 services: the actor type and the role checks."""

from __future__ import annotations

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import STAFF_ROLES, roles_of
from gongkai.core.errors import (
    NotFoundOrForbidden,
    PermissionDenied,
)
from gongkai.core.types import Actor

#: 第二十六条 counts from the day the information is formed or changed.
DEADLINE_START_LABEL = "信息形成或者变更"


def _staff_roles(actor: Actor, agency: Agency) -> frozenset[str]:
    roles = roles_of(actor, agency) if actor is not None else frozenset()
    if not roles & STAFF_ROLES:
        raise NotFoundOrForbidden(f"机关“{agency}”不存在或无权操作")
    return roles


def _require_head(actor: Actor, agency: Agency) -> None:
    if Role.HEAD not in _staff_roles(actor, agency):
        raise PermissionDenied("此项设置须由负责人办理")
