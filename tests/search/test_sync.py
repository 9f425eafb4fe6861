"""The index follows the saves that commit, whatever was rolled back before them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from search import services
from search.query import SearchQuery
from tests.home.factories import StandardPageFactory, make_site_home

pytestmark = pytest.mark.django_db


def found(text):
    results = services.search(viewer=AnonymousUser(), query=SearchQuery(text=text))
    return [hit.title for hit in results.hits]


def test_a_rolled_back_change_does_not_hold_back_the_next_one(indexed):
    home = make_site_home()
    with pytest.raises(RuntimeError), transaction.atomic():
        StandardPageFactory(parent=home, title="Brouillon abandonné")
        raise RuntimeError("the form was refused")

    with indexed():
        StandardPageFactory(parent=home, title="Bibliothèque universitaire")

    assert found("bibliotheque") == ["Bibliothèque universitaire"]
    assert found("brouillon") == []


def test_saves_of_one_transaction_are_all_found_after_it_commits(indexed):
    home = make_site_home()
    with indexed():
        for title in ("Colloque d’automne", "Colloque de printemps", "Colloque d’hiver"):
            StandardPageFactory(parent=home, title=title)
        assert found("colloque") == []

    assert set(found("colloque")) == {
        "Colloque d’automne",
        "Colloque de printemps",
        "Colloque d’hiver",
    }
