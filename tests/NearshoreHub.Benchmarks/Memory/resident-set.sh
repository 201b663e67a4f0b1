#!/usr/bin/env bash
# The app's resident set at 2.2 M professionals once its ranking index is built, measured from outside (issue 14:
# at most 1 GiB). Runs the given NearshoreHub.Web.dll against the benchmark cluster that `ranking` seeds
# (.data/bench-postgres, started here when it is not running), waits for "Ranking index built" and then for
# /health/ready (which includes the import's warm-up, ImportWarmUp), lets it settle, then prints VmRSS/VmHWM from /proc/<pid>/status and
# the heap the app logged, and stops the app.
#
#   bash tests/NearshoreHub.Benchmarks/Memory/resident-set.sh [path/to/NearshoreHub.Web.dll] [label]
#
# Extra runtime settings pass through the environment, e.g. DOTNET_gcServer=0 or DOTNET_GCConserveMemory=5.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
dll=$(realpath "${1:-src/NearshoreHub.Web/bin/Release/net10.0/NearshoreHub.Web.dll}")
label=${2:-app}
root=$PWD/.data/bench-postgres
port=$(cat "$root/port")
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg=(); if (( EUID == 0 )); then as_pg=(runuser -u postgres --); fi
if ! "${as_pg[@]}" "$pgbin/pg_ctl" -D "$root/pgdata" status > /dev/null 2>&1; then
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$root/pgdata" -l "$root/postgres.log" -w -t 60 -o "-p $port -k $root/sock -c listen_addresses=127.0.0.1" start > /dev/null
fi

log=$PWD/.data/resident-set-$label.log
appport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Username=postgres;Database=nearshorehub" \
ASPNETCORE_ENVIRONMENT=Production DemoData__SeedWhenEmpty=false Database__MigrateOnStartup=false \
Bootstrap__AdminEmail=admin@nearshorehub.local Bootstrap__AdminPassword=Admin-Demo-2026! \
  dotnet "$dll" --urls "http://127.0.0.1:$appport" > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2> /dev/null || true' EXIT
started=$(date +%s)
until grep -q "Ranking index built" "$log"; do
  kill -0 $pid 2> /dev/null || { echo "$label: the app exited, see $log"; exit 1; }
  sleep 2
done
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$appport/health/ready")" = 200 ]; do
  kill -0 $pid 2> /dev/null || { echo "$label: the app exited, see $log"; exit 1; }
  sleep 2
done
sleep 15
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status); hwm=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
echo "$label: $(grep -o 'Ranking index built.*' "$log" | head -1)"
echo "$label: $(grep -o 'Import warm-up.*' "$log" | head -1)"
printf '%s: after %d s, resident set %d MiB (peak %d MiB); load %s\n' "$label" $(( $(date +%s) - started )) $((rss / 1024)) $((hwm / 1024)) "$(cut -d' ' -f1-3 /proc/loadavg)"
