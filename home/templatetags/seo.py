from django import template

from home.seo import meta_description as describe

register = template.Library()


@register.simple_tag
def meta_description(page):
    """``{% meta_description page %}``: the page's description for search engines and previews."""
    return describe(page) if page else ""
