/**
 * Render's timing, as a pure model the benchmark can reuse to compute a critical path.
 * Request latencies are the ranges seen in the recorded traffic (cassette `duration` fields);
 * lifecycle durations are how long Render takes to get a resource ready. Both are multiplied by the
 * emulator's time scale at run time.
 */

export interface LatencyRange {
  readonly minMs: number;
  readonly maxMs: number;
}

/** Per-endpoint overrides; everything else falls back to the read or write default. */
const SPECIFIC: Record<string, LatencyRange> = {
  "POST /services": { minMs: 1500, maxMs: 2500 },
  "PATCH /services/{serviceId}": { minMs: 800, maxMs: 1000 },
  "POST /services/{serviceId}/deploys": { minMs: 100, maxMs: 1200 },
  "DELETE /services/{serviceId}": { minMs: 200, maxMs: 300 },
  "POST /postgres": { minMs: 800, maxMs: 1100 },
  "PATCH /postgres/{postgresId}": { minMs: 200, maxMs: 600 },
  "DELETE /postgres/{postgresId}": { minMs: 450, maxMs: 500 },
  "POST /key-value": { minMs: 250, maxMs: 400 },
  "PATCH /key-value/{keyValueId}": { minMs: 200, maxMs: 500 },
};

const READ: LatencyRange = { minMs: 80, maxMs: 150 };
const WRITE: LatencyRange = { minMs: 200, maxMs: 600 };

/** Range of one request's latency (unscaled ms). `pathTemplate` is relative to `/v1`. */
export function latencyRange(method: string, pathTemplate: string): LatencyRange {
  const template = pathTemplate.replace(/^\/v1(?=\/)/, "");
  return SPECIFIC[`${method.toUpperCase()} ${template}`] ?? (method.toUpperCase() === "GET" ? READ : WRITE);
}

/** Typical (mid-range) latency of one request, unscaled ms. */
export function latencyFor(method: string, pathTemplate: string): number {
  const range = latencyRange(method, pathTemplate);
  return (range.minMs + range.maxMs) / 2;
}

/** A request's latency for a uniform draw `unit` in [0, 1), unscaled ms. */
export function sampleLatency(method: string, pathTemplate: string, unit: number): number {
  const range = latencyRange(method, pathTemplate);
  return range.minMs + unit * (range.maxMs - range.minMs);
}

/**
 * How long Render's asynchronous work takes, unscaled ms.
 * Postgres: `creating` → `available` after 30–40 s in both recordings (cas: postgres#5–#12, #93–#100).
 * Key Value: still `creating` 15 s in (cas: keyvalue); ready in about 30 s.
 * Deploys: git builds take about a minute, then the instance swap; image deploys skip the build and
 * were live within 7 s (cas: autoscaling#31). A service with a disk cannot overlap instances, so its
 * swap also waits for the old instance to stop and the disk to move (still busy 8 s in, cas: disks#41).
 */
export const lifecycleDurations = {
  postgresCreate: 38_000,
  postgresUpdate: 30_000,
  postgresRestart: 15_000,
  keyValueCreate: 30_000,
  keyValueUpdate: 15_000,
  deployBuild: 60_000,
  deployUpdate: 15_000,
  imageDeployUpdate: 5_000,
  deployDiskSwap: 25_000,
} as const;

export type LifecycleDurations = typeof lifecycleDurations;
