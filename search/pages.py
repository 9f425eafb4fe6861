"""The site's pages in the public search: every live page visitors may read.

Each page type says what is searchable through its Wagtail ``search_fields``; the
``SearchField`` values (rich text and blocks as plain text) make the document. A page
behind a view restriction is left out, as are its subpages, and so is a page type
whose app registers a kind of its own (events).
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.rich_text import RichText
from wagtail.search import index

from search import sources
from search.documents import AUDIENCES, Document
from search.text import plain_text

SUMMARY_FIELDS = ("search_description", "summary", "introduction")


def _field_text(page: Page, name: str) -> str:
    """The text a reader sees of one field: rich text (a string of HTML) as rendered."""
    value = getattr(page, name, "")
    try:
        field = page._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if isinstance(field, RichTextField):
        value = RichText(value)
    return plain_text(value)


def _date(page) -> datetime | None:
    value = getattr(page, "date", None)
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time()))
    return page.first_published_at


def page_type_label(value: str) -> str:
    try:
        return str(apps.get_model(value)._meta.verbose_name)
    except (LookupError, ValueError):
        return value


def page_documents(page: Page) -> list[Document]:
    url = page.get_url()
    if not url or sources.claimed_by_another_kind(type(page), "pages"):
        return []
    fields = [
        search_field.field_name
        for search_field in page.get_search_fields()
        if isinstance(search_field, index.SearchField) and search_field.field_name != "title"
    ]
    summary = next(
        (found for found in (_field_text(page, name) for name in SUMMARY_FIELDS) if found), ""
    )
    text = " ".join(value for value in (_field_text(page, name) for name in fields) if value)
    return [
        Document(
            kind="pages",
            id=str(page.pk),
            audience=audience,
            title=page.title,
            url=url,
            summary=summary[:300],
            text=text,
            facets={"page_type": (page._meta.label_lower,)},
            date=_date(page),
            extra={"page_type": page._meta.label_lower},
        )
        for audience in AUDIENCES
    ]


def _restricted(restriction: PageViewRestriction):
    return restriction.page.get_descendants(inclusive=True).values_list("pk", flat=True)


def source() -> sources.Source:
    return sources.Source(
        kind="pages",
        objects=lambda: Page.objects.live().public().filter(depth__gt=1).specific(),
        documents=page_documents,
        watch={
            **dict.fromkeys(get_page_models(), sources.same_object),
            PageViewRestriction: _restricted,
        },
        facet_labels={"page_type": page_type_label},
    )
