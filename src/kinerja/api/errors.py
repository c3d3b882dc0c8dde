"""The one shape of every API error, and the handlers that give it.

    {"error": {"code": "conflict", "message": "…in Bahasa Indonesia…", "details": {...} | null}}

`code` is a stable English word for programs; `message` is for people. Validation errors (422)
list each problem in `details`; a stale write (409) carries the current value there.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from kinerja.results.actions import InvalidValue, WorkflowError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "validation_error",
    429: "too_many_requests",
    500: "server_error",
}
MESSAGES = {
    400: "Permintaan tidak dapat dibaca.",
    401: "Token API tidak ada, tidak dikenal, atau sudah dicabut.",
    403: "Anda tidak berwenang melakukan ini.",
    404: "Tidak ditemukan.",
    409: "Permintaan bertentangan dengan keadaan data sekarang.",
    422: "Isian tidak valid.",
    500: "Terjadi kesalahan pada server.",
}


class ErrorBody(Schema):
    code: str
    message: str
    details: Any = None


class ErrorOut(Schema):
    """Every error answer of the API."""

    error: ErrorBody


class ApiError(Exception):
    """An answer other than success, raised anywhere below a route."""

    def __init__(self, status: int, message: str, details: Any = None, code: str | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details
        self.code = code or CODES.get(status, "error")


def error_response(
    api: NinjaAPI, request: HttpRequest, status: int, message: str, details: Any = None, code=None
) -> HttpResponse:
    body = {"error": {"code": code or CODES.get(status, "error"), "message": message}}
    body["error"]["details"] = details
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="kinerja"'
    return response


# Pydantic's error types in Bahasa Indonesia; `ctx` fills the limits in.
PROBLEMS = {
    "missing": "Wajib diisi.",
    "too_short": "Terlalu pendek (paling sedikit {min_length}).",
    "too_long": "Terlalu panjang (paling banyak {max_length}).",
    "string_too_short": "Terlalu pendek (paling sedikit {min_length} karakter).",
    "string_too_long": "Terlalu panjang (paling banyak {max_length} karakter).",
    "greater_than_equal": "Harus paling kecil {ge}.",
    "less_than_equal": "Harus paling besar {le}.",
    "int_parsing": "Harus bilangan bulat.",
    "int_type": "Harus bilangan bulat.",
    "string_type": "Harus teks.",
    "string_pattern_mismatch": "Bentuknya tidak sesuai ({pattern}).",
    "literal_error": "Harus salah satu dari: {expected}.",
    "json_invalid": "JSON tidak terbaca.",
    "model_attributes_type": "Harus objek JSON.",
    "dict_type": "Harus objek JSON.",
}


def _problem(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])  # our own validators speak Indonesian already
    if "expected" in ctx:
        ctx = {**ctx, "expected": str(ctx["expected"]).replace(" or ", " atau ")}
    try:
        return PROBLEMS[kind].format(**ctx)
    except (KeyError, IndexError):
        return "Isian tidak valid."


def _validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where each problem is (`["body", "body", "value"]`), its type and an Indonesian message;
    the input is not echoed back."""
    return [
        {
            "loc": [str(part) for part in e.get("loc", ())],
            "type": str(e.get("type", "")),
            "message": _problem(e),
        }
        for e in errors
    ]


def install(api: NinjaAPI) -> None:
    """Register the handlers that turn every failure into the one error shape."""

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return error_response(api, request, exc.status, exc.message, exc.details, exc.code)

    @api.exception_handler(ValidationError)
    def validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return error_response(api, request, 422, MESSAGES[422], _validation_details(exc.errors))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(api, request, 401, MESSAGES[401])

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status = exc.status_code
        return error_response(api, request, status, MESSAGES.get(status, str(exc)))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, 404, str(exc) or MESSAGES[404])

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error_response(api, request, 403, str(exc) or MESSAGES[403])

    @api.exception_handler(InvalidValue)
    def invalid_value(request: HttpRequest, exc: InvalidValue) -> HttpResponse:
        return error_response(api, request, 422, str(exc))

    @api.exception_handler(WorkflowError)
    def workflow(request: HttpRequest, exc: WorkflowError) -> HttpResponse:
        return error_response(api, request, 409, str(exc))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("API error on %s %s", request.method, request.path)
        return error_response(api, request, 500, MESSAGES[500])


ERROR_RESPONSES = {status: ErrorOut for status in (401, 403, 404, 409, 422)}
