#!/usr/bin/env bash
# Installs what `npm start` / `npm test` need and is missing, into a versioned cache outside the
# checkout (so a fresh clone on the same machine reuses it). Idempotent; prints what it does.
#   npm dependencies            -> ./node_modules (npm install from the lockfile, or its copy in the cache)
#   Temporal CLI v1.5.1         -> go install from the Go module proxy
#   FerretDB v1.24.2            -> our launcher infra/ferretdb (embeds the FerretDB library)
#   PostgreSQL 15 server        -> Debian's postgresql-15 (apt-get as root) unless already installed
#   Temporal test server 1.32.1 -> Maven Central jars + an exec wrapper (time-skipping tests)
#   Chromium (--browser: tests) -> Debian's chromium (apt-get as root), driven by playwright-core
#   sqlite3 (backups)           -> Debian's sqlite3 (apt-get as root) unless already installed
#   --cluster: Temporal Server 1.32.1 + temporal-sql-tool, Temporal UI server 2.42.1 (go install),
#              HAProxy (Debian's haproxy, apt-get as root): the cluster profile, npm run start:cluster
# Binaries the user already has win: TEMPORAL_CLI, FERRETDB_BIN, TEMPORAL_TEST_SERVER, or `temporal` on PATH.
set -euo pipefail
quiet=0; browser=0; cluster=0
for arg in "$@"; do
  case "$arg" in --quiet) quiet=1 ;; --browser) browser=1 ;; --cluster) cluster=1 ;; esac
done
say() { [ "$quiet" = 1 ] || echo "[tools] $*"; }
root=$(cd "$(dirname "$0")/.." && pwd)

TEMPORAL_CLI_VERSION=1.5.1
FERRETDB_VERSION=1.24.2
TEMPORAL_SERVER_VERSION=1.32.1 # the newest 1.32 that builds with this machine's Go (1.32.2 needs Go 1.26.10)
TEMPORAL_UI_VERSION=2.42.1 # the UI server the CLI embeds
TEST_SERVER_VERSION=$(grep -A1 '<artifactId>temporal-test-server<' "$root/infra/test-server/pom.xml" | sed -n 's:.*<version>\(.*\)</version>.*:\1:p')
cache=${AFTERSALES_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/aftersales-tools}
mkdir -p "$cache"

timed() { # timed <label> <command...>: runs it, says how long it took
  local label=$1; shift; local t0=$SECONDS
  echo "[tools] $label (first time only; output in $cache/install.log) ..."
  if ! "$@" >>"$cache/install.log" 2>&1; then
    echo "[tools] FAILED: $label — see $cache/install.log"; tail -20 "$cache/install.log"; exit 1
  fi
  echo "[tools] $label: done in $((SECONDS - t0)) s"
}

