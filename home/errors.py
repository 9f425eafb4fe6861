"""The site's own refusals (``config.errors.DomainError``)."""

from __future__ import annotations

from config.errors import DomainError


class SiteError(DomainError):
    """A rule of the site's pages said no; ``message`` is translated for the visitor."""

    status = 400
