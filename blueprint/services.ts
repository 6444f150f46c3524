/** Blueprint `services` entries → config `apps` (web, pserv, worker, cron, static) and `cache` (keyvalue/redis). */
import { mapEnvVars, type EnvContext, type EnvResult } from "./envVars";
import { configKeyOf, planOf } from "./names";
import type { MapReader } from "./reader";
import type { RawApp, RawCache } from "./rawConfig";

const RUNTIMES = ["node", "python", "ruby", "go", "rust", "elixir", "docker", "image"];
const PREVIEWS_NOTE = "per-PR previews are the preview-environment workflow's job here (a stack per pull request)";

/** The app type a Blueprint service becomes (legacy `env: static` on a web service is a static site). */
export function appTypeOf(type: string | undefined, runtime: unknown): RawApp["type"] | undefined {
  if (type === "web" && runtime === "static") return "static";
  return ["web", "pserv", "worker", "cron", "static"].includes(type ?? "") ? (type as RawApp["type"]) : undefined;
}

export interface MappedApp {
  key: string;
  app: RawApp;
  env: EnvResult;
  reader: MapReader;
}

function copyStrings(r: MapReader, app: Record<string, unknown>, keys: [string, string][]): void {
  for (const [from, to] of keys) {
    const v = r.string(from);
    if (v !== undefined) app[to] = v;
  }
}

function mapScaling(r: MapReader): RawApp["autoscaling"] | undefined {
  const s = r.map("scaling");
  if (!s) return undefined;
  const scaling: Record<string, number> = {};
  for (const k of ["minInstances", "maxInstances", "targetCPUPercent", "targetMemoryPercent"]) {
    const v = s.number(k);
    if (v !== undefined) scaling[k] = v;
  }
  s.done();
  return scaling as RawApp["autoscaling"];
}

function mapDisk(r: MapReader): NonNullable<RawApp["disk"]> | undefined {
  const d = r.map("disk");
  if (!d) return undefined;
  const name = d.string("name");
  const mountPath = d.string("mountPath");
  const sizeGB = d.number("sizeGB");
  d.done();
  if (mountPath === undefined) {
    r.warn("disk", "a disk needs mountPath; disk left out");
    return undefined;
  }
  return { ...(name !== undefined ? { name: configKeyOf(name, 40) } : {}), mountPath, ...(sizeGB !== undefined ? { sizeGB } : {}) };
}

function mapList<T>(r: MapReader, key: string, fields: string[]): T[] | undefined {
  if (!r.has(key)) return undefined;
  return r.list(key).flatMap((item) => {
    if (!item.reader) {
      r.findings.unmappedAt(item.line, item.path, `${JSON.stringify(item.value)} is not a mapping; left out`);
      return [];
    }
    const out: Record<string, string> = {};
    for (const f of fields) {
      const v = item.reader.string(f);
      if (v !== undefined) out[f] = v;
    }
    item.reader.done();
    return [out as T];
  });
}

