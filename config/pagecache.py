"""The page cache: what a visitor without an account sees, served from the shared cache.

**What is cached.** A response is kept only when every one of these holds:

- the request is a ``GET`` from a visitor who holds no session and no message (no
  session or message cookie, no ``Authorization`` header): a signed-in member, or a
  visitor in the middle of a sign-in or a form, always gets a page of their own;
- the code that answered said the page is the same for every visitor, with
  ``serve_publicly(*tags)`` (Wagtail pages through a ``before_serve_page`` hook, the
  apps' public views, the feeds, the sitemap, the content API);
- the response is a 200, not streamed, sets no cookie, carries no form token (a
  ``{% csrf_token %}`` sets the CSRF cookie), shows no message, and is not
  ``Cache-Control: private`` or ``no-store``.

Anything else is marked ``Cache-Control: private``, so that no proxy in front keeps it.

**The key** is the scheme, host, path and query string, and the visitor's language
(``config.languages.requested_language``): a French page never reaches an English
visitor.

**Purging follows the data, by tags.** While a page renders, what it reads says so:
``serve_publicly("page:12")``, ``depends_on("clubs", "club:4")``. Each tag has a
version in the cache; the entry keeps the versions it was rendered with, and a hit
is served only while all of them are still current. ``purge(*tags)`` gives the tags
new versions, at once and again when the transaction commits; ``watch(Model,
to_tags)`` purges the tags of each saved or deleted instance. A version is read
before the data it guards, so a page rendered while a change commits is kept with
the older version and never served.
A tag whose version has left the cache gets a new one: nothing kept before matches it.
Each entry also expires after ``PAGE_CACHE_SECONDS`` at most, or sooner when the page
says when it changes by itself (``valid_until``: an event that starts, a registration
that closes).

**Proxies and CDNs.** A cached page goes out with ``Cache-Control: public, max-age=0,
must-revalidate``, an ``ETag`` and a ``Last-Modified``: a proxy may keep it but asks
again each time, and a current copy answers ``304 Not Modified`` from this cache.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from config.languages import requested_language

# Every HTML page carries the header and the footer (the institution's settings, the
# main menu, the legal notice and the accessibility statement's links).
SITE = "site"
PREFIX = "pagecache"
# Headers kept with an entry; the others (security, CSP) are added again on each hit.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Link", "Content-Disposition")


@dataclass
class _Capture:
    """What one response may be kept under: its tags' versions, whether it is public."""

    public: bool = False
    versions: dict[str, str] = field(default_factory=dict)
    expires: float | None = None


_capture: ContextVar[_Capture | None] = ContextVar("pagecache_capture", default=None)


def _tag_key(tag: str) -> str:
    return f"{PREFIX}:tag:{tag}"


