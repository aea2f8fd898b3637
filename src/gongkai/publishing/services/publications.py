"""Publications: 索引号, the 第二十六条 deadline, drafts, attachments and channels."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.core.errors import (
    IllegalTransition,
    NotFoundOrForbidden,
    ValidationFailed,
)
from gongkai.core.types import Actor
from gongkai.publishing.models import (
    Article20Item,
    Attachment,
    CatalogueNode,
    Channel,
    ContentFormat,
    DisclosureMode,
    IndexSequence,
    Publication,
    PublicationChannel,
    PublishingSettings,
)
from gongkai.publishing.search import index_publication
from gongkai.publishing.selectors import settings_of
from gongkai.publishing.services.base import DEADLINE_START_LABEL, _require_head, _staff_roles
from gongkai.publishing.states import Status
from gongkai.workdays.models import DeadlineKind, DeadlineStatus
from gongkai.workdays.services import deadline_close, deadline_create

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
