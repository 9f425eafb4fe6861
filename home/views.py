"""The site's own pages outside Wagtail's tree: the accessibility contact form's answer."""

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.views import show_refusal
from home import services
from home.errors import SiteError
from home.forms import AccessibilityReportForm
from home.models import AccessibilityStatementPage


@require_POST
def report_accessibility_problem(request, pk):
    """The statement's contact form: sent, back to the statement with a confirmation;
    refused, the statement again with the form and what to correct."""
    statement = get_object_or_404(AccessibilityStatementPage.objects.live().public(), pk=pk)
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
    context = statement.get_context(request)
    context["report_form"] = form
    return TemplateResponse(request, statement.get_template(request), context, status=status)
