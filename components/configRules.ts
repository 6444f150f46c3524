/**
 * Cross-field rules of the stack config (one superRefine). They run even when single fields failed, so every
 * value is checked for its type before use: one parse reports every problem.
 */
import type { z } from "zod";
import * as E from "./enums";
import { choices, show } from "./configError";
import { cronProblem } from "./cron";
import type { AppSpec, EnvSource, ParsedStackConfig } from "./configSchema";
import { type PlacedApp, placeApps, unreachableMessage } from "./regions";
import { APP_KEY_RE, DOMAIN_RE, ENV_NAME_RE, SECRET_NAME_RE } from "./patterns";

type Ctx = z.core.$RefinementCtx<ParsedStackConfig>;
type Path = (string | number)[];

/** Which stage first provides what a reference points at. */
const REFERENCE_STAGE = { fromDatabase: 2, fromKeyValue: 3, fromStorage: 4 } as const;
const REFERENCE_WHAT = { fromDatabase: "Postgres", fromKeyValue: "Key Value", fromStorage: "object storage" } as const;

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** App key of the private service that owns a web app's disk at stage 1. */
export function privateServiceKey(app: AppSpec): string | undefined {
  if (app.type !== "web" || !isObj(app.disk)) return undefined;
  const ps = app.disk.privateService;
  return isObj(ps) && typeof ps.name === "string" ? ps.name : "db";
}

export function stackRules(cfg: ParsedStackConfig, ctx: Ctx): void {
  const problem = (path: Path, message: string) => ctx.addIssue({ code: "custom", path, message });
  const stage = num(cfg.stage) ?? 0;
  const apps: Record<string, AppSpec> = isObj(cfg.apps) ? cfg.apps : {};
  const groups = isObj(cfg.envGroups) ? cfg.envGroups : {};

  if (isObj(cfg.apps) && Object.keys(apps).length === 0) problem(["apps"], "needs at least one app");
  for (const [key, app] of Object.entries(apps)) {
    if (!APP_KEY_RE.test(key)) {
      problem(["apps", key], `${show(key)} is not an app key; use 2–30 lowercase letters, digits or hyphens, starting with a letter`);
    }
    if (isObj(app)) appRules(cfg, stage, key, app, apps, groups, problem);
  }
  diskServiceRules(apps, problem);
  envGroupRules(groups, problem);
  domainRules(cfg, apps, problem);
  serviceCycleRules(apps, problem);
  placementRules(cfg, stage, apps, problem);
  stageRules(cfg, stage, problem);
  databaseRules(cfg, problem);
  storageRules(cfg, problem);
  cloudflareRules(cfg, problem);
}

type Problem = (path: Path, message: string) => void;

/** Stage 1 derives one private service per web app disk; two disks cannot share one. */
function diskServiceRules(apps: Record<string, AppSpec>, problem: Problem): void {
  const owners = new Map<string, string>();
  for (const [key, app] of Object.entries(apps)) {
    const ps = isObj(app) ? privateServiceKey(app) : undefined;
    if (ps === undefined) continue;
    const first = owners.get(ps);
    if (first !== undefined) {
      problem(["apps", key, "disk", "privateService", "name"], `${show(ps)} is already the private service of app ${show(first)}'s disk; give each its own name`);
    } else owners.set(ps, key);
  }
}

function envGroupRules(groups: Record<string, unknown>, problem: Problem): void {
  for (const [key, group] of Object.entries(groups)) {
    if (!APP_KEY_RE.test(key)) problem(["envGroups", key], `${show(key)} is not an env group key; use 2–30 lowercase letters, digits or hyphens`);
    if (!isObj(group)) continue;
    envNameRules(["envGroups", key], group.env, group.secretEnv, problem);
    for (const envName of Object.keys(isObj(group.env) ? group.env : {})) {
      if (SECRET_NAME_RE.test(envName)) problem(["envGroups", key, "env", envName], secretLiteralMessage(envName));
    }
  }
}

function secretLiteralMessage(envName: string): string {
  return `a literal value for a secret-looking name is refused (it would sit in plain text in the stack file and state); ` +
    `use secretEnv: { ${envName}: <config key> } with \`pulumi config set --secret <config key> <value>\`, or { generateValue: true }`;
}

