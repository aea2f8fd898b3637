"""The review of a publication before release (“先审查，后公开”, 条例 第十七条) as a table.

草稿 → 提交审查 → 审查中 (the body's chain of :class:`~gongkai.publishing.models.ReviewStep`,
by default 初审 经办人 → 复审 审核人 → 终审 负责人, in order) → 审查通过 → 发布 → 已公开,
and 撤回 of a published item. A 退回 at any step sends the item back to 草稿 with the comment.
``transition()`` in ``services.py`` is the only code that changes ``Publication.status``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from gongkai.agencies.models import Role


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审查中"
    APPROVED = "approved", "审查通过"
    PUBLISHED = "published", "已公开"
    WITHDRAWN = "withdrawn", "已撤回"


class Action(models.TextChoices):
    SUBMIT = "submit", "提交审查"
    APPROVE = "approve", "审查同意"
    RETURN = "return", "退回修改"
    RELEASE = "release", "发布"  # 条例 第十七条: only after the review
    WITHDRAW = "withdraw", "撤回"


#: The role a move needs is the role of the chain's current step (see ``ReviewStep.role``).
STEP_ROLE = frozenset({"<step>"})

_STAFF = frozenset({Role.CLERK, Role.REVIEWER, Role.HEAD})
_HEAD = frozenset({Role.HEAD})


@dataclass(frozen=True)
class Move:
    #: None: the status stays unless the chain's last step approves (see services).
    target: Status | None
    roles: frozenset[str]


#: (status, action) → move. Anything not listed is illegal.
TRANSITIONS: dict[tuple[Status, Action], Move] = {
    (Status.DRAFT, Action.SUBMIT): Move(Status.IN_REVIEW, _STAFF),
    (Status.IN_REVIEW, Action.APPROVE): Move(None, STEP_ROLE),
    (Status.IN_REVIEW, Action.RETURN): Move(Status.DRAFT, STEP_ROLE),
    (Status.APPROVED, Action.RETURN): Move(Status.DRAFT, _HEAD),
    (Status.APPROVED, Action.RELEASE): Move(Status.PUBLISHED, _STAFF),
    (Status.PUBLISHED, Action.WITHDRAW): Move(Status.WITHDRAWN, _HEAD),
}

#: Statuses in which the item is still owed to the public (the 第二十六条 clock runs).
PENDING_STATUSES = frozenset({Status.DRAFT, Status.IN_REVIEW, Status.APPROVED})


def allowed_actions(
    status: str, roles: frozenset[str], step_role: str | None = None
) -> list[Action]:
    """The actions a user with ``roles`` may take now; ``step_role`` is the current step's."""
    result = []
    for (from_status, action), move in TRANSITIONS.items():
        if from_status != status:
            continue
        needed = frozenset({step_role}) if move.roles is STEP_ROLE and step_role else move.roles
        if roles & needed:
            result.append(action)
    return result
