"""Admin of the annual report: templates and recorded figures are edited through the services
(so placeholders are checked and every change audited); frozen reports are read only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongkai.annual.figures import FIGURE_SOURCES
from gongkai.annual.models import AnnualReport, RecordedFigure, SectionTemplate, TownshipDeadline
from gongkai.annual.services import (
    recorded_figure_set,
    section_template_set,
    township_deadline_set,
)


def _registry_help() -> str:
    return "；".join(f"{{{s.name}}} {s.description}" for s in FIGURE_SOURCES.values())


@admin.register(SectionTemplate)
class SectionTemplateAdmin(admin.ModelAdmin[SectionTemplate]):
    list_display = ("agency", "section", "year", "is_demo", "updated_at")
    list_filter = ("section", "is_demo")
    search_fields = ("agency__name", "text")
    autocomplete_fields = ("agency",)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["text"].help_text = "可用占位符：" + _registry_help()
        return form

    def save_model(
        self, request: HttpRequest, obj: SectionTemplate, form: Any, change: bool
    ) -> None:
        saved = section_template_set(
            actor=request.user,
            agency=obj.agency,
            section=obj.section,
            text=obj.text,
            year=obj.year,
            is_demo=obj.is_demo,
        )
        obj.pk = saved.pk


@admin.register(RecordedFigure)
class RecordedFigureAdmin(admin.ModelAdmin[RecordedFigure]):
    list_display = ("agency", "year", "name", "label", "value", "source", "is_demo")
    list_filter = ("year", "is_demo")
    search_fields = ("agency__name", "name", "label")
    autocomplete_fields = ("agency",)

    def save_model(
        self, request: HttpRequest, obj: RecordedFigure, form: Any, change: bool
    ) -> None:
        saved = recorded_figure_set(
            actor=request.user,
            agency=obj.agency,
            year=obj.year,
            name=obj.name,
            label=obj.label,
            value=obj.value,
            source=obj.source,
            is_demo=obj.is_demo,
        )
        obj.pk = saved.pk


@admin.register(AnnualReport)
class AnnualReportAdmin(admin.ModelAdmin[AnnualReport]):
    """Versions move only through the services (``gongkai report freeze|publish``)."""

    list_display = (
        "agency",
        "year",
        "scope",
        "version",
        "status",
        "deadline",
        "published_on",
        "is_demo",
    )
    list_filter = ("status", "scope", "year", "is_demo")
    search_fields = ("agency__name",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(TownshipDeadline)
class TownshipDeadlineAdmin(admin.ModelAdmin[TownshipDeadline]):
    """乡镇年度报告公布期限 per jurisdiction (local rules; 条例 第四十九条 names 县级以上 only)."""

    list_display = ("jurisdiction", "month", "day", "source", "updated_at")
    search_fields = ("jurisdiction__name", "source")
    autocomplete_fields = ("jurisdiction",)

    def save_model(
        self, request: HttpRequest, obj: TownshipDeadline, form: Any, change: bool
    ) -> None:
        saved = township_deadline_set(
            actor=request.user,
            jurisdiction=obj.jurisdiction,
            month=obj.month,
            day=obj.day,
            source=obj.source,
        )
        obj.pk = saved.pk
