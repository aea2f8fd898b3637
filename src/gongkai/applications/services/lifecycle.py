"""Register an application, move it through its lifecycle, split it (一事一申请)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import STAFF_ROLES, roles_of
from gongkai.applications.models import (
    Application,
    Consultation,
    ConsultedParty,
)
from gongkai.applications.outcomes import (
    OUTCOME_KEYS,
    ApplicantCategory,
    Channel,
    ReceiptEvents,
    outcome_by_key,
    receipt_date,
)
from gongkai.applications.services.common import (
    LAPSE_ROWS,
    PAUSE_LABELS,
    PERSONAL_FIELDS,
    ROLE_REASONS,
    conclude,
    local_today,
    open_consultation,
    role_labels,
    staff_check,
    validation_failed,
)
from gongkai.applications.services.fees import FEE_ACTIONS, apply_fee
from gongkai.applications.states import (
    AUDIT_CODES,
    CLOSED_STATUSES,
    CONCLUDING_ROWS,
    TRANSITIONS,
    Action,
    Status,
    allowed_actions,
)
from gongkai.audit.services import record
from gongkai.core.errors import (
    Conflict,
    IllegalTransition,
    NotFoundOrForbidden,
    PermissionDenied,
    ValidationFailed,
)
from gongkai.core.types import Actor
from gongkai.workdays import rules
from gongkai.workdays.models import Deadline, DeadlineKind, DeadlineStatus
from gongkai.workdays.selectors import calendar_get
from gongkai.workdays.services import (
    deadline_close,
    deadline_compute,
    deadline_create,
    deadline_extend,
    deadline_pause,
    deadline_pause_end,
    deadline_restart,
)


def application_register(
    *,
    actor: Actor,
    agency: Agency,
    number: str,
    channel: str,
    received_on: date | None = None,
    applicant_category: str,
    request_content: str,
    applicant_name: str = "",
    applicant_id_number: str = "",
    applicant_phone: str = "",
    applicant_address: str = "",
    applicant_email: str = "",
    provision_form: str = "",
    provision_route: str = "",
    accessibility_needs: str = "",
    note: str = "",
    is_demo: bool = False,
    receipt: ReceiptEvents | None = None,
) -> Application:
    """登记 an application received on ``received_on`` (条例 第三十一条) and open its answer period.

    With ``receipt`` (the channel's events: submitted, signed for, confirmed) the date of
    receipt is derived by the rule of 第三十一条 for the channel; a ``received_on`` given as well
    must agree with it.

    The answer is due 20 working days after the receipt (条例 第三十三条第二款), computed by
    ``workdays``. The audit event ``application.registered`` carries no personal data.
    """
    roles = staff_check(actor, agency, "登记政府信息公开申请")
    number = number.strip()
    if not number:
        raise ValidationFailed("申请编号不能为空")
    if channel not in {c.value for c in Channel}:
        raise ValidationFailed(f"未知的申请方式“{channel}”")
    if receipt is not None:
        derived = receipt_date(Channel(channel), receipt)
        if received_on is not None and received_on != derived:
            raise ValidationFailed(
                f"收到申请日期应为 {derived.isoformat()}（条例第三十一条：{Channel(channel).label}"
                f"方式{Channel(channel).receipt_rule.wording}），而不是 {received_on.isoformat()}"
            )
        received_on = derived
    if received_on is None:
        raise ValidationFailed("请填写收到申请日期，或提交、签收、确认日期（条例第三十一条）")
    if applicant_category not in {c.value for c in ApplicantCategory}:
        raise ValidationFailed(f"未知的申请人类型“{applicant_category}”")
    if not request_content.strip():
        raise ValidationFailed("申请公开的政府信息不能为空（条例第二十九条第二款第（二）项）")
    if received_on > local_today():
        raise ValidationFailed(f"收到申请日期 {received_on.isoformat()} 晚于今天")
    with transaction.atomic():
        if Application.objects.filter(agency=agency, number=number).exists():
            raise Conflict(f"申请编号“{number}”在本机关已存在", data={"number": number})
        deadline = deadline_create(kind=DeadlineKind.REPLY, start=received_on)
        application = Application(
            agency=agency,
            number=number,
            channel=channel,
            applicant_category=applicant_category,
            received_on=received_on,
            applicant_name=applicant_name.strip(),
            applicant_id_number=applicant_id_number.strip(),
            applicant_phone=applicant_phone.strip(),
            applicant_address=applicant_address.strip(),
            applicant_email=applicant_email.strip(),
            request_content=request_content.strip(),
            provision_form=provision_form.strip(),
            provision_route=provision_route.strip(),
            accessibility_needs=accessibility_needs.strip(),
            note=note,
            reply_deadline=deadline,
            # The 经办人 who registers a case handles it until someone reassigns it.
            officer_id=actor.pk if actor is not None and Role.CLERK in roles else None,
            is_demo=is_demo,
        )
        try:
            application.full_clean(validate_unique=False)
        except ValidationError as exc:
            raise validation_failed(exc) from None
        application.save()
        record(
            actor=actor,
            action="application.registered",
            target=application,
            data={
                "agency": agency.name,
                "number": number,
                "channel": channel,
                "applicant_category": applicant_category,
                "received_on": received_on.isoformat(),
                "due": deadline.due.isoformat(),
                "accessibility_needs": bool(application.accessibility_needs),
                "is_demo": is_demo,
            },
        )
    return application


# --------------------------------------------------------------------------------------------
# The lifecycle
# --------------------------------------------------------------------------------------------


def _latest_event(application: Application) -> tuple[date, str]:
    """The last dated event of the case: a later move may not be dated before it."""
    events: list[tuple[date, str]] = [(application.received_on, "收到申请日期")]
    if application.correction_requested_on:
        events.append((application.correction_requested_on, "补正告知日期"))
    if application.correction_received_on:
        events.append((application.correction_received_on, "补正收到日期"))
    if application.extended_on:
        events.append((application.extended_on, "延期告知日期"))
    for sent_on, ended_on in application.consultations.values_list("sent_on", "ended_on"):
        events.append((sent_on, "征求意见发出日期"))
        if ended_on:
            events.append((ended_on, "征求意见结束日期"))
    return max(events, key=lambda e: e[0])


def _check_date(application: Application, on: date) -> None:
    if on > local_today():
        raise ValidationFailed(f"办理日期 {on.isoformat()} 晚于今天")
    latest, label = _latest_event(application)
    if on < latest:
        raise ValidationFailed(
            f"办理日期 {on.isoformat()} 早于本申请的{label}（{latest.isoformat()}）"
        )


def _check_answer_outcome(application: Application, outcome: str | None) -> str:
    if not outcome:
        raise ValidationFailed("作出答复须选择办理结果（表三办理结果之一）")
    if outcome not in OUTCOME_KEYS:
        raise ValidationFailed(f"未知的办理结果“{outcome}”", data={"outcome": outcome})
    if outcome in LAPSE_ROWS:
        raise ValidationFailed(
            f"“{outcome_by_key(outcome).label}”应通过“{LAPSE_ROWS[outcome].label}”办结，"
            "不能作为答复结果"
        )
    if outcome == "unable_3" and application.correction_received_on is None:
        raise ValidationFailed(
            "“补正后申请内容仍不明确”须在收到补正后才能作出（条例第三十条）",
            data={"outcome": outcome},
        )
    return outcome


def transition(
    *,
    actor: Actor,
    application: Application,
    action: str,
    on: date,
    outcome: str | None = None,
    note: str = "",
    expected_version: int | None = None,
    party_kind: str = ConsultedParty.THIRD_PARTY,
    party: str = "",
    fee_method: str | None = None,
    pages: int | None = None,
    items: int = 1,
    delay_until: date | None = None,
    fee_reduction: Decimal | None = None,
    fee_reduction_reason: str = "",
) -> Application:
    """Apply one move of :data:`~gongkai.applications.states.TRANSITIONS`, dated ``on``.

    Locks the row, checks the version (``expected_version``: optimistic locking for forms),
    the move and the actor's role, applies the legal effect on the answer period, saves,
    and records ``application.<action>`` in the same transaction. Returns the saved row.

    - 补正 is requested once only and restarts the period from its receipt (条例 第三十条);
    - a consultation stops the clock from the day after it is sent until it ends (条例
      第三十二条、第三十四条、第三十三条第三款);
    - an extension adds 20 working days once, with the 负责人's consent (第三十三条第二款);
    - an answer needs its 表三 row; lapses and withdrawals take theirs from
      :data:`~gongkai.applications.states.CONCLUDING_ROWS`;
    - a fee notice is sent within the answer period, under one standard only (``fee_method``
      per_item with ``items``, or per_page with ``pages``: 国办函〔2020〕109号 第三条), less
      any 减免 the body grants (``fee_reduction`` with its ``fee_reduction_reason``; whether
      109号 provides for it is unverified, so it is the body's discretion, recorded with its
      reason), and opens a 20-working-day payment period; payment after it is refused, and the
      case then lapses as （六）2. Whether the payment time is left out of the answer period is
      unverified too (regulations.md §3): by default it is, until payment
      (``workdays.rules.FEE_NOTICE_PAUSES_REPLY_SETTING``), and the pause says so.

    A stranger to the body gets :class:`NotFoundOrForbidden`, a member without the role of
    the move :class:`PermissionDenied` with the legal reason; nothing is written then.
    """
    try:
        move_action = Action(action)
    except ValueError:
        raise ValidationFailed(f"未知的办理操作“{action}”") from None
    if outcome is not None and move_action is not Action.ANSWER:
        raise ValidationFailed("只有“作出答复”需要选择办理结果")
    if move_action is not Action.REQUEST_FEE and (
        fee_method is not None or pages is not None or fee_reduction is not None
    ):
        raise ValidationFailed("只有“发出收费通知”需要填写计收方式、页数和减免")
    if move_action is not Action.RECEIVE_REASONS and delay_until is not None:
        raise ValidationFailed("只有“收到说明理由”时可以确定延迟答复期限（条例第三十五条）")
    with transaction.atomic():
        try:
            locked = Application.objects.select_for_update().get(pk=application.pk)
        except Application.DoesNotExist:
            raise NotFoundOrForbidden("申请不存在") from None
        roles = roles_of(actor, locked.agency) if actor is not None else frozenset()
        if not roles:
            raise NotFoundOrForbidden("申请不存在")
        if expected_version is not None and expected_version != locked.version:
            raise Conflict(
                f"申请 {locked.number} 已被他人修改（第{locked.version}版），请刷新后重试",
                data={"expected_version": expected_version, "version": locked.version},
            )
        status = Status(locked.status)
        move = TRANSITIONS.get((status, move_action))
        if move is None:
            raise IllegalTransition(
                f"申请处于“{status.label}”状态，不能“{move_action.label}”",
                data={
                    "status": status.value,
                    "action": move_action.value,
                    "allowed": [a.value for a in allowed_actions(status, roles)],
                },
            )
        if not roles & move.roles:
            raise PermissionDenied(
                ROLE_REASONS.get(move_action)
                or f"“{move_action.label}”须由{role_labels(move.roles)}办理",
                data={"action": move_action.value, "roles": sorted(roles)},
            )
        _check_date(locked, on)
        if delay_until is not None:
            _set_delay(locked, roles, on, delay_until)
        if move_action in FEE_ACTIONS:
            fields, data = apply_fee(
                locked,
                move_action,
                on,
                fee_method,
                pages,
                items,
                reduction=fee_reduction,
                reduction_reason=fee_reduction_reason,
            )
        else:
            fields, data = _apply(locked, move_action, on, outcome, party_kind, party)
        if move.target is not None:
            locked.status = move.target
        deadline = Deadline.objects.get(pk=locked.reply_deadline_id)
        if locked.status in CLOSED_STATUSES and deadline.status == DeadlineStatus.OPEN:
            deadline = deadline_close(deadline=deadline)
        locked.version += 1
        locked.save(update_fields=[*fields, "status", "version", "updated_at"])
        record(
            actor=actor,
            action=AUDIT_CODES[move_action],
            target=locked,
            data={
                "number": locked.number,
                "from": status.value,
                "to": locked.status,
                "on": on.isoformat(),
                "due": deadline.due.isoformat(),
                "version": locked.version,
                "roles": sorted(roles),
                **data,
                **({"note": note} if note else {}),
            },
        )
    return locked


def application_assign(
    *, actor: Actor, application: Application, officer: AbstractBaseUser
) -> Application:
    """Give the case to another 经办人 of the body (审核人 or 负责人 decide); audited."""
    roles = staff_check(actor, application.agency, "分配经办人")
    if not roles & {Role.REVIEWER, Role.HEAD}:
        raise PermissionDenied("分配经办人须由审核人或负责人办理")
    if Role.CLERK not in roles_of(officer, application.agency):
        raise ValidationFailed(f"“{officer.get_username()}”不是本机关的经办人")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        locked.officer_id = officer.pk
        locked.version += 1
        locked.save(update_fields=["officer", "version", "updated_at"])
        record(
            actor=actor,
            action="application.assigned",
            target=locked,
            data={"number": locked.number, "officer": officer.get_username()},
        )
    return locked


#: 表三 row of an application refused under 条例 第三十五条 (（五）4).
REASONS_REFUSED_ROW = "not_processed_4"


def _set_delay(
    application: Application, roles: frozenset[str], on: date, delay_until: date
) -> None:
    """条例 第三十五条: reasons accepted but the answer cannot come within the 第三十三条 period
    → a reasonable delayed answer date, set with the 负责人's consent and told the applicant."""
    if Role.HEAD not in roles:
        raise PermissionDenied("确定延迟答复期限须经负责人同意（条例第三十五条）")
    due = Deadline.objects.get(pk=application.reply_deadline_id).due
    if delay_until <= max(due, on):
        raise ValidationFailed(
            f"延迟答复期限 {delay_until.isoformat()} 应晚于答复期限 {due.isoformat()} 和今天"
        )
    application.delayed_until = delay_until


def _apply(
    application: Application,
    action: Action,
    on: date,
    outcome: str | None,
    party_kind: str,
    party: str,
) -> tuple[list[str], dict[str, Any]]:
    """The legal effect of one move: changed fields and audit data."""
    deadline = Deadline.objects.get(pk=application.reply_deadline_id)
    if action is Action.REQUEST_CORRECTION:
        if application.correction_requested_on is not None:
            raise IllegalTransition(
                "补正应一次性告知，本申请已于"
                f"{application.correction_requested_on.isoformat()}告知补正（条例第三十条）"
            )
        application.correction_requested_on = on
        notice_due = deadline_compute(
            start=application.received_on, days=rules.CORRECTION_NOTICE_WORKING_DAYS
        ).due
        return ["correction_requested_on"], {
            "notice_due": notice_due.isoformat(),
            "late": on > notice_due,
        }
    if action is Action.RECEIVE_REASONS:
        return (["delayed_until"] if application.delayed_until else []), (
            {"delayed_until": application.delayed_until.isoformat()}
            if application.delayed_until
            else {}
        )
    if action is Action.RECEIVE_CORRECTION:
        application.correction_received_on = on
        deadline_restart(deadline=deadline, on=on)
        return ["correction_received_on"], {"restarted_on": on.isoformat()}
    if action is Action.START_CONSULTATION:
        if party_kind not in ConsultedParty.values:
            raise ValidationFailed(f"未知的征求意见对象“{party_kind}”")
        Consultation.objects.create(
            application=application, party_kind=party_kind, party=party.strip(), sent_on=on
        )
        limit = calendar_get().add(on, rules.THIRD_PARTY_WORKING_DAYS)
        deadline_pause(
            deadline=deadline,
            first=on + timedelta(days=1),
            last=limit,
            label=PAUSE_LABELS[party_kind],
        )
        return [], {"party_kind": party_kind, "opinion_due": limit.isoformat()}
    if action is Action.END_CONSULTATION:
        consultation = open_consultation(application)
        if consultation is None:  # pragma: no cover - the status guarantees one
            raise IllegalTransition("没有进行中的征求意见")
        if on <= consultation.sent_on:
            raise ValidationFailed(
                "征求意见结束日期应晚于发出日期；当日收到意见的，发出之后没有暂停的工作日"
            )
        consultation.ended_on = on
        consultation.save(update_fields=["ended_on"])
        deadline_pause_end(deadline=deadline, on=on)
        return [], {"sent_on": consultation.sent_on.isoformat()}
    if action is Action.EXTEND:
        if application.extended:
            raise IllegalTransition(
                "答复期限只能延长一次，延长的期限最长不得超过20个工作日（条例第三十三条第二款）"
            )
        if on > deadline.due:
            raise IllegalTransition(
                f"答复期限已于{deadline.due.isoformat()}届满，不能再延长（条例第三十三条第二款）"
            )
        application.extended = True
        application.extended_on = on
        deadline_extend(deadline=deadline)
        return ["extended", "extended_on"], {}
    if action is Action.ANSWER:
        if application.status == Status.AWAITING_REASONS and outcome != REASONS_REFUSED_ROW:
            raise ValidationFailed(
                "待说明理由的申请，申请人不能说明理由或理由不合理的，答复“不予处理—无正当理由"
                "大量反复申请”（条例第三十五条）；理由合理的，请先登记“收到说明理由”"
            )
        chosen = _check_answer_outcome(application, outcome)
        return conclude(application, chosen, on), {"outcome": chosen}
    if action in CONCLUDING_ROWS:
        row = CONCLUDING_ROWS[action]
        return conclude(application, row, on), {"outcome": row}
    return [], {}


#: Statuses in which one letter may still be split into several 件.
SPLITTABLE_STATUSES = frozenset({Status.REGISTERED, Status.IN_REVIEW})


def application_split(
    *,
    actor: Actor,
    application: Application,
    parts: Sequence[str],
    on: date,
    expected_version: int | None = None,
) -> list[Application]:
    """一事一申请: split one letter asking for several things into several 件.

    The application keeps the first part; every further part becomes an application of its
    own, numbered ``<申请编号>-2``, ``-3`` …, received the same day (条例 第三十一条) with its
    own answer period, and ``split_from`` pointing back. Each 件 is then counted once in 表三
    (regulations.md §1.7: the operator may split at registration, with an audit trail).
    Allowed while 已登记 or 审查中, before any consultation or extension. Returns all parts.
    """
    texts = [part.strip() for part in parts]
    if len(texts) < 2 or not all(texts):
        raise ValidationFailed("拆分须列出至少两项非空的申请内容")
    with transaction.atomic():
        try:
            locked = Application.objects.select_for_update().get(pk=application.pk)
        except Application.DoesNotExist:
            raise NotFoundOrForbidden("申请不存在") from None
        roles = roles_of(actor, locked.agency) if actor is not None else frozenset()
        if not roles:
            raise NotFoundOrForbidden("申请不存在")
        if not roles & STAFF_ROLES:
            raise PermissionDenied("拆分申请须由本机关的经办人、审核人或负责人办理")
        if expected_version is not None and expected_version != locked.version:
            raise Conflict(
                f"申请 {locked.number} 已被他人修改（第{locked.version}版），请刷新后重试",
                data={"expected_version": expected_version, "version": locked.version},
            )
        status = Status(locked.status)
        if status not in SPLITTABLE_STATUSES:
            raise IllegalTransition(f"申请处于“{status.label}”状态，不能拆分")
        if locked.extended or locked.consultations.exists():
            raise IllegalTransition("已征求意见或延长答复期限的申请不能拆分")
        _check_date(locked, on)
        numbers = [f"{locked.number}-{i}" for i in range(2, len(texts) + 1)]
        taken = list(
            Application.objects.filter(agency=locked.agency, number__in=numbers).values_list(
                "number", flat=True
            )
        )
        if taken:
            raise Conflict(f"申请编号“{taken[0]}”在本机关已存在", data={"number": taken[0]})
        created = [
            _split_part(actor, locked, number, text, on)
            for number, text in zip(numbers, texts[1:], strict=True)
        ]
        locked.request_content = texts[0]
        locked.version += 1
        locked.save(update_fields=["request_content", "version", "updated_at"])
        record(
            actor=actor,
            action="application.split",
            target=locked,
            data={
                "number": locked.number,
                "on": on.isoformat(),
                "parts": [locked.number, *numbers],
                "version": locked.version,
            },
        )
    return [locked, *created]


def _split_part(
    actor: Actor, original: Application, number: str, text: str, on: date
) -> Application:
    deadline = deadline_create(kind=DeadlineKind.REPLY, start=original.received_on)
    if original.correction_received_on is not None:
        deadline = deadline_restart(deadline=deadline, on=original.correction_received_on)
    part = Application(
        agency=original.agency,
        number=number,
        channel=original.channel,
        applicant_category=original.applicant_category,
        received_on=original.received_on,
        **{name: getattr(original, name) for name in PERSONAL_FIELDS},
        request_content=text,
        provision_form=original.provision_form,
        provision_route=original.provision_route,
        accessibility_needs=original.accessibility_needs,
        status=original.status,
        correction_requested_on=original.correction_requested_on,
        correction_received_on=original.correction_received_on,
        reply_deadline=deadline,
        split_from=original,
        is_demo=original.is_demo,
    )
    part.save()
    record(
        actor=actor,
        action="application.split_part",
        target=part,
        data={
            "number": number,
            "split_from": original.number,
            "on": on.isoformat(),
            "status": part.status,
            "due": deadline.due.isoformat(),
        },
    )
    return part


# --------------------------------------------------------------------------------------------
# Importing a ledger (docs/ledger.md)
# --------------------------------------------------------------------------------------------
