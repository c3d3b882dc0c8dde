"""URLs of the web application. Every pattern is in the permission matrix test
(`tests/web/test_permission_matrix.py`): a new view without an expectation fails it."""

from django.contrib.auth import views as auth_views
from django.urls import path, register_converter

from kinerja.ui import (
    views,
    views_batches,
    views_budget,
    views_cascade,
    views_catalogue,
    views_consolidation,
    views_entry_live,
    views_excel,
    views_home,
    views_lke,
    views_narrative,
    views_notifications,
    views_plan,
    views_publish,
    views_readiness,
    views_review,
    views_tokens,
    views_users,
    views_verify,
)
from kinerja.ui.auth import LoginView, PasswordChangeView
from kinerja.ui.converters import IdConverter, QuarterConverter, YearConverter

app_name = "ui"
register_converter(YearConverter, "year")
register_converter(QuarterConverter, "quarter")
register_converter(IdConverter, "id")

Y = "o/<str:agency>/<year:year>/"
U = "o/<str:agency>/pengguna/"

urlpatterns = [
    path("", views_home.home, name="home"),
    path("masuk/", LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path(Y, views.dashboard, name="dashboard"),
    path(Y + "isian/", views.entry_index, name="entry_index"),
    path(Y + "isian/<str:unit>/<quarter:quarter>/", views.entry, name="entry"),
    path(
        Y + "isian/<str:unit>/<quarter:quarter>/<id:indicator>/",
        views.entry_save,
        name="entry_save",
    ),
    path(
        Y + "isian/<str:unit>/<quarter:quarter>/<id:indicator>/pratinjau/",
        views_entry_live.entry_preview,
        name="entry_preview",
    ),
    path(Y + "verifikasi/", views_verify.verification, name="verification"),
    path(Y + "verifikasi/pilihan/", views_verify.verification_batch, name="verification_batch"),
    path(Y + "kunci/", views_readiness.year_lock, name="year_lock"),
    path(Y + "kesiapan/", views_readiness.readiness, name="readiness"),
    path(Y + "riwayat/", views.year_history_view, name="year_history"),
    path("realisasi/<id:pk>/ajukan/", views.realization_submit, name="realization_submit"),
    path("realisasi/<id:pk>/verifikasi/", views.realization_verify, name="realization_verify"),
    path("realisasi/<id:pk>/kembalikan/", views.realization_return, name="realization_return"),
    path("realisasi/<id:pk>/revisi/", views.realization_revise, name="realization_revise"),
    path(
        "realisasi/<id:pk>/riwayat/",
        views.realization_history_view,
        name="realization_history",
    ),
    path("bukti/<id:pk>/", views.evidence_file, name="evidence_file"),
    path(Y + "pohon-kinerja/", views_cascade.cascade, name="cascade"),
    path(
        Y + "pohon-kinerja/<str:indicator>/",
        views_cascade.cascade_below,
        name="cascade_below",
    ),
    path(Y + "renstra/", views_plan.renstra, name="renstra"),
    path(Y + "renstra/katalog/", views_catalogue.plan_catalogue, name="plan_catalogue"),
    path(Y + "renstra/<str:kind>/tambah/", views_catalogue.plan_item_add, name="plan_item_add"),
    path(Y + "renstra/<str:kind>/<id:pk>/", views_catalogue.plan_item_edit, name="plan_item_edit"),
    path(
        Y + "renstra/<str:kind>/<id:pk>/pindah/",
        views_catalogue.plan_item_move,
        name="plan_item_move",
    ),
    path(
        Y + "renstra/<str:kind>/<id:pk>/hapus/",
        views_catalogue.plan_item_remove,
        name="plan_item_remove",
    ),
    path(
        Y + "renstra/indikator/<id:pk>/hentikan/",
        views_catalogue.plan_item_retire,
        name="plan_item_retire",
    ),
    path(Y + "tahun-baru/", views_catalogue.year_rollover, name="year_rollover"),
    path(Y + "pk/", views_plan.agreements, name="agreements"),
    path(Y + "pk/<id:pk>/", views_plan.agreement_edit, name="agreement_edit"),
    path(Y + "pk/<id:pk>/lihat/", views_plan.agreement_view, name="agreement_view"),
    path(Y + "unduh/", views_plan.download_list, name="downloads"),
    path(Y + "unduh/lkj.<str:fmt>", views_plan.download_lkj, name="download_lkj"),
    path(Y + "unduh/pk-<str:unit>.<str:fmt>", views_plan.download_pk, name="download_pk"),
    path(
        Y + "unduh/rencana-aksi-<str:unit>.<str:fmt>",
        views_plan.download_action_plan,
        name="download_action_plan",
    ),
    path(
        Y + "unduh/triwulan-<int:quarter>.<str:fmt>",
        views_plan.download_quarterly,
        name="download_quarterly",
    ),
    path(Y + "unduh/dataset.yaml", views_plan.download_dataset, name="download_dataset"),
    path(Y + "logo/", views_publish.logo, name="logo"),
    path(Y + "logo/gambar", views_publish.logo_image, name="logo_image"),
    path(Y + "terbitkan/", views_publish.publish_document, name="publish"),
    path("publik/<str:agency>/", views_publish.public_office, name="public_office"),
    path("publik/<str:agency>/<id:pk>/", views_publish.public_file, name="public_file"),
    path(Y + "impor/", views_plan.import_upload, name="import"),
    path(Y + "impor/terapkan/", views_plan.import_apply, name="import_apply"),
    path(Y + "anggaran/", views_budget.budget_overview, name="budget"),
    path(Y + "anggaran/<quarter:quarter>/", views_budget.budget_quarter, name="budget_quarter"),
    path(Y + "anggaran/<quarter:quarter>/simpan/", views_budget.budget_save, name="budget_save"),
    path(
        Y + "anggaran/unit-keuangan/", views_budget.budget_finance_unit, name="budget_finance_unit"
    ),
    path("anggaran/<id:pk>/ajukan/", views_budget.spending_submit, name="spending_submit"),
    path("anggaran/<id:pk>/verifikasi/", views_budget.spending_verify, name="spending_verify"),
    path("anggaran/<id:pk>/kembalikan/", views_budget.spending_return, name="spending_return"),
    path(Y + "excel/", views_excel.excel, name="excel"),
    path(Y + "excel/templat.xlsx", views_excel.template_download, name="excel_template"),
    path(Y + "excel/dataset.xlsx", views_excel.dataset_download, name="excel_dataset"),
    path(Y + "excel/unggah/", views_excel.upload, name="excel_upload"),
    path(Y + "excel/terapkan/", views_excel.apply, name="excel_apply"),
    path(Y + "reviu/", views_review.review_findings, name="review"),
    path(Y + "reviu/catatan/", views_review.review_record, name="review_record"),
    path(Y + "narasi/", views_narrative.narrative_list, name="narrative"),
    path(Y + "narasi/<str:key>/", views_narrative.narrative_edit, name="narrative_edit"),
    path(
        Y + "narasi/<str:key>/pratinjau/",
        views_narrative.narrative_preview,
        name="narrative_preview",
    ),
    path(Y + "narasi/<str:key>/hapus/", views_narrative.narrative_reset, name="narrative_reset"),
    path(Y + "lke/", views_lke.lke, name="lke"),
    path(Y + "lke/<str:item>/simpan/", views_lke.lke_save, name="lke_save"),
    path(Y + "lke/<str:item>/pratinjau/", views_lke.lke_preview, name="lke_preview"),
    path(Y + "unduh/lke.<str:fmt>", views_lke.lke_download, name="lke_download"),
    path("akun/kata-sandi/", PasswordChangeView.as_view(), name="password_change"),
    path("akun/token/", views_tokens.tokens, name="tokens"),
    path("akun/token/cabut/", views_tokens.token_revoke, name="token_revoke"),
    path("dokumen-massal/", views_batches.batches, name="batches"),
    path("dokumen-massal/<id:pk>/", views_batches.batch, name="batch"),
    path("dokumen-massal/<id:pk>/unduh/", views_batches.batch_download, name="batch_download"),
    path("pengguna/", views_users.users_home, name="users_home"),
    path(U, views_users.users, name="users"),
    path(U + "tambah/", views_users.user_add, name="user_add"),
    path(U + "token/", views_tokens.office_tokens, name="office_tokens"),
    path(U + "token/cabut/", views_tokens.office_token_revoke, name="office_token_revoke"),
    path(U + "<id:pk>/aktif/", views_users.user_active, name="user_active"),
    path(U + "<id:pk>/kata-sandi/", views_users.user_password, name="user_password"),
    path("keanggotaan/<id:pk>/", views_users.membership_edit, name="membership_edit"),
    path("keanggotaan/<id:pk>/hapus/", views_users.membership_remove, name="membership_remove"),
    path(
        "konsolidasi/<str:agency>/<year:year>/",
        views_consolidation.consolidation,
        name="consolidation",
    ),
    path(
        "konsolidasi/<str:agency>/<year:year>/konsolidasi.xlsx",
        views_consolidation.consolidation_workbook,
        name="consolidation_workbook",
    ),
    path("o/<str:agency>/", views_home.office, name="office"),
    path("notifikasi/", views_notifications.notifications, name="notifications"),
    path("notifikasi/dibaca/", views_notifications.notifications_read, name="notifications_read"),
    path("notifikasi/surel/", views_notifications.notifications_email, name="notifications_email"),
    path("bukti/<id:pk>/hapus/", views_entry_live.evidence_remove, name="evidence_remove"),
    path(
        "realisasi/<id:pk>/tarik/",
        views_entry_live.realization_withdraw,
        name="realization_withdraw",
    ),
]
