/**
 * Render's rate limits, per endpoint class, with fixed windows (render-api README §4).
 * `Ratelimit-Reset` is the number of seconds left in the current window, as every recording shows.
 */

export type RateLimitMode = "render" | "off" | number;

export interface RateLimitClass {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

const READS: RateLimitClass = { name: "reads", limit: 400, windowMs: MINUTE };
const CREATE_SERVICE: RateLimitClass = { name: "create-service", limit: 20, windowMs: HOUR };
const CREATE_POSTGRES: RateLimitClass = { name: "create-postgres", limit: 20, windowMs: HOUR };
const CREATE_KEY_VALUE: RateLimitClass = { name: "create-key-value", limit: 20, windowMs: HOUR };
/** The deprecated `POST /redis` kept its own, larger hourly bucket (200, recorded by Terraform's redis test). */
const CREATE_REDIS: RateLimitClass = { name: "create-redis", limit: 200, windowMs: HOUR };
const CREATE_CUSTOM_DOMAIN: RateLimitClass = { name: "create-custom-domain", limit: 50, windowMs: HOUR };
const SERVICE_UPDATE: RateLimitClass = { name: "service-update", limit: 10, windowMs: MINUTE };
const OTHER_WRITES: RateLimitClass = { name: "writes", limit: 100, windowMs: MINUTE };
/** The workspace log stream has its own small bucket shared by reads and writes (TF log_streams cassette). */
const OWNER_LOG_STREAM: RateLimitClass = { name: "owner-log-stream", limit: 30, windowMs: MINUTE };

/** `PATCH /services/{id}`, deploys, suspend and resume share one counter per service (cas: disks#36–#72). */
const PER_SERVICE_TEMPLATES = new Set([
  "PATCH /services/{serviceId}",
  "POST /services/{serviceId}/deploys",
  "POST /services/{serviceId}/suspend",
  "POST /services/{serviceId}/resume",
]);

/** The class of one request; `template` is relative to `/v1`. */
export function rateLimitClassFor(method: string, template: string): RateLimitClass {
  const key = `${method} ${template}`;
  if (template === "/logs/streams/owner/{ownerId}") return OWNER_LOG_STREAM;
  if (method === "GET") return READS;
  if (key === "POST /services") return CREATE_SERVICE;
  if (key === "POST /postgres") return CREATE_POSTGRES;
  if (key === "POST /key-value") return CREATE_KEY_VALUE;
  if (key === "POST /redis") return CREATE_REDIS;
  if (key === "POST /services/{serviceId}/custom-domains") return CREATE_CUSTOM_DOMAIN;
  if (PER_SERVICE_TEMPLATES.has(key)) return SERVICE_UPDATE;
  return OTHER_WRITES;
}

export interface RateLimitVerdict {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  readonly resetSeconds: number;
}

interface Window {
  startedAt: number;
  used: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly mode: RateLimitMode) {}

  /**
   * Counts one request against its bucket. `scope` separates callers (API key) and, for the
   * per-service class, the service id. Refused requests do not consume the window.
   */
  take(method: string, template: string, scope: string, serviceId: string | undefined, now: number): RateLimitVerdict {
    const cls = rateLimitClassFor(method, template);
    const limit = this.mode === "render" ? cls.limit : this.mode === "off" ? Number.MAX_SAFE_INTEGER : Math.max(1, Math.round(cls.limit * this.mode));
    const key = cls === SERVICE_UPDATE ? `${scope}|${cls.name}|${serviceId ?? ""}` : `${scope}|${cls.name}`;
    let window = this.windows.get(key);
    if (!window || now >= window.startedAt + cls.windowMs) {
      window = { startedAt: now, used: 0 };
      this.windows.set(key, window);
    }
    const resetSeconds = Math.max(0, Math.floor((window.startedAt + cls.windowMs - now) / 1000));
    const allowed = window.used < limit;
    if (allowed) window.used++;
    return { allowed, limit, remaining: Math.max(0, limit - window.used), resetSeconds };
  }

  clear(): void {
    this.windows.clear();
  }
}

/** Parses `render`, `off` or a positive multiplier such as `10`. */
export function parseRateLimitMode(raw: string): RateLimitMode | undefined {
  if (raw === "render" || raw === "off") return raw;
  const factor = Number(raw);
  return Number.isFinite(factor) && factor > 0 ? factor : undefined;
}
