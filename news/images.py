"""The images of stories and episodes: their renditions and the alternative-text rule.

Wagtail 8 images carry a ``description`` that serves as their default alternative text;
a page may give its own, more specific, text. An image with neither is refused, because
``default_alt_text`` would otherwise fall back to the image's title (often a file name).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LISTING_RENDITION = "fill-640x360"
HERO_RENDITION = "fill-1280x640"
SHARE_RENDITION = "fill-1200x630"


def alt_text_for(image, alt_text: str = "") -> str:
    """The alternative text to render: the page's own, else the image's description."""
    if image is None:
        return ""
    return (alt_text or "").strip() or (image.description or "").strip()


def check_alt_text(*, image, alt_text: str, field: str) -> None:
    """Raises a ``ValidationError`` keyed on ``field`` when a chosen image has no alt text."""
    if image is not None and not alt_text_for(image, alt_text):
        raise ValidationError(
            {
                field: _(
                    "Describe this image for people who cannot see it: write an alternative "
                    "text here or give the image a description in the image library."
                )
            }
        )
