/** A thin client for the emulator's admin API (`/__emulator`): faults, request counters, the inventory. */
import { adminFetch } from "../emulator/adminClient";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface FaultRule {
  method: HttpMethod;
  /** Route template including `/v1`, e.g. `/v1/services/{serviceId}/env-vars`. */
  path: string;
  status?: number;
  message?: string;
  latencyMs?: number;
  drop?: true;
  commitThenFail?: "error" | "timeout";
  /** How many matching calls fail (default 1). */
  count?: number;
  /** Let this many matching calls pass first. */
  skip?: number;
}

export interface RouteCount {
  method: HttpMethod;
  path: string;
  count: number;
  totalMs: number;
}

export interface RequestCounts {
  total: number;
  byMethod: Record<HttpMethod, number>;
  routes: RouteCount[];
}

/** The emulator's inventory; every collection is a list of Render-shaped objects (secrets included). */
export type Inventory = Record<string, unknown[]>;

export interface EmulatorAdmin {
  requests(): Promise<RequestCounts>;
  clearRequests(): Promise<void>;
  addFault(rule: FaultRule): Promise<string>;
  faults(): Promise<unknown[]>;
  clearFaults(): Promise<void>;
  state(): Promise<Inventory>;
}

export function emulatorAdmin(baseUrl: string): EmulatorAdmin {
  const call = async <T>(method: HttpMethod, path: string, body?: unknown): Promise<T> => {
    const response = await adminFetch(baseUrl, method, path, body);
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator admin ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return (text.length > 0 ? JSON.parse(text) : undefined) as T;
  };
  return {
    requests: () => call<RequestCounts>("GET", "/requests"),
    clearRequests: async () => { await call("DELETE", "/requests"); },
    addFault: async (rule) => (await call<{ id: string }>("POST", "/faults", rule)).id,
    faults: () => call<unknown[]>("GET", "/faults"),
    clearFaults: async () => { await call("DELETE", "/faults"); },
    state: () => call<Inventory>("GET", "/state"),
  };
}

/** Writes (non-GET calls) the emulator has answered, from its counters. */
export function writeCount(counts: RequestCounts): number {
  return counts.total - (counts.byMethod.GET ?? 0);
}

/** Moves the emulator's clock forward (lifecycles such as Postgres `creating` finish sooner). */
export async function advanceClock(baseUrl: string, ms: number): Promise<void> {
  const response = await adminFetch(baseUrl, "POST", "/clock", { advanceMs: Math.round(ms) });
  if (!response.ok) throw new Error(`emulator admin POST /clock answered ${response.status}`);
}
