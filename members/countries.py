"""Countries live in ``home.countries``, shared by every app (places, clubs, events).

This module keeps the old import path that migrations name
(``members.countries.validate_country_code``) and that other apps still use.
"""

from home.countries import (
    COUNTRY_NAMES,
    ISO_3166_ALPHA_2,
    country_choices,
    country_name,
    place_details,
    place_name,
    validate_country_code,
)

__all__ = [
    "COUNTRY_NAMES",
    "ISO_3166_ALPHA_2",
    "country_choices",
    "country_name",
    "place_details",
    "place_name",
    "validate_country_code",
]
