"""What every HTML view of the site shares."""

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest

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
