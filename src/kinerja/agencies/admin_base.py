"""What Django's admin may do with Kinerja's data.

The plan, the agreements, the realisations, the budget, the narrative and the evaluation are
changed only through the app's screens, the `kinerja` command and the API, where four eyes, the
lock, versions and the history apply. The admin shows them (`ViewOnlyAdmin`) but cannot change
them: a superuser editing a verified value there would bypass every one of those rules.

The offices and their organisation stay editable there (an empty deployment's first office is
made in the admin); each change announces `office_changed`, like the app's own writes, so that
the pages that keep an office's measured data follow (`AnnouncingAdmin`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from kinerja.agencies.models import Agency
from kinerja.agencies.signals import changed


class ViewOnly:
    """Shown in the admin, changed only where the app's rules apply."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ViewOnlyAdmin(ViewOnly, admin.ModelAdmin):  # type: ignore[type-arg]
    """A model admin that only shows."""


class ViewOnlyInline(ViewOnly, admin.TabularInline):  # type: ignore[type-arg]
    """An inline that only shows."""


def office_of(obj: Model) -> int | None:
    """The id of the office an organisation record belongs to (the office itself for one)."""
    if isinstance(obj, Agency):
        return obj.pk
    agency_id = getattr(obj, "agency_id", None)
    if agency_id is None and getattr(obj, "period_id", None) is not None:
        agency_id = obj.period.agency_id  # type: ignore[attr-defined]
    return agency_id


class AnnouncingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Announces each change of an office's organisation, as the app's writes do."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        self._announce(obj)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        self._announce(form.instance)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        office = office_of(obj)
        super().delete_model(request, obj)
        if office is not None and not isinstance(obj, Agency):  # a deleted office: nothing kept
            changed(office)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        offices = {office_of(obj) for obj in queryset} - {None}
        super().delete_queryset(request, queryset)
        if queryset.model is not Agency:
            for office in offices:
                changed(office)  # type: ignore[arg-type]

    @staticmethod
    def _announce(obj: Model) -> None:
        office = office_of(obj)
        if office is not None:
            changed(office)
