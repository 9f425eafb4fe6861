"""What a visitor does with the site's own pages: report an accessibility problem.

The accessibility statement's contact form keeps each report (*Settings →
Accessibility reports* in the admin) and sends it to the staff who answer for the
site's accessibility (``AccessibilityStatementPage.reports_to``) by e-mail, with
the visitor's address to reply to, and the visitor a receipt. One
sender sends at most ``REPORT_LIMIT`` reports an hour, counted on the shared cache
(``config.ratelimit``) by address and by network address.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from config import ratelimit
from home import notifications
from home.errors import SiteError
from home.models import AccessibilityReport, AccessibilityStatementPage

REPORT_LIMIT = 5
REPORT_WINDOW_SECONDS = 3600


def report_keys(*, email: str, network_address: str) -> list[str]:
    """The counters one sender's reports spend: their e-mail address and their network."""
    return [
        f"home:accessibility-report:email:{email.lower()}",
        f"home:accessibility-report:ip:{network_address}",
    ]


def report_accessibility_problem(
    *,
    statement: AccessibilityStatementPage,
    name: str,
    email: str,
    page_url: str,
    message: str,
    network_address: str,
) -> AccessibilityReport:
    """Keeps a visitor's report, sends it to the staff and the visitor a receipt.

    Refuses (429) a sender past ``REPORT_LIMIT`` reports in the hour, and (503) a
    statement that names no address to write to.
    """
    if not statement.reports_to:
        raise SiteError(
            _("The contact form has no recipient yet; please write to the institution."),
            status=503,
        )
    keys = report_keys(email=email, network_address=network_address)
    spent = [ratelimit.spend(key, window_seconds=REPORT_WINDOW_SECONDS) for key in keys]
    if max(spent) > REPORT_LIMIT:
        raise SiteError(
            _(
                "%(limit)s reports came from this e-mail address or this network in the "
                "last hour; please try again later."
            )
            % {"limit": REPORT_LIMIT},
            status=429,
        )
    report = AccessibilityReport.objects.create(
        statement=statement,
        name=name,
        email=email,
        page_url=page_url,
        message=message,
        language=translation.get_language() or "",
    )
    transaction.on_commit(
        lambda: notifications.send_accessibility_report.enqueue(report_id=report.pk)
    )
    return report
