"""The holiday calendar in the Django admin: a notice with its days; deadlines read-only.

Saving a notice or its days goes through ``services.notice_days_changed``: the calendar cache
is refreshed, open deadlines are recomputed and the change is audited.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from gongkai.workdays.models import CalendarDay, Deadline, HolidayNotice
from gongkai.workdays.notices import day_problem
from gongkai.workdays.services import notice_days_changed


class CalendarDayForm(forms.ModelForm[CalendarDay]):
    class Meta:
        model = CalendarDay
        fields = ("date", "is_workday", "name")

    def __init__(self, *args: Any, notice_year: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notice_year = notice_year

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        year = self.notice_year
        if year is None and self.instance.notice_id:
            year = self.instance.notice.year
        day = cleaned.get("date")
        if year and day:
            problem = day_problem(year, day, is_workday=bool(cleaned.get("is_workday")))
            if problem:
                raise forms.ValidationError(problem)
        return cleaned


class CalendarDayInline(admin.TabularInline[CalendarDay, HolidayNotice]):
    model = CalendarDay
    form = CalendarDayForm
    extra = 0
    ordering = ("date",)


@admin.register(HolidayNotice)
class HolidayNoticeAdmin(admin.ModelAdmin[HolidayNotice]):
    list_display = ("year", "title", "document_number", "issued_on", "source", "updated_at")
    search_fields = ("title", "document_number")
    ordering = ("-year",)
    readonly_fields = ("created_at", "updated_at")
    inlines = (CalendarDayInline,)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # noqa: RUF012

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Any, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        year = request.POST.get("year") if request.method == "POST" else None
        if year and year.isdigit():
            kwargs["form_kwargs"] = {**kwargs.get("form_kwargs", {}), "notice_year": int(year)}
        return kwargs

    def save_model(self, request: HttpRequest, obj: HolidayNotice, form: Any, change: bool) -> None:
        if not change and not obj.source:
            obj.source = "admin"
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        changes = sorted(form.changed_data)
        for formset in formsets:
            changes += [f"{d.date.isoformat()}" for d in formset.new_objects]
            changes += [f"{d.date.isoformat()}" for d, _ in formset.changed_objects]
            changes += [f"-{d.date.isoformat()}" for d in formset.deleted_objects]
        notice_days_changed(notice=form.instance, actor=request.user, changes=changes)


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin[Deadline]):
    """Read-only: deadlines change only through the services of the app that owns the case."""

    list_display = ("id", "kind", "start", "days", "due", "provisional", "status")
    list_filter = ("kind", "status", "provisional")
    date_hierarchy = "due"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
