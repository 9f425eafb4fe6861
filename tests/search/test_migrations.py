"""The database index written by an earlier version keeps answering after a migration."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from search import services
from search.models import IndexedDocument, IndexedTerm
from search.query import SearchQuery
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
