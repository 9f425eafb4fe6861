import os

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from elastic_transport import ConnectionError as Unreachable
from elasticsearch import Elasticsearch

from search.elastic import ElasticStore, alias
from search.opensearch import (
    UNAVAILABLE_ENV,
    Unavailable,
    client_options,
    server_url,
    start_node,
    stop_node,
)
from search.query import KINDS

BACKENDS = ("database", "elasticsearch")
# A node of the degradation tests' own, which they stop and start again.
OWN_NODE_PORT = 9211
INDEX_PREFIX = f"cercle-test-{os.getpid()}"


def _node(start, *arguments):
    """The URL ``start`` gives; a node that cannot run here fails the test, saying why."""
    try:
        if reason := os.environ.get(UNAVAILABLE_ENV):
            raise Unavailable(reason)
        return start(*arguments)
    except Unavailable as reason:
        pytest.fail(f"OpenSearch cannot run here: {reason}", pytrace=False)


@pytest.fixture(autouse=True)
def site_language():
    """Each test starts in the site's language: a request in another language made by an
    earlier test leaves it active in the thread."""
    with translation.override(django_settings.LANGUAGE_CODE):
        yield


@pytest.fixture(scope="session")
def opensearch_url():
    return _node(server_url)


def _use_opensearch(settings, url):
    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_CLIENT_OPTIONS = client_options()
    settings.ELASTICSEARCH_INDEX_PREFIX = INDEX_PREFIX
    # The test server shares two cores with the suite: a cold query may take seconds.
    settings.ELASTICSEARCH_TIMEOUT = 15.0


def _empty_indices():
    store = ElasticStore()
    for kind in KINDS:
        store.ensure(kind)
    store.es.options(request_timeout=30).delete_by_query(
        index=",".join(alias(kind) for kind in KINDS),
        query={"match_all": {}},
        refresh=True,
        conflicts="proceed",
    )


def _delete_indices(url):
    """Removes this run's indices from the server at ``url``."""
    es = Elasticsearch(url, request_timeout=30, **client_options())
    es.indices.delete(index=f"{INDEX_PREFIX}-*", ignore_unavailable=True)


@pytest.fixture(scope="session")
def _opensearch_indices(opensearch_url):
    """Removes this run's indices from the test server at the end."""
    yield
    _delete_indices(opensearch_url)


@pytest.fixture(params=BACKENDS)
def backend(request, settings, db):
    """Each conformance test runs once on the database and once on OpenSearch."""
    if request.param == "elasticsearch":
        request.getfixturevalue("_opensearch_indices")
        _use_opensearch(settings, request.getfixturevalue("opensearch_url"))
        _empty_indices()
    return request.param


@pytest.fixture
def opensearch(settings, db, opensearch_url, _opensearch_indices):
    """Elasticsearch configured (the OpenSearch test server) and its indices empty."""
    _use_opensearch(settings, opensearch_url)
    _empty_indices()
    return opensearch_url


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Runs what commits would trigger (the index sync) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def own_opensearch(settings, db):
    """Elasticsearch configured on a node of this test's own, stopped at the end."""
    url = _node(start_node, OWN_NODE_PORT)
    _use_opensearch(settings, url)
    _empty_indices()
    yield url
    try:
        _delete_indices(url)
    except Unreachable:
        pass  # the test failed while its node was stopped
    stop_node(OWN_NODE_PORT)
