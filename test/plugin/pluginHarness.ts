/**
 * Drives our Render resources through the real dynamic-provider plugin, the way the engine does: the
 * `__provider` text comes from registering each resource class under `pulumi.runtime.setMocks` (what the
 * program would send), and `up` runs Check → Diff → Create / Update / Delete+Create over gRPC against the
 * emulator. One plugin process and one emulator per test file.
 */
import { adminFetch } from "../../emulator/adminClient";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import * as render from "../../providers/render";
import { RUNTIME_MODULE } from "../../providers/render/runtimeProvider";
import { PluginHost, startPluginHost } from "../../sandbox/pluginHost";
import type { PropertyMap } from "../../sandbox/wire";

export const ROOT = path.resolve(__dirname, "../..");
export const PROJECT = "render-stages";
export type Kind = "Service" | "Disk" | "Postgres" | "KeyValue" | "EnvGroup" | "CustomDomain" | "Project"
  | "PostgresConnection" | "KeyValueConnection" | "ServiceEndpoint"
  | "RegistryCredential" | "LogStream" | "ResourceLogStream" | "MetricsStream" | "NotificationSettings"
  | "NotificationOverride" | "Webhook" | "MaintenanceMode";

/** A minimal registration of each kind: only its `__provider` text matters here. */
const REGISTER: Record<Kind, (name: string) => pulumi.Resource> = {
  Service: (n) => new render.Service(n, { type: "web_service", name: "x" }),
  Disk: (n) => new render.Disk(n, { serviceId: "srv-x", name: "x", mountPath: "/x" }),
  Postgres: (n) => new render.Postgres(n, { name: "x" }),
  KeyValue: (n) => new render.KeyValue(n, { name: "x" }),
  EnvGroup: (n) => new render.EnvGroup(n, { name: "x" }),
  CustomDomain: (n) => new render.CustomDomain(n, { serviceId: "srv-x", name: "x.example.com" }),
  Project: (n) => new render.Project(n, { name: "x", environments: [{ name: "production" }] }),
  PostgresConnection: (n) => new render.PostgresConnection(n, { postgresId: "dpg-x" }),
  KeyValueConnection: (n) => new render.KeyValueConnection(n, { keyValueId: "red-x" }),
  ServiceEndpoint: (n) => new render.ServiceEndpoint(n, { serviceId: "srv-x" }),
  RegistryCredential: (n) => new render.RegistryCredential(n, { name: "x", registry: "GITHUB", username: "x", authToken: "x" }),
  LogStream: (n) => new render.LogStream(n, { preview: "send" }),
  ResourceLogStream: (n) => new render.ResourceLogStream(n, { resourceId: "srv-x", setting: "drop" }),
  MetricsStream: (n) => new render.MetricsStream(n, { provider: "CUSTOM", url: "https://x.example.com", token: "x" }),
  NotificationSettings: (n) => new render.NotificationSettings(n, {}),
  NotificationOverride: (n) => new render.NotificationOverride(n, { serviceId: "srv-x" }),
  Webhook: (n) => new render.Webhook(n, { name: "x", url: "https://x.example.com" }),
  MaintenanceMode: (n) => new render.MaintenanceMode(n, { serviceId: "srv-x" }),
};

