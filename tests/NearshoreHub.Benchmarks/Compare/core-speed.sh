#!/usr/bin/env bash
# How fast each core of this machine is right now, as PostgreSQL sees it: one backend of the bench cluster is pinned to
# each core in turn (taskset) and runs the same CPU-bound query a few times.
#
#   bash tests/NearshoreHub.Benchmarks/Compare/core-speed.sh [rounds] [times per core]   # e.g. 3 5
#
# Why: on the two-core machines here the cores were seen to differ by up to 1.7x and to trade places within seconds
# (issue 14, docs/benchmarks.md), which no process on the machine can see or avoid. Any single timed step, the import
# or PostgreSQL's floor, may land on the slow one. Run this beside a benchmark to see how the machine is doing.
# Needs the bench cluster that `ranking --professionals 2200000` seeds (.data/bench-postgres, started), psql and
# taskset, and the right to pin the postgres user's processes (root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
rounds=${1:-3}
times=${2:-5}
root=$PWD/.data/bench-postgres
[ -f "$root/port" ] || { echo "No bench cluster at $root: run 'ranking --professionals 2200000' first."; exit 1; }
url="host=127.0.0.1 port=$(cat "$root/port") user=postgres dbname=nearshorehub"
cores=$(nproc)

# One backend, pinned to core $1; prints the query's milliseconds, one line per run.
on_core() {
  local core=$1 pid
  coproc PSQL { psql -qAtX "$url" 2>&1; }
  echo "SELECT pg_backend_pid();" >&"${PSQL[1]}"
  read -r pid <&"${PSQL[0]}"
  taskset -pc "$core" "$pid" > /dev/null
  echo '\timing on' >&"${PSQL[1]}"
  for _ in $(seq 1 "$times"); do
    echo "SELECT count(*) FROM generate_series(1, 5000000);" >&"${PSQL[1]}"
    read -r _ <&"${PSQL[0]}"
    read -r timing <&"${PSQL[0]}"
    echo "$timing" | sed -E 's/^Time: ([0-9.]+) ms.*/\1/'
  done
  echo '\q' >&"${PSQL[1]}"
  wait "$PSQL_PID" 2> /dev/null || true
}

all=()
for round in $(seq 1 "$rounds"); do
  line="[$(date +%H:%M:%S)] round $round/$rounds:"
  for core in $(seq 0 $((cores - 1))); do
    mapfile -t ms < <(on_core "$core")
    all+=("${ms[@]}")
    line+=" core $core $(printf '%s\n' "${ms[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %.0f ms (%.0f-%.0f)", a[int((NR+1)/2)], a[1], a[NR]}')"
  done
  echo "$line"
done
printf '%s\n' "${all[@]}" | sort -n | awk '{a[NR]=$1} END {printf "core speed: %d runs of the same query, fastest %.0f ms, median %.0f ms, slowest %.0f ms (slowest/fastest %.2f)\n", NR, a[1], a[int((NR+1)/2)], a[NR], a[NR]/a[1]}'
