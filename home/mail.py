"""E-mails: one way to write to someone, in their language, from the institution.

Every e-mail of the site goes through ``send_templated``:

- it renders inside ``translation.override(language)``, the recipient's language
  (``members.User.language``, set from the language they signed up in), so that the
  subject, the body, dates and the links' language prefix are theirs — pretix sends
  inside ``with language(order.locale)`` for the same reason;
- the subject starts with the institution's name (*Settings → Institution*);
- the plain-text part is ``<template>.txt``; the HTML part is ``<template>.html``
  when the e-mail has one, else the text laid out by ``home/emails/base.html``;
- links in the context are built with ``config.links.absolute_url``, from the
  site's address rather than a request's, because e-mails are sent by background
  tasks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.functional import Promise

from home.models import InstitutionSettings

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def recipient_language(language: str | None) -> str:
    """``language`` when the site speaks it, else the site's own language."""
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def send_templated(
    *,
    to: str | Iterable[str],
    subject: str | Promise,
    template: str,
    context: Mapping[str, Any],
    language: str | None = None,
    reply_to: Iterable[str] | None = None,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> None:
    """Sends ``template`` (a path without extension) to ``to`` in ``language``.

    ``subject`` is translatable text (a lazy translation, %-formatted with
    ``context`` when it names its values), rendered in ``language`` too.
    """
    with translation.override(recipient_language(language)):
        institution = InstitutionSettings.load().name
        context = {**context, "institution_name": institution}
        subject_text = str(subject)
        if "%(" in subject_text:
            subject_text = subject_text % context
        text = render_to_string(f"{template}.txt", context)
        html = _html_part(template, {**context, "subject": subject_text, "text": text})
        message = EmailMultiAlternatives(
            subject=f"[{institution}] {subject_text}",
            body=text,
            to=[to] if isinstance(to, str) else list(to),
            reply_to=list(reply_to) if reply_to else None,
        )
        message.attach_alternative(html, "text/html")
        for attachment in attachments:
            message.attach(*attachment)
        message.send()


def _html_part(template: str, context: Mapping[str, Any]) -> str:
    try:
        own = get_template(f"{template}.html")
    except TemplateDoesNotExist:
        return render_to_string("home/emails/base.html", context)
    return own.render(dict(context))
