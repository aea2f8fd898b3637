"""Writes of 主动公开: publications and their review, channels, and the records of 表二.

Every write checks the actor's role in the body, saves and records an audit event in one
transaction. The 目录, 指南 and import services are in ``catalogue.py`` and ``imports.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.selectors import STAFF_ROLES, roles_of
from gongkai.audit.services import record
from gongkai.core.errors import (
    Conflict,
    IllegalTransition,
    NotFoundOrForbidden,
    PermissionDenied,
    ValidationFailed,
)
from gongkai.publishing.models import (
    Article20Item,
    Attachment,
    CatalogueNode,
    Channel,
    ContentFormat,
    Decision,
    DisclosureMode,
    FigureItem,
    IndexSequence,
    NormativeAmendment,
    NormativeDocument,
    NormativeKind,
    Publication,
    PublicationChannel,
    PublishingSettings,
    ReviewDecision,
    ReviewStep,
    Source,
    YearlyFigure,
)
from gongkai.publishing.search import index_publication
from gongkai.publishing.selectors import StepSpec, review_chain, settings_of
from gongkai.publishing.states import STEP_ROLE, TRANSITIONS, Action, Status, allowed_actions
from gongkai.workdays.models import Deadline, DeadlineKind, DeadlineStatus
from gongkai.workdays.services import deadline_close, deadline_create

Actor = AbstractBaseUser | AnonymousUser | None

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


# ---------------------------------------------------------------------------------------------
# Settings and the 索引号
# ---------------------------------------------------------------------------------------------


def settings_update(
    *,
    actor: Actor,
    agency: Agency,
    index_pattern: str | None = None,
    fee_decimals: int | None = None,
    arrangement: str | None = None,
    access_methods: str | None = None,
) -> PublishingSettings:
    _require_head(actor, agency)
    with transaction.atomic():
        current = settings_of(agency)
        changes: dict[str, Any] = {}
        if index_pattern is not None:
            format_index_number(index_pattern, agency=agency, year=2000, seq=1)
            changes["index_pattern"] = index_pattern
        if fee_decimals is not None:
            if not 0 <= fee_decimals <= 6:
                raise ValidationFailed("收费金额小数位数应在0到6之间")
            changes["fee_decimals"] = fee_decimals
        if arrangement is not None:
            changes["arrangement"] = arrangement
        if access_methods is not None:
            changes["access_methods"] = access_methods
        for name, value in changes.items():
            setattr(current, name, value)
        current.save()
        record(actor=actor, action="publishing.settings_updated", target=current, data=changes)
        return current


def format_index_number(pattern: str, *, agency: Agency, year: int, seq: int) -> str:
    try:
        number = pattern.format(
            credit_code=agency.credit_code or f"A{agency.pk:08d}",
            agency_id=agency.pk,
            year=year,
            seq=seq,
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationFailed(f"索引号格式“{pattern}”无效：{exc}") from None
    if not number or len(number) > 100:
        raise ValidationFailed(f"索引号格式“{pattern}”生成的索引号为空或超过100个字符")
    return number


def _next_index_number(agency: Agency, year: int) -> str:
    IndexSequence.objects.get_or_create(agency=agency, year=year)
    sequence = IndexSequence.objects.select_for_update().get(agency=agency, year=year)
    pattern = settings_of(agency).index_pattern
    while True:
        sequence.last += 1
        number = format_index_number(pattern, agency=agency, year=year, seq=sequence.last)
        if not Publication.objects.filter(agency=agency, index_number=number).exists():
            sequence.save(update_fields=["last"])
            return number


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


# ---------------------------------------------------------------------------------------------
# Publications
# ---------------------------------------------------------------------------------------------


def _check_fields(
    *,
    agency: Agency,
    title: str,
    article20_item: str,
    content_format: str,
    catalogue_node: CatalogueNode | None,
    interprets: Publication | None,
    disclosure_mode: str,
    withheld_reason: str,
) -> None:
    if not title.strip():
        raise ValidationFailed("标题不能为空")
    if article20_item and article20_item not in Article20Item.values:
        raise ValidationFailed(f"第二十条分类“{article20_item}”无效")
    if content_format not in ContentFormat.values:
        raise ValidationFailed(f"正文格式“{content_format}”无效")
    if catalogue_node is not None and catalogue_node.agency_id != agency.pk:
        raise ValidationFailed("目录事项不属于本机关")
    if interprets is not None and interprets.agency_id != agency.pk:
        raise ValidationFailed("解读的文件须为本机关的信息")
    if disclosure_mode not in DisclosureMode.values:
        raise ValidationFailed(f"公开方式“{disclosure_mode}”无效")
    if disclosure_mode == DisclosureMode.WITHHELD and not withheld_reason.strip():
        raise ValidationFailed("不予公开须说明理由（条例第十四条至第十六条）")


def publication_create(
    *,
    actor: Actor,
    agency: Agency,
    title: str,
    formed_on: date,
    article20_item: str = "",
    document_number: str = "",
    issued_on: date | None = None,
    content: str = "",
    content_format: str = ContentFormat.TEXT,
    catalogue_node: CatalogueNode | None = None,
    interprets: Publication | None = None,
    disclosure_mode: str = DisclosureMode.PROACTIVE,
    withheld_reason: str = "",
    review_due: date | None = None,
    override_due: date | None = None,
    is_demo: bool = False,
) -> Publication:
    """Record a new item as a draft, with its 索引号 and its 第二十六条 deadline.

    条例 第二十六条: 20 working days from the day the information was formed or changed;
    ``override_due`` records a different term set by a law or regulation.
    """
    _staff_roles(actor, agency)
    _check_fields(
        agency=agency,
        title=title,
        article20_item=article20_item,
        content_format=content_format,
        catalogue_node=catalogue_node,
        interprets=interprets,
        disclosure_mode=disclosure_mode,
        withheld_reason=withheld_reason,
    )
    if formed_on > timezone.localdate():
        raise ValidationFailed(f"形成日期 {formed_on.isoformat()} 不能晚于今天")
    with transaction.atomic():
        deadline = None
        if disclosure_mode == DisclosureMode.PROACTIVE:
            deadline = deadline_create(
                kind=DeadlineKind.PUBLICATION, start=formed_on, start_label=DEADLINE_START_LABEL
            )
        publication = Publication.objects.create(
            agency=agency,
            index_number=_next_index_number(agency, formed_on.year),
            title=title.strip(),
            document_number=document_number.strip(),
            issued_on=issued_on,
            formed_on=formed_on,
            publish_deadline=deadline,
            override_due=override_due,
            article20_item=article20_item,
            catalogue_node=catalogue_node,
            content=content,
            content_format=content_format,
            interprets=interprets,
            disclosure_mode=disclosure_mode,
            withheld_reason=withheld_reason.strip(),
            review_due=review_due,
            is_demo=is_demo,
            created_by_id=actor.pk if actor is not None and actor.is_authenticated else None,
        )
        index_publication(publication)
        record(
            actor=actor,
            action="publication.created",
            target=publication,
            data={
                "index_number": publication.index_number,
                "formed_on": formed_on.isoformat(),
                "due": deadline.due.isoformat() if deadline else None,
            },
        )
        return publication


#: Fields a draft may change through :func:`publication_update`.
EDITABLE = frozenset(
    {
        "title",
        "document_number",
        "issued_on",
        "formed_on",
        "override_due",
        "article20_item",
        "content",
        "content_format",
        "catalogue_node",
        "interprets",
        "disclosure_mode",
        "withheld_reason",
        "review_due",
    }
)


def publication_update(*, actor: Actor, publication: Publication, **changes: Any) -> Publication:
    """Change a draft. A new 形成或变更日期 opens a new 第二十六条 period."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationFailed(f"不能修改的字段：{'、'.join(sorted(unknown))}")
    with transaction.atomic():
        locked = _locked(publication)
        _staff_roles(actor, locked.agency)
        if locked.status != Status.DRAFT:
            raise IllegalTransition(
                f"信息处于“{locked.get_status_display()}”状态，只有草稿可以修改"
            )
        for name, value in changes.items():
            setattr(locked, name, value)
        _check_fields(
            agency=locked.agency,
            title=locked.title,
            article20_item=locked.article20_item,
            content_format=locked.content_format,
            catalogue_node=locked.catalogue_node,
            interprets=locked.interprets,
            disclosure_mode=locked.disclosure_mode,
            withheld_reason=locked.withheld_reason,
        )
        fields = sorted(changes)
        old = locked.publish_deadline
        if "formed_on" in changes or "disclosure_mode" in changes:
            if old is not None and old.status == DeadlineStatus.OPEN:
                deadline_close(deadline=old)
            locked.publish_deadline = None
            if locked.disclosure_mode == DisclosureMode.PROACTIVE:
                locked.publish_deadline = deadline_create(
                    kind=DeadlineKind.PUBLICATION,
                    start=locked.formed_on,
                    start_label=DEADLINE_START_LABEL,
                )
            fields.append("publish_deadline")
        locked.version += 1
        locked.save(update_fields=[*fields, "version", "updated_at"])
        index_publication(locked)
        record(
            actor=actor,
            action="publication.updated",
            target=locked,
            data={"fields": sorted(changes)},
        )
        return locked


