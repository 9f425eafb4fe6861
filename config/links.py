"""Absolute addresses of the site, for everything read away from it.

E-mails, calendars, feeds, the sitemap and the content API carry absolute links. They
all start with ``settings.SITE_URL``, the address the site is served at (``make run``
sets it to the port it serves), because a background task has no request to ask and a
request may come through a proxy that names another host. Wagtail builds page URLs
from its default ``Site`` record: ``align_default_site`` keeps that record on
``SITE_URL`` too.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def absolute_url(path_or_url: str) -> str:
    """``path_or_url`` on ``SITE_URL``; an address that already names its host is kept."""
    if urlsplit(path_or_url).netloc:
        return path_or_url
    return settings.SITE_URL.rstrip("/") + "/" + path_or_url.lstrip("/")


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def site_port() -> int:
    parts = urlsplit(settings.SITE_URL)
    return parts.port or DEFAULT_PORTS.get(parts.scheme, 80)


def align_default_site() -> bool:
    """Points the default Wagtail site at ``SITE_URL``; true when it had to move."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (site_host(), site_port()):
        return False
    site.hostname, site.port = site_host(), site_port()
    site.save(update_fields=["hostname", "port"])
    return True
