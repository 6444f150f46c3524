/**
 * The fault matrix. Per scenario, every write route its action calls (measured by a clean probe run) gets each
 * HTTP-level fault; on top come the faults that are not one request: Postgres stuck in `creating` past the
 * wait limit, an object deleted out of band, a name already taken, and the process killed mid-apply.
 * Which call of a route fails and where the kill lands are drawn from the seed, so `--seed N` repeats a run.
 */
import type { FaultRule, HttpMethod } from "./emulatorAdmin";
import { caseSeed, seededRandom } from "./random";
import type { ScenarioId } from "./scenarios";

export type HttpFaultKind =
  | "burst429" | "error500" | "unavailable503" | "timeout" | "drop" | "commitThenError" | "commitThenTimeout";

export type FaultKind = HttpFaultKind | "postgresStuck" | "drift" | "nameConflict" | "kill";

/** What an out-of-band deletion or a name conflict targets. */
export type ObjectKind = "services" | "postgres" | "keyValue" | "customDomains";

export interface FaultCase {
  id: string;
  scenario: ScenarioId;
  kind: FaultKind;
  /** HTTP faults: the rule the emulator gets. */
  rule?: FaultRule;
  /** drift / nameConflict: which kind of object. */
  object?: ObjectKind;
  /** kill: the number of API writes after which the run is killed. */
  killAfterWrites?: number;
}

export interface RouteUse {
  method: HttpMethod;
  path: string;
  count: number;
}

/** What a clean probe of a scenario's action showed: the write routes it calls and how many writes in all. */
export interface ScenarioProbe {
  scenario: ScenarioId;
  writes: RouteUse[];
  totalWrites: number;
  /** Object kinds present after the setup (what drift can delete). */
  existing: ObjectKind[];
}

/** The per-request timeout chaos runs give the Render client (`RENDER_HTTP_TIMEOUT_MS`). */
export const CLIENT_TIMEOUT_MS = 3_000;
/** A "timeout" fault holds the request this long, then drops it unapplied: past the client's timeout. */
export const HUNG_MS = CLIENT_TIMEOUT_MS + 1_000;

export const HTTP_FAULT_KINDS: readonly HttpFaultKind[] = [
  "burst429", "error500", "unavailable503", "timeout", "drop", "commitThenError", "commitThenTimeout",
];

/**
 * What each write route gets: a 429 burst, a server error, a timeout, a dropped connection and a commit that
 * then fails. The client treats 500 and 503 alike, and an error after commit like a hang after commit (both
 * leave the object created and the answer lost), so the seed picks one of each pair per route; across seeds
 * every route meets both.
 */
export const FAULT_FAMILIES: readonly (readonly HttpFaultKind[])[] = [
  ["burst429"], ["error500", "unavailable503"], ["timeout"], ["drop"], ["commitThenError", "commitThenTimeout"],
];

/** The emulator rule for one HTTP fault kind on one route; `tag` makes the message traceable to its case. */
export function faultRule(kind: HttpFaultKind, route: RouteUse, skip: number, tag: string): FaultRule {
  const base = { method: route.method, path: route.path, skip };
  switch (kind) {
    case "burst429": return { ...base, status: 429, message: `rate limit exceeded (${tag})`, count: 3 };
    case "error500": return { ...base, status: 500, message: `internal server error (${tag})`, count: 1 };
    case "unavailable503": return { ...base, status: 503, message: `service unavailable (${tag})`, count: 2 };
    case "timeout": return { ...base, latencyMs: HUNG_MS, drop: true, count: 1 };
    case "drop": return { ...base, drop: true, count: 1 };
    case "commitThenError": return { ...base, commitThenFail: "error", message: `internal server error after commit (${tag})`, count: 1 };
    case "commitThenTimeout": return { ...base, commitThenFail: "timeout", count: 1 };
  }
}

function slug(route: RouteUse): string {
  const words = route.path.replace(/^\/v1\//, "").replace(/\{[^}]+\}/g, "").split("/").filter(Boolean);
  return `${route.method.toLowerCase()}-${words.join("-")}`;
}

export interface MatrixOptions {
  seed: number;
  /** Kill points per scenario. */
  kills: number;
}

/** Every case for the probed scenarios, in a stable order. */
export function buildFaultMatrix(probes: readonly ScenarioProbe[], opts: MatrixOptions): FaultCase[] {
  const cases: FaultCase[] = [];
  for (const probe of probes) {
    for (const route of probe.writes) {
      for (const family of FAULT_FAMILIES) {
        const base = `${probe.scenario}-${slug(route)}`;
        const kind = family[seededRandom(caseSeed(opts.seed, `${base}-${family.join("|")}`)).int(0, family.length - 1)];
        const id = `${base}-${kind}`;
        const skip = seededRandom(caseSeed(opts.seed, id)).int(0, route.count - 1);
        cases.push({ id, scenario: probe.scenario, kind, rule: faultRule(kind, route, skip, id) });
      }
    }
    if (probe.scenario === "fresh") {
      cases.push({ id: "fresh-postgres-stuck-creating", scenario: "fresh", kind: "postgresStuck" });
      for (const object of ["services", "postgres", "keyValue"] as const) {
        cases.push({ id: `fresh-name-conflict-${object}`, scenario: "fresh", kind: "nameConflict", object });
      }
    } else {
      for (const object of probe.existing) {
        cases.push({ id: `${probe.scenario}-drift-${object}`, scenario: probe.scenario, kind: "drift", object });
      }
    }
    for (let i = 0; i < opts.kills && probe.totalWrites > 0; i++) {
      const id = `${probe.scenario}-kill-${i + 1}`;
      const killAfterWrites = seededRandom(caseSeed(opts.seed, id)).int(1, probe.totalWrites);
      cases.push({ id, scenario: probe.scenario, kind: "kill", killAfterWrites });
    }
  }
  return cases;
}