def _locked(publication: Publication) -> Publication:
    try:
        return (
            Publication.objects.select_for_update().select_related("agency").get(pk=publication.pk)
        )
    except Publication.DoesNotExist:
        raise NotFoundOrForbidden("信息不存在") from None


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


def _add_channel(publication: Publication, channel: str, on: date, url: str) -> PublicationChannel:
    if channel not in Channel.values:
        raise ValidationFailed(f"发布渠道“{channel}”无效")
    row, _ = PublicationChannel.objects.update_or_create(
        publication=publication, channel=channel, defaults={"published_on": on, "url": url}
    )
    return row


def publication_attach(
    *, actor: Actor, publication: Publication, file: File[Any], name: str = ""
) -> Attachment:
    """Attach a file to an item that is not yet public (a published item is changed by a new
    version, which restarts the 第二十六条 clock)."""
    with transaction.atomic():
        locked = _locked(publication)
        _staff_roles(actor, locked.agency)
        if locked.status != Status.DRAFT:
            raise IllegalTransition("只有草稿可以添加附件")
        attachment = Attachment(publication=locked, name=(name or file.name or "").strip()[:200])
        attachment.file.save(file.name or "attachment", file, save=False)
        attachment.save()
        record(
            actor=actor,
            action="publication.attached",
            target=locked,
            data={"name": attachment.name},
        )
        return attachment


