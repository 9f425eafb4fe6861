from django import template

from home.forms import AccessibilityReportForm
from home.models import AccessibilityStatementPage

register = template.Library()


@register.simple_tag
def accessibility_statement():
    """``{% accessibility_statement as statement %}``: the site's live statement, or None."""
    return AccessibilityStatementPage.objects.live().public().first()


@register.simple_tag
def accessibility_report_form(form=None):
    """``{% accessibility_report_form report_form as form %}``: the form the view refused
    (with its errors), else an empty one."""
    return form or AccessibilityReportForm()
