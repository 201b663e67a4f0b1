#!/usr/bin/env bash
# Issue 14 "no regression": this checkout against an earlier build on the same data, back to back in one run.
#
#   bash tests/NearshoreHub.Benchmarks/Compare/against-build.sh <git ref> [import rows]   # e.g. d196ea8 100000
#
# Needs the bench cluster that `ranking --professionals 2200000` seeds (.data/bench-postgres). Builds <ref> in a git
# worktree under .data/compare/<sha> and this checkout (Release), then for the earlier build and then this one, each
# with its own benchmark program and its own app:
#   1. `ranking --skip-sql` — the ranking index in process (build time, heap, Rank per project) and matches over HTTP;
#   2. the app started against the same database, then `search --url … --connection … --import-rows N` — the four
#      search shapes over HTTP (with the naive SQL of the same meaning) and the import (new, unchanged, half-changed
#      rows, with PostgreSQL's floor), whose rows are deleted again afterwards.
# Every run's full output goes to .data/compare/<label>-*.log; the lines worth comparing are printed at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
ref=${1:?usage: against-build.sh <git ref> [import rows]}
rows=${2:-100000}
sha=$(git rev-parse --short "$ref")
out=$PWD/.data/compare
base=$out/$sha
mkdir -p "$out"
step() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

if [ ! -d "$base" ]; then
  step "Checking out $sha into $base …"
  git worktree add --detach "$base" "$sha" > /dev/null
fi
for tree in "$base" "$PWD"; do
  step "Building $tree (Release) …"
  (cd "$tree" && dotnet build tests/NearshoreHub.Benchmarks -c Release -v q -nologo > "$out/build.log" 2>&1) \
    || { echo "build failed, see $out/build.log"; exit 1; }
done

root=$PWD/.data/bench-postgres
[ -f "$root/port" ] || { echo "No bench cluster at $root: run 'ranking --professionals 2200000' first."; exit 1; }
port=$(cat "$root/port")
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg=(); if (( EUID == 0 )); then as_pg=(runuser -u postgres --); fi
if ! "${as_pg[@]}" "$pgbin/pg_ctl" -D "$root/pgdata" status > /dev/null 2>&1; then
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$root/pgdata" -l "$root/postgres.log" -w -t 60 -o "-p $port -k $root/sock -c listen_addresses=127.0.0.1" start > /dev/null
fi
connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=nearshorehub;Timeout=60;Command Timeout=0"
export NEARSHOREHUB_BENCH_CONNECTION=$connection
app_pid=
trap '[ -n "$app_pid" ] && kill $app_pid 2> /dev/null || true' EXIT

run_build() { # <label> <tree>
  local label=$1 tree=$2 bench=$2/tests/NearshoreHub.Benchmarks/bin/Release/net10.0/NearshoreHub.Benchmarks.dll
  local dll=$2/src/NearshoreHub.Web/bin/Release/net10.0/NearshoreHub.Web.dll
  step "$label: ranking (index in process, matches over HTTP) …"
  (cd "$tree" && dotnet "$bench" ranking --skip-sql > "$out/$label-ranking.log" 2>&1) || step "$label: ranking exited non-zero (see the log)"
  local appport log=$out/$label-app.log
  appport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  step "$label: starting its app on port $appport …"
  # The app runs from its project directory, as `dotnet run` would: run from the repository root, its configuration
  # watcher also watched .data/, where PostgreSQL writes, and spent a third of a core on those events during imports.
  (cd "$tree/src/NearshoreHub.Web" && exec env ConnectionStrings__Default="$connection" ASPNETCORE_ENVIRONMENT=Production \
    DemoData__SeedWhenEmpty=false Database__MigrateOnStartup=false Bootstrap__AdminEmail=admin@nearshorehub.local \
    Bootstrap__AdminPassword=Admin-Demo-2026! RateLimits__PerCallerPerMinute=1000000 RateLimits__AnonymousPerIpPerMinute=1000000 \
    RateLimits__SignInPerIpPerMinute=1000000 dotnet "$dll" --urls "http://127.0.0.1:$appport") > "$log" 2>&1 &
  app_pid=$!
  # Ready (/health/ready): index built and, in builds that have it, the import warmed up (ImportWarmUp).
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$appport/health/ready")" = 200 ]; do
    kill -0 $app_pid 2> /dev/null || { echo "$label: the app exited, see $log"; exit 1; }
    sleep 2
  done
  step "$label: search and import over HTTP …"
  (cd "$tree" && dotnet "$bench" search --url "http://127.0.0.1:$appport" --connection "$connection" --iterations 20 \
    --import-rows "$rows" > "$out/$label-search.log" 2>&1) || step "$label: search exited non-zero (see the log)"
  kill $app_pid; wait $app_pid 2> /dev/null || true; app_pid=
}

run_build "base-$sha" "$base"
run_build head "$PWD"

echo
echo "## Same-run comparison: $sha (earlier) then $(git rev-parse --short HEAD) (this checkout), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
for label in "base-$sha" head; do
  echo
  echo "### $label"
  grep -hE "Index: |  rank [a-z0-9-]+ +(eligible|holidays)|  search |HTTP [a-z0-9-]+ .*median|resident set" "$out/$label-ranking.log" | sed -E 's/^\[[0-9:]+\] //' || true
  grep -hE "^\| [a-z]|^import: .*rows/s|floor" "$out/$label-search.log" || true
done
step "Done: full logs in $out."
