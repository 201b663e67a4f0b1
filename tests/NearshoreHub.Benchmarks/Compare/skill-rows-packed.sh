#!/usr/bin/env bash
# What the packed list saves the import's skill-row statement (ImportSkillDiff.UpdateLevels) when a file changes one
# skill level of each changed professional, in three forms, timed by EXPLAIN ANALYZE, rotating which goes first, in one run:
#   lookups: every stored skill row looked up in the file's lists (three arrays: ids, levels, years; array_position, up
#            to three times; the statement until 2026-12-04);
#   packed:  one comparison with the list packed into bigints first (skill_packed, ImportSkillDiff.Pack), the lookups in
#            the three arrays left to the rows it does not list as they are (2026-12-04);
#   alone:   the packed list alone, the rest found in it by binary search (width_bucket), the three arrays no longer
#            staged (since 2026-12-05).
#
#   bash tests/NearshoreHub.Benchmarks/Compare/skill-rows-packed.sh [port] [rounds] [people]   # e.g. $(cat .data/postgres/port) 5 6250
#
# Each measurement is one transaction that is rolled back, followed by a VACUUM of the skill rows, so the database is
# left as it was: it stages the first [people] professionals by id (default 6,250, a chunk of the import's size for a
# 50,000-row file) as the import stages a chunk (import_changes, the first skill's level changed), takes a checkpoint
# and runs the statement. Needs a started cluster with at least that many professionals (the README's database has
# 20,000 demo ones; the default port is its own) and psql.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
port=${1:-$(cat .data/postgres/port 2> /dev/null || true)}
rounds=${2:-5}
people=${3:-6250}
[ -n "$port" ] || { echo "No port given and no .data/postgres/port: start the app once with the README's command."; exit 1; }
url="host=127.0.0.1 port=$port user=postgres dbname=nearshorehub"

position='array_position(x.skill_ids, s.skill_id)'
declare -A where
where[lookups]="$position IS NOT NULL
  AND (s.level, s.years) IS DISTINCT FROM (x.skill_levels[$position], x.skill_years[$position])"
where[packed]="CASE WHEN ((s.skill_id::bigint << 32) | (s.level::bigint << 16) | s.years::bigint) = ANY(x.skill_packed) THEN false
  ELSE $position IS NOT NULL AND (s.level, s.years) IS DISTINCT FROM (x.skill_levels[$position], x.skill_years[$position]) END"
listed='x.skill_packed[width_bucket((s.skill_id::bigint << 32) | 4294967295, x.skill_packed)]'
where[alone]="CASE WHEN ((s.skill_id::bigint << 32) | (s.level::bigint << 16) | s.years::bigint) = ANY(x.skill_packed) THEN false
  ELSE ($listed >> 32) = s.skill_id END"
declare -A set
set[lookups]="level = x.skill_levels[$position], years = x.skill_years[$position]"
set[packed]="${set[lookups]}"
set[alone]="level = (($listed >> 16) & 65535)::smallint, years = ($listed & 65535)::smallint"

# One measurement of a form: prints "<update ms> <skill rows updated>".
measure() {
  psql -qAtX -v ON_ERROR_STOP=1 "$url" <<SQL | awk '
    /Update on professional_skills/ { match($0, /actual time=[0-9.]+\.\.[0-9.]+/); split(substr($0, RSTART + 12, RLENGTH - 12), t, "\\.\\."); update = t[2] }
    /->  Nested Loop/ { match($0, /rows=[0-9]+/); rows = substr($0, RSTART + 5, RLENGTH - 5) }
    END { printf "%.0f %d\n", update, rows }'
SET jit = off;
BEGIN;
CREATE TEMP TABLE import_changes ON COMMIT DROP AS
  SELECT s.professional_id AS id, true AS skills_differ, array_agg(s.skill_id ORDER BY s.skill_id) AS skill_ids,
         array_agg(CASE WHEN s.skill_id = first.skill_id THEN (s.level % 5 + 1) ELSE s.level END::smallint ORDER BY s.skill_id) AS skill_levels,
         array_agg(s.years ORDER BY s.skill_id) AS skill_years,
         array_agg((s.skill_id::bigint << 32) | ((CASE WHEN s.skill_id = first.skill_id THEN (s.level % 5 + 1) ELSE s.level END)::bigint << 16)
                   | s.years::bigint ORDER BY s.skill_id) AS skill_packed
  FROM (SELECT id FROM professionals ORDER BY id LIMIT $people) c
  JOIN professional_skills s ON s.professional_id = c.id
  JOIN LATERAL (SELECT min(skill_id) AS skill_id FROM professional_skills WHERE professional_id = c.id) first ON true
  GROUP BY s.professional_id;
ANALYZE import_changes;
CHECKPOINT;
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = off;
EXPLAIN (ANALYZE, COSTS OFF)
UPDATE professional_skills s SET ${set[$1]}
FROM import_changes x
WHERE x.skills_differ AND s.professional_id = x.id AND ${where[$1]};
ROLLBACK;
VACUUM professional_skills;
SQL
}

declare -A updates
for round in $(seq 1 "$rounds"); do
  # Rotating which goes first, so none always meets the pages another left.
  case $(( round % 3 )) in
    1) forms="lookups packed alone" ;;
    2) forms="packed alone lookups" ;;
    0) forms="alone lookups packed" ;;
  esac
  for form in $forms; do
    read -r update rows < <(measure "$form")
    (( rows > 0 )) || { echo "$form: the statement updated no row (see psql's error above)"; exit 1; }
    printf '[%s] round %d, %-7s: %d skill rows updated in %d ms\n' "$(date +%H:%M:%S)" "$round" "$form" "$rows" "$update"
    updates[$form]+="$update "
  done
done
echo "SKILL ROWS PACKED: one skill of $people professionals changed; update ms, every row looked up: ${updates[lookups]% }; packed list first: ${updates[packed]% }; packed list alone: ${updates[alone]% }"
