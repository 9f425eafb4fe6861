from django import template

from home.forms import AccessibilityReportForm
from home.statement_link import statement_link

register = template.Library()


@register.simple_tag
def accessibility_statement():
    """``{% accessibility_statement as statement %}``: the live statement's ``url`` and
    ``status_label``, or None (``home.statement_link``, from the cache)."""
    return statement_link()


@register.simple_tag
def accessibility_report_form(form=None):
    """``{% accessibility_report_form report_form as form %}``: the form the view refused
    (with its errors), else an empty one."""
    return form or AccessibilityReportForm()
