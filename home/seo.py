"""What search engines and link previews read of a page: its meta description.

Editors may write one (*Promote → Search description*); otherwise the page's own words
stand in: its summary, then its introduction, then the home page's hero text. Rich text
loses its markup, plain text is kept as written (angle brackets included), and the
result is cut at 160 characters, what search engines show.
"""

import html

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.fields import RichTextField

DESCRIPTION_LENGTH = 160
FALLBACK_FIELDS = ("summary", "introduction", "hero_text")


def _texts(page):
    yield page.search_description
    for name in FALLBACK_FIELDS:
        try:
            field = page._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        text = field.value_from_object(page) or ""
        yield html.unescape(strip_tags(text)) if isinstance(field, RichTextField) else text


def meta_description(page) -> str:
    """The description of ``page`` (any page type), plain text, at most 160 characters."""
    for text in _texts(page):
        if plain := " ".join(text.split()):
            return Truncator(plain).chars(DESCRIPTION_LENGTH)
    return ""
