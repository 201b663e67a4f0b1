// The README's walk-through written against the types openapi-typescript generates from the served document
// (out/ts/api.d.ts), compiled with tsc --strict and run with node (18 or later: its fetch) against the real app by
// TypeScriptJourneyTests: node out/ts/js/journey.js <base-url> <admin-email> <admin-password>.
// No casts: every body is typed by the document and every value read is checked. Each answer is printed as one
// "ANSWER {json}" line so the test can check it against the document too. Exits 1 on the first failed check.
import type { components, paths } from "../out/ts/api";

// Node's own globals, without depending on @types/node for three names.
declare const process: { argv: string[]; exitCode: number | undefined };

type S = components["schemas"];
type Headers = Record<string, string>;
type Ok<P extends keyof paths, M extends "get" | "post"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer R } } } | { 201: { content: { "application/json": infer R } } };
}
  ? R
  : never;

function check(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error("check failed: " + what);
  }
}

function equal<T>(actual: T, expected: T, what: string): void {
  check(actual === expected, `${what}: expected ${String(expected)}, got ${String(actual)}`);
}

async function exchange(base: string, method: string, path: string, headers: Headers, body?: unknown): Promise<{ response: Response; text: string }> {
  const init: RequestInit = { method, headers: body === undefined ? headers : { ...headers, "Content-Type": "application/json" } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  const response = await fetch(base + path, init);
  const text = await response.text();
  const headerNames: string[] = [];
  response.headers.forEach((_, name) => headerNames.push(name));
  console.log("ANSWER " + JSON.stringify({
    method: method.toLowerCase(), path: new URL(base + path).pathname, status: response.status,
    mediaType: (response.headers.get("content-type") ?? "").split(";")[0] || null, body: text, headers: headerNames,
  }));
  return { response, text };
}

async function send<T>(base: string, method: string, path: string, headers: Headers, body?: unknown): Promise<T> {
  const { response, text } = await exchange(base, method, path, headers, body);
  if (!response.ok) {
    const problem: S["ProblemDetails"] = JSON.parse(text);
    throw new Error(`${method} ${path}: ${problem.status ?? response.status} ${problem.title ?? ""} ${text}`);
  }
  const answer: T = JSON.parse(text);
  return answer;
}

async function csv(base: string, path: string, headers: Headers): Promise<string> {
  const { response, text } = await exchange(base, "GET", path, headers);
  equal(response.status, 200, `GET ${path} status`);
  check((response.headers.get("content-type") ?? "").startsWith("text/csv"), `GET ${path} is text/csv`);
  return text;
}

export async function journey(base: string, email: string, password: string): Promise<void> {
  const login: S["LoginRequest"] = { email, password };
  const token = await send<Ok<"/api/v1/auth/login", "post">>(base, "POST", "/api/v1/auth/login", {}, login);
  check(token.accessToken.length > 0 && token.expiresIn > 0, "login answers a token");
  const staff: Headers = { Authorization: `Bearer ${token.accessToken}` };

  const companyRequest: S["CompanyRequest"] = { name: "Acme TypeScript", timeZone: "America/New_York" };
  const idempotencyKey = `ts-journey-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const company: S["Company"] = await send(base, "POST", "/api/v1/companies", { ...staff, "Idempotency-Key": idempotencyKey }, companyRequest);
  equal(company.name, "Acme TypeScript", "company name");
  equal(company.timeZone, "America/New_York", "company time zone");
  const keyRequest: S["ApiKeyRequest"] = { name: "ts-backend" };
  const key: S["CreatedApiKey"] = await send(base, "POST", `/api/v1/companies/${company.id}/api-keys`, staff, keyRequest);
  equal(key.name, "ts-backend", "key name");
  check(key.key.length > 0 && key.prefix.length > 0, "key and prefix");
  const asCompany: Headers = { "X-Api-Key": key.key };

  const professionalRequest: S["ProfessionalRequest"] = {
    fullName: "Carla Typescript", email: "carla.ts@contract.example", headline: "Senior .NET engineer", country: "BR", city: "Recife",
    cityPopulation: 1600000, isRural: false, timeZone: "America/Recife", workingHours: { start: "09:00", end: "18:00" },
    workingDays: ["Mon", "Tue", "Wed", "Thu", "Fri"], skills: [{ skill: "csharp", level: 5, years: 8 }],
    englishLevel: "C1", seniority: "senior", hourlyRateUsd: 45, availableFrom: "2027-02-01", hoursPerWeek: 40,
  };
  const professional: S["Professional"] = await send(base, "POST", "/api/v1/professionals", staff, professionalRequest);
  const professionalEnglish: S["EnglishLevel"] | null = professional.englishLevel;
  equal(professionalEnglish, "C1", "professional English level");
  const citySize: S["CitySize"] | null = professional.citySize;
  equal(citySize, "metro", "professional city size");
  const professionalStatus: S["ProfessionalStatus"] = professional.status;
  equal(professionalStatus, "active", "professional status");

  const projectRequest: S["ProjectRequest"] = {
    title: "Payments API", timeZone: "America/New_York", coreHours: { start: "09:00", end: "17:00" }, minOverlapHours: 5,
    startDate: "2027-03-01", durationWeeks: 12,
    skills: [{ skill: "csharp", minLevel: 4, required: true }, { skill: "postgres", minLevel: 3, required: false }],
    minEnglishLevel: "B2", hourlyBudgetUsd: { min: 30, max: 60 },
  };
  const project: S["Project"] = await send(base, "POST", "/api/v1/projects", asCompany, projectRequest);
  const status: S["ProjectStatus"] = project.status;
  equal(status, "open", "project status");
  const english: S["EnglishLevel"] | null = project.minEnglishLevel;
  equal(english, "B2", "project minimum English level");
  const seniority: S["Seniority"] | null = project.seniority;
  equal(seniority, null, "project seniority");
  equal(project.hourlyBudgetUsd?.max, 60, "project budget max");
  equal(project.weights, null, "project weights");
  equal(project.companyId, company.id, "project company");
  equal(project.durationWeeks, 12, "project duration");
  const open: S["ProjectPage"] = await send(base, "GET", "/api/v1/projects?status=open&limit=10", asCompany);
  check(open.items.some(p => p.id === project.id && p.status === "open"), "the open project is listed under ?status=open");

  const matches: S["MatchesResponse"] = await send(base, "GET", `/api/v1/projects/${project.id}/matches?limit=10`, staff);
  equal(matches.projectId, project.id, "matches project");
  const match: S["MatchItem"] | undefined = matches.items.find(m => m.professional.fullName === "Carla Typescript");
  check(match !== undefined, "Carla matches");
  equal(match?.professional.citySize, "metro", "match city size");
  const reportRequest: S["CreateMatchReportRequest"] = { limit: 10 };
  const report: S["MatchReport"] = await send(base, "POST", `/api/v1/projects/${project.id}/match-reports`, staff, reportRequest);
  const pending: S["ReviewStatus"] = report.review.status;
  equal(pending, "pendingReview", "new report review status");
  equal(report.review.reviewedAt, null, "new report reviewedAt");
  const decision: S["ReviewDecision"] = "approved";
  const review: S["ReviewRequest"] = { decision, notes: "Agreed with the client." };
  const reviewed: S["MatchReport"] = await send(base, "POST", `/api/v1/match-reports/${report.id}/review`, staff, review);
  const reviewStatus: S["ReviewStatus"] = reviewed.review.status;
  equal(reviewStatus, "approved", "reviewed report status");
  check(reviewed.review.reviewedAt !== null, "reviewed report has reviewedAt");

  const readBack: S["Company"] = await send(base, "GET", `/api/v1/companies/${company.id}`, staff);
  equal(readBack.name, "Acme TypeScript", "company read back");
  const overlap: S["OverlapToolResponse"] = await send(base, "GET",
    "/api/v1/tools/overlap?clientTimeZone=America/New_York&clientStart=09:00&clientEnd=17:00" +
    "&professionalTimeZone=America/Sao_Paulo&professionalStart=09:00&professionalEnd=18:00&from=2027-03-01&weeks=4", {});
  check(overlap.days.length > 0 && overlap.averageHours > 0, "overlap days and hours");
  const search: S["ProfessionalPage"] = await send(base, "GET", "/api/v1/professionals?skills=csharp&minEnglish=B2&limit=5", staff);
  const found: S["Professional"] | undefined = search.items.find(p => p.fullName === "Carla Typescript");
  check(found !== undefined, "search finds Carla");
  equal(found?.englishLevel, "C1", "search result English level");

  const reportCsv = await csv(base, `/api/v1/match-reports/${report.id}/export`, asCompany);
  check(reportCsv.includes("Carla Typescript"), "report export names Carla");
  const exported = await csv(base, "/api/v1/professionals/export?skills=csharp", staff);
  check(exported.includes("carla.ts@contract.example"), "professionals export lists Carla");
}

const [base, email, password] = process.argv.slice(2);
if (base !== undefined && email !== undefined && password !== undefined) {
  journey(base, email, password).then(
    () => console.log("JOURNEY OK"),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack ?? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
