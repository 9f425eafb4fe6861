"""The community API's places: the gazetteer behind every city chooser."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from config.protocol import refusals, reject_unknown
from config.schemas import SuggestionsOut
from home import places

router = Router(tags=["places"])


class PlaceSuggestionParams(Schema):
    q: str = Field("", max_length=200, description="The start of a city's name")
    country: str = Field("", max_length=60, description="A country's code or name, to narrow")


@router.get(
    "/suggestions",
    response={200: SuggestionsOut, **refusals(400)},
    summary="Cities to choose, by name",
)
def suggest_places(request: HttpRequest, params: Query[PlaceSuggestionParams]) -> dict:
    """Cities of 15,000 people or more whose name starts with `q`, most populous first.

    `value` is the city's GeoNames id, which a form accepts instead of the text.
    """
    reject_unknown(request, PlaceSuggestionParams)
    found = places.search_places(params.q, country=params.country)
    return {"results": [{"value": str(place.geonameid), "label": place.label} for place in found]}
