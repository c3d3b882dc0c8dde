"""URLs of the web application. Every pattern is in the permission matrix test
(`tests/web/test_permission_matrix.py`): a new view without an expectation fails it."""

from django.contrib.auth import views as auth_views
from django.urls import path

from kinerja.ui import views, views_plan, views_tokens, views_users
from kinerja.ui.auth import LoginView, PasswordChangeView

app_name = "ui"

Y = "o/<str:agency>/<int:year>/"
U = "o/<str:agency>/pengguna/"

urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(Y, views.dashboard, name="dashboard"),
    path(Y + "isian/", views.entry_index, name="entry_index"),
    path(Y + "isian/<str:unit>/<int:quarter>/", views.entry, name="entry"),
    path(
        Y + "isian/<str:unit>/<int:quarter>/<int:indicator>/",
        views.entry_save,
        name="entry_save",
    ),
    path(Y + "verifikasi/", views.verification, name="verification"),
    path(Y + "kunci/", views.year_lock, name="year_lock"),
    path(Y + "riwayat/", views.year_history_view, name="year_history"),
    path("realisasi/<int:pk>/ajukan/", views.realization_submit, name="realization_submit"),
    path("realisasi/<int:pk>/verifikasi/", views.realization_verify, name="realization_verify"),
    path("realisasi/<int:pk>/kembalikan/", views.realization_return, name="realization_return"),
    path("realisasi/<int:pk>/revisi/", views.realization_revise, name="realization_revise"),
    path(
        "realisasi/<int:pk>/riwayat/",
        views.realization_history_view,
        name="realization_history",
    ),
    path("bukti/<int:pk>/", views.evidence_file, name="evidence_file"),
    path(Y + "renstra/", views_plan.renstra, name="renstra"),
    path(Y + "pk/", views_plan.agreements, name="agreements"),
    path(Y + "pk/<int:pk>/", views_plan.agreement_edit, name="agreement_edit"),
    path(Y + "unduh/", views_plan.download_list, name="downloads"),
    path(Y + "unduh/lkj.<str:fmt>", views_plan.download_lkj, name="download_lkj"),
    path(Y + "unduh/pk-<str:unit>.<str:fmt>", views_plan.download_pk, name="download_pk"),
    path(Y + "unduh/dataset.yaml", views_plan.download_dataset, name="download_dataset"),
    path(Y + "impor/", views_plan.import_upload, name="import"),
    path(Y + "impor/terapkan/", views_plan.import_apply, name="import_apply"),
    path("akun/kata-sandi/", PasswordChangeView.as_view(), name="password_change"),
    path("akun/token/", views_tokens.tokens, name="tokens"),
    path("akun/token/cabut/", views_tokens.token_revoke, name="token_revoke"),
    path("pengguna/", views_users.users_home, name="users_home"),
    path(U, views_users.users, name="users"),
    path(U + "tambah/", views_users.user_add, name="user_add"),
    path(U + "token/", views_tokens.office_tokens, name="office_tokens"),
    path(U + "token/cabut/", views_tokens.office_token_revoke, name="office_token_revoke"),
    path(U + "<int:pk>/aktif/", views_users.user_active, name="user_active"),
    path(U + "<int:pk>/kata-sandi/", views_users.user_password, name="user_password"),
    path("keanggotaan/<int:pk>/", views_users.membership_edit, name="membership_edit"),
    path("keanggotaan/<int:pk>/hapus/", views_users.membership_remove, name="membership_remove"),
]
