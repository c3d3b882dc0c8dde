"""A user's notifications, and their choice about email copies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja.notifications.models import EmailSetting
from kinerja.notifications.send import email_enabled
from kinerja.ui.pages import roles_text


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    found = list(request.user.notifications.all()[:100])  # type: ignore[union-attr]
    context = {
        "notifications": found,
        "email_on": email_enabled(request.user),
        "has_email": bool(getattr(request.user, "email", "")),
        "roles": roles_text(request),
    }
    return render(request, "ui/notifications.html", context)


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    count = request.user.notifications.filter(read_at__isnull=True).update(  # type: ignore[union-attr]
        read_at=timezone.now()
    )
    messages.success(request, f"{count} notifikasi ditandai sudah dibaca.")
    return redirect("ui:notifications")


@login_required
@require_POST
def notifications_email(request: HttpRequest) -> HttpResponse:
    enabled = request.POST.get("email") == "on"
    EmailSetting.objects.update_or_create(user_id=request.user.pk, defaults={"enabled": enabled})
    messages.success(
        request,
        "Salinan notifikasi akan dikirim lewat surel."
        if enabled
        else "Salinan notifikasi lewat surel dimatikan; notifikasi tetap tampil di aplikasi.",
    )
    return redirect("ui:notifications")
