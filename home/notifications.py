"""The site's own e-mails: an accessibility report, to the staff and to its sender."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_tasks import task

from config.links import absolute_url
from home.mail import send_templated
from home.models import AccessibilityReport


@task()
def send_accessibility_report(*, report_id: int) -> None:
    """The report to the address the statement names (reply-to: the sender), then a
    receipt to the sender in the language they wrote in."""
    report = AccessibilityReport.objects.select_related("statement").filter(pk=report_id).first()
    if report is None or not report.statement.reports_to:
        return
    statement = report.statement
    statement_url = absolute_url(statement.url)
    send_templated(
        to=statement.reports_to,
        subject=_("Accessibility: a report from %(name)s"),
        template="home/emails/accessibility_report",
        context={
            "name": report.name,
            "email": report.email,
            "page_url": report.page_url,
            "message": report.message,
            "statement_url": statement_url,
        },
        reply_to=[report.email],
    )
    # The receipt repeats nothing the sender typed: it cannot carry someone else's
    # words to an address typed into the form.
    send_templated(
        to=report.email,
        subject=_("We received your accessibility report"),
        template="home/emails/accessibility_report_received",
        context={"statement_url": statement_url},
        language=report.language,
        reply_to=[statement.reports_to],
    )
