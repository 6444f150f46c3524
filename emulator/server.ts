/**
 * The Render API emulator: Render's REST API under `/v1` (same paths, envelopes, status codes,
 * error bodies and rate-limit headers as api.render.com) and an admin API under `/__emulator`.
 * Node `http` only, listening on 127.0.0.1.
 */
import * as crypto from "crypto";
import * as http from "http";
import type { Socket } from "net";
import { handleAdmin, type AdminTarget } from "./admin";
import { forgetAdminToken, rememberAdminToken } from "./adminClient";
import { renderApiRouter } from "./api";
import { Clock } from "./clock";
import { RequestCounters } from "./counters";
import { FaultRegistry, type Fault } from "./faults";
import { ApiError, type RequestContext, type Reply } from "./http";
import { hashUnit } from "./ids";
import { lifecycleDurations, sampleLatency, type LifecycleDurations } from "./latency";
import { RateLimiter, type RateLimitMode, type RateLimitVerdict } from "./rateLimits";
import { checkAdminRequest, checkHost, DEFAULT_MAX_BODY_BYTES, tooLarge } from "./requestGate";
import { keyFileCipher, loadState, saveState, stateKeyFile, type StateCipher } from "./stateFile";
import { emptyStoreData, Store, type StoreData } from "./store";

/** A request body as JSON (undefined when empty); malformed JSON is Render's 400. */
function parseJsonBody(raw: string): unknown {
  if (raw.trim() === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ApiError(400, "invalid JSON in request body");
  }
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  ownerId?: string;
  apiKey?: string;
  /** `realistic` sleeps each request for a Render-like latency (× timeScale). Default `none`. */
  latency?: "none" | "realistic";
  /** Multiplies lifecycle durations and latencies; 0.01 keeps Render's orderings but runs 100× faster. Default 1. */
  timeScale?: number;
  /** Loaded at start when it exists; written (sealed, atomically) after every write it acknowledges. */
  stateFile?: string;
  /** Seals the state file; default: a key file beside it (`<stateFile>.key`, mode 0600). */
  stateCipher?: StateCipher;
  /** The admin API's token (`X-Emulator-Token`); default: a random one per start. */
  adminToken?: string;
  /** Larger request bodies are answered 413 before they are read. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Seeds ids, secrets and latency draws. Default 1. */
  seed?: number;
  /** `render` (default) applies Render's limits, `off` none, a number multiplies every limit. */
  rateLimits?: RateLimitMode;
}

export interface EmulatorHandle {
  url: string;
  apiUrl: string;
  apiKey: string;
  ownerId: string;
  port: number;
  /** Every admin call (`/__emulator/*`) carries it as `X-Emulator-Token`. */
  adminToken: string;
  close(): Promise<void>;
}

export const DEFAULT_API_KEY = "emulator-api-key";
export const DEFAULT_OWNER_ID = "tea-emulator000000000000";
const DEFAULT_SEED = 1;
/** A `commitThenFail: "timeout"` request is answered with nothing and closed after this long. */
const HANG_MS = 10 * 60_000;

const STATUS_MESSAGES: Record<number, string> = {
  400: "bad request",
  401: "unauthorized",
  402: "payment information required",
  403: "forbidden",
  404: "not found",
  409: "conflict",
  429: "rate limit exceeded",
  500: "internal server error",
  502: "bad gateway",
  503: "service unavailable",
  504: "gateway timeout",
};

function scaledDurations(timeScale: number): LifecycleDurations {
  const scaled = Object.fromEntries(Object.entries(lifecycleDurations).map(([key, ms]) => [key, Math.round(ms * timeScale)]));
  return scaled as unknown as LifecycleDurations;
}