function envNameRules(base: Path, env: unknown, secretEnv: unknown, problem: Problem): void {
  const plain = isObj(env) ? Object.keys(env) : [];
  const secret = isObj(secretEnv) ? Object.keys(secretEnv) : [];
  for (const n of plain) if (!ENV_NAME_RE.test(n)) problem([...base, "env", n], `${show(n)} is not an env var name; use letters, digits and _ (not starting with a digit)`);
  for (const n of secret) if (!ENV_NAME_RE.test(n)) problem([...base, "secretEnv", n], `${show(n)} is not an env var name; use letters, digits and _ (not starting with a digit)`);
  for (const n of plain.filter((p) => secret.includes(p))) {
    problem([...base, "env", n], `is set in both env and secretEnv; keep one (secretEnv for secrets)`);
  }
}

const FIELD_OWNERS: { field: keyof AppSpec; types: readonly E.AppType[]; what: string }[] = [
  { field: "runtime", types: ["web", "pserv", "worker", "cron"], what: "static sites have no runtime" },
  { field: "plan", types: ["web", "pserv", "worker", "cron"], what: "static sites have no plan" },
  { field: "region", types: ["web", "pserv", "worker", "cron"], what: "static sites are served from Render's CDN" },
  { field: "startCommand", types: ["web", "pserv", "worker", "cron"], what: "static sites only build" },
  { field: "preDeployCommand", types: ["web", "pserv", "worker"], what: "only web services, private services and workers run it" },
  { field: "healthCheckPath", types: ["web"], what: "only web services have health checks" },
  { field: "numInstances", types: ["web", "pserv", "worker"], what: "only web services, private services and workers scale" },
  { field: "autoscaling", types: ["web", "pserv", "worker"], what: "only web services, private services and workers scale" },
  { field: "domains", types: ["web", "static"], what: "only web services and static sites take custom domains" },
  { field: "disk", types: ["web", "pserv", "worker"], what: "disks attach to web services, private services and workers only" },
  { field: "schedule", types: ["cron"], what: "only cron jobs have a schedule" },
  { field: "publishPath", types: ["static"], what: "only static sites publish a directory" },
  { field: "headers", types: ["static"], what: "only static sites set headers here" },
  { field: "routes", types: ["static"], what: "only static sites have routes" },
];

function appRules(
  cfg: ParsedStackConfig, stage: number, key: string, app: AppSpec,
  apps: Record<string, AppSpec>, groups: Record<string, unknown>, problem: Problem,
): void {
  const at = (...rest: Path): Path => ["apps", key, ...rest];
  const type = (E.SERVICE_TYPES as readonly string[]).includes(app.type) ? app.type : undefined;
  if (type) {
    for (const { field, types, what } of FIELD_OWNERS) {
      const v = app[field];
      const set = Array.isArray(v) ? v.length > 0 : v !== undefined;
      if (set && !types.includes(type)) problem(at(field), `not allowed on a ${type} app: ${what}`);
    }
    if (type !== "static" && app.runtime === undefined) problem(at("runtime"), `is required for a ${type} app; allowed: ${choices(E.RUNTIMES)}`);
    if (type === "cron") {
      if (typeof app.schedule !== "string") problem(at("schedule"), `is required for a cron job (five fields, UTC), e.g. "0 3 * * *"`);
      else {
        const why = cronProblem(app.schedule);
        if (why) problem(at("schedule"), `${show(app.schedule)} is not a cron schedule: ${why}`);
      }
    }
  }
  if (app.runtime === "image") {
    if (app.image === undefined) problem(at("image"), `is required with runtime "image" (e.g. docker.io/library/nginx:latest)`);
    if (app.repo !== undefined) problem(at("repo"), `not allowed with runtime "image": the service deploys the image, not a repository`);
  } else if (type === "static" || (type !== undefined && app.runtime !== undefined)) {
    if (app.repo === undefined) problem(at("repo"), `is required (an https git repository URL) unless runtime is "image"`);
    if (app.image !== undefined) problem(at("image"), `only for runtime "image"`);
  }
  for (const f of ["dockerCommand", "dockerfilePath", "dockerContext"] as const) {
    if (app[f] !== undefined && app.runtime !== "docker") problem(at(f), `only for runtime "docker"`);
  }
  const instances = num(app.numInstances);
  const scaling = isObj(app.autoscaling) ? app.autoscaling : undefined;
  if (instances !== undefined && instances > 1 && scaling) {
    problem(at("numInstances"), `${instances} conflicts with autoscaling; set one of numInstances or autoscaling`);
  }
  if (scaling) {
    const min = num(scaling.minInstances), max = num(scaling.maxInstances);
    if (min !== undefined && max !== undefined && min > max) {
      problem(at("autoscaling", "minInstances"), `${min} is more than maxInstances ${max}; minInstances must be ≤ maxInstances`);
    }
    if (scaling.targetCPUPercent === undefined && scaling.targetMemoryPercent === undefined) {
      problem(at("autoscaling"), "needs targetCPUPercent or targetMemoryPercent (1–90)");
    }
  }
  if (isObj(app.disk)) {
    if (instances !== undefined && instances > 1) {
      problem(at("numInstances"), `${instances} with a disk; a disk attaches to exactly one instance: use numInstances 1 or drop the disk (stage 2 moves data to Postgres)`);
    }
    if (scaling) problem(at("autoscaling"), "not allowed with a disk; a disk attaches to exactly one instance");
    const psKey = privateServiceKey(app);
    if (psKey !== undefined && apps[psKey] !== undefined) {
      problem(at("disk", "privateService", "name"), `${show(psKey)} is already an app key; stage 1 creates this private service, pick another name`);
    }
  }
  envNameRules(at(), app.env, app.secretEnv, problem);
  for (const [envName, src] of Object.entries(isObj(app.env) ? app.env : {})) {
    if (isObj(src)) envSourceRules(cfg, stage, at("env", envName), envName, src as EnvSource, apps, problem);
  }
  (Array.isArray(app.envGroups) ? app.envGroups : []).forEach((g, i) => {
    if (groups[g] === undefined) {
      problem(at("envGroups", i), `${show(g)} is not a defined env group; defined: ${choices(Object.keys(groups)) || "none (add envGroups.<name>)"}`);
    }
  });
}

