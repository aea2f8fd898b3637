"""Applications in the Django admin: read-only, because every write goes through the services.

The list shows no personal data; the applicant's details appear only in the change form. The
search box looks up 申请编号 only, so no personal data ends up in a URL (``?q=``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.applications.models import Application, Consultation


class ConsultationInline(admin.TabularInline[Consultation, Application]):
    model = Consultation
    extra = 0
    fields = ("party_kind", "party", "sent_on", "ended_on")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin[Application]):
    list_display = (
        "number",
        "agency",
        "received_on",
        "channel",
        "applicant_category",
        "status",
        "outcome",
        "answered_on",
        "due_display",
        "is_demo",
    )
    list_filter = ("status", "applicant_category", "channel", "extended", "is_demo", "agency")
    search_fields = ("number",)
    date_hierarchy = "received_on"
    list_select_related = ("agency", "reply_deadline")
    inlines = (ConsultationInline,)
    fieldsets = (
        (
            "申请",
            {
                "fields": (
                    "agency",
                    "number",
                    "tracking_code",
                    "channel",
                    "received_on",
                    "applicant_category",
                    "request_content",
                    "provision_form",
                    "provision_route",
                    "accessibility_needs",
                    "split_from",
                    "note",
                    "is_demo",
                )
            },
        ),
        (
            "申请人（个人信息，仅限办理使用）",
            {
                "fields": (
                    "applicant_name",
                    "applicant_id_number",
                    "applicant_phone",
                    "applicant_address",
                    "applicant_email",
                )
            },
        ),
        (
            "办理",
            {
                "fields": (
                    "status",
                    "correction_requested_on",
                    "correction_received_on",
                    "extended",
                    "extended_on",
                    "due_display",
                    "outcome",
                    "answered_on",
                    "version",
                    "created_at",
                    "updated_at",
                )
            },
        ),
    )

    @admin.display(description="答复期限", ordering="reply_deadline__due")
    def due_display(self, obj: Application) -> str:
        deadline = obj.reply_deadline
        mark = "（暂定）" if deadline.provisional else ""
        return f"{deadline.due.isoformat()}{mark}"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [str(name) for _, options in self.fieldsets for name in options["fields"]]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
