/**
 * The one request path to the Render API: auth, timeout, response parsing, error mapping and retries.
 *
 * Retry policy
 * - GET, PUT, PATCH, DELETE (idempotent) retry on 408, 429, every 5xx and on network failures
 *   (connection reset or refused, dropped socket, per-request timeout).
 * - POST retries on 429 only (a rate-limited request was not applied). After a 408, a 5xx, a timeout or a
 *   dropped connection the object may exist already, so the caller's `recover` lookup (by owner + name,
 *   created after the request began, with the requested settings) runs first: if it finds the object, that
 *   object is the result; only when it proves nothing was
 *   created is the POST sent again. A POST with no lookup fails instead, unless it is marked
 *   `idempotent` (scale, suspend, resume, link: repeating them changes nothing).
 * - 429 waits `Retry-After` (seconds or an HTTP date), else `Ratelimit-Reset` (seconds until the
 *   window resets, as every recorded response shows; values that look like epoch seconds are treated as
 *   such), else the backoff below.
 * - Otherwise exponential backoff with full jitter: random() × min(30 s, 1 s × 2^attempt).
 * - Bounded twice: at most `maxRetries` retries (default 6), and the waits together at most
 *   `maxRetryWaitMs` (default 5 min); a 429 whose reset lies beyond that budget fails at once and says
 *   when to re-run. Every other 4xx fails at once.
 * - A DELETE answered 404 counts as done when the caller says so (`notFoundOk`): the object is gone.
 */
import axios from "axios";
import { z } from "zod";
import { RenderApiError, RenderConfigError, RenderResponseError } from "./errors";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type QueryValue = string | number | boolean | string[] | undefined;

export interface HttpSettings {
  baseUrl: string;
  /** Returns the API key; read on every request so a key set after start-up is picked up. */
  apiKey: () => string | undefined;
  timeoutMs: number;
  maxRetries: number;
  maxRetryWaitMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  log?: (message: string) => void;
}

export interface RequestSpec<T> {
  method: HttpMethod;
  /** Path template relative to the base URL, e.g. `/services/{serviceId}`; errors quote it as is. */
  path: string;
  params?: Record<string, string>;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Parses the response body; omit for calls whose body is ignored (202/204). */
  schema?: z.ZodType<T>;
  /** An empty body (202 "queued") yields undefined instead of a parse error. */
  allowEmpty?: boolean;
  /** 404 yields undefined (deletes of something already gone). */
  notFoundOk?: boolean;
  /**
   * POST only: finds what an ambiguous failure may have created; undefined = proven absent. Gets the time the
   * request began (`now()`), so an object created before it, someone else's, is never taken for ours.
   */
  recover?: (requestStartedMs: number) => Promise<T | undefined>;
  /** POST only: safe to repeat after an ambiguous failure. */
  idempotent?: boolean;
}

const RETRYABLE_NETWORK_CODES = ["ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ERR_NETWORK"];

const MISSING_KEY_MESSAGE = "No Render API key: set it with `export RENDER_API_KEY=<key>` or " +
  "`pulumi config set --secret renderApiKey <key>` (create a key under Account Settings → API Keys).";

interface Reply {
  status: number;
  text: string;
  headers: Record<string, unknown>;
}

export async function request<T>(http: HttpSettings, spec: RequestSpec<T>): Promise<T> {
  const url = buildUrl(http.baseUrl, spec);
  const startedMs = http.now();
  let waitedMs = 0;
  for (let attempt = 0; ; attempt++) {
    const outcome = await send(http, spec, url);
    if ("status" in outcome && outcome.status >= 200 && outcome.status < 300) return parseBody(spec, outcome);
    if ("status" in outcome && outcome.status === 404 && spec.notFoundOk) return undefined as T;

    const failure = toApiError(spec, outcome);
    const rateLimited = failure.status === 429;
    const retryable = rateLimited || failure.status === 408 || (failure.status ?? 0) >= 500 ||
      (failure.status === undefined && RETRYABLE_NETWORK_CODES.includes(failure.code ?? ""));
    if (!retryable) throw withHint(failure, hintFor(failure.status));
    if (attempt >= http.maxRetries) throw withHint(failure, `Gave up after ${attempt + 1} attempts; re-run later`);

    if (spec.method === "POST" && !rateLimited && !spec.idempotent) {
      if (!spec.recover) throw withHint(failure, "Not retried: the request may have been applied; check Render, then re-run");
      const found = await spec.recover(startedMs);
      if (found !== undefined) return found;
    }

    const headerDelay = rateLimited ? rateLimitDelayMs("status" in outcome ? outcome.headers : {}, http.now()) : undefined;
    const delay = headerDelay ?? Math.round(http.random() * Math.min(30_000, 1000 * 2 ** attempt));
    if (waitedMs + delay > http.maxRetryWaitMs) {
      throw withHint(failure, rateLimited
        ? `Rate limited for another ${Math.ceil(delay / 1000)}s, longer than the retry budget; re-run after that`
        : `Retry budget of ${Math.round(http.maxRetryWaitMs / 1000)}s used up; re-run later`);
    }
    http.log?.(`${failure.message}; retrying in ${(delay / 1000).toFixed(1)}s (attempt ${attempt + 2} of ${http.maxRetries + 1})`);
    await http.sleep(delay);
    waitedMs += delay;
  }
}

