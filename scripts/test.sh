#!/usr/bin/env bash
# The test command: host set-up, a PostgreSQL for the store's tests, then every unit and
# integration test (the latter boot real QEMU guests with real Debian kernels).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-host.sh
eval "$(scripts/start-test-postgres.sh)"
export LIFELAB_TEST_PG_URL
exec mvn -B verify "$@"
