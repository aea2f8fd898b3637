"""The review before release (“先审查，后公开”, 条例 第十七条).

The chain of steps, the 保密审查 and ``transition()``, the only code that changes the status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.audit.services import record
from gongkai.core.errors import (
    Conflict,
    IllegalTransition,
    PermissionDenied,
    ValidationFailed,
)
from gongkai.core.types import Actor
from gongkai.publishing.models import (
    Channel,
    Decision,
    DisclosureMode,
    Publication,
    ReviewDecision,
    ReviewStep,
)
from gongkai.publishing.selectors import StepSpec, review_chain
from gongkai.publishing.services.base import _require_head, _staff_roles
from gongkai.publishing.services.publications import _add_channel, _locked
from gongkai.publishing.states import STEP_ROLE, TRANSITIONS, Action, Status, allowed_actions
from gongkai.workdays.models import Deadline, DeadlineStatus
from gongkai.workdays.services import deadline_close

# ---------------------------------------------------------------------------------------------
# The review chain
# ---------------------------------------------------------------------------------------------


def review_chain_set(
    *, actor: Actor, agency: Agency, steps: list[tuple[str, str]]
) -> list[ReviewStep]:
    """Replace the body's chain by ``steps`` = [(name, role), …] in order (负责人 only)."""
    _require_head(actor, agency)
    if not steps:
        raise ValidationFailed("审查流程至少要有一个步骤（条例第十七条）")
    for name, role in steps:
        if not name.strip() or role not in Role.values:
            raise ValidationFailed(f"审查步骤“{name}”的名称或角色“{role}”无效")
    with transaction.atomic():
        if Publication.objects.filter(agency=agency, status=Status.IN_REVIEW).exists():
            raise Conflict("有信息正在审查中，审查完毕后再修改审查流程")
        ReviewStep.objects.filter(agency=agency).delete()
        created = ReviewStep.objects.bulk_create(
            ReviewStep(agency=agency, order=i, name=name.strip(), role=role)
            for i, (name, role) in enumerate(steps, start=1)
        )
        record(
            actor=actor,
            action="publishing.review_chain_set",
            target=agency,
            data={"steps": [[s.name, s.role] for s in created]},
        )
        return created


def publication_secrecy_review(
    *, actor: Actor, publication: Publication, reviewer_name: str
) -> Publication:
    """Tick 保密审查 (条例 第十七条) with the name of who did it; required before release."""
    if not reviewer_name.strip():
        raise ValidationFailed("须填写保密审查人姓名")
    with transaction.atomic():
        locked = _locked(publication)
        _staff_roles(actor, locked.agency)
        if locked.status not in (Status.DRAFT, Status.IN_REVIEW, Status.APPROVED):
            raise IllegalTransition("已公开或已撤回的信息不能再作保密审查")
        locked.secrecy_reviewed = True
        locked.secrecy_reviewer = reviewer_name.strip()
        locked.version += 1
        locked.save(update_fields=["secrecy_reviewed", "secrecy_reviewer", "version", "updated_at"])
        record(
            actor=actor,
            action="publication.secrecy_reviewed",
            target=locked,
            data={"reviewer": locked.secrecy_reviewer},
        )
        return locked


@dataclass(frozen=True)
class _Step:
    current: StepSpec
    following: StepSpec | None


def _step(chain: list[StepSpec], order: int) -> _Step:
    for i, step in enumerate(chain):
        if step.order == order:
            return _Step(step, chain[i + 1] if i + 1 < len(chain) else None)
    raise IllegalTransition(f"审查步骤{order}已不在审查流程中，请退回后重新提交")


