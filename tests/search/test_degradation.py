"""Elasticsearch down: every page answers, saves succeed, the index catches up after."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from members import services as member_services
from search import services
from search.models import PendingSync
from search.query import SearchQuery
from tests.search.world import build_world

pytestmark = pytest.mark.django_db

# Nothing listens there: the client's connection is refused at once.
UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def world(opensearch, indexed):
    with indexed():
        return build_world()


def titles(results):
    return [hit.title for hit in results.hits]


def test_search_falls_back_to_the_database(world, settings, client):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    results = services.search(viewer=AnonymousUser(), query=SearchQuery(text="universite"))
    assert results.degraded
    assert "Hélène Dupont" in titles(results)

    page = client.get("/search/?q=universite")
    assert page.status_code == 200
    body = page.content.decode()
    assert "les résultats peuvent être incomplets" in body
    assert "Hélène Dupont" in body

    api = client.get("/api/community/search?q=universite").json()
    assert api["degraded"] is True
    assert "Hélène Dupont" in [hit["title"] for hit in api["results"]]

    completions = client.get("/api/community/search/autocomplete?q=hél").json()
    assert completions == {
        "degraded": True,
        "suggestions": [
            {"kind": "members", "label": "Hélène Dupont", "url": world.helene.get_absolute_url()}
        ],
    }
    assert client.get("/search/autocomplete/?q=hél").json()["degraded"] is True


def test_saves_succeed_while_down_and_the_index_catches_up(world, settings, indexed):
    real_server = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = UNREACHABLE
    with indexed():
        member_services.update_profile(
            profile=world.sophie, changes={"headline": "Doctorante et navigatrice"}
        )
        member_services.update_profile(profile=world.helene, changes={"listed_publicly": False})
    assert set(PendingSync.objects.values_list("object_id", flat=True)) == {
        str(world.sophie.pk),
        str(world.helene.pk),
    }
    # The database answers right away, the hidden profile already gone.
    fallback = services.search(viewer=AnonymousUser(), query=SearchQuery(text="navigatrice"))
    assert fallback.degraded and titles(fallback) == ["Sophie Martin"]
    hidden = services.search(viewer=AnonymousUser(), query=SearchQuery(text="énergéticienne"))
    assert hidden.total == 0

    settings.ELASTICSEARCH_URL = real_server
    with pytest.raises(CommandError):
        call_command("search_index", "--check", stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("search_index", "--catch-up", stdout=out)
    assert "2 object(s) sent" in out.getvalue()
    assert not PendingSync.objects.exists()
    back = services.search(viewer=AnonymousUser(), query=SearchQuery(text="navigatrice"))
    assert (back.backend, back.degraded, titles(back)) == (
        "elasticsearch",
        False,
        ["Sophie Martin"],
    )
    assert (
        services.search(viewer=AnonymousUser(), query=SearchQuery(text="énergéticienne")).total == 0
    )


def test_rebuild_swaps_the_alias_and_check_finds_drift(world):
    from search.elastic import ElasticStore, alias

    store = ElasticStore()
    before = set(store.es.indices.get_alias(name=alias("members")))
    out = io.StringIO()
    call_command("search_index", "--rebuild", stdout=out)
    assert "documents/s" in out.getvalue()
    after = set(store.es.indices.get_alias(name=alias("members")))
    assert after and not after & before

    checked = io.StringIO()
    call_command("search_index", "--check", stdout=checked)
    assert "members    public   database         2  elasticsearch         2" in checked.getvalue()

    store.es.delete(index=alias("members"), id=f"{world.sophie.pk}:public", refresh=True)
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("search_index", "--check", stdout=io.StringIO(), stderr=errors)
    assert f"members {world.sophie.pk} (public): Elasticsearch is out of date" in errors.getvalue()
