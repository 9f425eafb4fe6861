"""Languages on the page: the content's marked where it differs, dates in the interface's.

Pages, clubs, events, questions and what members write have one language, the
institution's (``CONTENT_LANGUAGE``). On a page served in another language, every
element holding that content carries ``lang`` so that screen readers read it with the
right voice (WCAG 3.1.2).
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from config.dates import format_date

register = template.Library()


def content_language_differs() -> bool:
    """Whether the active interface language is not the content's."""
    active = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return active != settings.CONTENT_LANGUAGE


@register.simple_tag
def content_lang(attribute: str = "lang") -> SafeString:
    """` lang="fr"` inside an opening tag holding content, or nothing when the page is in French.

    Another attribute name (``data-label-lang``) tells a script which language the
    content it writes into the element is in.
    """
    if content_language_differs():
        return format_html(' {}="{}"', attribute, settings.CONTENT_LANGUAGE)
    return mark_safe("")  # noqa: S308 - a constant empty string


@register.filter(expects_localtime=True, is_safe=False)
def local_date(value, format_name="DATE_FORMAT"):
    """A date in the active language's named format ("DATE_FORMAT", "SHORT_DATETIME_FORMAT"...)."""
    if value in (None, ""):
        return ""
    return format_date(value, format_name)
