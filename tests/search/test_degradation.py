"""Elasticsearch down: every page answers, saves succeed, the index catches up after."""

import io
import os
import signal
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.test import Client

from members import services as member_services
from search import services
from search.elastic import ElasticStore, alias
from search.models import PendingSync
from search.opensearch import node_pid, start_node, stop_node
from search.query import SearchQuery
from tests.search.conftest import OWN_NODE_PORT
from tests.search.world import build_world

pytestmark = [
    pytest.mark.django_db,
    # Under xdist, one worker drives the node on OWN_NODE_PORT, never beside the races
    # of tests/events/test_concurrency.py: its restart is timed.
    pytest.mark.xdist_group("serial"),
]

# Nothing listens there: the client's connection is refused at once.
UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def world(opensearch, indexed):
    with indexed():
        return build_world()


def titles(results):
    return [hit.title for hit in results.hits]


def found_by_elasticsearch(text):
    results = services.search(viewer=AnonymousUser(), query=SearchQuery(text=text))
    assert (results.backend, results.degraded) == ("elasticsearch", False)
    return titles(results)


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
    assert found_by_elasticsearch("navigatrice") == ["Sophie Martin"]
    assert (
        services.search(viewer=AnonymousUser(), query=SearchQuery(text="énergéticienne")).total == 0
    )


def test_rebuild_swaps_the_alias_and_check_finds_drift(world):
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


WARNING = "les résultats peuvent être incomplets"


def test_the_server_stopped_mid_run_leaves_every_page_working(own_opensearch, settings, indexed):
    """The real server freezes, then stops: pages answer from the database, saves succeed,
    and once it is back the index catches up."""
    with indexed():
        world = build_world()
    settings.ELASTICSEARCH_TIMEOUT = 1.0
    visitor, member = Client(), Client()
    member.force_login(world.member)
    query = SearchQuery(text="universite")
    assert services.search(viewer=AnonymousUser(), query=query).backend == "elasticsearch"

    def every_page_answers():
        for client, url, shows, warns in (
            (visitor, "/", None, False),
            (visitor, "/search/?q=universite", "Hélène Dupont", True),
            (visitor, "/search/?q=lille&kind=clubs", "Club Lille Métropole", False),
            (member, "/members/?q=dupont", "Hélène Dupont", True),
            (visitor, "/clubs/", "Club Lille Métropole", False),
            (visitor, world.helene.get_absolute_url(), "Hélène Dupont", False),
        ):
            page = client.get(url)
            assert page.status_code == 200, url
            body = page.content.decode()
            if shows:
                assert shows in body, url
            if warns:
                assert WARNING in body, url
        api = visitor.get("/api/community/search?q=universite")
        assert api.status_code == 200 and api.json()["degraded"] is True
        completions = visitor.get("/api/community/search/autocomplete?q=hél").json()
        assert completions["degraded"] is True
        assert [s["label"] for s in completions["suggestions"]] == ["Hélène Dupont"]

    # Frozen: every call gives up after the timeout and the database answers.
    pid = node_pid(OWN_NODE_PORT)
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        frozen = services.search(viewer=AnonymousUser(), query=query)
        assert frozen.degraded and "Hélène Dupont" in titles(frozen)
        assert time.monotonic() - started < 5
        every_page_answers()
    finally:
        os.kill(pid, signal.SIGCONT)

    # Stopped: the pooled connections die, new ones are refused.
    stop_node(OWN_NODE_PORT)
    every_page_answers()
    with indexed():
        member_services.update_profile(
            profile=world.sophie, changes={"headline": "Doctorante et navigatrice"}
        )
    assert PendingSync.objects.filter(object_id=str(world.sophie.pk)).exists()
    fallback = services.search(viewer=AnonymousUser(), query=SearchQuery(text="navigatrice"))
    assert fallback.degraded and titles(fallback) == ["Sophie Martin"]

    # Back: the catch-up sends what it missed, and Elasticsearch answers again.
    start_node(OWN_NODE_PORT)
    call_command("search_index", "--catch-up", stdout=io.StringIO())
    assert not PendingSync.objects.exists()
    assert found_by_elasticsearch("navigatrice") == ["Sophie Martin"]
