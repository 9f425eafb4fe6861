"""The language a request is answered in."""

from django.conf import settings
from django.http import HttpRequest


def requested_language(request: HttpRequest) -> str:
    """The language the visitor chose with the switcher (its cookie), else the site's."""
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if language in dict(settings.LANGUAGES):
        return language
    return settings.LANGUAGE_CODE
