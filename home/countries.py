"""ISO 3166-1 alpha-2 country codes, and the names the site shows for them.

Every assigned code is accepted; the countries members most often live in have a
translated name, the others are shown by their code.
"""

from collections.abc import Mapping
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from config.collation import collate_sorted

ISO_3166_ALPHA_2 = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ
    DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP
    GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
    KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML
    MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE
    PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL
    SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM
    US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
    """.split()
)

COUNTRY_NAMES = {
    "FR": _("France"),
    "BE": _("Belgium"),
    "LU": _("Luxembourg"),
    "CH": _("Switzerland"),
    "DE": _("Germany"),
    "NL": _("Netherlands"),
    "GB": _("United Kingdom"),
    "IE": _("Ireland"),
    "ES": _("Spain"),
    "PT": _("Portugal"),
    "IT": _("Italy"),
    "PL": _("Poland"),
    "SE": _("Sweden"),
    "DK": _("Denmark"),
    "NO": _("Norway"),
    "FI": _("Finland"),
    "AT": _("Austria"),
    "GR": _("Greece"),
    "RO": _("Romania"),
    "CZ": _("Czechia"),
    "US": _("United States"),
    "CA": _("Canada"),
    "MX": _("Mexico"),
    "BR": _("Brazil"),
    "AR": _("Argentina"),
    "CL": _("Chile"),
    "MA": _("Morocco"),
    "DZ": _("Algeria"),
    "TN": _("Tunisia"),
    "SN": _("Senegal"),
    "CI": _("Côte d’Ivoire"),
    "CM": _("Cameroon"),
    "CN": _("China"),
    "JP": _("Japan"),
    "KR": _("South Korea"),
    "IN": _("India"),
    "VN": _("Vietnam"),
    "SG": _("Singapore"),
    "AU": _("Australia"),
    "AE": _("United Arab Emirates"),
    "LB": _("Lebanon"),
}


def country_name(code: str) -> str:
    return str(COUNTRY_NAMES.get(code, code)) if code else ""


def place_name(city: str, country: str) -> str:
    """ "Lille, France": the city and the country's name in the active language."""
    return ", ".join(part for part in (city, country_name(country)) if part)


def place_details(extra: Mapping[str, object]) -> str:
    """For a search source's ``details``: the place of a document that keeps its
    ``city`` and ``country`` code; one indexed with its place written shows that."""
    if "place" in extra:
        return str(extra["place"])
    return place_name(str(extra.get("city", "")), str(extra.get("country", "")))


def country_choices() -> list[tuple[str, str]]:
    """The named countries first, alphabetically in the current language."""
    return collate_sorted(
        ((code, str(name)) for code, name in COUNTRY_NAMES.items()), key=lambda c: c[1]
    )


def validate_country_code(value: str) -> None:
    if value and value not in ISO_3166_ALPHA_2:
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166 country code (two capital letters, e.g. FR)."),
            params={"value": value},
            code="invalid_country",
        )


# A country filter of the APIs: a code, or empty for any (the enumeration is in the
# OpenAPI document).
CountryChoice = Literal[("", *sorted(ISO_3166_ALPHA_2))]  # type: ignore[valid-type]