/** One web / pserv / worker / cron / static service as an app. */
export function mapApp(r: MapReader, key: string, type: RawApp["type"], envCtx: Omit<EnvContext, "path" | "owner" | "group">): MappedApp {
  const app: Record<string, unknown> = { type };
  r.string("type");
  r.string("name");
  const runtime = r.has("runtime") ? r.string("runtime") : r.string("env");
  if (type !== "static") {
    if (runtime !== undefined && RUNTIMES.includes(runtime)) app.runtime = runtime;
    else r.warn(r.has("runtime") ? "runtime" : r.has("env") ? "env" : undefined, `runtime ${JSON.stringify(runtime ?? null)} is not one of ${RUNTIMES.join(", ")}; set apps.${key}.runtime`);
  }
  const plan = r.string("plan");
  if (plan !== undefined) {
    const p = planOf(plan);
    if (type === "static") r.warn("plan", "static sites have no plan; left out");
    else if (p === "free") r.warn("plan", "free instances are not created by this program (no disks, they sleep); the app gets the default paid plan, starter");
    else app.plan = p;
  }
  copyStrings(r, app, [["region", "region"], ["repo", "repo"], ["branch", "branch"], ["rootDir", "rootDir"],
    ["buildCommand", "buildCommand"], ["startCommand", "startCommand"], ["preDeployCommand", "preDeployCommand"],
    ["dockerCommand", "dockerCommand"], ["dockerfilePath", "dockerfilePath"], ["dockerContext", "dockerContext"],
    ["healthCheckPath", "healthCheckPath"], ["schedule", "schedule"], ["staticPublishPath", "publishPath"]]);
  const image = r.map("image");
  if (image) {
    const url = image.string("url");
    if (url !== undefined) {
      app.image = url;
      app.runtime = "image";
    }
    const creds = image.map("creds");
    if (creds) {
      // The Blueprint names a credential that already exists in the workspace; its token never appears in the file.
      const from = creds.map("fromRegistryCreds");
      const name = from?.string("name");
      from?.done();
      const cred = name !== undefined ? configKeyOf(name, 30) : "registry";
      image.findings.unmappedAt(image.line("creds"), image.pathOf("creds"), `pulls with the workspace's registry credential ${JSON.stringify(name ?? null)}; declare it under ` +
        `registryCredentials.${cred} (registry, username, authTokenSecret) and set apps.${key}.registryCredential: ${cred}`);
      creds.done();
    }
    image.done();
  }
  const numInstances = r.number("numInstances");
  const autoscaling = mapScaling(r);
  const disk = mapDisk(r);
  if (disk) {
    app.disk = disk;
    if ((numInstances ?? 1) > 1 || autoscaling) {
      r.warn("disk", "a disk attaches to exactly one instance, but this service has several (numInstances/scaling); scaling left out");
    }
  }
  if (!disk || ((numInstances ?? 1) <= 1 && !autoscaling)) {
    if (numInstances !== undefined) app.numInstances = numInstances;
    if (autoscaling) app.autoscaling = autoscaling;
  }
  if (r.has("domains")) app.domains = r.stringList("domains").map((d) => d.toLowerCase());
  const autoDeploy = r.boolean("autoDeploy");
  const trigger = r.string("autoDeployTrigger");
  if (trigger === "checksPass") r.warn("autoDeployTrigger", "checksPass is not modelled; deploys follow every commit (autoDeploy true)");
  if (autoDeploy !== undefined || trigger === "off") app.autoDeploy = trigger === "off" ? false : autoDeploy;
  const headers = mapList<{ path: string; name: string; value: string }>(r, "headers", ["path", "name", "value"]);
  if (headers) app.headers = headers;
  const routes = mapList<{ type: "redirect" | "rewrite"; source: string; destination: string }>(r, "routes", ["type", "source", "destination"]);
  if (routes) app.routes = routes;
  const maintenance = r.map("maintenanceMode");
  if (maintenance) {
    const enabled = maintenance.boolean("enabled");
    const uri = maintenance.string("uri");
    maintenance.done();
    if (type !== "web") r.warn("maintenanceMode", "maintenance mode is for web services only; left out");
    else app.maintenanceMode = { ...(enabled !== undefined ? { enabled } : {}), ...(uri ? { uri } : {}) };
  }
  r.unmapped("previews", PREVIEWS_NOTE);
  r.unmapped("pullRequestPreviewsEnabled", PREVIEWS_NOTE);
  const env = mapEnvVars(r.list("envVars"), { ...envCtx, path: `apps.${key}`, owner: key, group: false });
  if (Object.keys(env.env).length > 0) app.env = env.env as RawApp["env"];
  if (Object.keys(env.secretEnv).length > 0) app.secretEnv = env.secretEnv;
  if (env.envGroups.length > 0) app.envGroups = env.envGroups;
  return { key, app: app as RawApp, env, reader: r };
}

/** A `keyvalue` (or legacy `redis`) service as the stack's cache. */
export function mapCache(r: MapReader, name: string): RawCache {
  r.string("type");
  r.string("name");
  const cache: Record<string, unknown> = { name };
  const plan = r.string("plan");
  if (plan !== undefined) cache.plan = planOf(plan);
  const policy = r.string("maxmemoryPolicy");
  if (policy !== undefined) cache.maxmemoryPolicy = policy;
  const region = r.string("region");
  if (region !== undefined) cache.region = region;
  if (r.has("ipAllowList")) {
    const list = r.list("ipAllowList");
    if (list.length > 0) {
      r.findings.unmappedAt(r.line("ipAllowList"), r.pathOf("ipAllowList"),
        "Key Value stays on Render's private network here (ipAllowList []); outside access is not carried over");
    }
  }
  r.unmapped("previewPlan", PREVIEWS_NOTE);
  r.done();
  return cache as RawCache;
}
