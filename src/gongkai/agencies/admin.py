from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from gongkai.agencies.models import Agency, Membership
from gongkai.agencies.rules import review_body
from gongkai.audit.services import record


class MembershipInline(admin.TabularInline[Membership, Agency]):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin[Agency]):
    list_display = ("name", "kind", "level", "parent", "review_body_display", "is_demo")
    list_filter = ("kind", "level", "is_demo")
    search_fields = ("name", "credit_code")
    autocomplete_fields = ("parent", "review_body_override")
    readonly_fields = ("review_body_display", "created_at", "updated_at")
    inlines = (MembershipInline,)
    # Django 6 will assume https for scheme-less addresses; say so now (and avoid its warning).
    formfield_overrides = {  # noqa: RUF012 (Django's own attribute shape)
        models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"},
    }
    fieldsets = (
        (None, {"fields": ("name", "credit_code", "kind", "level", "parent", "is_demo")}),
        (
            "行政复议",
            {
                "fields": (
                    "review_body_display",
                    "vertically_managed",
                    "review_body_override",
                    "review_body_override_name",
                )
            },
        ),
        (
            "政府信息公开指南联系信息",
            {
                "fields": (
                    "office_name",
                    "office_address",
                    "office_hours",
                    "phone",
                    "fax",
                    "website",
                    "email",
                    "postal_code",
                )
            },
        ),
        ("记录", {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description="行政复议机关")
    def review_body_display(self, obj: Agency) -> str:
        if obj.pk is None:
            return "—"
        body = review_body(obj)
        return f"{body.name or '未确定'}（{body.basis}）"

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("parent", "review_body_override")

    def save_model(self, request: HttpRequest, obj: Agency, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record(
            actor=request.user,
            action="agency.updated" if change else "agency.created",
            target=obj,
            data={"fields": sorted(form.changed_data), "via": "admin"},
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ("agency", "role", "user")
    list_filter = ("role",)
    search_fields = ("agency__name", "user__username")
    autocomplete_fields = ("agency", "user")
