// Builds src/NearshoreHub.Web/Data/Reference/holidays.csv from the `date-holidays` npm package
// (code ISC, holiday data CC BY-SA 3.0, by commenthol and contributors; see ATTRIBUTION.md).
//
//   cd src/tools/reference-data && npm ci && node build-holidays.mjs
//
// Output: country,date,name (UTF-8, sorted by country then date). Deterministic: the same package
// version gives a byte-identical file.
//
// Selection (product spec section 9: nationwide statutory days off, on the date they are observed)
//   * Countries: US (federal) and the 18 Latin American countries below; years 2024-2035.
//   * Only the package's `public` type: its `bank`, `school`, `optional` and `observance` days are
//     left out (so Brazil's Carnival and Corpus Christi, "ponto facultativo", are not included).
//   * Only whole days off: a public day that starts after midnight (Guatemala's Christmas Eve and
//     New Year's Eve afternoons) is left out; a multi-day entry gives one row per date.
//   * US federal holidays (5 U.S.C. 6103) are given on the date they are observed: one on a Saturday
//     is observed on the Friday before, one on a Sunday on the Monday after (so New Year's Day 2028
//     is observed on 2027-12-31). The rule is applied here to every federal holiday, because the
//     package gives substitute days for some of them only; its substitutes are ignored for the US.
//     "Labour Day" is spelled "Labor Day" as in the statute.
//   * Elsewhere the package's substitute days (Panama's Monday after a Sunday holiday) are kept
//     under the holiday's own name, beside the original date.
//   * Two holidays on one date are one row, names joined with " / ".
import Holidays from 'date-holidays';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const COUNTRIES = ['US', 'AR', 'BO', 'BR', 'CL', 'CO', 'CR', 'DO', 'EC', 'GT', 'HN', 'MX', 'NI', 'PA', 'PE', 'PY', 'SV', 'UY', 'VE'];
const FIRST_YEAR = 2024;
const LAST_YEAR = 2035;
const SUBSTITUTE = / \(substitute day\)$/;

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'NearshoreHub.Web', 'Data', 'Reference', 'holidays.csv');

const pad = (n) => String(n).padStart(2, '0');
const addDays = (ymd, n) => {
  const d = new Date(Date.UTC(+ymd.slice(0, 4), +ymd.slice(5, 7) - 1, +ymd.slice(8, 10) + n));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};
const weekday = (ymd) => new Date(Date.UTC(+ymd.slice(0, 4), +ymd.slice(5, 7) - 1, +ymd.slice(8, 10))).getUTCDay();
const observedUs = (ymd) => (weekday(ymd) === 6 ? addDays(ymd, -1) : weekday(ymd) === 0 ? addDays(ymd, 1) : ymd);
const csv = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const rows = [];
for (const country of COUNTRIES) {
  const hd = new Holidays(country, { languages: ['en'], types: ['public'] });
  const byDate = new Map();
  for (let year = FIRST_YEAR - 1; year <= LAST_YEAR + 1; year++) {
    for (const h of hd.getHolidays(year)) {
      if (h.type !== 'public' || !h.date.endsWith(' 00:00:00')) continue;
      let name = h.name.replace(SUBSTITUTE, '').trim();
      if (country === 'US' && name === 'Labour Day') name = 'Labor Day';
      const first = h.date.slice(0, 10);
      // Whole local days covered by [start, end): the package gives the length in its zone.
      const days = Math.max(1, Math.round((h.end - h.start) / 86_400_000));
      if (country === 'US' && h.substitute) continue;
      for (let k = 0; k < days; k++) {
        const date = country === 'US' ? observedUs(addDays(first, k)) : addDays(first, k);
        const names = byDate.get(date) ?? [];
        if (!names.some((n) => n.name === name)) names.push({ name, substitute: !!h.substitute });
        byDate.set(date, names);
      }
    }
  }
  for (const [date, names] of byDate) {
    const year = +date.slice(0, 4);
    if (year < FIRST_YEAR || year > LAST_YEAR) continue;
    rows.push({ country, date, name: names.map((n) => n.name).join(' / ') });
  }
}

rows.sort((a, b) => (a.country === b.country ? (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) : a.country < b.country ? -1 : 1));
const text = ['country,date,name', ...rows.map((r) => `${r.country},${r.date},${csv(r.name)}`)].join('\n') + '\n';
writeFileSync(out, text);
console.log(`wrote ${rows.length} holidays for ${COUNTRIES.length} countries to ${out}`);
