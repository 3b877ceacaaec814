#!/usr/bin/env bash
# Starts a local PostgreSQL for the store's tests and prints the variable that enables them.
# Idempotent: installs the server only when missing, starts the cluster only when stopped and
# creates the role and database only once. Debian, as root.
set -euo pipefail

role=lifelab
password=lifelab
db=lifelab

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  echo "start-test-postgres: installing postgresql (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q postgresql >&2
fi

# The newest installed server version (15 on Debian 12).
version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  echo "start-test-postgres: creating cluster $version/main" >&2
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -qx online; then
  pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $3}')

as_postgres() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtA "$@"; }

# The server needs a moment after start before it accepts connections.
for _ in $(seq 1 30); do
  as_postgres -c 'select 1' >/dev/null 2>&1 && break
  sleep 1
done

if [ "$(as_postgres -c "select 1 from pg_roles where rolname = '$role'")" != 1 ]; then
  as_postgres -c "create role $role login password '$password'"
fi
if [ "$(as_postgres -c "select 1 from pg_database where datname = '$db'")" != 1 ]; then
  as_postgres -c "create database $db owner $role"
fi

echo "export LIFELAB_TEST_PG_URL='jdbc:postgresql://127.0.0.1:$port/$db?user=$role&password=$password'"