/** Registers one resource of each kind under mocks and returns the `__provider` text each one carries. */
export async function programProviders(kinds: Kind[], apiKeyInEnv: string): Promise<Record<Kind, string>> {
  const saved = process.env.RENDER_API_KEY;
  // The key is in the program's environment, as on a developer machine: it must still not be captured.
  process.env.RENDER_API_KEY = apiKeyInEnv;
  const found: Partial<Record<Kind, string>> = {};
  pulumi.runtime.setMocks({
    newResource: (args) => {
      found[args.name as Kind] = String(args.inputs.__provider);
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: () => { throw new Error("no invokes expected"); },
  }, PROJECT, "plugin-test");
  const resources = kinds.map((kind) => REGISTER[kind](kind));
  await Promise.all(resources.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  if (saved === undefined) delete process.env.RENDER_API_KEY;
  else process.env.RENDER_API_KEY = saved;
  return found as Record<Kind, string>;
}

/**
 * The largest `__provider` we accept: the engine keeps it in the inputs and the outputs of every dynamic resource,
 * so a checkpoint entry stays within 8 KB only if the text stays a small loader.
 */
export const PROVIDER_BUDGET_BYTES = 3 * 1024;

/**
 * What must never appear in a serialized provider: the key and paths of this machine, code of ours (the
 * runtime is loaded from the installed project, runtimeLoader.js), or a `require` of a relative or absolute path
 * literal (the runtime's path is resolved against the plugin's working directory, the program directory).
 */
export function leaks(text: string, apiKey: string): string[] {
  const found: string[] = [];
  if (!text.includes(`"${RUNTIME_MODULE}"`)) found.push(`loader: does not load ${RUNTIME_MODULE}`);
  if (text.includes(apiKey)) found.push("loader: the API key");
  for (const dir of [ROOT, os.homedir(), os.tmpdir(), process.cwd()]) if (text.includes(dir)) found.push(`loader: the path ${dir}`);
  for (const code of ["RenderClient", "axios", "fetch(", "H4sI"]) if (text.includes(code)) found.push(`loader: carries code (${code})`);
  for (const m of text.matchAll(/require\("([^"]+)"\)/g)) {
    if (m[1].startsWith(".") || m[1].startsWith("/")) found.push(`loader: require("${m[1]}")`);
  }
  return found;
}

export interface Deployed {
  kind: Kind;
  urn: string;
  id: string;
  /** Checked inputs as the engine stores them. */
  inputs: PropertyMap;
  /** Outputs (state). */
  outputs: PropertyMap;
}

export interface PluginHarness {
  emulator: EmulatorHandle;
  host: PluginHost;
  providers: Record<Kind, string>;
  /** Check + Create, or Check + Diff + Update / replace, like `pulumi up` for one resource. */
  up(kind: Kind, name: string, args: PropertyMap, prior?: Deployed): Promise<{ deployed: Deployed; step: string; replaces: string[] }>;
  /** Check + Diff with the program's args against the state: what the next preview would show. */
  preview(prior: Deployed, args: PropertyMap): Promise<{ changes: string; replaces: string[] }>;
  apiGet(path: string): Promise<Record<string, unknown>>;
  apiPost(path: string, body: unknown): Promise<unknown>;
  admin(method: string, path: string, body?: unknown): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

const urnOf = (kind: Kind, name: string) => `urn:pulumi:plugin-test::${PROJECT}::pulumi-nodejs:dynamic/render:${kind}::${name}`;

export async function startPluginHarness(kinds: Kind[]): Promise<PluginHarness> {
  const emulator = await startEmulator({ port: 0, timeScale: 0.0005, rateLimits: "off" });
  const providers = await programProviders(kinds, emulator.apiKey);
  const host = await startPluginHost({
    cwd: ROOT, project: PROJECT,
    // No key in the plugin's environment: it must come from stack config through Configure.
    env: { RENDER_API_KEY: undefined, RENDER_API_URL: emulator.apiUrl, RENDER_OWNER_ID: emulator.ownerId, RENDER_POLL_INTERVAL_MS: "5" },
  });
  await host.configure({ [`${PROJECT}:renderApiKey`]: emulator.apiKey });

  async function checked(kind: Kind, urn: string, olds: PropertyMap, args: PropertyMap): Promise<PropertyMap> {
    const res = await host.check(urn, olds, { ...args, __provider: providers[kind] });
    if (res.failures.length) throw new Error(`check failed: ${JSON.stringify(res.failures)}`);
    return res.inputs;
  }

  return {
    emulator, host, providers,
    async up(kind, name, args, prior) {
      const urn = urnOf(kind, name);
      const inputs = await checked(kind, urn, prior?.inputs ?? {}, args);
      if (!prior) {
        const created = await host.create(urn, inputs);
        return { deployed: { kind, urn, id: created.id, inputs, outputs: created.properties }, step: "create", replaces: [] };
      }
      const diff = await host.diff(prior.id, urn, prior.outputs, inputs);
      if (diff.changes === "none") return { deployed: { ...prior, inputs }, step: "same", replaces: [] };
      if (diff.replaces.length) {
        // The engine's order: delete first when the provider asks for it, else create the new copy first.
        if (diff.deleteBeforeReplace) await host.delete(prior.id, urn, prior.outputs);
        const created = await host.create(urn, inputs);
        if (!diff.deleteBeforeReplace) await host.delete(prior.id, urn, prior.outputs);
        const step = diff.deleteBeforeReplace ? "delete-replace" : "create-replace";
        return { deployed: { kind, urn, id: created.id, inputs, outputs: created.properties }, step, replaces: diff.replaces };
      }
      const outputs = await host.update(prior.id, urn, prior.outputs, inputs);
      return { deployed: { kind, urn, id: prior.id, inputs, outputs }, step: "update", replaces: [] };
    },
    async preview(prior, args) {
      const inputs = await checked(prior.kind, prior.urn, prior.inputs, args);
      const diff = await host.diff(prior.id, prior.urn, prior.outputs, inputs);
      return { changes: diff.changes, replaces: diff.replaces };
    },
    async apiGet(path) {
      const res = await fetch(`${emulator.apiUrl}${path}`, { headers: { authorization: `Bearer ${emulator.apiKey}` } });
      return res.status === 404 ? { status: 404 } : (await res.json()) as Record<string, unknown>;
    },
    async apiPost(path, body) {
      const res = await fetch(`${emulator.apiUrl}${path}`, {
        method: "POST", body: JSON.stringify(body),
        headers: { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" },
      });
      if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    async admin(method, path, body) {
      const res = await adminFetch(emulator.url, method, path, body);
      return res.status === 204 ? undefined : res.json();
    },
    async close() {
      await host.close();
      await emulator.close();
    },
  };
}

/** The serialized-provider checks every plugin suite runs for its kinds: no key, no machine path, within budget. */
export function itKeepsProviderTextsClean(kinds: Kind[], harness: () => PluginHarness): void {
  it.each(kinds)("serializes %s as a small loader: no API key, machine path, code of ours or relative require", (kind) => {
    const p = harness();
    expect(leaks(p.providers[kind], p.emulator.apiKey)).toEqual([]);
    expect(Buffer.byteLength(p.providers[kind], "utf8")).toBeLessThanOrEqual(PROVIDER_BUDGET_BYTES);
  });
}
