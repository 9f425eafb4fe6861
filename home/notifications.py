"""The site's own e-mails: an accessibility report, to the staff and to its sender."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from config.links import absolute_url
from home.mail import send_templated
from home.models import AccessibilityStatementPage


@task()
def send_accessibility_report(
    *, statement_id: int, name: str, email: str, page_url: str, message: str, language: str
) -> None:
    """The report to the address the statement names (reply-to: the sender), then the
    sender's acknowledgement in the language they wrote in."""
    statement = AccessibilityStatementPage.objects.filter(pk=statement_id).first()
    if statement is None or not statement.reports_to:
        return
    context = {
        "name": name,
        "email": email,
        "page_url": page_url,
        "message": message,
        "statement_url": absolute_url(statement.url),
    }
    send_templated(
        to=statement.reports_to,
        subject=_("Accessibility: a report from %(name)s"),
        template="home/emails/accessibility_report",
        context=context,
        reply_to=[email],
    )
    send_templated(
        to=email,
        subject=_("We received your accessibility report"),
        template="home/emails/accessibility_report_received",
        context=context,
        language=language,
        reply_to=[statement.reports_to],
    )
