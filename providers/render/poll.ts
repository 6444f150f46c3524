/**
 * Bounded, logged waiting. `check` is called until it reports done or throws; between calls the wait
 * starts at `intervalMs` and grows by `backoff` up to `maxIntervalMs`; past `timeoutMs` a
 * `WaitTimeoutError` names the thing, the last status seen and the time spent. Time and sleep are
 * injected so tests run on a fake clock.
 */

export type WaitCheck<T> = { done: true; value: T } | { done: false; status: string };

export interface WaitProgress {
  what: string;
  status: string;
  attempt: number;
  elapsedMs: number;
  nextDelayMs: number;
}

export interface WaitOptions<T> {
  /** What is awaited, for messages: `Postgres dpg-… to become available`. */
  what: string;
  check: () => Promise<WaitCheck<T>>;
  timeoutMs: number;
  /** First pause between checks. */
  intervalMs: number;
  /** Growth factor of the pause (default 1.5). */
  backoff?: number;
  /** Longest pause (default 15 s). */
  maxIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Called before each pause, so callers can log progress. */
  onWait?: (progress: WaitProgress) => void;
}

export class WaitTimeoutError extends Error {
  readonly lastStatus: string;
  readonly elapsedMs: number;

  constructor(what: string, lastStatus: string, elapsedMs: number, timeoutMs: number) {
    super(`Timed out waiting for ${what}: still "${lastStatus}" after ${formatSeconds(elapsedMs)} ` +
      `(limit ${formatSeconds(timeoutMs)}). Check the Render dashboard, then re-run.`);
    this.name = "WaitTimeoutError";
    this.lastStatus = lastStatus;
    this.elapsedMs = elapsedMs;
  }
}

function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

export async function waitUntil<T>(opts: WaitOptions<T>): Promise<T> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const backoff = opts.backoff ?? 1.5;
  const maxIntervalMs = opts.maxIntervalMs ?? 15_000;
  const start = now();
  let interval = opts.intervalMs;
  for (let attempt = 1; ; attempt++) {
    const result = await opts.check();
    if (result.done) return result.value;
    const elapsedMs = now() - start;
    if (elapsedMs >= opts.timeoutMs) throw new WaitTimeoutError(opts.what, result.status, elapsedMs, opts.timeoutMs);
    const nextDelayMs = Math.max(0, Math.min(interval, opts.timeoutMs - elapsedMs));
    opts.onWait?.({ what: opts.what, status: result.status, attempt, elapsedMs, nextDelayMs });
    await sleep(nextDelayMs);
    interval = Math.min(interval * backoff, maxIntervalMs);
  }
}
