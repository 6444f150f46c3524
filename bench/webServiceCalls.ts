/**
 * API calls to create, then refresh, one web service with env vars, secret files and two custom domains,
 * driven through the real dynamic-provider plugin exactly as the engine drives it (Check → Create, Read).
 */
import { startPluginHost } from "../sandbox/pluginHost";
import { CallTally, countCalls } from "./requestLog";

export interface EmulatorEndpoint {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly apiUrl: string;
  readonly apiKey: string;
}

export interface WebServiceCalls {
  readonly create: CallTally;
  readonly refresh: CallTally;
}

const URN = "urn:pulumi:bench::render-stages::pulumi-nodejs:dynamic/render:Service::bench-web";

export function webServiceInputs(providerText: string): Record<string, unknown> {
  return {
    __provider: providerText,
    type: "web_service",
    name: "bench-web",
    region: "oregon",
    plan: "starter",
    runtime: "node",
    repo: "https://github.com/render-examples/express-hello-world",
    branch: "main",
    buildCommand: "npm install",
    startCommand: "npm start",
    envVars: { NODE_ENV: "production", LOG_LEVEL: "info" },
    secretFiles: { "app.env": "SESSION_SECRET=bench" },
    customDomains: ["bench-1.example.com", "bench-2.example.com"],
  };
}

/** `env` adds to the plugin's environment (e.g. `RENDER_POLL_INTERVAL_MS`). */
export async function measureWebServiceCalls(emulator: EmulatorEndpoint, providerText: string, cwd: string,
  env: Record<string, string> = {}): Promise<WebServiceCalls> {
  const host = await startPluginHost({
    cwd,
    project: "render-stages",
    env: { ...env, RENDER_API_URL: emulator.apiUrl, RENDER_API_KEY: emulator.apiKey, RENDER_OWNER_ID: undefined },
  });
  try {
    await host.configure({});
    const checked = await host.check(URN, {}, webServiceInputs(providerText));
    if (checked.failures.length > 0) {
      throw new Error(`web service bench inputs failed check: ${checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    }
    const created = await countCalls(emulator.url, () => host.create(URN, checked.inputs));
    const refreshed = await countCalls(emulator.url, () => host.read(created.value.id, URN, created.value.properties, checked.inputs));
    if (refreshed.value.id !== created.value.id) {
      throw new Error(`refreshing web service ${created.value.id} returned id "${refreshed.value.id}"; expected it unchanged.`);
    }
    await host.delete(created.value.id, URN, created.value.properties);
    return { create: created.calls, refresh: refreshed.calls };
  } catch (err) {
    const stderr = host.stderr().trim();
    throw stderr ? new Error(`${(err as Error).message}\nplugin stderr:\n${stderr}`) : err;
  } finally {
    await host.close();
  }
}
