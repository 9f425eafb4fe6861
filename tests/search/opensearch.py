"""The bridge from the Elasticsearch 8 client to the OpenSearch test server.

The client only talks to servers that answer ``X-Elastic-Product: Elasticsearch`` and
sends Elasticsearch 8 compatibility media types, which OpenSearch does not know. This
node class, given to the client through ``ELASTICSEARCH_CLIENT_OPTIONS``, sends plain
JSON media types and marks OpenSearch's answers as the client expects. Production
talks to Elasticsearch 8 and needs none of this.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from pathlib import Path

from elastic_transport import HttpHeaders, Urllib3HttpNode

SCRIPT = Path(__file__).with_name("opensearch.sh")
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


def start_node(port: int | None = None) -> str:
    """Starts the test node on ``port`` (the script's default: 9201) and returns its URL."""
    env = {**os.environ, "OPENSEARCH_TEST_PORT": str(port)} if port else None
    started = subprocess.run(  # noqa: S603
        ["/bin/bash", str(SCRIPT)], check=True, capture_output=True, text=True, env=env, timeout=300
    )
    return started.stdout.strip().splitlines()[-1]


def stop_node(port: int) -> None:
    """Stops the node on ``port`` and waits until it has exited."""
    subprocess.run(  # noqa: S603
        ["/bin/bash", str(SCRIPT), "stop"],
        check=True,
        capture_output=True,
        env={**os.environ, "OPENSEARCH_TEST_PORT": str(port)},
        timeout=60,
    )


def node_pid(port: int) -> int:
    pid_file = SCRIPT.parents[2] / "var" / "opensearch" / "nodes" / str(port) / "run"
    return int((pid_file / "opensearch.pid").read_text())


def server_url() -> str:
    """The shared test server's URL: ``OPENSEARCH_TEST_URL``, or the node the script starts.

    Under CI (``CI=true``) the URL must be given: ``.ci/run`` starts the server.
    """
    url = os.environ.get("OPENSEARCH_TEST_URL", "")
    if url:
        return url
    if os.environ.get("CI") == "true":
        raise RuntimeError(
            "OPENSEARCH_TEST_URL is not set: .ci/run must start tests/search/opensearch.sh "
            "and export its URL, so that the search conformance suite runs on OpenSearch too."
        )
    url = start_node()
    os.environ["OPENSEARCH_TEST_URL"] = url
    return url
