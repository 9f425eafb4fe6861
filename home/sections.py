"""The home page's sections, filled by the apps that own their content.

The home page shows latest news, upcoming events, featured clubs and the expertise
catalogue. ``home`` does not import those apps: each registers a provider in its
``AppConfig.ready()``; a section without a provider, or with nothing to show,
renders its empty state.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Provider = Callable[[HttpRequest], list]


@dataclass
class Section:
    key: str
    title: Promise
    empty_message: Promise
    template: str
    provider: Provider | None = None
    items: list = field(default_factory=list)


SECTIONS = {
    "news": Section(
        "news",
        _("Latest news"),
        _("No news has been published yet. Come back soon."),
        "home/sections/news.html",
    ),
    "events": Section(
        "events",
        _("Upcoming events"),
        _("No event is planned for now."),
        "home/sections/events.html",
    ),
    "clubs": Section(
        "clubs",
        _("Clubs"),
        _("No club has opened yet. Members can propose one."),
        "home/sections/clubs.html",
    ),
    "expertise": Section(
        "expertise",
        _("Our expertise"),
        _("The expertise catalogue is being prepared."),
        "home/sections/expertise.html",
    ),
}


def register(key: str, provider: Provider, *, template: str | None = None) -> None:
    section = SECTIONS[key]
    section.provider = provider
    if template:
        section.template = template


def sections_for(request: HttpRequest) -> list[Section]:
    return [
        replace(section, items=list(section.provider(request)) if section.provider else [])
        for section in SECTIONS.values()
    ]