def _versions(tags: Iterable[str]) -> dict[str, str]:
    """The current version of each tag; a tag without one gets one now."""
    keys = {_tag_key(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        for key, version in missing.items():
            # Another worker may have given the tag its version in the meantime.
            if not cache.add(key, version, None):
                missing[key] = cache.get(key) or version
        found |= missing
    return {keys[key]: version for key, version in found.items()}


def of_kind(model: type[Model]) -> str:
    """The tag of every listing of ``model``'s pages (purged when any of them changes)."""
    return f"pages:{model._meta.label_lower}"


def capturing() -> bool:
    """Whether a response being rendered may be kept (what it reads is worth tagging)."""
    return _capture.get() is not None


def depends_on(*tags: str) -> None:
    """The page being rendered shows what these tags stand for."""
    capture = _capture.get()
    if capture is None:
        return
    new = [tag for tag in tags if tag not in capture.versions]
    if new:
        capture.versions |= _versions(new)


def serve_publicly(*tags: str) -> None:
    """The page being rendered is the same for every visitor without an account, and
    shows what ``tags`` stand for (and the site's header and footer)."""
    capture = _capture.get()
    if capture is None:
        return
    capture.public = True
    depends_on(SITE, *tags)


def valid_until(moment: datetime | None) -> None:
    """The page being rendered changes by itself at ``moment`` (an event starts)."""
    capture = _capture.get()
    if capture is None or moment is None:
        return
    at = moment.timestamp()
    capture.expires = at if capture.expires is None else min(capture.expires, at)


def purge(*tags: str) -> None:
    """Every kept page showing one of ``tags`` is rendered again.

    Inside a transaction, twice: at once, for the pages the same transaction reads
    next, and when it commits, since a page another request rendered in the meantime
    still showed the data as it was before.
    """
    tags = tuple(dict.fromkeys(tags))
    if not tags:
        return
    _renew(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _renew(tags))


def _renew(tags: Iterable[str]) -> None:
    cache.set_many({_tag_key(tag): uuid.uuid4().hex for tag in tags}, None)


def watch(
    model: type[Model], to_tags: Callable[[Model], Iterable[str]], *, creation: bool = True
) -> None:
    """Purges ``to_tags(instance)`` whenever an instance of ``model`` is saved or deleted
    (and, for a many-to-many field's changes, whenever its links change).

    ``creation=False`` for a row created with its defaults the first time a page reads
    it (the site's settings): the page that created it already showed those.
    """

    def changed(
        sender: type[Model], instance: Model, raw: bool = False, created: bool = False, **kw: object
    ) -> None:
        if not raw and (creation or not created):
            purge(*to_tags(instance))

    def links_changed(sender: type[Model], instance: Model, action: str, **kw: object) -> None:
        if action.startswith("post_") and isinstance(instance, model):
            purge(*to_tags(instance))

    uid = f"pagecache:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    for many in model._meta.local_many_to_many:
        m2m_changed.connect(
            links_changed,
            sender=many.remote_field.through,
            weak=False,
            dispatch_uid=f"{uid}:{many.name}",
        )


# The middleware -----------------------------------------------------------------


def _may_use(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request: HttpRequest, language: str) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"{PREFIX}:page:{language}:{digest}"


def _keepable(request: HttpRequest, response: HttpResponseBase, capture: _Capture) -> bool:
    if not capture.public or request.method != "GET":
        return False
    if response.status_code != 200 or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or len(get_messages(request)):
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control


def _public_headers(response: HttpResponseBase, etag: str, stored_at: float) -> None:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored_at)
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


class PageCacheMiddleware:
    """Serves and keeps the pages of visitors without an account (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        if not settings.PAGE_CACHE_SECONDS:
            raise MiddlewareNotUsed("PAGE_CACHE_SECONDS is 0: the page cache is off.")
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _may_use(request):
            return self._private(self.get_response(request))
        key = _key(request, requested_language(request))
        entry = cache.get(key)
        if entry is not None and _versions(entry["versions"]) == entry["versions"]:
            return self._hit(request, entry)
        token = _capture.set(_Capture())
        try:
            response = self.get_response(request)
        finally:
            capture = _capture.get()
            _capture.reset(token)
        # A streamed or file response is never an HttpResponse.
        if (
            capture is None
            or not isinstance(response, HttpResponse)
            or not _keepable(request, response, capture)
        ):
            return self._private(response)
        self._keep(key, response, capture)
        response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _private(response: HttpResponseBase) -> HttpResponseBase:
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        return response

    @staticmethod
    def _keep(key: str, response: HttpResponse, capture: _Capture) -> None:
        now = time.time()
        lifetime = float(settings.PAGE_CACHE_SECONDS)
        if capture.expires is not None:
            lifetime = min(lifetime, capture.expires - now)
        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        _public_headers(response, etag, now)
        if lifetime < 1:
            return
        entry = {
            "content": response.content,
            "headers": [(name, response[name]) for name in KEPT_HEADERS if name in response],
            "versions": capture.versions,
            "etag": etag,
            "stored_at": now,
        }
        cache.set(key, entry, int(lifetime))

    @staticmethod
    def _hit(request: HttpRequest, entry: dict) -> HttpResponseBase:
        response = HttpResponse(entry["content"])
        for name, value in entry["headers"]:
            response[name] = value
        _public_headers(response, entry["etag"], entry["stored_at"])
        response["X-Page-Cache"] = "hit"
        conditional = get_conditional_response(
            request, etag=entry["etag"], last_modified=int(entry["stored_at"]), response=response
        )
        return conditional if conditional is not None else response
