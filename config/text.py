"""What any text a person types may hold: within its field's length, and no control
characters (a NUL, a bell, an escape…) — line breaks and tabs are welcome only in
text that has lines."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same rule for one line of text, as the pattern of an API parameter: the OpenAPI
# document then says what a search field may hold (``config.api.field_message``).
ONE_LINE_PATTERN = r"^[^\x00-\x1f\x7f]*$"
_LINE_BREAKS = re.compile(r"[\t\n\r]")


def text_errors(value: str, *, max_length: int | None, multiline: bool = False) -> list[str]:
    """The translated reasons ``value`` cannot be stored, or an empty list."""
    errors = []
    if max_length is not None and len(value) > max_length:
        errors.append(
            ngettext(
                "At most %(limit)d character (this text has %(length)d).",
                "At most %(limit)d characters (this text has %(length)d).",
                max_length,
            )
            % {"limit": max_length, "length": len(value)}
        )
    if _CONTROL.search(value) or (not multiline and _LINE_BREAKS.search(value)):
        errors.append(_("This text holds a control character; remove it."))
    return errors
