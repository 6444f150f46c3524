/**
 * Runs our providers directly against the emulator: one emulator per test file on a fast clock, the
 * client pointed at it through the same environment variables the plugin reads, and the admin API
 * (request counters, inventory, faults) for assertions.
 */
import { adminFetch } from "../../emulator/adminClient";
import { startEmulator, type EmulatorHandle } from "../../emulator/server";

export interface RouteCount { method: string; path: string; count: number }
export interface RequestSummary {
  total: number;
  byMethod: Record<string, number>;
  routes: RouteCount[];
}

export type StoredObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Inventory = Record<string, StoredObject[]>;

export interface Harness {
  emulator: EmulatorHandle;
  requests(): Promise<RequestSummary>;
  clearRequests(): Promise<void>;
  /** The emulator's inventory: one array per kind (`services`, `disks`, `envVars`…). */
  state(): Promise<Inventory>;
  /** The stored object of `kind` with this id, or undefined. */
  stored(kind: string, id: string): Promise<StoredObject | undefined>;
  fault(spec: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  close(): Promise<void>;
}

/** Count of requests per `METHOD /template` (only non-zero ones). */
export function byRoute(summary: RequestSummary): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of summary.routes) if (r.count > 0) out[`${r.method} ${r.path}`] = r.count;
  return out;
}

const CONFIG = { config: { get: (): string | undefined => undefined } };

/** What `configure` receives when the stack has no Render config (the key comes from the environment). */
export const emptyConfigure = CONFIG as unknown as import("@pulumi/pulumi").dynamic.ConfigureRequest;

export async function startHarness(): Promise<Harness> {
  const emulator = await startEmulator({ port: 0, timeScale: 0.0005, rateLimits: "off" });
  const saved = { ...process.env };
  process.env.RENDER_API_URL = emulator.apiUrl;
  process.env.RENDER_API_KEY = emulator.apiKey;
  process.env.RENDER_OWNER_ID = emulator.ownerId;
  process.env.RENDER_POLL_INTERVAL_MS = "5";
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await adminFetch(emulator.url, method, path, body);
    if (res.status >= 300) throw new Error(`emulator admin ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };
  return {
    emulator,
    requests: () => admin("GET", "/requests") as Promise<RequestSummary>,
    clearRequests: async () => { await admin("DELETE", "/requests"); },
    state: () => admin("GET", "/state") as Promise<Inventory>,
    stored: async (kind, id) => ((await admin("GET", "/state")) as Inventory)[kind].find((o) => o.id === id),
    fault: async (spec) => { await admin("POST", "/faults", spec); },
    clearFaults: async () => { await admin("DELETE", "/faults"); },
    close: async () => {
      for (const key of ["RENDER_API_URL", "RENDER_API_KEY", "RENDER_OWNER_ID", "RENDER_POLL_INTERVAL_MS"]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      await emulator.close();
    },
  };
}
