"""What every HTML view of the site shares."""

from collections.abc import Callable
from functools import wraps
from typing import Literal, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from config import pagecache
from config.errors import DomainError

SameSite = Literal["Lax", "Strict", "None"]


def csrf_protect_accounts(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """CSRF protection for signed-in members only, on a form that guests post too.

    A guest's form is shown on pages the page cache serves to every visitor, which
    can carry no per-visitor token; a guest has no session for another site to ride
    on, and what the form does for them waits for the confirmation of their e-mail
    address. A signed-in member's post is checked as everywhere else.
    """
    protected = csrf_protect(view)

    @wraps(view)
    def checked(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if request.user.is_authenticated:
            return protected(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return csrf_exempt(checked)


def show_refusal(request: HttpRequest, error: DomainError, *, form: Form | None = None) -> None:
    """Shows a refusal on an HTML page.

    With a form, each field's error goes beside its field and the message above the
    form; without one, the message is shown as the page's alert.
    """
    if form is None:
        messages.error(request, error.message)
        return
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, message)
    form.add_error(None, error.message)


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    """413 with the limit: JSON (``ErrorOut``) for the API, the site's page otherwise."""
    megabytes = formats.number_format(limit / (1024 * 1024), decimal_pos=1)
    message = _("The request is too large: at most %(size)s MB.") % {"size": megabytes}
    if request.path.startswith("/api/"):
        return JsonResponse({"message": message, "errors": {}}, status=413)
    return render(request, "413.html", {"message": message}, status=413)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400, except a form whose fields are over the size limit: a 413 that says
    so (the request-size middleware answers bodies whose length is known before)."""
    if isinstance(exception, RequestDataTooBig):
        return too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    return defaults.bad_request(request, exception)


@require_http_methods(["GET", "POST"])
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: keeps the chosen language in its cookie and goes back.

    It answers the switcher's GET form, which needs no per-visitor token, so that the
    pages showing it can be served from the page cache; choosing a language changes
    nothing but the visitor's own cookie. A POST (Django's own form) works the same.
    """
    data = request.POST if request.method == "POST" else request.GET
    next_url = data.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    language = data.get("language")
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=cast(SameSite, settings.LANGUAGE_COOKIE_SAMESITE),
        )
    return response


def sitemap(request: HttpRequest) -> HttpResponse:
    """Wagtail's sitemap, kept by the page cache until a page changes."""
    pagecache.serve_publicly("pages")
    return wagtail_sitemap(request)
