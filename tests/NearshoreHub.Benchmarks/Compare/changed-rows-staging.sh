#!/usr/bin/env bash
# What the changed rows' staging COPY (ImportUpdate: binary COPY into import_changes) costs PostgreSQL for rows whose
# skills differ, with the file's skill list staged as three arrays (ids, levels, years) beside the packed one (until
# 2026-12-04) against the packed list alone (ImportChangedRows, since 2026-12-05). Timed by psql's \timing, alternating
# which goes first, in one session.
#
#   bash tests/NearshoreHub.Benchmarks/Compare/changed-rows-staging.sh [port] [rounds]   # e.g. $(cat .data/postgres/port) 5
#
# Every professional of the database is staged as a changed row whose skills differ, its stored values and skill list
# as the rows (both files written once by \copy … TO, not timed, to a temporary directory that is removed), then
# copied into a temporary table of each shape by \copy … FROM (FORMAT binary), as the import sends a chunk, and
# truncated again. Nothing in the database changes. Needs a started cluster (the README's database has 20,000 demo
# professionals; the default port is its own) and psql.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
port=${1:-$(cat .data/postgres/port 2> /dev/null || true)}
rounds=${2:-5}
[ -n "$port" ] || { echo "No port given and no .data/postgres/port: start the app once with the README's command."; exit 1; }
url="host=127.0.0.1 port=$port user=postgres dbname=nearshorehub"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

row="1 AS line, p.id, full_name, email, normalized_email, headline, country, city, city_population, is_rural, time_zone,
  work_start, work_end, work_days, english_level::text, seniority::text, hourly_rate_usd, available_from, hours_per_week,
  status::text, import_hash"
more="import_hash AS seen_hash, true AS skills_differ, true AS inputs_same, l.packed AS skill_packed"
{
  echo "SET jit = off;"
  echo "CREATE TEMP TABLE lists AS SELECT $row, l.ids AS skill_ids, l.levels AS skill_levels, l.years AS skill_years, $more"
  echo "  FROM professionals p JOIN LATERAL (SELECT array_agg(skill_id ORDER BY skill_id) AS ids, array_agg(level ORDER BY skill_id) AS levels,"
  echo "    array_agg(years ORDER BY skill_id) AS years, array_agg((skill_id::bigint << 32) | (level::bigint << 16) | years::bigint ORDER BY skill_id) AS packed"
  echo "    FROM professional_skills s WHERE s.professional_id = p.id) l ON true;"
  echo "CREATE TEMP TABLE packed AS SELECT line, id, full_name, email, normalized_email, headline, country, city, city_population,"
  echo "  is_rural, time_zone, work_start, work_end, work_days, english_level, seniority, hourly_rate_usd, available_from, hours_per_week,"
  echo "  status, import_hash, seen_hash, skills_differ, inputs_same, skill_packed FROM lists;"
  echo "\\copy lists TO '$dir/lists.bin' (FORMAT binary)"
  echo "\\copy packed TO '$dir/packed.bin' (FORMAT binary)"
  echo "SELECT 'rows', count(*) FROM packed;"
  echo "TRUNCATE lists; TRUNCATE packed;"
  for round in $(seq 1 "$rounds"); do
    forms="lists packed"
    (( round % 2 == 0 )) && forms="packed lists"
    for form in $forms; do
      echo "SELECT 'form', '$round', '$form';"
      echo "\\timing on"
      echo "\\copy $form FROM '$dir/$form.bin' (FORMAT binary)"
      echo "\\timing off"
      echo "TRUNCATE $form;"
    done
  done
} | psql -qAtX -v ON_ERROR_STOP=1 "$url" | awk -F'|' '
  $1 == "rows" { rows = $2 }
  $1 == "form" { round = $2; form = $3 }
  /^Time: / { split($0, t, " "); ms[form] = ms[form] sprintf("%.0f ", t[2]); printf "round %d, %-6s: %s ms\n", round, form, t[2] }
  END { printf "CHANGED STAGING: %d rows whose skills differ; COPY ms with the three arrays beside the packed list: %s; packed list alone: %s\n", rows, ms["lists"], ms["packed"] }'