def publication_channel_add(
    *, actor: Actor, publication: Publication, channel: str, published_on: date, url: str = ""
) -> PublicationChannel:
    """Record one more channel a published item went out on (one row per channel)."""
    with transaction.atomic():
        locked = _locked(publication)
        _staff_roles(actor, locked.agency)
        if locked.status != Status.PUBLISHED:
            raise IllegalTransition("只有已公开的信息可以登记发布渠道")
        if locked.published_on and published_on < locked.published_on:
            raise ValidationFailed("渠道发布日期不能早于公开日期")
        row = _add_channel(locked, channel, published_on, url)
        record(
            actor=actor,
            action="publication.channel_added",
            target=locked,
            data={"channel": channel, "published_on": published_on.isoformat()},
        )
        return row


# ---------------------------------------------------------------------------------------------
# 规章 and 行政规范性文件 (表二 第二十条第（一）项)
# ---------------------------------------------------------------------------------------------


def normative_register(
    *,
    actor: Actor,
    agency: Agency,
    kind: str,
    title: str,
    made_on: date,
    document_number: str = "",
    publication: Publication | None = None,
) -> NormativeDocument:
    _staff_roles(actor, agency)
    if kind not in NormativeKind.values:
        raise ValidationFailed(f"文件类别“{kind}”无效")
    if not title.strip():
        raise ValidationFailed("文件名称不能为空")
    with transaction.atomic():
        document = NormativeDocument.objects.create(
            agency=agency,
            kind=kind,
            title=title.strip(),
            document_number=document_number.strip(),
            made_on=made_on,
            publication=publication,
        )
        record(
            actor=actor,
            action="normative.registered",
            target=document,
            data={"kind": kind, "made_on": made_on.isoformat()},
        )
        return document