def transition(
    *,
    actor: Actor,
    publication: Publication,
    action: str,
    comment: str = "",
    on: date | None = None,
    channels: list[tuple[str, str]] | None = None,
) -> Publication:
    """Apply one move of :data:`~gongkai.publishing.states.TRANSITIONS`.

    - 提交 starts a new round at the first step of the body's chain;
    - 同意 is given by a holder of the current step's role, and moves to the next step; the
      last step's 同意 makes the item 审查通过. One person decides one step per round;
    - 退回 needs a comment and sends the item back to 草稿;
    - 发布 needs the full chain approved in this round and the 保密审查 (条例 第十七条), and
      records the channels ``[(channel, url), …]`` dated ``on``.

    Records ``publication.<action>`` (and a :class:`ReviewDecision`) in the same transaction.
    """
    try:
        move_action = Action(action)
    except ValueError:
        raise ValidationFailed(f"未知的操作“{action}”") from None
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationFailed(f"日期 {on.isoformat()} 不能晚于今天")
    with transaction.atomic():
        locked = _locked(publication)
        roles = _staff_roles(actor, locked.agency)
        status = Status(locked.status)
        move = TRANSITIONS.get((status, move_action))
        chain = review_chain(locked.agency)
        step = _step(chain, locked.review_step) if status == Status.IN_REVIEW else None
        if move is None:
            raise IllegalTransition(
                f"信息处于“{status.label}”状态，不能“{move_action.label}”",
                data={
                    "status": status.value,
                    "action": move_action.value,
                    "allowed": [
                        a.value
                        for a in allowed_actions(status, roles, step.current.role if step else None)
                    ],
                },
            )
        needed = move.roles
        if move.roles is STEP_ROLE and step is not None:
            needed = frozenset({step.current.role})
        if not roles & needed:
            label = step.current.name if step else move_action.label
            raise PermissionDenied(
                f"“{label}”须由{'、'.join(Role(r).label for r in sorted(needed))}办理",
                data={"action": move_action.value, "roles": sorted(roles)},
            )
        data: dict[str, Any] = {"index_number": locked.index_number, "from": status.value}
        fields = ["status"]
        target = move.target
        if move_action is Action.SUBMIT:
            if locked.disclosure_mode != DisclosureMode.PROACTIVE:
                raise IllegalTransition("不予公开或依申请公开的信息不提交发布审查")
            locked.review_round += 1
            locked.review_step = chain[0].order
            fields += ["review_round", "review_step"]
            data["round"] = locked.review_round
        elif move_action in (Action.APPROVE, Action.RETURN):
            target = _decide(actor, locked, move_action, step, comment, data)
            fields.append("review_step")
        elif move_action is Action.RELEASE:
            _check_release(locked, chain)
            if on < locked.formed_on:
                raise ValidationFailed(
                    f"公开日期 {on.isoformat()} 早于形成日期 {locked.formed_on.isoformat()}"
                )
            locked.published_on = on
            fields.append("published_on")
            _close_deadline(locked)
            for channel, url in channels or [(Channel.WEBSITE, "")]:
                _add_channel(locked, channel, on, url)
            data["channels"] = [c for c, _ in channels or [(Channel.WEBSITE, "")]]
            data["published_on"] = on.isoformat()
        if target is not None:
            locked.status = target
        data["to"] = locked.status
        locked.version += 1
        locked.save(update_fields=[*fields, "version", "updated_at"])
        record(actor=actor, action=f"publication.{move_action.value}", target=locked, data=data)
        return locked


def _decide(
    actor: Actor,
    locked: Publication,
    action: Action,
    step: _Step | None,
    comment: str,
    data: dict[str, Any],
) -> Status | None:
    """Record the decision of the current step; returns the new status (None: stays)."""
    if action is Action.RETURN and not comment.strip():
        raise ValidationFailed("退回须填写审查意见")
    if step is None:  # a 负责人 returns an approved item before release
        locked.review_step = 0
        data["comment"] = comment.strip()
        return Status.DRAFT
    if actor is None or actor.pk is None:
        raise PermissionDenied("审查须由登录用户办理")
    if ReviewDecision.objects.filter(
        publication=locked, round=locked.review_round, decided_by_id=actor.pk
    ).exists():
        raise PermissionDenied("同一轮审查中，一人只能审查一个步骤（三审分别由不同人员负责）")
    try:
        with transaction.atomic():
            ReviewDecision.objects.create(
                publication=locked,
                round=locked.review_round,
                step_order=step.current.order,
                step_name=step.current.name,
                decision=Decision.APPROVE if action is Action.APPROVE else Decision.RETURN,
                comment=comment.strip(),
                decided_by_id=actor.pk,
            )
    except IntegrityError:
        raise Conflict("该步骤已有审查意见，请刷新后重试") from None
    data.update(step=step.current.order, step_name=step.current.name, comment=comment.strip())
    if action is Action.RETURN:
        locked.review_step = 0
        return Status.DRAFT
    if step.following is None:
        locked.review_step = 0
        return Status.APPROVED
    locked.review_step = step.following.order
    return None


def _check_release(locked: Publication, chain: list[StepSpec]) -> None:
    approved = set(
        ReviewDecision.objects.filter(
            publication=locked, round=locked.review_round, decision=Decision.APPROVE
        ).values_list("step_order", flat=True)
    )
    missing = [s.name for s in chain if s.order not in approved]
    if missing:
        raise IllegalTransition(f"未完成审查：{'、'.join(missing)}（先审查，后公开）")
    if not (locked.secrecy_reviewed and locked.secrecy_reviewer):
        raise IllegalTransition("发布前须进行保密审查并填写审查人（条例第十七条）")


def _close_deadline(locked: Publication) -> None:
    if locked.publish_deadline_id is None:
        return
    deadline = Deadline.objects.get(pk=locked.publish_deadline_id)
    if deadline.status == DeadlineStatus.OPEN:
        deadline_close(deadline=deadline)
