"""The footer's link to the accessibility statement, read once and kept in the cache.

Every page's footer says "Accessibility: <status>" and links to the statement; the
page tree is not asked on each request. What the footer needs (the address and the
status) is kept in the shared cache until the statement is published, unpublished,
moved, renamed or deleted (``home.signal_handlers``), which forget it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from home.models import AccessibilityStatementPage, ConformanceStatus

CACHE_KEY = "home:statement-link"
NONE = ""  # cached when the site has no live public statement


@dataclass(frozen=True)
class StatementLink:
    url: str
    status: str

    @property
    def status_label(self) -> str:
        return str(ConformanceStatus(self.status).label)


def statement_link() -> StatementLink | None:
    """The live, public statement's address and status, or ``None``."""
    cached = cache.get(CACHE_KEY)
    if cached is None:
        page = AccessibilityStatementPage.objects.live().public().first()
        cached = (page.get_url(), page.status) if page is not None else NONE
        cache.set(CACHE_KEY, cached, None)
    return StatementLink(*cached) if cached != NONE else None


def forget() -> None:
    cache.delete(CACHE_KEY)