def _locked_document(document: NormativeDocument, actor: Actor) -> NormativeDocument:
    locked = (
        NormativeDocument.objects.select_for_update().select_related("agency").get(pk=document.pk)
    )
    _staff_roles(actor, locked.agency)
    return locked


def _ended_on(document: NormativeDocument) -> date | None:
    ends = [d for d in (document.repealed_on, document.expired_on) if d is not None]
    return min(ends) if ends else None


def normative_amend(
    *, actor: Actor, document: NormativeDocument, amended_on: date, note: str = ""
) -> NormativeAmendment:
    """A 修改: the document stays one document in force (its counts do not change)."""
    with transaction.atomic():
        locked = _locked_document(document, actor)
        ended = _ended_on(locked)
        if amended_on < locked.made_on or (ended is not None and amended_on >= ended):
            raise ValidationFailed("修改日期应在制发之后、废止或失效之前")
        amendment = NormativeAmendment.objects.create(
            document=locked, amended_on=amended_on, note=note.strip()
        )
        record(
            actor=actor,
            action="normative.amended",
            target=locked,
            data={"amended_on": amended_on.isoformat()},
        )
        return amendment


def normative_end(
    *, actor: Actor, document: NormativeDocument, on: date, how: str = "repealed"
) -> NormativeDocument:
    """废止 (``how="repealed"``) or 失效 (``"expired"``, e.g. 有效期届满) on ``on``."""
    if how not in ("repealed", "expired"):
        raise ValidationFailed(f"未知的终止方式“{how}”")
    with transaction.atomic():
        locked = _locked_document(document, actor)
        if _ended_on(locked) is not None:
            raise IllegalTransition("该文件已废止或失效")
        if on < locked.made_on:
            raise ValidationFailed("废止或失效日期不能早于制发日期")
        field = f"{how}_on"
        setattr(locked, field, on)
        locked.save(update_fields=[field])
        record(actor=actor, action=f"normative.{how}", target=locked, data={field: on.isoformat()})
        return locked


# ---------------------------------------------------------------------------------------------
# Yearly figures (表二 第二十条第（五）（六）（八）项)
# ---------------------------------------------------------------------------------------------


def figure_set(
    *,
    actor: Actor,
    agency: Agency,
    year: int,
    item: str,
    value: Decimal | int | str,
    source: str = Source.ENTERED,
    note: str = "",
) -> YearlyFigure:
    """Record a yearly figure: a count of decisions, or the fee amount in 元."""
    _staff_roles(actor, agency)
    if item not in FigureItem.values:
        raise ValidationFailed(f"年度数据项目“{item}”无效")
    if source not in Source.values:
        raise ValidationFailed(f"来源“{source}”无效")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationFailed(f"“{value}”不是数字") from None
    if not amount.is_finite() or amount < 0:
        raise ValidationFailed("数值应为非负数")
    if item != FigureItem.FEE and amount != amount.to_integral_value():
        raise ValidationFailed("处理决定数量应为整数")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationFailed("金额精确到分（元，两位小数）")
    with transaction.atomic():
        figure, _ = YearlyFigure.objects.update_or_create(
            agency=agency,
            year=year,
            item=item,
            defaults={"value": amount, "source": source, "note": note.strip()},
        )
        record(
            actor=actor,
            action="publishing.figure_set",
            target=figure,
            data={"year": year, "item": item, "value": str(amount), "source": source},
        )
        return figure
