"""The OpenSearch node that tests, benchmarks and CI run the Elasticsearch backend on.

No Elasticsearch can be installed on the development machines; OpenSearch speaks the
same REST API. This module is the one way to it:

- **The launcher**: ``opensearch.sh`` beside this file fetches, starts, stops a node
  (one per port). ``server_url()`` gives the shared test server (``OPENSEARCH_TEST_URL``,
  or the node the script starts), ``start_node``/``stop_node``/``node_pid`` drive a
  node of one's own. ``tests/services`` (the test run), ``tests/search`` (the
  degradation tests' own node), ``benchmarks/bench_search.py`` and ``.ci/run`` use it.
- **The client adapter**: the Elasticsearch 8 client only talks to servers that answer
  ``X-Elastic-Product: Elasticsearch`` and sends Elasticsearch 8 compatibility media
  types, which OpenSearch does not know. ``OpenSearchNode``, given to the client through
  ``ELASTICSEARCH_CLIENT_OPTIONS`` (``client_options()``), sends plain JSON media types
  and marks OpenSearch's answers as the client expects. Production talks to
  Elasticsearch 8 and needs none of this.

It imports nothing of the search: the search never needs it.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from pathlib import Path

from elastic_transport import HttpHeaders, Urllib3HttpNode

SCRIPT = Path(__file__).with_name("opensearch.sh")
# Set once the node could not start, so that later tests do not try again.
UNAVAILABLE_ENV = "OPENSEARCH_TEST_UNAVAILABLE"
_COMPAT = re.compile(r"application/vnd\.elasticsearch\+([a-z-]+);\s*compatible-with=\d+")


class OpenSearchNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = HttpHeaders(
                {name: _COMPAT.sub(r"application/\1", value) for name, value in headers.items()}
            )
        response = super().perform_request(method, target, body=body, headers=headers, **kwargs)
        meta_headers = HttpHeaders(dict(response.meta.headers.items()))
        meta_headers["x-elastic-product"] = "Elasticsearch"
        meta = dataclasses.replace(response.meta, headers=meta_headers)
        return type(response)(meta, response.body)


def client_options() -> dict:
    """``ELASTICSEARCH_CLIENT_OPTIONS`` for an OpenSearch server."""
    return {"node_class": OpenSearchNode}


class Unavailable(RuntimeError):
    """The test node cannot run on this machine; the message says why."""


def _script(*arguments: str, port: int | None = None, timeout: int = 300) -> str:
    """Runs the node script for ``port`` (its default when ``None``); returns its output."""
    env = {**os.environ, "OPENSEARCH_TEST_PORT": str(port)} if port else None
    done = subprocess.run(  # noqa: S603
        ["/bin/bash", str(SCRIPT), *arguments],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    return done.stdout.strip()


def start_node(port: int | None = None) -> str:
    """Starts the test node on ``port`` and returns its URL.

    Raises ``Unavailable`` with the script's reason when the node cannot start.
    """
    try:
        return _script(port=port).splitlines()[-1]
    except subprocess.CalledProcessError as error:
        reasons = error.stderr.strip().splitlines() or [f"{SCRIPT} exited with {error.returncode}"]
        raise Unavailable(reasons[-1]) from error
    except subprocess.TimeoutExpired as error:
        raise Unavailable(f"OpenSearch did not start within {error.timeout:.0f} s.") from error


def stop_node(port: int) -> None:
    """Stops the node on ``port`` and waits until it has exited."""
    _script("stop", port=port, timeout=60)


def node_pid(port: int) -> int:
    return int(_script("pid", port=port, timeout=10))


def server_url() -> str:
    """The shared test server's URL: ``OPENSEARCH_TEST_URL``, or the node the script starts.

    Under CI (``CI=true``) the URL must be given: ``.ci/run`` starts the server.
    Raises ``Unavailable`` when the node cannot start here.
    """
    url = os.environ.get("OPENSEARCH_TEST_URL", "")
    if url:
        return url
    if os.environ.get("CI") == "true":
        raise RuntimeError(
            "OPENSEARCH_TEST_URL is not set: .ci/run must start search/opensearch.sh "
            "and export its URL, so that the search conformance suite runs on OpenSearch too."
        )
    if reason := os.environ.get(UNAVAILABLE_ENV):
        raise Unavailable(reason)
    try:
        url = start_node()
    except Unavailable as reason:
        os.environ[UNAVAILABLE_ENV] = str(reason)
        raise
    os.environ["OPENSEARCH_TEST_URL"] = url
    return url
