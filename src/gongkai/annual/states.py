"""The life of one version of an annual report, as a table: 草稿 → 审核 → 定稿 → 公布.

Freezing and publishing bind the body, so they are the 负责人's (条例 第四十九条 makes the
body answerable for its report); anyone who handles the body's records may draft and submit.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from gongkai.agencies.models import Role


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "审核中"
    FROZEN = "frozen", "已定稿"
    PUBLISHED = "published", "已公布"


class Action(models.TextChoices):
    SUBMIT = "submit", "提交审核"
    RETURN = "return", "退回修改"
    FREEZE = "freeze", "定稿"
    PUBLISH = "publish", "公布"


#: The audit code each action is recorded under.
AUDIT_CODES: dict[Action, str] = {
    Action.SUBMIT: "annual_report.submitted",
    Action.RETURN: "annual_report.returned",
    Action.FREEZE: "annual_report.frozen",
    Action.PUBLISH: "annual_report.published",
}

OPEN_STATUSES = frozenset({Status.DRAFT, Status.IN_REVIEW})

_STAFF = frozenset({Role.CLERK, Role.REVIEWER, Role.HEAD})
_APPROVERS = frozenset({Role.REVIEWER, Role.HEAD})
_HEAD = frozenset({Role.HEAD})


@dataclass(frozen=True)
class Move:
    target: Status
    roles: frozenset[str]


#: (status, action) → move. Anything not listed is illegal.
TRANSITIONS: dict[tuple[Status, Action], Move] = {
    (Status.DRAFT, Action.SUBMIT): Move(Status.IN_REVIEW, _STAFF),
    (Status.IN_REVIEW, Action.RETURN): Move(Status.DRAFT, _APPROVERS),
    (Status.IN_REVIEW, Action.FREEZE): Move(Status.FROZEN, _HEAD),
    (Status.FROZEN, Action.PUBLISH): Move(Status.PUBLISHED, _HEAD),
}


def allowed_actions(status: str, roles: frozenset[str]) -> list[Action]:
    return [
        action
        for (from_status, action), move in TRANSITIONS.items()
        if from_status == status and roles & move.roles
    ]
