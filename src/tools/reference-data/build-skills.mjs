// Builds the skills reference data:
//   src/NearshoreHub.Web/Data/Reference/skills.json           (catalogue)
//   src/NearshoreHub.Web/Data/Reference/skill-relations.json  (related skills, by slug)
//   src/NearshoreHub.Web/Data/Reference/skill-mix.json        (demo-data role profiles)
//
//   cd src/tools/reference-data && npm ci && node build-skills.mjs
//
// Inputs (all in this folder):
//   curated-skills.json     - which GitHub Linguist languages to take (package `linguist-languages`,
//                             MIT) plus hand-curated frameworks, databases, cloud, tools, practices
//   curated-relations.json  - [a, b, similarity] pairs
//   curated-skill-mix.json  - role profiles, seniority / English distributions
//
// Rules enforced (the script exits non-zero on violation):
//   * category is one of language, framework, database, cloud, tool, practice
//   * slug matches ^[a-z0-9]+(-[a-z0-9]+)*$ and is unique
//   * names are unique case-insensitively; no name equals another skill's slug
//   * aliases are lower-case, trimmed, deduplicated, never equal to the skill's own name (dropped
//     silently); the skill's own slug is added as an alias when it differs from the hyphenated
//     name (csharp, cpp, dotnet, nextjs...); aliases are globally unique case-insensitively: an alias may not equal
//     any other skill's name, slug or alias. Curated aliases that collide are an error; Linguist
//     aliases that collide are dropped and reported (curated entries win).
//   * Linguist entries must exist in the package and be of type "programming".
//   * relations: both slugs exist, a != b, 0 < similarity < 1, each unordered pair once.
//   * skill mix: every slug exists, shares and distributions sum to 1, rate ranges are ordered.
// Output is deterministic (sorted catalogue, stable key order, 2-space JSON, trailing newline).

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = resolve(here, '../../NearshoreHub.Web/Data/Reference');
const readJson = (f) => JSON.parse(readFileSync(join(here, f), 'utf8'));

const linguistModule = require('linguist-languages');
const linguist = linguistModule.default ?? linguistModule;
const linguistVersion = readJson('node_modules/linguist-languages/package.json').version;

const CATEGORIES = ['language', 'framework', 'database', 'cloud', 'tool', 'practice'];
const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const errors = [];
const notes = [];
const fail = (m) => errors.push(m);