function envSourceRules(
  cfg: ParsedStackConfig, stage: number, path: Path, envName: string, src: EnvSource,
  apps: Record<string, AppSpec>, problem: Problem,
): void {
  if (src.value !== undefined && SECRET_NAME_RE.test(envName)) problem(path, secretLiteralMessage(envName));
  for (const ref of ["fromDatabase", "fromKeyValue", "fromStorage"] as const) {
    if (src[ref] !== undefined && stage < REFERENCE_STAGE[ref]) {
      problem([...path, ref], `${REFERENCE_WHAT[ref]} exists from stage ${REFERENCE_STAGE[ref]} on; this stack is at stage ${stage}. ` +
        `Raise the stage (pulumi config set stage ${REFERENCE_STAGE[ref]}) or remove the reference`);
    }
  }
  const db = src.fromDatabase;
  if (isObj(db) && db.name !== undefined && isObj(cfg.database) && db.name !== cfg.database.name) {
    problem([...path, "fromDatabase", "name"], `${show(db.name)} is not the database; defined: ${show(cfg.database.name)}`);
  }
  const kv = src.fromKeyValue;
  if (isObj(kv) && kv.name !== undefined && isObj(cfg.cache) && kv.name !== cfg.cache.name) {
    problem([...path, "fromKeyValue", "name"], `${show(kv.name)} is not the Key Value instance; defined: ${show(cfg.cache.name)}`);
  }
  const st = src.fromStorage;
  if (isObj(st) && isObj(cfg.storage)) {
    const keyProps = ["accessKeyId", "secretAccessKey"];
    if (cfg.storage.provider === "s3" && (keyProps.includes(st.property) || st.property === "cdnUrl")) {
      problem([...path, "fromStorage", "property"], `${show(st.property)} is only available with storage.provider "spaces"; for s3 allowed: endpoint, bucket`);
    }
    if (cfg.storage.provider === "spaces" && cfg.storage.cdn === false && st.property === "cdnUrl") {
      problem([...path, "fromStorage", "property"], `"cdnUrl" needs storage.cdn true`);
    }
  }
  const svc = src.fromService;
  if (isObj(svc) && typeof svc.name === "string") {
    const target = apps[svc.name];
    if (target === undefined) {
      problem([...path, "fromService", "name"], `${show(svc.name)} is not an app; defined: ${choices(Object.keys(apps))}`);
    } else if (target.type === "worker" || target.type === "cron") {
      problem([...path, "fromService", "name"], `${show(svc.name)} is a ${target.type} app: it has no host or URL`);
    } else if (target.type === "static" && svc.property !== "url") {
      problem([...path, "fromService", "property"], `${show(svc.property)} is not available for static site ${show(svc.name)}; allowed: url`);
    }
  }
}

