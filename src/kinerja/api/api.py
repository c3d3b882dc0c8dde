"""The API object: `/api/v1/`, its OpenAPI schema at `/api/v1/openapi.json`, token auth only."""

from __future__ import annotations

from ninja import NinjaAPI

from kinerja.api import errors
from kinerja.api.auth import TokenAuth
from kinerja.api.routers import (
    achievements,
    budget,
    consolidation,
    documents,
    evaluations,
    evidence,
    indicators,
    narrative,
    offices,
    plan_items,
    plans,
    readiness,
    realizations,
    reviews,
    targets,
)

api = NinjaAPI(
    title="API Kinerja",
    version="1",
    description=(
        "API JSON Kinerja: instansi, Renstra, indikator, target, realisasi (baca dan tulis), "
        "capaian, bukti dukung, dan pembuatan dokumen. Otentikasi: `Authorization: Bearer <token>`"
        " dengan token pribadi yang dibuat di aplikasi web (Token API). Setiap galat berbentuk "
        '`{"error": {"code", "message", "details"}}`. Lihat docs/api.md.'
    ),
    urls_namespace="api",
    # Bearer tokens only: no cookie authenticates an API call, so no call can be forged (CSRF).
    auth=TokenAuth(),
    docs_url=None,  # the OpenAPI file is served; no interactive page that loads outside scripts
)
errors.install(api)

api.add_router("/offices", offices.router)
api.add_router("/plans", plans.router)
api.add_router("/plan-items", plan_items.router)
api.add_router("/rollover", plan_items.rollover_router)
api.add_router("/indicators", indicators.router)
api.add_router("/targets", targets.router)
api.add_router("/realizations", realizations.router)
api.add_router("/achievements", achievements.router)
api.add_router("/consolidation", consolidation.router)
api.add_router("/evidence", evidence.router)
api.add_router("/documents", documents.router)
api.add_router("/budget-realizations", budget.router)
api.add_router("/readiness", readiness.router)
api.add_router("/reviews", reviews.router)
api.add_router("/evaluations", evaluations.router)
api.add_router("/narrative", narrative.router)
