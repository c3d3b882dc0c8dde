"""URL configuration: the web application, and Django's admin for the server's superuser."""

from django.contrib import admin
from django.urls import include, path

from kinerja.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("kinerja.ui.urls")),
]

handler403 = "kinerja.ui.auth.forbidden"
handler404 = "kinerja.ui.auth.not_found"
handler500 = "kinerja.ui.auth.server_error"
