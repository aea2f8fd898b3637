"""Admin of 公众关切. Lists never show the requester's name or phone."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from gongkai.audit.services import record
from gongkai.inquiries.models import Inquiry, Proposal, ReplyPeriod
from gongkai.workdays.selectors import calendar_get


def _audit(request: HttpRequest, obj: Any, form: Any, change: bool, entity: str) -> None:
    """Record the changed field names (never the values: some are personal data)."""
    record(
        actor=request.user,
        action=f"{entity}.updated" if change else f"{entity}.created",
        target=obj,
        data={"fields": sorted(form.changed_data), "via": "admin"},
    )


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin[Inquiry]):
    list_display = (
        "received_on",
        "agency",
        "channel",
        "kind",
        "external_number",
        "subject",
        "result",
        "replied_on",
        "reply_due",
        "is_demo",
    )
    list_filter = ("channel", "kind", "result", "is_demo", "agency")
    search_fields = ("external_number", "subject")
    date_hierarchy = "received_on"
    autocomplete_fields = ("agency",)
    readonly_fields = ("reply_due", "created_at", "updated_at")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "agency",
                    "channel",
                    "kind",
                    "external_number",
                    "received_on",
                    "subject",
                    "content",
                    "is_demo",
                )
            },
        ),
        ("诉求人（个人信息）", {"fields": ("requester_name", "requester_phone")}),
        ("办理", {"fields": ("result", "replied_on", "reply_text")}),
        ("期限", {"fields": ("reply_period_days", "reply_due")}),
        ("记录", {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("agency")

    def save_model(self, request: HttpRequest, obj: Inquiry, form: Any, change: bool) -> None:
        if obj.reply_due is None or {"received_on", "reply_period_days"} & set(form.changed_data):
            obj.reply_due = calendar_get().add(obj.received_on, obj.reply_period_days)
        super().save_model(request, obj, form, change)
        _audit(request, obj, form, change, "inquiry")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin[Proposal]):
    list_display = (
        "received_on",
        "agency",
        "kind",
        "source_body",
        "number",
        "title",
        "result",
        "handled_on",
        "reply_published",
        "is_demo",
    )
    list_filter = ("kind", "result", "reply_published", "is_demo", "agency")
    search_fields = ("number", "title", "source_body")
    date_hierarchy = "received_on"
    autocomplete_fields = ("agency",)
    readonly_fields = ("created_at", "updated_at")
    # Django 6 will assume https for scheme-less addresses; say so now (and avoid its warning).
    formfield_overrides = {  # noqa: RUF012 (Django's own attribute shape)
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"},
    }

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("agency")

    def save_model(self, request: HttpRequest, obj: Proposal, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        _audit(request, obj, form, change, "proposal")


@admin.register(ReplyPeriod)
class ReplyPeriodAdmin(admin.ModelAdmin[ReplyPeriod]):
    list_display = ("agency", "channel", "working_days")
    list_filter = ("channel",)
    search_fields = ("agency__name",)
    autocomplete_fields = ("agency",)

    def save_model(self, request: HttpRequest, obj: ReplyPeriod, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        _audit(request, obj, form, change, "inquiry.reply_period")