/** The inventory to start from: a saved one (older files lack newer collections) or an empty one; either way the configured key acts for the configured owner. */
function initialData(seed: number, ownerId: string, apiKey: string, saved?: StoreData): StoreData {
  const data = { ...emptyStoreData(seed), ...saved };
  data.owners[ownerId] ??= { id: ownerId, name: "Emulator Workspace", email: "owner@emulator.local", type: "team" };
  data.apiKeys[apiKey] = [...new Set([ownerId, ...(data.apiKeys[apiKey] ?? [])])];
  return data;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function checkOptions(options: EmulatorOptions): void {
  const { port, timeScale, latency, seed, rateLimits, adminToken, maxBodyBytes } = options;
  if (adminToken !== undefined && !/^[\x21-\x7e]{16,}$/.test(adminToken)) throw new Error("adminToken: must be at least 16 printable characters without spaces");
  if (maxBodyBytes !== undefined && !(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) throw new Error(`maxBodyBytes: ${maxBodyBytes} must be a positive integer of bytes`);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error(`port: ${port} is not a TCP port; use 0 (any free port) to 65535`);
  if (timeScale !== undefined && !(Number.isFinite(timeScale) && timeScale > 0)) throw new Error(`timeScale: ${timeScale} must be a positive number such as 1 or 0.01`);
  if (latency !== undefined && latency !== "none" && latency !== "realistic") throw new Error(`latency: ${JSON.stringify(latency)} must be "none" or "realistic"`);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`seed: ${seed} must be an integer`);
  if (rateLimits !== undefined && rateLimits !== "render" && rateLimits !== "off" && !(typeof rateLimits === "number" && rateLimits > 0)) {
    throw new Error(`rateLimits: ${JSON.stringify(rateLimits)} must be "render", "off" or a positive multiplier`);
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  checkOptions(options);
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const ownerId = options.ownerId ?? DEFAULT_OWNER_ID;
  const seed = options.seed ?? DEFAULT_SEED;
  const timeScale = options.timeScale ?? 1;
  const realistic = options.latency === "realistic";
  const stateFile = options.stateFile;
  const cipher = stateFile ? options.stateCipher ?? keyFileCipher(stateKeyFile(stateFile)) : undefined;
  const saved = stateFile ? loadState(stateFile, cipher!) : undefined;
  const adminToken = options.adminToken ?? crypto.randomBytes(24).toString("base64url");
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const clock = new Clock(saved?.clockOffsetMs ?? 0);
  const router = renderApiRouter();
  const limiter = new RateLimiter(options.rateLimits ?? "render");
  const target: AdminTarget = {
    store: new Store(initialData(seed, ownerId, apiKey, saved?.data)),
    clock,
    durations: scaledDurations(timeScale),
    counters: new RequestCounters(),
    faults: new FaultRegistry(),
    reset() {
      this.store = new Store(initialData(seed, ownerId, apiKey));
      this.counters.clear();
      this.faults.clear();
      limiter.clear();
    },
  };
  /** Every acknowledged write reaches the state file before its answer is sent. */
  const persist = (): void => {
    if (stateFile) saveState(stateFile, { version: 1, clockOffsetMs: clock.offset(), data: target.store.snapshot() }, cipher!);
  };
  let requestNumber = 0;
  const sockets = new Set<Socket>();
  /** Known once listening; requests arrive only after that. */
  let port = 0;
  const hangs = new Set<NodeJS.Timeout>();

  function send(res: http.ServerResponse, reply: Reply, headers: Record<string, string> = {}): void {
    const all: Record<string, string> = {
      Date: new Date(clock.now()).toUTCString(),
      Vary: "Origin",
      "Referrer-Policy": "same-origin",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "X-Xss-Protection": "1; mode=block",
      ...headers,
    };
    let payload = "";
    if (reply.body !== undefined) {
      payload = `${JSON.stringify(reply.body)}\n`;
      all["Content-Type"] = "application/json; charset=utf-8";
    }
    all["Content-Length"] = String(Buffer.byteLength(payload));
    res.writeHead(reply.status, all);
    res.end(payload);
  }

  const rateHeaders = (verdict: RateLimitVerdict) => ({
    "Ratelimit-Limit": String(verdict.limit),
    "Ratelimit-Remaining": String(verdict.remaining),
    "Ratelimit-Reset": String(verdict.resetSeconds),
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: string): Promise<string> {
    const method = (req.method ?? "GET").toUpperCase();
    const requestId = `emu-${seed}/${String(++requestNumber).padStart(6, "0")}`;
    const idHeader = { "Render-Request-Id": requestId };
    const match = router.match(method, url.pathname.slice(3) || "/");
    const template = match ? `/v1${match.template}` : url.pathname;
    const fault: Fault | undefined = match ? target.faults.take(method, template) : undefined;
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.drop) {
      req.socket.destroy();
      return template;
    }
    if (fault?.status !== undefined && !fault.commitThenFail) {
      send(res, { status: fault.status, body: { message: fault.message ?? STATUS_MESSAGES[fault.status] ?? "injected fault" } }, idHeader);
      return template;
    }
    if (realistic && match) await sleep(sampleLatency(method, match.template, hashUnit(seed, requestNumber)) * timeScale);
    const header = req.headers.authorization ?? "";
    const key = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    const ownerIds = target.store.ownersForKey(key);
    if (!ownerIds) {
      send(res, { status: 401, body: { message: "unauthorized" } }, idHeader);
      return template;
    }
    if (!match) {
      send(res, { status: 404, body: { message: `not found: ${url.pathname}` } }, idHeader);
      return template;
    }
    if (!match.handler) {
      send(res, { status: 405, body: { message: `method ${method} is not allowed on ${match.template}` } }, idHeader);
      return template;
    }
    const verdict = limiter.take(method, match.template, key, match.params.serviceId, clock.now());
    const headers = { ...rateHeaders(verdict), ...idHeader };
    if (!verdict.allowed) {
      send(res, { status: 429, body: { message: `rate limit exceeded: ${verdict.limit} requests per window for ${method} ${match.template}; retry in ${verdict.resetSeconds} seconds` } }, headers);
      return template;
    }
    let reply: Reply;
    try {
      const body = parseJsonBody(raw);
      const now = clock.now();
      const ctx: RequestContext = { store: target.store, clock, durations: target.durations, params: match.params, query: url.searchParams, body, ownerIds, now };
      reply = match.handler(ctx);
    } catch (error) {
      if (!(error instanceof ApiError)) process.stderr.write(`emulator: ${method} ${template} failed: ${(error as Error).stack ?? error}\n`);
      reply = error instanceof ApiError ? { status: error.status, body: { message: error.message } } : { status: 500, body: { message: "internal server error" } };
    }
    if (method !== "GET") {
      try {
        persist();
      } catch (error) {
        process.stderr.write(`emulator: saving ${stateFile} failed: ${String(error)}\n`);
        reply = { status: 500, body: { message: "internal server error: the emulator could not save its state" } };
      }
    }
    if (fault?.commitThenFail === "error") {
      send(res, { status: fault.status ?? 500, body: { message: fault.message ?? "internal server error" } }, headers);
    } else if (fault?.commitThenFail === "timeout") {
      const timer = setTimeout(() => {
        hangs.delete(timer);
        req.socket.destroy();
      }, HANG_MS);
      hangs.add(timer);
    } else {
      send(res, reply, headers);
    }
    return template;
  }

  /** Answers without reading the body, and closes the connection so the rest of it is never read. */
  function refuse(req: http.IncomingMessage, res: http.ServerResponse, reply: Reply): void {
    req.pause();
    res.shouldKeepAlive = false;
    send(res, reply, { Connection: "close" });
    res.once("finish", () => setTimeout(() => req.socket.destroy(), 50).unref());
  }

  const server = http.createServer((req, res) => {
    // Refused before a byte of the body is read or any key is looked at: a browser page sending to a rebound
    // name (foreign Host), and bodies over the cap.
    const gate = checkHost(req.headers.host, port) ?? tooLarge(req.headers["content-length"], maxBodyBytes);
    if (gate) {
      refuse(req, res, gate);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return;
      received += chunk.length;
      if (received > maxBodyBytes) {
        refused = true;
        chunks.length = 0;
        refuse(req, res, tooLarge(String(received), maxBodyBytes)!);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (refused) return;
      const raw = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const started = process.hrtime.bigint();
      if (url.pathname === "/__emulator" || url.pathname.startsWith("/__emulator/")) {
        const method = (req.method ?? "GET").toUpperCase();
        let reply: Reply;
        try {
          const denied = checkAdminRequest(req.headers, adminToken);
          if (denied) {
            send(res, denied);
            return;
          }
          const body = parseJsonBody(raw);
          reply = handleAdmin(target, method, url.pathname.slice("/__emulator".length) || "/", body);
          if (method !== "GET") persist();
        } catch (error) {
          reply = error instanceof ApiError ? { status: error.status, body: { message: error.message } } : { status: 500, body: { message: String(error) } };
        }
        send(res, reply);
        return;
      }
      if (url.pathname !== "/v1" && !url.pathname.startsWith("/v1/")) {
        send(res, { status: 404, body: { message: `not found: ${url.pathname}; the Render API lives under /v1` } });
        return;
      }
      handleApi(req, res, url, raw).then(
        (template) => target.counters.record((req.method ?? "GET").toUpperCase(), template, Number(process.hrtime.bigint() - started) / 1e6),
        (error: unknown) => {
          process.stderr.write(`emulator: ${String(error)}\n`);
          if (!res.headersSent) send(res, { status: 500, body: { message: "internal server error" } });
        },
      );
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  rememberAdminToken(url, adminToken);
  let closing: Promise<void> | undefined;
  return {
    url,
    apiUrl: `${url}/v1`,
    apiKey,
    ownerId,
    port,
    adminToken,
    close() {
      closing ??= new Promise<void>((resolve) => {
        forgetAdminToken(url);
        persist();
        for (const timer of hangs) clearTimeout(timer);
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
