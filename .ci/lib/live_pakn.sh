# A live pakn for the CI steps that talk to it over HTTP (sourced by .ci/fuzz and .ci/client):
# the release binary with the demo accounts, on SQLite or on a PostgreSQL database of its own.
# start_pakn LABEL DATABASE_URL PORT starts it and waits until it is ready; stop_pakn stops it and
# fails when it logged an internal error. Both expect `die` and a `scratch` folder.

PAKN_BIN=target/release/pakn

start_pakn() {
  local label=$1 url=$2 port=$3
  [ -x "$PAKN_BIN" ] || die "build the release binary first (cargo build --release)"
  if curl -fsS "http://127.0.0.1:$port/health/live" >/dev/null 2>&1; then die "something already answers on port $port"; fi
  PAKN_DATA_DIR="$scratch/data" PAKN_DATABASE_URL="$url" "$PAKN_BIN" seed --demo >/dev/null || die "cannot seed the demo data"
  PAKN_DATA_DIR="$scratch/data" PAKN_DATABASE_URL="$url" PAKN_BIND="127.0.0.1:$port" "$PAKN_BIN" >"$scratch/pakn.log" 2>&1 &
  pakn_pid=$!
  for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  kill -0 "$pakn_pid" 2>/dev/null && curl -fsS "http://127.0.0.1:$port/health/ready" >/dev/null \
    || { tail -n 20 "$scratch/pakn.log"; die "pakn is not ready on $label"; }
}

stop_pakn() {
  local label=$1
  kill -0 "$pakn_pid" 2>/dev/null || { tail -n 20 "$scratch/pakn.log"; die "pakn stopped during the run on $label"; }
  kill "$pakn_pid" 2>/dev/null || true
  wait "$pakn_pid" 2>/dev/null || true
  pakn_pid=""
  if grep -q "panicked\|request failed with an internal error" "$scratch/pakn.log"; then
    grep -m 5 "panicked\|internal error" "$scratch/pakn.log"; die "pakn logged an internal error on $label"
  fi
}

# A PostgreSQL database of its own for one run: fresh_pg_database PREFIX creates it and sets
# pg_database_url; drop_pg_database (call it on exit) drops it. PG_URL names a server it may
# create databases on.
fresh_pg_database() {
  command -v psql >/dev/null || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null || die "cannot install psql"
  }
  pg_database="$1_$$"
  psql -q "$PG_URL" -c "CREATE DATABASE $pg_database" >/dev/null || die "cannot create the database $pg_database"
  pg_database_url="${PG_URL%/*}/$pg_database"
}

drop_pg_database() {
  if [ -n "${pg_database:-}" ]; then
    psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1 || true
  fi
}
