"""The records behind 表二: 规章 and 行政规范性文件 (第二十条第（一）项) and yearly figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.audit.services import record
from gongkai.core.errors import (
    IllegalTransition,
    ValidationFailed,
)
from gongkai.core.types import Actor
from gongkai.publishing.models import (
    FigureItem,
    NormativeAmendment,
    NormativeDocument,
    NormativeKind,
    Publication,
    Source,
    YearlyFigure,
)
from gongkai.publishing.services.base import _staff_roles

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
