"""Admin of 复议与诉讼 cases, their papers and the 表四 result mapping. Saves are audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.appeals.models import AppealCase, AppealDocument, ResultMapping
from gongkai.appeals.services import answer_due_apply
from gongkai.audit.services import record


def _audit(request: HttpRequest, obj: Any, form: Any, change: bool, entity: str) -> None:
    record(
        actor=request.user,
        action=f"{entity}.updated" if change else f"{entity}.created",
        target=obj,
        data={"fields": sorted(form.changed_data), "via": "admin"},
    )


class AppealDocumentInline(admin.TabularInline[AppealDocument, AppealCase]):
    model = AppealDocument
    extra = 0
    fields = ("title", "file", "uploaded_at")
    readonly_fields = ("uploaded_at",)


@admin.register(AppealCase)
class AppealCaseAdmin(admin.ModelAdmin[AppealCase]):
    list_display = (
        "filed_on",
        "agency",
        "kind",
        "route",
        "role",
        "case_number",
        "answer_due",
        "answered_on",
        "decided_on",
        "result",
        "is_demo",
    )
    list_filter = ("kind", "route", "role", "procedure", "result", "is_demo", "agency")
    search_fields = ("case_number", "deciding_body")
    date_hierarchy = "filed_on"
    autocomplete_fields = ("agency",)
    raw_id_fields = ("applications", "review_case")
    readonly_fields = ("answer_due", "answer_due_provisional", "created_at", "updated_at")
    inlines = (AppealDocumentInline,)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "agency",
                    "kind",
                    "route",
                    "role",
                    "procedure",
                    "case_number",
                    "applications",
                    "review_case",
                    "is_demo",
                )
            },
        ),
        (
            "期限",
            {
                "fields": (
                    "filed_on",
                    "accepted_on",
                    "copy_received_on",
                    "answer_due",
                    "answer_due_provisional",
                    "answered_on",
                )
            },
        ),
        ("审理结果", {"fields": ("deciding_body", "decided_on", "result", "note")}),
        ("记录", {"fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("agency")

    def save_model(self, request: HttpRequest, obj: AppealCase, form: Any, change: bool) -> None:
        answer_due_apply(obj)
        super().save_model(request, obj, form, change)
        _audit(request, obj, form, change, "appeal")


@admin.register(ResultMapping)
class ResultMappingAdmin(admin.ModelAdmin[ResultMapping]):
    list_display = ("result", "column", "basis", "updated_at")

    def save_model(self, request: HttpRequest, obj: ResultMapping, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        _audit(request, obj, form, change, "appeal.result_mapping")

    def delete_model(self, request: HttpRequest, obj: ResultMapping) -> None:
        record(
            actor=request.user,
            action="appeal.result_mapping.deleted",
            target=obj,
            data={"result": obj.result, "via": "admin"},
        )
        super().delete_model(request, obj)
