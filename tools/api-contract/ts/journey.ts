// The README's walk-through written against the types openapi-typescript generates from the served document
// (out/api.d.ts). Compiled with tsc --strict by OpenApiLintTests; no casts: every body and answer is checked.
import type { components, paths } from "../out/api";

type S = components["schemas"];
type Headers = Record<string, string>;

async function send<T>(base: string, method: string, path: string, headers: Headers, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { ...headers, "Content-Type": "application/json" } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  const response = await fetch(base + path, init);
  if (!response.ok) {
    const problem: S["ProblemDetails"] = await response.json();
    throw new Error(`${method} ${path}: ${problem.status ?? response.status} ${problem.title ?? ""}`);
  }
  const answer: T = await response.json();
  return answer;
}

type Ok<P extends keyof paths, M extends "get" | "post"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer R } } } | { 201: { content: { "application/json": infer R } } };
}
  ? R
  : never;

export async function journey(base: string, email: string, password: string): Promise<string> {
  const login: S["LoginRequest"] = { email, password };
  const token = await send<Ok<"/api/v1/auth/login", "post">>(base, "POST", "/api/v1/auth/login", {}, login);
  const staff: Headers = { Authorization: `Bearer ${token.accessToken}` };

  const companyRequest: S["CompanyRequest"] = { name: "Acme Payments", timeZone: "America/New_York" };
  const company: S["Company"] = await send(base, "POST", "/api/v1/companies", { ...staff, "Idempotency-Key": crypto.randomUUID() }, companyRequest);
  const keyRequest: S["ApiKeyRequest"] = { name: "acme-backend" };
  const key: S["CreatedApiKey"] = await send(base, "POST", `/api/v1/companies/${company.id}/api-keys`, staff, keyRequest);
  const asCompany: Headers = { "X-Api-Key": key.key };

  const projectRequest: S["ProjectRequest"] = {
    title: "Payments API",
    timeZone: "America/New_York",
    coreHours: { start: "09:00", end: "17:00" },
    minOverlapHours: 5,
    startDate: "2027-03-01",
    durationWeeks: 12,
    skills: [
      { skill: "csharp", minLevel: 4, required: true },
      { skill: "postgres", minLevel: 3, required: false },
    ],
    minEnglishLevel: "B2",
    hourlyBudgetUsd: { min: 30, max: 60 },
  };
  const project: S["Project"] = await send(base, "POST", "/api/v1/projects", asCompany, projectRequest);
  const status: S["ProjectStatus"] = project.status;
  const english: S["EnglishLevel"] | null = project.minEnglishLevel;

  const matches: S["MatchesResponse"] = await send(base, "GET", `/api/v1/projects/${project.id}/matches?limit=10`, staff);
  const reportRequest: S["CreateMatchReportRequest"] = { limit: 10 };
  const report: S["MatchReport"] = await send(base, "POST", `/api/v1/projects/${project.id}/match-reports`, staff, reportRequest);
  const review: S["ReviewRequest"] = { decision: "approved", notes: "Agreed with the client." };
  const reviewed: S["MatchReport"] = await send(base, "POST", `/api/v1/match-reports/${report.id}/review`, staff, review);
  const reviewStatus: S["ReviewStatus"] = reviewed.review.status;

  const readBack: S["Company"] = await send(base, "GET", `/api/v1/companies/${company.id}`, staff);
  const overlap: S["OverlapToolResponse"] = await send(base, "GET",
    "/api/v1/tools/overlap?clientTimeZone=America/New_York&clientStart=09:00&clientEnd=17:00" +
    "&professionalTimeZone=America/Sao_Paulo&professionalStart=09:00&professionalEnd=18:00&from=2027-03-01&weeks=4", {});
  const search: S["ProfessionalPage"] = await send(base, "GET", "/api/v1/professionals?skills=csharp&limit=5", staff);
  const first: S["Professional"] | undefined = search.items[0];

  const csv = await fetch(`${base}/api/v1/match-reports/${report.id}/export`, { headers: asCompany });
  const rows = (await csv.text()).split("\n").length;
  return [status, english ?? "-", matches.items.length, reviewStatus, readBack.name, overlap.days.length, first?.fullName ?? "-", rows].join(" ");
}
