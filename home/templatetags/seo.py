from django import template
from wagtail.models import Page

from home.seo import meta_description as describe

register = template.Library()


@register.simple_tag
def meta_description(page):
    """``{% meta_description page %}``: a Wagtail page's description; other views have none."""
    return describe(page) if isinstance(page, Page) else ""
