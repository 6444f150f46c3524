/** The Render API the sandbox points the plugin at: an emulator it starts (and owns) or one already running. */
import { adminFetch, adminTokenFor, ADMIN_TOKEN_ENV } from "../emulator/adminClient";
import type * as emulatorServer from "../emulator/server";
import type { StateCipher } from "../emulator/stateFile";

export interface ApiCalls {
  GET: number;
  POST: number;
  PUT: number;
  PATCH: number;
  DELETE: number;
}

export interface EmulatorTarget {
  /** Base URL of the Render API (`…/v1`); empty when running without an emulator. */
  apiUrl: string;
  apiKey: string;
  ownerId?: string;
  /** Extra environment for the plugin (a poll interval matching the emulator's clock). */
  pluginEnv: Record<string, string>;
  apiCalls(): Promise<ApiCalls>;
  close(): Promise<void>;
}

const NO_CALLS: ApiCalls = { GET: 0, POST: 0, PUT: 0, PATCH: 0, DELETE: 0 };

export async function connectEmulator(
  opts: { emulatorUrl?: string; emulator?: boolean; timeScale?: number },
  env: NodeJS.ProcessEnv, stateFile: string, stateCipher?: StateCipher,
): Promise<EmulatorTarget> {
  if (opts.emulatorUrl) {
    const url = opts.emulatorUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
    if (!/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(url)) {
      throw new Error(`--emulator: "${opts.emulatorUrl}" is not a local emulator URL; use http://127.0.0.1:PORT.`);
    }
    const apiKey = env.RENDER_API_KEY;
    if (!apiKey) {
      throw new Error(`--emulator ${url}: set RENDER_API_KEY to that emulator's API key (it prints it on start; the default is "emulator-api-key").`);
    }
    const adminToken = adminTokenFor(url, env);
    if (!adminToken) {
      throw new Error(`--emulator ${url}: set ${ADMIN_TOKEN_ENV} to that emulator's admin token (it prints it on start, after the listening line).`);
    }
    return { apiUrl: `${url}/v1`, apiKey, ownerId: env.RENDER_OWNER_ID, pluginEnv: {}, apiCalls: () => fetchCalls(url, adminToken), close: async () => undefined };
  }
  if (opts.emulator === false) {
    return { apiUrl: "", apiKey: "", pluginEnv: {}, apiCalls: async () => ({ ...NO_CALLS }), close: async () => undefined };
  }
  const timeScale = opts.timeScale ?? 0.01;
  // Required only here: a run against an emulator already running does not load the emulator's modules.
  const { startEmulator } = require("../emulator/server") as typeof emulatorServer;
  const handle = await startEmulator({ port: 0, timeScale, stateFile, stateCipher });
  // The providers poll every second against Render; on the emulator's faster clock they poll as much faster.
  const pollMs = String(Math.max(10, Math.round(1000 * timeScale)));
  return {
    apiUrl: handle.apiUrl, apiKey: handle.apiKey, ownerId: handle.ownerId,
    pluginEnv: env.RENDER_POLL_INTERVAL_MS ? {} : { RENDER_POLL_INTERVAL_MS: pollMs },
    apiCalls: () => fetchCalls(handle.url, handle.adminToken), close: () => handle.close(),
  };
}

async function fetchCalls(url: string, adminToken: string): Promise<ApiCalls> {
  const res = await adminFetch(url, "GET", "/requests", undefined, adminToken);
  if (!res.ok) throw new Error(`GET ${url}/__emulator/requests answered ${res.status}; is this a Render emulator?`);
  const body = (await res.json()) as { byMethod?: Partial<ApiCalls> };
  return { ...NO_CALLS, ...body.byMethod };
}
