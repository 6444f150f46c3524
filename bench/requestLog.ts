/** Reads and clears the emulator's request counters (`/__emulator/requests`). */
import { adminFetch } from "../emulator/adminClient";

export interface RouteCount {
  readonly method: string;
  /** Path template, e.g. `/v1/services/{serviceId}/env-vars`. */
  readonly path: string;
  readonly count: number;
  readonly totalMs: number;
}

export interface RequestCounts {
  readonly total: number;
  readonly byMethod: Record<string, number>;
  readonly routes: RouteCount[];
}

export interface CallTally {
  readonly reads: number;
  readonly writes: number;
  /** `METHOD path ×count`, the calls behind the numbers. */
  readonly calls: string[];
}

async function admin(emulatorUrl: string, method: "GET" | "DELETE"): Promise<Response> {
  const res = await adminFetch(emulatorUrl, method, "/requests");
  if (!res.ok) throw new Error(`emulator ${method} /__emulator/requests answered ${res.status}: ${await res.text()}`);
  return res;
}

export async function readRequests(emulatorUrl: string): Promise<RequestCounts> {
  return (await (await admin(emulatorUrl, "GET")).json()) as RequestCounts;
}

export async function clearRequests(emulatorUrl: string): Promise<void> {
  await admin(emulatorUrl, "DELETE");
}

/** Render API calls only (not the `/__emulator` admin routes): GETs are reads, every other method a write. */
export function tally(counts: RequestCounts): CallTally {
  const api = counts.routes.filter((r) => !r.path.startsWith("/__emulator"));
  const sum = (routes: RouteCount[]): number => routes.reduce((n, r) => n + r.count, 0);
  return {
    reads: sum(api.filter((r) => r.method === "GET")),
    writes: sum(api.filter((r) => r.method !== "GET")),
    calls: api.filter((r) => r.count > 0).map((r) => `${r.method} ${r.path} ×${r.count}`),
  };
}

/** Counts the Render API calls `work` makes, from a cleared counter. */
export async function countCalls<T>(emulatorUrl: string, work: () => Promise<T>): Promise<{ value: T; calls: CallTally }> {
  await clearRequests(emulatorUrl);
  const value = await work();
  return { value, calls: tally(await readRequests(emulatorUrl)) };
}
