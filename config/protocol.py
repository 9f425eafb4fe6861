"""The community API's protocol, shared by every router.

- **Refusals**: every 4xx answers ``ErrorOut`` (a translated ``message``, and
  ``errors`` per field for bad input). Endpoints raise the apps' ``DomainError``;
  ``config.api`` turns it into the answer once. ``refusals(…)`` declares them.
- **Pages**: listings answer ``Page[ItemOut]`` and take ``PageQuery``'s ``page`` and
  ``page_size``, whose bounds are in the schema. A page past the last one is empty.
- **Parameters**: a query parameter the endpoint does not know is refused
  (``reject_unknown``), so that a typo is not silently read as "no filter".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema

from config.errors import DomainError
from config.schemas import ErrorOut

MAX_PAGE_SIZE = 100
# Past this page a listing is no longer read page by page: the filters narrow it.
MAX_PAGE = 10_000
DEFAULT_PAGE_SIZE = 24

Item = TypeVar("Item")


def refusals(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The ``response`` entries of the refusals an endpoint may answer."""
    return dict.fromkeys(statuses, ErrorOut)


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Results per page"
    )


class Page(Schema, Generic[Item]):
    count: int = Field(description="Results in all pages")
    page: int
    page_size: int
    num_pages: int
    results: list[Item]


def paginate(
    items: Sequence[Any] | QuerySet[Any],
    query: PageQuery,
    serialize: Callable[[Any], Any] = lambda item: item,
) -> dict[str, Any]:
    """One page of ``items`` (a list or a queryset) as the ``Page`` envelope; past the
    last page it is empty."""
    paginator: Paginator[Any] = Paginator(items, query.page_size)
    rows: Iterable[Any] = []
    if query.page <= paginator.num_pages:
        rows = paginator.page(query.page).object_list
    return {
        "count": paginator.count,
        "page": query.page,
        "page_size": query.page_size,
        "num_pages": paginator.num_pages,
        "results": [serialize(row) for row in rows],
    }


class UnknownParameter(DomainError):
    status = 400


def reject_unknown(request: HttpRequest, *schemas: type[Schema]) -> None:
    """Refuses the query parameters that none of ``schemas`` declares."""
    known = {name for schema in schemas for name in schema.model_fields}
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise UnknownParameter(
            _("Unknown parameter: %(names)s.") % {"names": ", ".join(unknown)},
            errors={name: _("This parameter does not exist.") for name in unknown},
        )
