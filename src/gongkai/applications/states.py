"""The lifecycle of one application (件) as a table: the spec the services apply.

登记 → 审查 → [补正] → [征求意见] → [延期] → [收费] → 答复 → 归档, plus 撤回 and 视为放弃.
Each move names the role that may make it. ``transition()`` in ``services.py`` is the only code
that changes ``Application.status``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from gongkai.agencies.models import Role


class Status(models.TextChoices):
    REGISTERED = "registered", "已登记"
    IN_REVIEW = "in_review", "审查中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    IN_CONSULTATION = "in_consultation", "征求意见中"
    AWAITING_FEE = "awaiting_fee", "待缴费"
    AWAITING_REASONS = "awaiting_reasons", "待说明理由"
    ANSWERED = "answered", "已答复"
    ARCHIVED = "archived", "已归档"
    WITHDRAWN = "withdrawn", "已撤回"
    ABANDONED = "abandoned", "视为放弃"


class Action(models.TextChoices):
    ACCEPT = "accept", "受理审查"
    REQUEST_CORRECTION = "request_correction", "一次性告知补正"  # 条例 第三十条
    RECEIVE_CORRECTION = "receive_correction", "收到补正"  # 条例 第三十条: clock restarts
    CORRECTION_LAPSED = "correction_lapsed", "逾期未补正"  # 条例 第三十条 → （六）1
    START_CONSULTATION = "start_consultation", "征求意见"  # 条例 第三十二条、第三十四条
    END_CONSULTATION = "end_consultation", "征求意见结束"
    EXTEND = "extend", "延长答复期限"  # 条例 第三十三条第二款, 负责人同意
    REQUEST_FEE = "request_fee", "发出收费通知"  # 条例 第四十二条, 国办函〔2020〕109号
    FEE_PAID = "fee_paid", "收到缴费"
    FEE_LAPSED = "fee_lapsed", "逾期未缴费"  # 109号 → （六）2
    REQUEST_REASONS = "request_reasons", "要求说明理由"  # 条例 第三十五条
    RECEIVE_REASONS = "receive_reasons", "收到说明理由"  # 条例 第三十五条
    ANSWER = "answer", "作出答复"  # 条例 第三十六条至第三十九条
    WITHDRAW = "withdraw", "申请人撤回"  # → （六）3
    ARCHIVE = "archive", "归档"


#: The audit code each action is recorded under (``application.<past tense>``).
AUDIT_CODES: dict[Action, str] = {
    Action.ACCEPT: "application.accepted",
    Action.REQUEST_CORRECTION: "application.correction_requested",
    Action.RECEIVE_CORRECTION: "application.correction_received",
    Action.CORRECTION_LAPSED: "application.correction_lapsed",
    Action.START_CONSULTATION: "application.consultation_started",
    Action.END_CONSULTATION: "application.consultation_ended",
    Action.EXTEND: "application.extended",
    Action.REQUEST_FEE: "application.fee_requested",
    Action.FEE_PAID: "application.fee_paid",
    Action.FEE_LAPSED: "application.fee_lapsed",
    Action.REQUEST_REASONS: "application.reasons_requested",
    Action.RECEIVE_REASONS: "application.reasons_received",
    Action.ANSWER: "application.answered",
    Action.WITHDRAW: "application.withdrawn",
    Action.ARCHIVE: "application.archived",
}

OPEN_STATUSES = frozenset(
    {
        Status.REGISTERED,
        Status.IN_REVIEW,
        Status.AWAITING_CORRECTION,
        Status.IN_CONSULTATION,
        Status.AWAITING_FEE,
        Status.AWAITING_REASONS,
    }
)
CLOSED_STATUSES = frozenset(set(Status) - OPEN_STATUSES)

_STAFF = frozenset({Role.CLERK, Role.REVIEWER, Role.HEAD})
_APPROVERS = frozenset({Role.REVIEWER, Role.HEAD})
_HEAD = frozenset({Role.HEAD})


@dataclass(frozen=True)
class Move:
    target: Status | None  # None: the status stays (an extension changes the clock only)
    roles: frozenset[str]


#: (status, action) → move. Anything not listed is illegal.
TRANSITIONS: dict[tuple[Status, Action], Move] = {
    (Status.REGISTERED, Action.ACCEPT): Move(Status.IN_REVIEW, _STAFF),
    (Status.IN_REVIEW, Action.REQUEST_CORRECTION): Move(Status.AWAITING_CORRECTION, _STAFF),
    (Status.AWAITING_CORRECTION, Action.RECEIVE_CORRECTION): Move(Status.IN_REVIEW, _STAFF),
    (Status.AWAITING_CORRECTION, Action.CORRECTION_LAPSED): Move(Status.ABANDONED, _APPROVERS),
    (Status.IN_REVIEW, Action.START_CONSULTATION): Move(Status.IN_CONSULTATION, _STAFF),
    (Status.IN_CONSULTATION, Action.END_CONSULTATION): Move(Status.IN_REVIEW, _STAFF),
    (Status.IN_REVIEW, Action.EXTEND): Move(None, _HEAD),
    (Status.IN_CONSULTATION, Action.EXTEND): Move(None, _HEAD),
    (Status.IN_REVIEW, Action.REQUEST_FEE): Move(Status.AWAITING_FEE, _HEAD),
    (Status.AWAITING_FEE, Action.FEE_PAID): Move(Status.IN_REVIEW, _STAFF),
    (Status.AWAITING_FEE, Action.FEE_LAPSED): Move(Status.ABANDONED, _APPROVERS),
    (Status.IN_REVIEW, Action.ANSWER): Move(Status.ANSWERED, _APPROVERS),
    # 条例 第三十五条: volume or frequency clearly beyond reason → the body may ask for reasons;
    # no or unreasonable reasons → 不予处理 (answered as （五）4); reasonable ones → back to
    # review, with a reasonable delayed answer date the 负责人 may set.
    (Status.IN_REVIEW, Action.REQUEST_REASONS): Move(Status.AWAITING_REASONS, _APPROVERS),
    (Status.AWAITING_REASONS, Action.RECEIVE_REASONS): Move(Status.IN_REVIEW, _STAFF),
    (Status.AWAITING_REASONS, Action.ANSWER): Move(Status.ANSWERED, _APPROVERS),
    (Status.ANSWERED, Action.ARCHIVE): Move(Status.ARCHIVED, _STAFF),
    **{
        (status, Action.WITHDRAW): Move(Status.WITHDRAWN, _STAFF)
        for status in (
            Status.REGISTERED,
            Status.IN_REVIEW,
            Status.AWAITING_CORRECTION,
            Status.IN_CONSULTATION,
            Status.AWAITING_FEE,
            Status.AWAITING_REASONS,
        )
    },
}

#: The 表三 row an action itself concludes with (the answer's row is chosen by the officer).
CONCLUDING_ROWS: dict[Action, str] = {
    Action.CORRECTION_LAPSED: "other_1",  # 条例 第三十条: 逾期不补正，视为放弃申请
    Action.FEE_LAPSED: "other_2",  # 国办函〔2020〕109号: 逾期未缴纳，视为放弃申请
    Action.WITHDRAW: "other_3",  # practice: 撤回 is counted under （六）3 其他 [U]
}


def allowed_actions(status: str, roles: frozenset[str]) -> list[Action]:
    """The actions a user with ``roles`` may take now: drives validation and page buttons."""
    return [
        action
        for (from_status, action), move in TRANSITIONS.items()
        if from_status == status and roles & move.roles
    ]
