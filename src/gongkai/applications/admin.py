"""Applications in the Django admin: read-only, because every write goes through the services.

The list shows no personal data; the applicant's details appear only in the change form. The
search box looks up 申请编号 only, so no personal data ends up in a URL (``?q=``).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from gongkai.applications.letters import (
    DOCX_CONTENT_TYPE,
    LETTER_KINDS,
    VARIABLES,
    default_template,
    letter_content,
    letter_preview,
    letter_verify,
)
from gongkai.applications.models import Application, Consultation, Letter, LetterTemplate
from gongkai.core.errors import DomainError


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


# --------------------------------------------------------------------------------------------
# Letters: templates editable with a preview; issued letters read-only (docs/letters.md)
# --------------------------------------------------------------------------------------------


class LetterTemplateForm(forms.ModelForm[LetterTemplate]):
    """Checks a template by rendering it against the sample application before saving."""

    class Meta:
        model = LetterTemplate
        fields = ("agency", "letter_type", "title", "body")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        try:
            letter_preview(
                letter_type=data["letter_type"],
                agency=data.get("agency"),
                title=data["title"],
                body=data["body"],
            )
        except DomainError as exc:
            raise forms.ValidationError(exc.message) from None
        return data


def _docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin[LetterTemplate]):
    """Templates per body (or national); without a row the shipped default applies.

    "预览" renders the saved template against a sample application marked 样例 and returns the
    .docx; a new template is prefilled with the shipped default of ``?letter_type=…``.
    """

    form = LetterTemplateForm
    list_display = ("letter_type", "title", "agency_display", "updated_at", "preview_link")
    list_filter = ("letter_type", "agency")
    readonly_fields = ("preview_link", "variables_help")
    fields = ("agency", "letter_type", "title", "body", "preview_link", "variables_help")

    @admin.display(description="适用范围", ordering="agency__name")
    def agency_display(self, obj: LetterTemplate) -> str:
        return obj.agency.name if obj.agency else "全国默认"

    @admin.display(description="预览")
    def preview_link(self, obj: LetterTemplate | None) -> str:
        if obj is None or obj.pk is None:
            return "保存后可预览"
        url = reverse("admin:applications_lettertemplate_preview", args=[obj.pk])
        return format_html('<a href="{}">预览（样例 .docx）</a>', url)

    @admin.display(description="可用变量")
    def variables_help(self, obj: LetterTemplate | None) -> str:
        items = format_html_join(
            "", "<li>{{{{ {} }}}}：{}</li>", ((k, v) for k, v in VARIABLES.items())
        )
        return format_html("<ul>{}</ul>", items)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = dict(super().get_changeform_initial_data(request))
        letter_type = request.GET.get("letter_type", "")
        if letter_type in LETTER_KINDS:
            default = default_template(letter_type)
            initial.setdefault("title", default.title)
            initial.setdefault("body", default.body)
        return initial

    def get_urls(self) -> list[Any]:
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<path:object_id>/preview/", preview, name="applications_lettertemplate_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        template = self.get_object(request, object_id)
        if template is None or not self.has_view_permission(request, template):
            raise Http404
        try:
            content = letter_preview(
                letter_type=template.letter_type,
                agency=template.agency,
                title=template.title,
                body=template.body,
            )
        except DomainError as exc:
            self.message_user(request, exc.message, level=messages.ERROR)
            return redirect(reverse("admin:applications_lettertemplate_change", args=[template.pk]))
        return _docx_response(content, f"preview-{template.letter_type}.docx")


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin[Letter]):
    """Issued letters: frozen, so nothing is added, changed or deleted here."""

    list_display = ("number", "letter_type", "application", "issued_on", "issued_by", "short_hash")
    list_filter = ("letter_type", "issued_on")
    search_fields = ("number", "application__number")
    list_select_related = ("application", "issued_by")
    fields = (
        "application",
        "letter_type",
        "number",
        "title",
        "issued_on",
        "issued_by",
        "reissue_of",
        "sha256",
        "verification",
        "download_link",
        "created_at",
    )
    readonly_fields = fields

    @admin.display(description="SHA-256")
    def short_hash(self, obj: Letter) -> str:
        return obj.sha256[:12]

    @admin.display(description="校验")
    def verification(self, obj: Letter) -> str:
        check = letter_verify(obj)
        return "一致" if check.ok else "；".join(check.problems)

    @admin.display(description="文件")
    def download_link(self, obj: Letter) -> str:
        url = reverse("admin:applications_letter_download", args=[obj.pk])
        return format_html('<a href="{}">下载 .docx</a>', url)

    def get_urls(self) -> list[Any]:
        download = self.admin_site.admin_view(self.download_view)
        return [
            path("<path:object_id>/download/", download, name="applications_letter_download"),
            *super().get_urls(),
        ]

    def download_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        letter = self.get_object(request, object_id)
        if letter is None or not self.has_view_permission(request, letter):
            raise Http404
        try:
            content = letter_content(letter)
        except DomainError:
            raise Http404 from None
        return _docx_response(content, f"{letter.pk}-{letter.letter_type}.docx")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
