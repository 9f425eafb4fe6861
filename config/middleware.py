from collections.abc import Callable

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from django.utils.cache import patch_vary_headers

from config.languages import requested_language
from config.views import too_large


class SiteLanguageMiddleware:
    """French unless the visitor chose another language with the switcher.

    Django's ``LocaleMiddleware`` follows the browser's Accept-Language header; the
    site's contract is French by default, so only the language cookie set by the
    switcher (``/i18n/setlang/``) changes it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = requested_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class RequestSizeLimitMiddleware:
    """A body larger than the site takes answers 413 with a message, before anything
    reads it: ``DATA_UPLOAD_MAX_MEMORY_SIZE`` for forms and JSON, ``MAX_UPLOAD_BODY_SIZE``
    for uploads (multipart), whose files Django streams to disk."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        multipart = request.content_type == "multipart/form-data"
        limit = settings.MAX_UPLOAD_BODY_SIZE if multipart else settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit:
            return too_large(request, limit)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under ``ADMIN_CSP_PREFIX``.

    The public site's templates run no inline script or style, so its policy
    (``SITE_CSP_DIRECTIVES``) allows only the site's own files. The Wagtail admin
    writes inline scripts and styles of its own and frames its previews: it gets
    ``ADMIN_CSP_DIRECTIVES``, and the previews the site's policy, framed by the admin.
    Every response also carries ``Permissions-Policy``.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return super().process_response(request, response)

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        enforced = (
            settings.CONTENT_SECURITY_POLICY_REPORT_ONLY
            if report_only
            else settings.CONTENT_SECURITY_POLICY
        )
        if parts.config is not None or not enforced:
            return parts
        if request.path_info.startswith(settings.ADMIN_CSP_PREFIX):
            parts.config = settings.ADMIN_CSP_DIRECTIVES
        elif getattr(request, "is_dummy", False):
            # A page preview: Wagtail renders the page through the middleware again, on a
            # request at the page's own path, for the admin's preview panel to frame.
            parts.config = settings.SITE_CSP_DIRECTIVES | {"frame-ancestors": [SELF]}
        return parts