function slugify(name) {
  return name.toLowerCase()
    .replace(/\+\+/g, 'pp').replace(/#/g, 'sharp')
    .replace(/^\.net/, 'dotnet').replace(/\.js\b/g, 'js').replace(/\./g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
const norm = (s) => s.trim().replace(/\s+/g, ' ').toLowerCase();

// ---------- collect ----------
const curated = readJson('curated-skills.json');
const globalExcluded = new Set((curated.linguistExcludedAliasesEverywhere ?? []).map(norm));
const skills = []; // {name, slug, category, curatedAliases:[], linguistAliases:[], source}

const seenLinguist = new Set();
for (const inc of curated.linguist) {
  const lang = linguist[inc.name];
  if (!lang) { fail(`Linguist language not found: ${inc.name}`); continue; }
  if (lang.type !== 'programming') { fail(`Linguist language ${inc.name} is of type ${lang.type}, not programming`); continue; }
  if (seenLinguist.has(inc.name)) { fail(`Linguist language listed twice: ${inc.name}`); continue; }
  seenLinguist.add(inc.name);
  const name = inc.name_override ?? lang.name;
  const excluded = new Set([...(inc.excludeAliases ?? []).map(norm)]);
  const linguistAliases = [...(lang.aliases ?? [])].map(norm).filter((a) => !globalExcluded.has(a) && !excluded.has(a));
  if (name !== lang.name) linguistAliases.push(norm(lang.name));
  skills.push({ name, slug: inc.slug ?? slugify(name), category: 'language', curatedAliases: (inc.aliases ?? []).map(norm), linguistAliases, source: 'linguist' });
}
for (const s of curated.skills) {
  skills.push({ name: s.name, slug: s.slug ?? slugify(s.name), category: s.category, curatedAliases: (s.aliases ?? []).map(norm), linguistAliases: [], source: 'curated' });
}

// ---------- validate names / slugs ----------
const owner = new Map(); // lower-case key (name, slug or alias) -> skill
const claim = (key, skill) => {
  const o = owner.get(key);
  if (o && o !== skill) return o;
  owner.set(key, skill);
  return null;
};
const slugs = new Set();
for (const s of skills) {
  if (!CATEGORIES.includes(s.category)) fail(`${s.name}: bad category ${s.category}`);
  if (!SLUG_RE.test(s.slug)) fail(`${s.name}: bad slug ${s.slug}`);
  if (slugs.has(s.slug)) fail(`duplicate slug ${s.slug}`);
  slugs.add(s.slug);
  if (!s.name || s.name !== s.name.trim()) fail(`bad name '${s.name}'`);
}
for (const s of skills) {
  const o = claim(norm(s.name), s);
  if (o) fail(`name '${s.name}' collides with ${o.name}`);
}
for (const s of skills) {
  const o = claim(s.slug, s);
  if (o) fail(`slug '${s.slug}' of ${s.name} collides with ${o.name}`);
}
// ---------- aliases ----------
for (const s of skills) s.aliases = new Set();
// A skill's own name is never an alias. Its own slug is an alias only when it is not just the name
// with spaces turned into hyphens (so "csharp", "cpp", "dotnet", "nextjs" are accepted as input).
const own = (s, a) => a === norm(s.name) || (a === s.slug && s.slug === norm(s.name).replace(/ /g, '-'));
const slugIsUsefulAlias = (s) => s.slug !== norm(s.name).replace(/ /g, '-') && s.slug !== norm(s.name);
for (const s of skills) {
  for (const a of s.curatedAliases) {
    if (!a) { fail(`${s.name}: empty alias`); continue; }
    if (own(s, a)) continue;
    const o = claim(a, s);
    if (o) fail(`curated alias '${a}' of ${s.name} collides with ${o.name}`);
    else s.aliases.add(a);
  }
}
for (const s of skills) if (slugIsUsefulAlias(s)) s.aliases.add(s.slug); // slug already claimed by s
for (const s of skills) {
  for (const a of s.linguistAliases) {
    if (!a || own(s, a) || s.aliases.has(a)) continue;
    const o = claim(a, s);
    if (o) notes.push(`dropped Linguist alias '${a}' of ${s.name} (taken by ${o.name})`);
    else s.aliases.add(a);
  }
}

const catIndex = (c) => CATEGORIES.indexOf(c);
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const catalogue = skills
  .map((s) => ({ name: s.name, slug: s.slug, category: s.category, aliases: [...s.aliases].sort(cmp) }))
  .sort((a, b) => catIndex(a.category) - catIndex(b.category) || cmp(a.slug, b.slug));
const bySlug = new Map(catalogue.map((s) => [s.slug, s]));

// ---------- relations ----------
const relSrc = readJson('curated-relations.json');
const relations = [];
const pairSeen = new Set();
for (const [a, b, similarity] of relSrc.pairs) {
  if (!bySlug.has(a)) fail(`relation: unknown slug ${a}`);
  if (!bySlug.has(b)) fail(`relation: unknown slug ${b}`);
  if (a === b) fail(`relation: self pair ${a}`);
  if (!(typeof similarity === 'number' && similarity > 0 && similarity < 1)) fail(`relation ${a}-${b}: similarity ${similarity} not in (0,1)`);
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  if (pairSeen.has(key)) fail(`relation listed twice: ${a} - ${b}`);
  pairSeen.add(key);
  relations.push({ a, b, similarity });
}

// ---------- skill mix ----------
const mixSrc = readJson('curated-skill-mix.json');
const SENIORITIES = ['junior', 'mid', 'senior', 'lead'];
const CEFR = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
const sumIs1 = (label, values) => {
  const sum = values.reduce((x, y) => x + y, 0);
  if (Math.abs(sum - 1) > 1e-9) fail(`${label} sums to ${sum}, not 1`);
};
const checkKeys = (label, obj, keys) => {
  const got = Object.keys(obj ?? {});
  if (got.length !== keys.length || keys.some((k) => !(k in obj))) fail(`${label}: expected keys ${keys.join(',')}, got ${got.join(',')}`);
};
checkKeys('seniorityDistribution', mixSrc.seniorityDistribution, SENIORITIES);
checkKeys('englishDistribution', mixSrc.englishDistribution, CEFR);
checkKeys('seniorityLabels', mixSrc.seniorityLabels, SENIORITIES);
checkKeys('skillLevelBySeniority', mixSrc.skillLevelBySeniority, SENIORITIES);
checkKeys('yearsBySeniority', mixSrc.yearsBySeniority, SENIORITIES);
sumIs1('seniorityDistribution', SENIORITIES.map((k) => mixSrc.seniorityDistribution[k]));
sumIs1('englishDistribution', CEFR.map((k) => mixSrc.englishDistribution[k]));
sumIs1('role shares', mixSrc.roles.map((r) => r.share));
const range = (label, [min, max], lo, hi) => {
  if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max && min >= lo && max <= hi)) fail(`${label}: bad range [${min}, ${max}]`);
  return { min, max };
};
const roleIds = new Set();
const roles = mixSrc.roles.map((r) => {
  if (roleIds.has(r.id)) fail(`duplicate role id ${r.id}`);
  roleIds.add(r.id);
  if (!r.headline?.includes('{seniority}')) fail(`role ${r.id}: headline lacks {seniority}`);
  const core = [...r.core];
  const seen = new Set();
  for (const s of core) {
    if (!bySlug.has(s)) fail(`role ${r.id}: unknown core slug ${s}`);
    if (seen.has(s)) fail(`role ${r.id}: duplicate ${s}`);
    seen.add(s);
  }
  const optional = r.optional.map(([skill, probability]) => {
    if (!bySlug.has(skill)) fail(`role ${r.id}: unknown optional slug ${skill}`);
    if (seen.has(skill)) fail(`role ${r.id}: duplicate ${skill}`);
    seen.add(skill);
    if (!(probability > 0 && probability <= 1)) fail(`role ${r.id}: probability of ${skill} = ${probability}`);
    return { skill, probability };
  });
  checkKeys(`role ${r.id} hourlyRateUsd`, r.hourlyRateUsd, SENIORITIES);
  const hourlyRateUsd = Object.fromEntries(SENIORITIES.map((k) => [k, range(`role ${r.id} rate ${k}`, r.hourlyRateUsd[k], 5, 250)]));
  return { id: r.id, name: r.name, share: r.share, headline: r.headline, coreSkills: core, optionalSkills: optional, hourlyRateUsd };
});
const skillMix = {
  seniorityDistribution: Object.fromEntries(SENIORITIES.map((k) => [k, mixSrc.seniorityDistribution[k]])),
  seniorityLabels: Object.fromEntries(SENIORITIES.map((k) => [k, mixSrc.seniorityLabels[k]])),
  englishDistribution: Object.fromEntries(CEFR.map((k) => [k, mixSrc.englishDistribution[k]])),
  skillLevelBySeniority: Object.fromEntries(SENIORITIES.map((k) => [k, range(`level ${k}`, mixSrc.skillLevelBySeniority[k], 1, 5)])),
  yearsBySeniority: Object.fromEntries(SENIORITIES.map((k) => [k, range(`years ${k}`, mixSrc.yearsBySeniority[k], 0, 50)])),
  roles,
};

// ---------- report / write ----------
for (const n of notes) console.log(`note: ${n}`);
if (errors.length) {
  for (const e of errors) console.error(`error: ${e}`);
  console.error(`${errors.length} error(s); nothing written`);
  process.exit(1);
}
mkdirSync(OUT_DIR, { recursive: true });
const write = (file, data) => writeFileSync(join(OUT_DIR, file), JSON.stringify(data, null, 2) + '\n', 'utf8');
write('skills.json', catalogue);
write('skill-relations.json', relations);
write('skill-mix.json', skillMix);

const perCat = Object.fromEntries(CATEGORIES.map((c) => [c, catalogue.filter((s) => s.category === c).length]));
console.log(`linguist-languages ${linguistVersion}: ${seenLinguist.size} languages taken`);
console.log(`skills: ${catalogue.length} (${CATEGORIES.map((c) => `${c} ${perCat[c]}`).join(', ')}); aliases: ${catalogue.reduce((n, s) => n + s.aliases.length, 0)}`);
console.log(`relations: ${relations.length}`);
console.log(`skill mix: ${roles.length} roles`);