function domainRules(cfg: ParsedStackConfig, apps: Record<string, AppSpec>, problem: Problem): void {
  const owner = new Map<string, string>();
  const zone = isObj(cfg.cloudflare) && typeof cfg.cloudflare.zoneName === "string" ? cfg.cloudflare.zoneName : undefined;
  for (const [key, app] of Object.entries(apps)) {
    if (!isObj(app) || !Array.isArray(app.domains)) continue;
    app.domains.forEach((d, i) => {
      if (typeof d !== "string" || !DOMAIN_RE.test(d)) return;
      const first = owner.get(d);
      if (first !== undefined) problem(["apps", key, "domains", i], `${show(d)} is already a domain of app ${show(first)}; a domain belongs to one service`);
      else owner.set(d, key);
      const bare = d.replace(/^\*\./, "");
      if (zone !== undefined && bare !== zone && !bare.endsWith(`.${zone}`)) {
        problem(["apps", key, "domains", i], `${show(d)} is outside the Cloudflare zone ${show(zone)}`);
      }
    });
  }
}

/** Service hosts are outputs of creation, so two services cannot wait for each other's host. */
function serviceCycleRules(apps: Record<string, AppSpec>, problem: Problem): void {
  const deps = (key: string): string[] => {
    const env = isObj(apps[key]) && isObj(apps[key].env) ? apps[key].env : {};
    return Object.values(env).flatMap((s) => (isObj(s) && isObj(s.fromService) && typeof s.fromService.name === "string" && apps[s.fromService.name] ? [s.fromService.name] : []));
  };
  const reported = new Set<string>();
  const visit = (key: string, trail: string[]): void => {
    if (trail.includes(key)) {
      const cycle = [...trail.slice(trail.indexOf(key)), key];
      const id = [...cycle].slice(0, -1).sort().join(",");
      if (!reported.has(id)) {
        reported.add(id);
        problem(["apps", cycle[0], "env"], `fromService references form a cycle (${cycle.join(" → ")}); a service's host exists only after it is created, so one of them must not reference the other`);
      }
      return;
    }
    for (const d of deps(key)) visit(d, [...trail, key]);
  };
  for (const key of Object.keys(apps)) visit(key, []);
}

/** Every private address an app's env names must be in each region the app runs in (components/regions.ts). */
function placementRules(cfg: ParsedStackConfig, stage: number, apps: Record<string, AppSpec>, problem: Problem): void {
  const placed: Record<string, PlacedApp> = {};
  for (const [key, app] of Object.entries(apps)) {
    if (!isObj(app) || typeof app.type !== "string") continue;
    const env: Record<string, { fromService: { name: string; property: string } }> = {};
    for (const [name, src] of Object.entries(isObj(app.env) ? app.env : {})) {
      const ref = isObj(src) ? src.fromService : undefined;
      if (isObj(ref) && typeof ref.name === "string" && typeof ref.property === "string") env[name] = { fromService: { name: ref.name, property: ref.property } };
    }
    placed[key] = { type: app.type, region: typeof app.region === "string" ? app.region : undefined, disk: app.disk, env };
  }
  const regions = isObj(cfg.multiRegion) && Array.isArray(cfg.multiRegion.regions) ? cfg.multiRegion.regions.filter((r) => typeof r === "string") : [];
  const region = typeof cfg.region === "string" ? cfg.region : "";
  for (const ref of placeApps({ stage, region, regions, apps: placed }).unreachable) {
    problem(["apps", ref.app, "env", ref.env, "fromService", "name"], unreachableMessage(ref, placed[ref.target].type));
  }
}

function stageRules(cfg: ParsedStackConfig, stage: number, problem: Problem): void {
  if (stage >= 4) {
    if (cfg.storage === undefined) problem(["storage"], `stage ${stage} needs storage (provider "spaces" or "s3", bucket, region): pulumi config set --path storage.provider spaces`);
    if (cfg.cloudflare === undefined) problem(["cloudflare"], `stage ${stage} needs cloudflare.zoneId (the zone of your custom domains): pulumi config set --path cloudflare.zoneId <zone id>`);
  }
  if (stage === 5) {
    const regions = isObj(cfg.multiRegion) && Array.isArray(cfg.multiRegion.regions) ? cfg.multiRegion.regions : [];
    const distinct = new Set([...regions, cfg.region]);
    if (distinct.size < 2) {
      problem(["multiRegion", "regions"], `stage 5 needs web services in at least 2 regions; have ${choices([...distinct]) || "none"}; add one of ${choices(E.REGIONS.filter((r) => !distinct.has(r)))}`);
    }
    if (isObj(cfg.cloudflare) && cfg.cloudflare.accountId === undefined) {
      problem(["cloudflare", "accountId"], "stage 5 needs the Cloudflare account id (load balancer pools and monitors belong to the account)");
    }
  }
  if (isObj(cfg.multiRegion) && Array.isArray(cfg.multiRegion.regions)) {
    const seen = new Set<string>();
    cfg.multiRegion.regions.forEach((r, i) => {
      if (seen.has(r)) problem(["multiRegion", "regions", i], `${show(r)} is listed twice`);
      seen.add(r);
    });
  }
}

