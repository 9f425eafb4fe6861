"""The panels of a member's dashboard (``/dashboard/``), filled by the apps.

``members`` provides the profile completeness and the network panels; clubs,
events, opportunities and the partners' single window register theirs from their
``AppConfig.ready()``::

    from members.dashboard import register_panel

    register_panel(
        "registrations",
        _("My registrations"),
        provider=my_registrations,        # (request) -> list (empty: panel hidden)
        template="events/dashboard/registrations.html",
        order=30,
    )

The template receives ``panel`` (with ``panel.items``) and ``request``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.http import HttpRequest
from django.utils.functional import Promise

Provider = Callable[[HttpRequest], list]


@dataclass
class Panel:
    key: str
    title: Promise | str
    provider: Provider
    template: str
    order: int = 100
    items: list = field(default_factory=list)


PANELS: dict[str, Panel] = {}


def register_panel(
    key: str, title: Promise | str, provider: Provider, template: str, *, order: int = 100
) -> None:
    """Adds (or replaces) the dashboard panel ``key``."""
    PANELS[key] = Panel(key, title, provider, template, order)


def panels_for(request: HttpRequest) -> list[Panel]:
    """The panels with something to show to this member, in order."""
    panels = []
    for panel in sorted(PANELS.values(), key=lambda panel: (panel.order, panel.key)):
        items = list(panel.provider(request))
        if items:
            panels.append(replace(panel, items=items))
    return panels
