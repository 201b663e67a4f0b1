#!/usr/bin/env bash
# What the free fifth of professional_skills' pages (fillfactor 80, ProfessionalSkillConfiguration) saves when an import
# changes one skill of each changed professional: the import's skill-row statement (ImportSkillDiff as it was until
# 2026-12-04, every stored row looked up in the file's list; it compares a packed list first now, skill-rows-packed.sh),
# timed by EXPLAIN ANALYZE against pages written full (fillfactor 100) and with a fifth left free, alternating, in one run.
#
#   bash tests/NearshoreHub.Benchmarks/Compare/skill-rows-in-place.sh [port] [rounds]   # e.g. $(cat .data/postgres/port) 3
#
# Each measurement is one transaction that is rolled back, so the database is left as it was: it sets the table's
# fillfactor, copies 50,000 stored professionals with their skill rows (new ids and emails, the way an import writes
# them), stages 16,384 of them as the import stages a chunk (import_changes, the first skill's level raised), takes a
# checkpoint (the import benchmark takes one before each import) and runs the statement. Needs a started cluster with at
# least 17,000 professionals (the README's database has 20,000 demo ones; the default port is its own) and psql.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
port=${1:-$(cat .data/postgres/port 2> /dev/null || true)}
rounds=${2:-3}
[ -n "$port" ] || { echo "No port given and no .data/postgres/port: start the app once with the README's command."; exit 1; }
url="host=127.0.0.1 port=$port user=postgres dbname=nearshorehub"

# One measurement with fillfactor $1: prints "<update ms> <WAL bytes> <skill rows updated>".
measure() {
  psql -qAtX -v ON_ERROR_STOP=1 "$url" <<SQL | awk '
    /Update on professional_skills/ { match($0, /actual time=[0-9.]+\.\.[0-9.]+/); split(substr($0, RSTART + 12, RLENGTH - 12), t, "\\.\\."); update = t[2] }
    /^ *WAL: / { match($0, /bytes=[0-9]+/); wal = substr($0, RSTART + 6, RLENGTH - 6) }
    /->  Nested Loop/ { match($0, /rows=[0-9]+/); rows = substr($0, RSTART + 5, RLENGTH - 5) }
    END { printf "%.0f %d %d\n", update, wal, rows }'
SET jit = off;
ALTER TABLE professional_skills SET (fillfactor = $1);
BEGIN;
CREATE TEMP TABLE copies ON COMMIT DROP AS
  SELECT p.id AS source, ('ffffffff-0000-7000-8000-' || lpad(to_hex(row_number() OVER ()), 12, '0'))::uuid AS id
  FROM professionals p, generate_series(1, 3) LIMIT 50000;
INSERT INTO professionals (id, email, normalized_email, $columns)
  SELECT c.id, 'inplace.' || c.id || p.email, 'inplace.' || c.id || p.normalized_email, $source_columns
  FROM copies c JOIN professionals p ON p.id = c.source ORDER BY c.id;
SET LOCAL session_replication_role = replica;
INSERT INTO professional_skills (professional_id, skill_id, level, years) SELECT c.id, s.skill_id, s.level, s.years
  FROM copies c JOIN professional_skills s ON s.professional_id = c.source ORDER BY 1, 2;
COMMIT;
BEGIN;
CREATE TEMP TABLE import_changes ON COMMIT DROP AS
  SELECT s.professional_id AS id, array_agg(s.skill_id ORDER BY s.skill_id) AS skill_ids,
         array_agg(CASE WHEN s.skill_id = first.skill_id THEN (s.level % 5 + 1) ELSE s.level END::smallint ORDER BY s.skill_id) AS skill_levels,
         array_agg(s.years ORDER BY s.skill_id) AS skill_years
  FROM (SELECT id FROM professionals WHERE email LIKE 'inplace.%' ORDER BY id LIMIT 16384) c
  JOIN professional_skills s ON s.professional_id = c.id
  JOIN LATERAL (SELECT min(skill_id) AS skill_id FROM professional_skills WHERE professional_id = c.id) first ON true
  GROUP BY s.professional_id;
ANALYZE import_changes;
CHECKPOINT;
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = off;
EXPLAIN (ANALYZE, WAL, COSTS OFF)
UPDATE professional_skills s SET level = x.skill_levels[array_position(x.skill_ids, s.skill_id)],
                                 years = x.skill_years[array_position(x.skill_ids, s.skill_id)]
FROM import_changes x
WHERE s.professional_id = x.id AND array_position(x.skill_ids, s.skill_id) IS NOT NULL
  AND (s.level, s.years) IS DISTINCT FROM (x.skill_levels[array_position(x.skill_ids, s.skill_id)], x.skill_years[array_position(x.skill_ids, s.skill_id)]);
ROLLBACK;
DELETE FROM professionals WHERE email LIKE 'inplace.%';
VACUUM professionals, professional_skills;
SQL
}

# Every column the copies take from their source, as the import benchmark's floor lists them (generated ones excluded).
columns=$(psql -qAtX "$url" -c "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns
  WHERE table_schema = current_schema() AND table_name = 'professionals' AND is_generated = 'NEVER' AND column_name NOT IN ('id', 'email', 'normalized_email')")
source_columns=$(sed -E 's/([a-z_0-9]+)/p.\1/g' <<< "$columns")

# The table's own setting is put back however the run ends.
before=$(psql -qAtX "$url" -c "SELECT coalesce((SELECT option_value FROM pg_options_to_table((SELECT reloptions FROM pg_class WHERE relname = 'professional_skills')) WHERE option_name = 'fillfactor'), '100')")
trap 'psql -qAtX "$url" -c "ALTER TABLE professional_skills SET (fillfactor = $before)" > /dev/null' EXIT
psql -qAtX "$url" -c "DELETE FROM professionals WHERE email LIKE 'inplace.%'" > /dev/null

declare -A updates walbytes
for round in $(seq 1 "$rounds"); do
  for fillfactor in 100 80; do
    read -r update wal rows < <(measure "$fillfactor")
    (( rows > 0 )) || { echo "fillfactor $fillfactor: the statement updated no row (see psql's error above)"; exit 1; }
    printf '[%s] round %d, fillfactor %3d: %d skill rows updated in %d ms, WAL %d MB\n' \
      "$(date +%H:%M:%S)" "$round" "$fillfactor" "$rows" "$update" $((wal / 1048576))
    updates[$fillfactor]+="$update "
    walbytes[$fillfactor]+="$((wal / 1048576)) "
  done
done
echo "SKILL ROWS IN PLACE: one skill of 16,384 professionals changed; update ms, fillfactor 100: ${updates[100]% }; fillfactor 80: ${updates[80]% } (WAL MB ${walbytes[100]% } against ${walbytes[80]% })"