# 1. npm dependencies: installed once per lockfile. The tool cache keeps a copy of what the lockfile installed,
# so a fresh clone on this machine copies it (seconds) instead of installing again; a checkout whose
# node_modules already came from this lockfile (its stamp says so) skips the step.
lock=$(sha256sum "$root/package-lock.json" | cut -c1-16)
stamp="$root/node_modules/.aftersales-lock"
pristine="$cache/node_modules/$lock"
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock" ]; then
  copied=
  if [ -f "$pristine/.aftersales-lock" ] && [ ! -e "$root/node_modules" ]; then
    # Another checkout may prune this copy while it is read: a failed copy falls back to installing.
    t0=$SECONDS
    if cp -a "$pristine" "$root/node_modules.tmp" 2>>"$cache/install.log" &&
      mv -T "$root/node_modules.tmp" "$root/node_modules"; then
      echo "[tools] node_modules of this lockfile from the tool cache: done in $((SECONDS - t0)) s"; copied=1
    else
      rm -rf "$root/node_modules.tmp"
    fi
  fi
  if [ -z "$copied" ]; then
    # npm ci refuses this lockfile here (it omits @swc/core's other-platform optional packages, which
    # this registry mirror does not serve); npm install from the same lockfile keeps the pinned versions.
    # --prefer-offline: the npm cache answers what it has without asking the registry again.
    (cd "$root" && timed "npm install from package-lock.json" npm install --prefer-offline --no-audit --no-fund)
    echo "$lock" >"$stamp"
    if [ ! -f "$pristine/.aftersales-lock" ]; then # kept for the next clone of this lockfile
      mkdir -p "$cache/node_modules"
      if cp -a "$root/node_modules" "$pristine.tmp.$$" && mv -T "$pristine.tmp.$$" "$pristine" 2>/dev/null; then
        # The three newest copies stay: another checkout may be copying one of them right now.
        ls -1dt "$cache/node_modules"/*/ | tail -n +4 | xargs -r rm -rf
      fi
      rm -rf "$pristine.tmp.$$"
    fi
  fi
fi

# 2. Temporal CLI (dev server + Web UI)
if [ -z "${TEMPORAL_CLI:-}" ]; then
  TEMPORAL_CLI="$cache/temporal-$TEMPORAL_CLI_VERSION/temporal"
  if [ ! -x "$TEMPORAL_CLI" ] && command -v temporal >/dev/null && temporal --version 2>/dev/null | grep -q "$TEMPORAL_CLI_VERSION"; then
    TEMPORAL_CLI=$(command -v temporal)
  fi
  if [ ! -x "$TEMPORAL_CLI" ]; then
    command -v go >/dev/null || { echo "[tools] Go >= 1.25 is needed to build the Temporal CLI (or set TEMPORAL_CLI)"; exit 1; }
    timed "building Temporal CLI v$TEMPORAL_CLI_VERSION with go install (several minutes on 2 cores)" \
      env GOBIN="$cache/temporal-$TEMPORAL_CLI_VERSION" CGO_ENABLED=0 go install \
      -ldflags "-X github.com/temporalio/cli/temporalcli.Version=$TEMPORAL_CLI_VERSION" \
      "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION"
  fi
fi

# 3. FerretDB (MongoDB wire protocol on PostgreSQL or SQLite)
if [ -z "${FERRETDB_BIN:-}" ]; then
  src_sum=$(cat "$root"/infra/ferretdb/*.go "$root/infra/ferretdb/go.mod" "$root/infra/ferretdb/go.sum" | sha256sum | cut -c1-12)
  FERRETDB_BIN="$cache/ferretdb-$FERRETDB_VERSION-$src_sum/ferretdb"
  if [ ! -x "$FERRETDB_BIN" ]; then
    command -v go >/dev/null || { echo "[tools] Go is needed to build FerretDB (or set FERRETDB_BIN)"; exit 1; }
    (cd "$root/infra/ferretdb" && timed "building FerretDB v$FERRETDB_VERSION launcher" \
      env CGO_ENABLED=0 go build -trimpath -o "$FERRETDB_BIN" .)
  fi
fi

# 3b. PostgreSQL server binaries under the embedded FerretDB (decision 0006): Debian's postgresql-15.
if [ "${AFTERSALES_DB_BACKEND:-postgresql}" != "sqlite" ] && [ -z "${PG_BIN_DIR:-}" ] \
  && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    timed "installing PostgreSQL 15 server binaries with apt-get" \
      sh -c 'apt-get install -y --no-install-recommends postgresql-15 || { apt-get update && apt-get install -y --no-install-recommends postgresql-15; }'
  else
    echo "[tools] PostgreSQL server binaries are missing: as root, apt-get install postgresql-15;"
    echo "[tools] or set PG_BIN_DIR to a PostgreSQL bin directory, or AFTERSALES_DB_BACKEND=sqlite"
    exit 1
  fi
fi

# 3c. A browser for the page tests (npm test): Debian's chromium; a test tool cannot download one here.
if [ "$browser" = 1 ] && [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    timed "installing Chromium for the page tests with apt-get" \
      sh -c 'apt-get install -y --no-install-recommends chromium || { apt-get update && apt-get install -y --no-install-recommends chromium; }'
  else
    echo "[tools] Chromium is missing for the page tests: as root, apt-get install chromium; or set CHROMIUM_PATH"
    exit 1
  fi
fi

# 3d. sqlite3 for `npm run backup` (SQLite's online backup of the dev server's database while it runs).
if ! command -v sqlite3 >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    timed "installing sqlite3 for backups with apt-get" \
      sh -c 'apt-get install -y --no-install-recommends sqlite3 || { apt-get update && apt-get install -y --no-install-recommends sqlite3; }'
  else
    echo "[tools] note: sqlite3 is missing; npm run backup needs it (as root: apt-get install sqlite3)"
  fi
fi

# 4. Temporal time-skipping test server (Java)
if [ -z "${TEMPORAL_TEST_SERVER:-}" ]; then
  ts_dir="$cache/temporal-test-server-$TEST_SERVER_VERSION"
  TEMPORAL_TEST_SERVER="$ts_dir/test-server"
  if [ ! -x "$TEMPORAL_TEST_SERVER" ]; then
    command -v java >/dev/null && command -v mvn >/dev/null || { echo "[tools] Java and Maven are needed for the test server (or set TEMPORAL_TEST_SERVER)"; exit 1; }
    timed "fetching Temporal test server $TEST_SERVER_VERSION jars with Maven" \
      mvn -q -B -f "$root/infra/test-server/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$ts_dir/lib" -DincludeScope=runtime
    # exec, so the SDK's SIGKILL reaches the JVM itself and no orphan keeps the port
    cat >"$TEMPORAL_TEST_SERVER" <<WRAP
#!/bin/sh
exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "$ts_dir/lib/*" io.temporal.testserver.TestServer "\$@"
WRAP
    chmod +x "$TEMPORAL_TEST_SERVER"
  fi
fi

# Tell the Node side where everything is.
cat >"$cache/paths.json" <<JSON
{ "temporalCli": "$TEMPORAL_CLI", "ferretdb": "$FERRETDB_BIN", "testServer": "$TEMPORAL_TEST_SERVER" }
JSON
ln -sfn "$cache/paths.json" "$root/node_modules/.aftersales-tools.json"
say "tools ready: $cache/paths.json"

# 5. The cluster profile (--cluster).
if [ "$cluster" = 1 ]; then
  ts_bin="$cache/temporal-server-$TEMPORAL_SERVER_VERSION"
  if [ ! -x "$ts_bin/server" ] || [ ! -x "$ts_bin/sql" ]; then
    timed "building Temporal Server $TEMPORAL_SERVER_VERSION and temporal-sql-tool with go install (about 10 minutes on 2 cores)" \
      env GOBIN="$ts_bin" GOFLAGS=-mod=mod go install "go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION" \
      "go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION"
  fi
  schema="$(go env GOMODCACHE)/go.temporal.io/server@v$TEMPORAL_SERVER_VERSION/schema/postgresql/v12"
  [ -d "$schema" ] || timed "fetching the server's SQL schemas" \
    sh -c "cd /tmp && GOFLAGS=-mod=mod go mod download go.temporal.io/server@v$TEMPORAL_SERVER_VERSION"
  ui_bin="$cache/temporal-ui-server-$TEMPORAL_UI_VERSION"
  [ -x "$ui_bin/server" ] || timed "building the Temporal UI server $TEMPORAL_UI_VERSION with go install" \
    env GOBIN="$ui_bin" GOFLAGS=-mod=mod go install "github.com/temporalio/ui-server/v2/cmd/server@v$TEMPORAL_UI_VERSION"
  if ! command -v haproxy >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      timed "installing HAProxy with apt-get" \
        sh -c 'apt-get install -y --no-install-recommends haproxy || { apt-get update && apt-get install -y --no-install-recommends haproxy; }'
    else
      echo "[tools] HAProxy is missing for the cluster profile: as root, apt-get install haproxy"; exit 1
    fi
  fi
  cat >"$cache/cluster-paths.json" <<JSON
{ "temporalServer": "$ts_bin/server", "temporalSqlTool": "$ts_bin/sql", "temporalSchemaDir": "$schema",
  "temporalUi": "$ui_bin/server", "haproxy": "$(command -v haproxy)" }
JSON
  ln -sfn "$cache/cluster-paths.json" "$root/node_modules/.aftersales-cluster-tools.json"
  say "cluster tools ready: $cache/cluster-paths.json"
fi
