#!/usr/bin/env bash
# What an UPDATE of professionals saves by leaving out the columns the stored generated ones are computed from
# (full_name, headline, city for search_text; city_population for city_size): PostgreSQL computes a generated column
# again whenever an UPDATE names one of its inputs, whatever the values. The import does so for changed rows whose
# digests say those inputs are the same (ImportUpdate); the changed-rows floor (product spec §15) names every column.
#
#   bash tests/NearshoreHub.Benchmarks/Compare/generated-inputs-update.sh [port] [rounds]   # e.g. $(cat .data/postgres/port) 3
#
# Each round stages every professional (at most 50,000) with its rate raised by one, as the floor stages its rows, then
# runs the floor's statement (every data column) and the narrow one (without the generated columns' inputs), each
# rolled back to a savepoint, the order alternating between rounds; the whole run is rolled back, so the database is
# left as it was. The column lists come from PostgreSQL's catalogue. Needs a started cluster (the default port is the
# README's database, 20,000 demo professionals) and psql.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
port=${1:-$(cat .data/postgres/port 2> /dev/null || true)}
rounds=${2:-3}
[ -n "$port" ] || { echo "No port given and no .data/postgres/port: start the app once with the README's command."; exit 1; }
url="host=127.0.0.1 port=$port user=postgres dbname=nearshorehub"

# The data columns (neither generated nor id, created_at, updated_at), and those no generated column reads.
every=$(psql -qAtX "$url" -c "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
  WHERE table_schema = current_schema() AND table_name = 'professionals' AND is_generated = 'NEVER' AND column_name NOT IN ('id', 'created_at', 'updated_at')")
narrow=$(psql -qAtX "$url" -c "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
  WHERE table_schema = current_schema() AND table_name = 'professionals' AND is_generated = 'NEVER' AND column_name NOT IN ('id', 'created_at', 'updated_at')
    AND column_name NOT IN (SELECT a.attname FROM pg_attribute g
      JOIN pg_attrdef d ON d.adrelid = g.attrelid AND d.adnum = g.attnum
      JOIN pg_depend dep ON dep.classid = 'pg_attrdef'::regclass AND dep.objid = d.oid AND dep.refobjid = g.attrelid AND dep.refobjsubid > 0 AND dep.refobjsubid <> g.attnum
      JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
      WHERE g.attrelid = 'professionals'::regclass AND g.attgenerated = 's')")
update() { echo "UPDATE professionals p SET ($1, updated_at) = ROW($(sed -E 's/([a-z_0-9]+)/x.\1/g' <<< "$1"), now()) FROM staged x WHERE p.id = x.id;"; }

script=$(
  echo '\timing on'
  echo "SET jit = off; BEGIN;"
  echo "CREATE TEMP TABLE staged ON COMMIT DROP AS SELECT id, ${every/hourly_rate_usd/hourly_rate_usd + 1 AS hourly_rate_usd} FROM professionals ORDER BY id LIMIT 50000;"
  echo "ANALYZE staged; SAVEPOINT measured;"
  for round in $(seq 1 "$rounds"); do
    if (( round % 2 )); then order="every narrow"; else order="narrow every"; fi
    for kind in $order; do
      echo "\\echo $round $kind"
      if [ "$kind" = every ]; then update "$every"; else update "$narrow"; fi
      echo "ROLLBACK TO SAVEPOINT measured;"
    done
  done
  echo "ROLLBACK;")

# psql prints, after each "<round> <kind>" line, the UPDATE's tag and its time.
declare -A times
rows=0
while read -r round kind updated ms; do
  rows=$updated
  printf 'round %d, %-6s columns: %s rows in %s ms\n' "$round" "$kind" "$rows" "$ms"
  times[$kind]+="$ms "
done < <(psql -X -v ON_ERROR_STOP=1 "$url" <<< "$script" | awk '
  /^[0-9]+ (every|narrow)$/ { head = $0; next }
  head != "" && /^UPDATE [0-9]+$/ { rows = $2; next }
  head != "" && rows != "" && /^Time: / { printf "%s %s %.0f\n", head, rows, $2; head = ""; rows = "" }')
(( rows > 0 )) || { echo "No row was updated (see psql's error above)."; exit 1; }
echo "GENERATED INPUTS: $rows professionals, rate changed; UPDATE ms with every data column: ${times[every]% }; without the generated columns' inputs: ${times[narrow]% }"
