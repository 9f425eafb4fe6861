"""What the site's own pages answer beyond Wagtail's: the accessibility statement's
contact form, posted to the statement's own address (``home.wagtail_hooks``)."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from config.views import show_refusal
from home import services
from home.errors import SiteError
from home.forms import AccessibilityReportForm
from home.models import AccessibilityStatementPage


def report_accessibility_problem(request, statement: AccessibilityStatementPage):
    """Sent: back to the statement with a confirmation. Refused: the statement again,
    with the form and what to correct."""
    form = AccessibilityReportForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            services.report_accessibility_problem(
                statement=statement,
                network_address=get_adapter().get_client_ip(request),
                **form.cleaned_data,
            )
        except SiteError as error:
            show_refusal(request, error, form=form)
            status = error.status
        else:
            messages.success(
                request,
                _("Thank you: your report is sent. We answer you by e-mail; a copy is on its way."),
            )
            return redirect(statement.url)
    response = statement.serve(request)
    response.context_data["report_form"] = form
    response.status_code = status
    return response