function buildUrl(baseUrl: string, spec: RequestSpec<unknown>): string {
  const path = spec.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = spec.params?.[name];
    if (value === undefined || value === "") throw new Error(`${spec.method} ${spec.path}: path parameter ${name} is empty`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    if (value === undefined) continue;
    // Render reads arrays comma-joined (OpenAPI style form, explode false).
    query.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  const qs = query.toString();
  return `${baseUrl.replace(/\/+$/, "")}${path}${qs ? `?${qs}` : ""}`;
}

async function send(http: HttpSettings, spec: RequestSpec<unknown>, url: string): Promise<Reply | { code: string; detail: string }> {
  const key = http.apiKey();
  if (!key) throw new RenderConfigError(MISSING_KEY_MESSAGE);
  try {
    const res = await axios.request<string>({
      url,
      method: spec.method,
      data: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      headers: {
        Authorization: `Bearer ${key}`,
        Accept: "application/json",
        ...(spec.body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      timeout: http.timeoutMs,
      responseType: "text",
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
      maxRedirects: 0,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
    });
    return { status: res.status, text: typeof res.data === "string" ? res.data : "", headers: { ...res.headers } };
  } catch (err) {
    // Only the code and axios' short message leave this block: the error itself holds the request
    // config (Authorization header, body).
    const e = err as { code?: unknown; message?: unknown };
    const code = typeof e.code === "string" ? e.code : "UNKNOWN";
    const detail = typeof e.message === "string" ? e.message.replace(/Bearer\s+\S+/g, "Bearer <redacted>").slice(0, 200) : "";
    return { code, detail };
  }
}

function parseBody<T>(spec: RequestSpec<T>, reply: Reply): T {
  if (!spec.schema) return undefined as T;
  const fail = (problem: string) => new RenderResponseError(spec.method, spec.path, [problem]);
  if (reply.text.trim() === "") {
    if (spec.allowEmpty) return undefined as T;
    throw fail(`empty body (status ${reply.status})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(reply.text);
  } catch {
    throw fail(`body is not JSON (status ${reply.status})`);
  }
  const result = spec.schema.safeParse(data);
  if (result.success) return result.data;
  throw new RenderResponseError(spec.method, spec.path, result.error.issues.slice(0, 10).map(describeIssue));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map(String).join(".") : "(body)";
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) {
    return `${where}: missing (expected ${issue.expected})`;
  }
  return `${where}: ${issue.message}`;
}

function toApiError(spec: RequestSpec<unknown>, outcome: Reply | { code: string; detail: string }): RenderApiError {
  if (!("status" in outcome)) {
    return new RenderApiError({ method: spec.method, path: spec.path, code: outcome.code, apiMessage: outcome.detail || undefined });
  }
  return new RenderApiError({
    method: spec.method,
    path: spec.path,
    status: outcome.status,
    apiMessage: errorMessageOf(outcome.text),
    requestId: headerString(outcome.headers, "render-request-id"),
  });
}

/** Render's error body is `{id?, message?}`; only the message is kept, trimmed. */
function errorMessageOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body?.message === "string" && body.message ? body.message.slice(0, 500) : undefined;
  } catch {
    return undefined;
  }
}

function hintFor(status: number | undefined): string | undefined {
  if (status === 401) return "Check the API key (RENDER_API_KEY or `pulumi config set --secret renderApiKey`)";
  if (status === 402) return "Add a payment method to the Render workspace, then re-run";
  if (status === 403) return "The API key's user lacks permission for this workspace or resource";
  if (status === 409) return "Render reports a conflict (a name already taken, or the object is busy): rename or remove the other object, or wait, then re-run";
  if (status === 404) return "The object is gone from Render (deleted outside Pulumi?); refresh the state (`npm run sandbox -- --refresh`, `pulumi up --refresh`) to recreate it";
  return undefined;
}

function withHint(err: RenderApiError, hint: string | undefined): RenderApiError {
  if (!hint) return err;
  const { method, path, status, apiMessage, requestId, code } = err;
  return new RenderApiError({ method, path, status, apiMessage, requestId, code, hint });
}

function headerString(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name];
  return typeof value === "string" && value ? value : undefined;
}

function rateLimitDelayMs(headers: Record<string, unknown>, nowMs: number): number | undefined {
  const retryAfter = headerString(headers, "retry-after");
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(1000, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(1000, at - nowMs);
  }
  const reset = Number(headerString(headers, "ratelimit-reset"));
  if (!Number.isFinite(reset) || headerString(headers, "ratelimit-reset") === undefined) return undefined;
  // Recorded values are seconds until reset; Render's docs call it epoch seconds, so accept both.
  return Math.max(1000, reset > 1e9 ? reset * 1000 - nowMs : reset * 1000);
}
