"""The two public APIs.

- ``content_api``: Wagtail's API v2 (pages, images, documents) for headless front ends.
- ``community_api``: the django-ninja API for the community capabilities, with its
  OpenAPI 3.1 schema. Each app adds its router here.
"""

from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.responses import Status
from rest_framework.request import Request
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from config import pagecache
from config.api_docs import SiteDocs
from config.errors import DomainError
from config.schemas import ErrorOut
from config.text import ONE_LINE_PATTERN

# Where a parameter comes from, as the first part of a validation error's location.
FLAT_PARTS = {"query", "path", "header", "cookie"}


class _Cached(BaseAPIViewSet):
    """A content API endpoint: the same answer for every reader, kept by the page cache
    (config.pagecache) under ``tag`` (the images purge every kept page)."""

    tag = ""

    def initial(self, request: Request, *args: object, **kwargs: object) -> None:
        super().initial(request, *args, **kwargs)
        pagecache.serve_publicly(*([self.tag] if self.tag else []))


class CachedPagesAPIViewSet(_Cached, PagesAPIViewSet):
    tag = "pages"


class CachedImagesAPIViewSet(_Cached, ImagesAPIViewSet):
    pass


class CachedDocumentsAPIViewSet(_Cached, DocumentsAPIViewSet):
    tag = "documents"


content_api = WagtailAPIRouter("wagtailapi")
content_api.register_endpoint("pages", CachedPagesAPIViewSet)
content_api.register_endpoint("images", CachedImagesAPIViewSet)
content_api.register_endpoint("documents", CachedDocumentsAPIViewSet)


class CommunityAPI(NinjaAPI):
    """django-ninja's API, whose document also says what ``invalid_request`` answers.

    Any operation that reads query parameters or a body may refuse them with a 400
    before it runs (``invalid_request`` below, or ``config.protocol.reject_unknown``);
    the document declares that answer on every such operation, so that an endpoint
    need not repeat it in its ``response=``.
    """

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault(
            "ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        refusal = {
            "description": "Bad Request",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
        }
        for operations in schema["paths"].values():
            for operation in operations.values():
                takes_input = "requestBody" in operation or any(
                    parameter.get("in") != "path" for parameter in operation.get("parameters", ())
                )
                if takes_input:
                    operation["responses"].setdefault(400, refusal)
        return schema


community_api = CommunityAPI(
    title="Cercle community API",
    version="1",
    description=(
        "Members, clubs, events, offers and search of the Cercle community. "
        "Errors answer with a JSON body carrying a human-readable `message`."
    ),
    urls_namespace="community_api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=SiteDocs(),
)


def field_name(location: tuple | list) -> str:
    """The request's name for the field a validation error is about.

    Query, path and header parameters are flat: their own name (``kind``, not the
    endpoint's ``params.kind.0``). In a body, the path below the endpoint's name for
    it (``education.0.school``).
    """
    if not location:
        return "request"
    where, *parts = location
    if where in FLAT_PARTS:
        names = [str(part) for part in parts if not isinstance(part, int)]
        return names[-1] if names else str(where)
    if len(parts) > 1:
        parts = parts[1:]
    return ".".join(str(part) for part in parts) or "request"


def field_message(error: dict) -> str:
    """The validator's complaint about one field, in the caller's language."""
    context = error.get("ctx") or {}
    kind = error.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return _("Enter a whole number.")
    if kind in {"bool_parsing", "bool_type"}:
        return _("Enter true or false.")
    if kind in {"greater_than_equal", "greater_than"}:
        return _("Enter a value of at least %(limit)s.") % {
            "limit": context.get("ge", context.get("gt"))
        }
    if kind in {"less_than_equal", "less_than"}:
        return _("Enter a value of at most %(limit)s.") % {
            "limit": context.get("le", context.get("lt"))
        }
    if kind == "string_too_long":
        return _("Enter at most %(limit)s characters.") % {"limit": context.get("max_length")}
    if kind == "string_too_short":
        return _("Enter at least %(limit)s characters.") % {"limit": context.get("min_length")}
    if kind in {"literal_error", "enum"}:
        return _("Choose one of: %(choices)s.") % {"choices": context.get("expected", "")}
    if kind == "string_pattern_mismatch" and context.get("pattern") == ONE_LINE_PATTERN:
        return _("This text holds a control character; remove it.")
    return _("This value is not valid.")


@community_api.exception_handler(DomainError)
def refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """Every app's refusal, in one shape: ``ErrorOut``."""
    return community_api.create_response(request, exc.as_json(), status=exc.status)


@community_api.exception_handler(NinjaValidationError)
def invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    """A request the schema does not accept: what was wrong, keyed by the field's name."""
    errors: dict[str, str] = {}
    for error in exc.errors:
        errors.setdefault(field_name(error.get("loc", ())), field_message(error))
    return community_api.create_response(
        request,
        {"message": _("The request is not valid."), "errors": errors},
        status=400,
    )


@community_api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return community_api.create_response(
        request, {"message": _("Sign in to use this endpoint.")}, status=401
    )


@community_api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Refusals raised before an endpoint runs (a missing CSRF token...) answer in JSON too."""
    if exc.status_code == 403 and "CSRF" in str(exc):
        message = _("The request lacks its CSRF token.")
    elif exc.status_code == 400:
        message = _("The request body is not valid JSON.")
    else:
        message = _("The request was refused.")
    return community_api.create_response(request, {"message": message}, status=exc.status_code)


class DatabaseHealth(Schema):
    ok: bool
    vendor: str


class SearchHealth(Schema):
    backend: str


class HealthOut(Schema):
    status: str
    database: DatabaseHealth
    search: SearchHealth


def search_backend_name() -> str:
    return "elasticsearch" if settings.ELASTICSEARCH_URL else "database"


@community_api.get(
    "/health",
    response={200: HealthOut, 503: HealthOut},
    tags=["health"],
    summary="Is the service up?",
    auth=None,
)
def health(request: HttpRequest) -> Status:
    """Reports whether the database answers and which search backend serves queries."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database_ok = True
    except DatabaseError:
        database_ok = False
    body = {
        "status": "ok" if database_ok else "unavailable",
        "database": {"ok": database_ok, "vendor": connection.vendor},
        "search": {"backend": search_backend_name()},
    }
    return Status(200 if database_ok else 503, body)


community_api.add_router("/members", "members.api.router")
community_api.add_router("/organisations", "members.api.organisations_router")
community_api.add_router("/archives", "members.archive_api.router")
community_api.add_router("/clubs", "clubs.api.router")
community_api.add_router("/search", "search.api.router")
community_api.add_router("/events", "events.api.router")
community_api.add_router("/places", "home.api.router")


def community_not_found(request: HttpRequest, path: str) -> JsonResponse:
    """Unknown paths under the community API answer in JSON, like the API itself."""
    return JsonResponse(
        {"message": _("There is no such endpoint in the community API.")}, status=404
    )
