"""The database index written by an earlier version keeps answering after an upgrade."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from search import services
from search.models import IndexedDocument, IndexedTerm
from search.query import SearchQuery
from tests.events.factories import EventIndexPageFactory, EventPageFactory, publish
from tests.home.factories import StandardPageFactory, make_site_home

pytestmark = pytest.mark.django_db

ascii_folded_words = importlib.import_module("search.migrations.0005_ascii_folded_words")


def found(text):
    results = services.search(viewer=AnonymousUser(), query=SearchQuery(text=text))
    return [hit.title for hit in results.hits]


def test_words_folded_before_ascii_folding_are_folded_again(indexed):
    with indexed():
        StandardPageFactory(parent=make_site_home(), title="Œuvre de cœur", slug="oeuvre")
    # As the earlier folding stored them: letters without a decomposition dropped.
    for row in IndexedDocument.objects.all():
        row.terms = row.terms.replace(" oeuvr ", " uvr ").replace(" coeur ", " c ur ")
        row.title_terms = " uvr de c ur "
        row.save()
    IndexedTerm.objects.filter(term__in=["oeuvr", "coeur"]).delete()
    IndexedTerm.objects.bulk_create([IndexedTerm(term=word) for word in ("uvr", "c", "ur")])
    assert found("coeur") == []

    ascii_folded_words.refold(apps, None)

    assert found("coeur") == ["Œuvre de cœur"]
    assert found("oeuvre") == ["Œuvre de cœur"]
    assert not IndexedTerm.objects.filter(term__in=["uvr", "ur"]).exists()
    assert IndexedTerm.objects.filter(term="coeur").exists()


def test_an_event_indexed_with_its_line_written_shows_it_until_the_rebuild(client, indexed):
    with indexed():
        index = EventIndexPageFactory(parent=make_site_home())
        publish(EventPageFactory(parent=index, title="Concert de Noël"))
    IndexedDocument.objects.filter(kind="events").update(
        extra={"place": "18 décembre 2026 19:00 · Grand Hall"}
    )
    body = client.get("/search/?q=concert").content.decode()
    assert '<p class="search-hit__meta">18 décembre 2026 19:00 · Grand Hall</p>' in body
