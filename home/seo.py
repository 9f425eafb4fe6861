"""What search engines and link previews read of a page: its meta description.

Editors may write one (*Promote → Search description*); otherwise the page's own words
stand in: its summary, then its introduction, then the home page's hero text. Rich text
loses its markup and the result is cut at a word near 160 characters, the length search
engines show.
"""

import html

from django.utils.html import strip_tags
from django.utils.text import Truncator

DESCRIPTION_LENGTH = 160
FALLBACK_FIELDS = ("summary", "introduction", "hero_text")


def _plain(text) -> str:
    return " ".join(html.unescape(strip_tags(str(text or ""))).split())


def meta_description(page) -> str:
    """The description of ``page`` (any page type), plain text, at most 160 characters."""
    for text in (page.search_description, *(getattr(page, name, "") for name in FALLBACK_FIELDS)):
        if plain := _plain(text):
            return Truncator(plain).chars(DESCRIPTION_LENGTH)
    return ""