function databaseRules(cfg: ParsedStackConfig, problem: Problem): void {
  const db = cfg.database;
  if (!isObj(db)) return;
  const version = (E.POSTGRES_VERSIONS as readonly unknown[]).includes(db.version) ? Number(db.version) : undefined;
  const plan = db.plan as E.PostgresPlan;
  if (db.highAvailability === true && (E.POSTGRES_PLANS as readonly string[]).includes(plan) && !E.POSTGRES_HA_PLANS.includes(plan)) {
    problem(["database", "highAvailability"], `plan ${show(plan)} has no high availability; use a pro_* or accelerated_* plan (e.g. pro_4gb) or set highAvailability false`);
  }
  if (db.highAvailability === true && version !== undefined && version < E.POSTGRES_HA_MIN_VERSION) {
    problem(["database", "highAvailability"], `Postgres ${db.version} has no high availability; use version "${E.POSTGRES_HA_MIN_VERSION}" or later`);
  }
  if (Array.isArray(db.readReplicas) && db.readReplicas.length > 0 && !E.POSTGRES_REPLICA_PLANS.includes(plan) && (E.POSTGRES_PLANS as readonly string[]).includes(plan)) {
    problem(["database", "readReplicas"], `plan ${show(plan)} has no read replicas; use basic_1gb or larger`);
  }
  const disk = num(db.diskSizeGB);
  if (disk !== undefined && disk !== 1 && disk % 5 !== 0) {
    problem(["database", "diskSizeGB"], `${disk} is not 1 or a multiple of 5`);
  }
  const mr = cfg.multiRegion;
  if (isObj(mr)) {
    const stage5Plan = (mr.databasePlan ?? plan) as E.PostgresPlan;
    if ((E.POSTGRES_PLANS as readonly string[]).includes(stage5Plan) && !E.POSTGRES_HA_PLANS.includes(stage5Plan)) {
      problem([mr.databasePlan ? "multiRegion" : "database", mr.databasePlan ? "databasePlan" : "plan"],
        `${show(stage5Plan)} has no high availability, which stage 5 turns on; set multiRegion.databasePlan to a pro_* or accelerated_* plan (e.g. pro_4gb)`);
    }
    if (version !== undefined && version < E.POSTGRES_HA_MIN_VERSION) {
      problem(["database", "version"], `Postgres ${db.version} has no high availability, which stage 5 turns on; use version "${E.POSTGRES_HA_MIN_VERSION}" or later`);
    }
  }
}

const S3_REGION_RE = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

function storageRules(cfg: ParsedStackConfig, problem: Problem): void {
  const st = cfg.storage;
  if (!isObj(st) || typeof st.region !== "string") return;
  if (st.provider === "spaces" && !(E.SPACES_REGIONS as readonly string[]).includes(st.region)) {
    problem(["storage", "region"], `${show(st.region)} is not a Spaces region; allowed: ${choices(E.SPACES_REGIONS)}`);
  }
  if (st.provider === "s3" && !S3_REGION_RE.test(st.region)) {
    problem(["storage", "region"], `${show(st.region)} is not an AWS region (e.g. us-east-1, eu-central-1)`);
  }
  if (st.provider === "s3" && st.cdn === true) {
    problem(["storage", "cdn"], `only for provider "spaces"; with s3, Cloudflare caches what the site serves`);
  }
}

function cloudflareRules(cfg: ParsedStackConfig, problem: Problem): void {
  const cf = cfg.cloudflare;
  if (!isObj(cf) || !Array.isArray(cf.cacheRules)) return;
  cf.cacheRules.forEach((rule, i) => {
    if (!isObj(rule)) return;
    const empty = (v: unknown) => !Array.isArray(v) || v.length === 0;
    if (empty(rule.extensions) && empty(rule.pathPrefixes)) {
      problem(["cloudflare", "cacheRules", i], "needs extensions or pathPrefixes (what to cache)");
    }
  });
}
