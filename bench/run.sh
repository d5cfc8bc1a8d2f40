#!/usr/bin/env bash
# `make bench`: the ten-year data set on SQLite and on PostgreSQL, then every public page
# against the /healthz ceiling (imc_portal/management/commands/bench.py).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DEBUG=0 SECRET_KEY=bench-not-secret-but-long-enough-for-django-checks-1234567890

command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --daemonize yes \
  --bind 127.0.0.1 --port 6379 --save "" --appendonly no
pg_isready -q -h 127.0.0.1 -p 5432 || \
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
# Fresh databases each run: the same seed gives the same data, whatever ran before.
rm -f bench/bench.sqlite3
dropdb -h 127.0.0.1 -U postgres --if-exists imc_bench
createdb -h 127.0.0.1 -U postgres imc_bench

$PY manage.py collectstatic --noinput -v0
URLS=("sqlite:///$PWD/bench/bench.sqlite3" "postgres://postgres@127.0.0.1:5432/imc_bench")

# Both data sets at once (one core each), then each database's pages on a quiet machine.
build() {
  DATABASE_URL=$1 $PY manage.py migrate --noinput -v0
  DATABASE_URL=$1 $PY manage.py load_demo >/dev/null
  DATABASE_URL=$1 $PY manage.py generate_load_data --years 10 --seed 1
}
pids=()
for n in "${!URLS[@]}"; do
  build "${URLS[$n]}" >"bench/data-$n.log" 2>&1 &
  pids+=($!)
done
for n in "${!URLS[@]}"; do
  status=0
  wait "${pids[$n]}" || status=$?
  echo "== ${URLS[$n]%%:*}: data"
  cat "bench/data-$n.log"
  rm -f "bench/data-$n.log"
  [ "$status" -eq 0 ] || exit "$status"
done

for url in "${URLS[@]}"; do
  echo "== ${url%%:*}: pages"
  DATABASE_URL=$url $PY manage.py bench --seconds "${BENCH_SECONDS:-2}"
done
