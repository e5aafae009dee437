#!/usr/bin/env bash
# PostgreSQL for the storage tests (issue 17): installs Debian's `postgresql` if missing, makes
# sure a cluster exists and runs, and creates a role and a database for the tests (password
# auth over 127.0.0.1). Idempotent: safe on a fresh Debian machine and on one where all of this
# was done before. Needs root (CI runs as root); the server itself runs as the `postgres` user.
# Prints the URL for RT_TEST_DATABASE_URL on its last line of stdout.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
ROLE="${RT_TEST_PG_ROLE:-roundtable_test}"
PASSWORD="${RT_TEST_PG_PASSWORD:-roundtable_test}"
DB="${RT_TEST_PG_DB:-roundtable_test}"

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >/dev/null
fi
VERSION="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | awk '{print $1 "/" $2}' | grep -qx "$VERSION/main"; then
  pg_createcluster "$VERSION" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "$VERSION" main start >&2
fi
PORT="$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $3}')"

psql_admin() { runuser -u postgres -- psql -X -q -p "$PORT" -v ON_ERROR_STOP=1 "$@"; }
# Wait until the server accepts connections (a fresh start takes a moment).
for _ in $(seq 1 50); do
  if runuser -u postgres -- pg_isready -q -p "$PORT"; then break; fi
  sleep 0.2
done
psql_admin -v role="$ROLE" -v password="$PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'password') \gexec
SQL
psql_admin -v role="$ROLE" -v db="$DB" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
