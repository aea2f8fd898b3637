"""主动公开 in the Django admin.

Publications, decisions and guide versions are read-only here: their writes go through the
services (review chain, audit). Settings, the review chain, the catalogue, normative documents
and yearly figures are plain reference data a 管理员 may correct.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from gongkai.publishing.models import (
    CatalogueNode,
    GuideVersion,
    NormativeAmendment,
    NormativeDocument,
    Publication,
    PublicationChannel,
    PublishingSettings,
    ReviewDecision,
    ReviewStep,
    YearlyFigure,
)


class _ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ChannelInline(_ReadOnlyInline):
    model = PublicationChannel
    formfield_overrides = {  # noqa: RUF012 (Django's own attribute shape)
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"},
    }
    fields = ("channel", "published_on", "url")
    readonly_fields = fields


class DecisionInline(_ReadOnlyInline):
    model = ReviewDecision
    fields = ("round", "step_name", "decision", "comment", "decided_by", "decided_at")
    readonly_fields = fields


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin[Publication]):
    list_display = (
        "index_number",
        "title",
        "agency",
        "article20_item",
        "status",
        "formed_on",
        "published_on",
        "source",
        "is_demo",
    )
    list_filter = ("status", "article20_item", "disclosure_mode", "source", "agency")
    search_fields = ("index_number", "title", "document_number")
    date_hierarchy = "published_on"
    inlines = (ChannelInline, DecisionInline)
    # Django 6 will assume https for scheme-less addresses; say so now (and avoid its warning).
    formfield_overrides = {  # noqa: RUF012 (Django's own attribute shape)
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"},
    }

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in Publication._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PublishingSettings)
class PublishingSettingsAdmin(admin.ModelAdmin[PublishingSettings]):
    list_display = ("agency", "index_pattern", "fee_decimals")


@admin.register(ReviewStep)
class ReviewStepAdmin(admin.ModelAdmin[ReviewStep]):
    list_display = ("agency", "order", "name", "role")
    list_filter = ("agency",)


@admin.register(CatalogueNode)
class CatalogueNodeAdmin(admin.ModelAdmin[CatalogueNode]):
    list_display = ("name", "parent", "agency", "order", "national", "mode", "tier")
    list_filter = ("agency", "national")
    search_fields = ("name", "content")


class AmendmentInline(admin.TabularInline[NormativeAmendment, NormativeDocument]):
    model = NormativeAmendment
    extra = 0


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(admin.ModelAdmin[NormativeDocument]):
    list_display = (
        "title",
        "kind",
        "agency",
        "document_number",
        "made_on",
        "repealed_on",
        "expired_on",
    )
    list_filter = ("kind", "agency")
    search_fields = ("title", "document_number")
    inlines = (AmendmentInline,)


@admin.register(YearlyFigure)
class YearlyFigureAdmin(admin.ModelAdmin[YearlyFigure]):
    list_display = ("agency", "year", "item", "value", "source", "note")
    list_filter = ("year", "item", "source")


@admin.register(GuideVersion)
class GuideVersionAdmin(admin.ModelAdmin[GuideVersion]):
    list_display = ("agency", "created_at")
    readonly_fields = ("agency", "text", "digest", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
