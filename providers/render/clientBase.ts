/**
 * What every RenderClient call stands on: the settings (key, URL, timeouts, retry bounds, clock), the
 * request and paging helpers, the workspace (owner) the client works in, bounded polling, and the
 * name match that decides whether a failed create is adopted. The API methods live in client.ts and
 * clientWorkspace.ts.
 */
import { z } from "zod";
import { RenderConfigError } from "./errors";
import { HttpMethod, HttpSettings, QueryValue, RequestSpec, request } from "./http";
import { listAll } from "./paging";
import { waitUntil, WaitCheck, WaitProgress } from "./poll";
import { ownerSchema, Owner } from "./schemas";

export const DEFAULT_BASE_URL = "https://api.render.com/v1";

export interface RenderClientOptions {
  /** The API key, or a function read on every request. */
  apiKey: string | (() => string | undefined);
  /** Default `https://api.render.com/v1`. */
  baseUrl?: string;
  /** Workspace id; default: the only owner `GET /owners` returns. */
  ownerId?: string;
  /** Per-request timeout, default 30 s. */
  timeoutMs?: number;
  /** Retries per request, default 6. */
  maxRetries?: number;
  /** Total time one request may spend waiting between retries, default 5 min. */
  maxRetryWaitMs?: number;
  /** First pause of the deploy/availability polls, default 1 s (then ×1.5, up to `pollMaxIntervalMs`). */
  pollIntervalMs?: number;
  /**
   * Longest pause of those polls, default 5 s: Postgres takes about 38 s, and a 15 s cap would first see it
   * ready at 47 s; 5 s costs three more GETs per wait (12 a minute at most, of Render's 400) for ≤ 5 s lateness.
   */
  pollMaxIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Jitter source in [0, 1), default Math.random. */
  random?: () => number;
  /** Receives one line per retry. */
  log?: (message: string) => void;
}

/** A dynamic provider's `configure` config, as `RenderClient.fromEnv` reads it. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export interface WaitCallOptions {
  timeoutMs?: number;
  /** Called before each pause, so providers can log progress. */
  onWait?: (progress: WaitProgress) => void;
}

export abstract class RenderClientBase {
  protected readonly http: HttpSettings;
  private readonly ownerIdOption: string | undefined;
  private readonly pollIntervalMs: number;
  private readonly pollMaxIntervalMs: number;
  private ownerLookup: Promise<string> | undefined;

  constructor(options: RenderClientOptions) {
    const key = options.apiKey;
    this.http = {
      baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
      // A function keeps the key out of util.inspect/JSON dumps of the client.
      apiKey: typeof key === "function" ? key : () => key,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 6,
      maxRetryWaitMs: options.maxRetryWaitMs ?? 300_000,
      sleep: options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
      log: options.log,
    };
    this.ownerIdOption = options.ownerId || undefined;
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.pollMaxIntervalMs = options.pollMaxIntervalMs ?? 5_000;
  }

  protected call<T>(method: HttpMethod, path: string, params: Record<string, string>, rest: Omit<RequestSpec<T>, "method" | "path" | "params"> = {}): Promise<T> {
    return request(this.http, { method, path, params, ...rest });
  }

  protected list<T>(path: string, params: Record<string, string>, key: string | undefined, item: z.ZodType<T>, query?: Record<string, QueryValue>): Promise<T[]> {
    return listAll(this.http, { path, params, key, item, query });
  }

  /** The same request path for the per-kind API modules (`<kind>/wire.ts`): retries, schema parsing, typed errors. */
  send<T>(method: HttpMethod, path: string, params: Record<string, string>, rest: Omit<RequestSpec<T>, "method" | "path" | "params"> = {}): Promise<T> {
    return this.call(method, path, params, rest);
  }

  /** Every page of a list, for the per-kind API modules. */
  sendList<T>(path: string, key: string | undefined, item: z.ZodType<T>, query?: Record<string, QueryValue>): Promise<T[]> {
    return this.list(path, {}, key, item, query);
  }

  /** The body with `ownerId` filled in from the client when the caller left it out. */
  protected async withOwner<B extends { ownerId?: string }>(body: B): Promise<B & { ownerId: string }> {
    return { ...body, ownerId: body.ownerId || (await this.resolveOwnerId()) };
  }

  protected waitFor<T>(what: string, opts: WaitCallOptions, defaultTimeoutMs: number, check: () => Promise<WaitCheck<T>>): Promise<T> {
    return waitUntil({
      what, check, onWait: opts.onWait,
      timeoutMs: opts.timeoutMs ?? defaultTimeoutMs,
      intervalMs: this.pollIntervalMs,
      maxIntervalMs: this.pollMaxIntervalMs,
      backoff: 1.5,
      sleep: this.http.sleep,
      now: this.http.now,
    });
  }

  listOwners(): Promise<Owner[]> {
    return this.list("/owners", {}, "owner", ownerSchema());
  }

  /** The configured owner id, else the only owner the key can see; looked up once per client. */
  resolveOwnerId(): Promise<string> {
    if (this.ownerIdOption) return Promise.resolve(this.ownerIdOption);
    this.ownerLookup ??= this.findOnlyOwner().catch((err) => {
      this.ownerLookup = undefined;
      throw err;
    });
    return this.ownerLookup;
  }

  private async findOnlyOwner(): Promise<string> {
    const owners = await this.listOwners();
    if (owners.length === 1) return owners[0].id;
    if (owners.length === 0) throw new RenderConfigError("The Render API key sees no workspace (GET /owners is empty); use a key of the workspace to deploy into.");
    const names = owners.map((o) => `${o.id} ("${o.name}")`).join(", ");
    throw new RenderConfigError(`The Render API key can reach ${owners.length} workspaces: ${names}. ` +
      `Choose one: export RENDER_OWNER_ID=${owners[0].id}`);
  }
}

/** Render's clock and ours may disagree a little: an object created this long before our request began still counts. */
export const CLOCK_SKEW_MS = 60_000;

/** What makes a found object the one our failed create made, beyond its name. */
export interface MatchRules<T> {
  /** When our request began (our clock): an object created before it is someone else's. */
  since?: number;
  /** The settings we asked for: an object with other settings is someone else's. */
  same?: (found: T) => boolean;
}

/** True when `createdAt` is known and not before `since` (less the clock skew); always true without `since`. */
export function createdSince(createdAt: string | null | undefined, since: number | undefined): boolean {
  if (since === undefined) return true;
  const at = Date.parse(createdAt ?? "");
  return Number.isFinite(at) && at >= since - CLOCK_SKEW_MS;
}

/**
 * The one object a failed create may have made, or undefined when there is none: same name, created after the
 * request began, with the requested settings. Several such objects mean the client cannot tell which one is new;
 * adopting any of them could take over someone else's object.
 */
export function onlyMatch<T extends { id: string; name: string; createdAt?: string | null }>(kind: string, name: string, found: T[],
  rules: MatchRules<T> = {}): T | undefined {
  const exact = found.filter((x) => x.name === name && createdSince(x.createdAt, rules.since) && (rules.same?.(x) ?? true));
  if (exact.length > 1) {
    throw new RenderConfigError(`Render has ${exact.length} ${kind} objects named "${name}" (${exact.map((x) => x.id).join(", ")}); ` +
      `after a failed create the client cannot tell which one is new. Remove the extra one in Render, then re-run.`);
  }
  return exact[0];
}

