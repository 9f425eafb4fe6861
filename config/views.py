"""What every HTML view of the site shares."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.forms import Form
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views import defaults

from config.errors import DomainError


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
