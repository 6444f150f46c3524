/**
 * Monthly cost of a stack config: what its stage builds, priced from a catalog. Mirrors the stage components:
 * stage 0 web + disk; 1 the disk moves to a private service; 2 Postgres (a disk the stack already had stays, and
 * is billed, until `allowDataLoss.disk` lets it go); 3 Key Value; 4 object storage + Cloudflare; 5 web copies per region,
 * Postgres HA + read replicas, a Cloudflare load balancer.
 */
import type { AppSpec, StackConfig } from "../components/config";
import { diskServiceSpec } from "../components/apps";
import { placeApps } from "../components/regions";
import { FRESH_STACK, placeDisks, type PreviousState } from "../components/statefulPlan";
import { loadPriceCatalog, Price, PriceCatalog } from "./catalog";

export interface CostLine {
  /** Stable id: the config path of what is billed (`apps.web`, `apps.web.disk`, `database`). */
  resource: string;
  /** What it is, for people: `web service`, `disk 10 GB`, `postgres`. */
  kind: string;
  plan: string;
  /** Monthly price in the catalog's currency (with autoscaling: at minInstances). */
  monthly: number;
  /** With autoscaling: the monthly price at maxInstances. */
  monthlyMax?: number;
  note?: string;
}

export interface CostEstimate {
  total: number;
  /** Present when autoscaling makes the total a range. */
  totalMax?: number;
  currency: string;
  lines: CostLine[];
}

export class CostError extends Error {}

const cents = (n: number): number => Math.round(n * 100) / 100;

function planPrice(table: Readonly<Record<string, Price>>, plan: string, where: string, section: string): Price {
  const price = table[plan];
  if (price) return price;
  throw new CostError(`${where}: plan "${plan}" has no price in the catalog (${section}: ${Object.keys(table).join(", ")}); ` +
    `add it to a copy of cost/prices.json and pass --prices FILE.`);
}

function noteOf(...notes: (string | undefined)[]): { note?: string } {
  const text = notes.filter((n): n is string => !!n).join("; ");
  return text ? { note: text } : {};
}

/** Instance count of an app: fixed, or the autoscaling range. */
function instances(app: AppSpec): { min: number; max: number } {
  if (app.autoscaling) return { min: app.autoscaling.minInstances, max: app.autoscaling.maxInstances };
  return { min: app.numInstances ?? 1, max: app.numInstances ?? 1 };
}

function serviceLine(resource: string, kind: string, plan: string, count: { min: number; max: number }, prices: PriceCatalog, extraNote?: string): CostLine {
  const price = planPrice(prices.service, plan, resource, "service");
  const scaled = count.max !== count.min;
  const countNote = scaled
    ? `autoscaling ${count.min}–${count.max} instances; total uses ${count.min}`
    : count.min > 1 ? `${count.min} instances` : undefined;
  return {
    resource, kind, plan, monthly: cents(price.monthly * count.min),
    ...(scaled ? { monthlyMax: cents(price.monthly * count.max) } : {}),
    ...noteOf(countNote, extraNote, price.note),
  };
}

function diskLine(resource: string, sizeGB: number, prices: PriceCatalog, note?: string): CostLine {
  return {
    resource, kind: `disk ${sizeGB} GB`, plan: `${sizeGB} GB`, monthly: cents(sizeGB * prices.diskPerGB.monthly),
    ...noteOf(note),
  };
}

/** `copies`: the regions of the app's stage 5 copies besides its own (components/regions.ts). */
function appLines(key: string, app: AppSpec, copies: readonly string[], prices: PriceCatalog): CostLine[] {
  const at = `apps.${key}`;
  if (app.type === "static") {
    return [{ resource: at, kind: "static site", plan: "static", monthly: prices.staticSite.monthly, ...noteOf(prices.staticSite.note) }];
  }
  const plan = app.plan ?? "starter";
  if (app.type === "cron") {
    const price = planPrice(prices.cron, plan, at, "cron");
    return [{ resource: at, kind: "cron job", plan, monthly: price.monthly, ...noteOf(price.note) }];
  }
  const kind = { web: "web service", pserv: "private service", worker: "background worker" }[app.type];
  const lines = [serviceLine(at, kind, plan, instances(app), prices)];
  for (const region of copies) {
    lines.push(serviceLine(`${at}@${region}`, `${kind} (${region})`, plan, instances(app), prices));
  }
  return lines;
}

/** Disks where the stage components put them (components/statefulPlan.ts), with stage 1's private services. */
function diskLines(config: StackConfig, componentName: string, previous: PreviousState, prices: PriceCatalog): CostLine[] {
  const lines: CostLine[] = [];
  for (const placed of placeDisks(config, componentName, config.stage, previous)) {
    const app = config.apps[placed.sourceApp];
    const disk = app.disk!;
    if (placed.derived) {
      lines.push(serviceLine(`apps.${placed.sourceApp}.disk.privateService`, `private service ${placed.ownerKey}`,
        diskServiceSpec(app).plan ?? "starter", { min: 1, max: 1 }, prices, "owns the disk from stage 1"));
    }
    lines.push(diskLine(`apps.${placed.sourceApp}.disk`, disk.sizeGB, prices,
      placed.retired ? "kept from an earlier stage until allowDataLoss.disk is true" : undefined));
  }
  return lines;
}

function postgresLines(config: StackConfig, prices: PriceCatalog): CostLine[] {
  const db = config.database;
  const stage5 = config.stage === 5;
  const plan = stage5 ? config.multiRegion?.databasePlan ?? db.plan : db.plan;
  const ha = stage5 || db.highAvailability;
  const replicas = stage5 ? config.multiRegion?.readReplicas ?? (db.readReplicas.length > 0 ? db.readReplicas : ["replica"]) : db.readReplicas;
  const price = planPrice(prices.postgres, plan, "database.plan", "postgres");
  const flexible = /^(basic|pro|accelerated)_/.test(plan);
  const storage = flexible && db.diskSizeGB !== undefined ? cents(db.diskSizeGB * prices.postgresStoragePerGB.monthly) : 0;
  const storageNote = flexible
    ? db.diskSizeGB !== undefined ? `includes ${db.diskSizeGB} GB storage` : `plus storage at ${prices.postgresStoragePerGB.monthly} ${prices.currency}/GB (diskSizeGB not set)`
    : undefined;
  const instance = cents(price.monthly + storage);
  const lines: CostLine[] = [{ resource: "database", kind: "postgres", plan, monthly: instance, ...noteOf(storageNote, price.note) }];
  if (ha) lines.push({ resource: "database.standby", kind: "postgres HA standby", plan, monthly: instance, note: "high availability bills the standby like the primary" });
  for (const replica of replicas) {
    lines.push({ resource: `database.readReplicas.${replica}`, kind: "postgres read replica", plan, monthly: instance });
  }
  return lines;
}

function storageLines(config: StackConfig, prices: PriceCatalog): CostLine[] {
  const lines: CostLine[] = [];
  if (config.storage) {
    const price = config.storage.provider === "spaces" ? prices.spaces : prices.s3;
    lines.push({ resource: "storage", kind: config.storage.provider === "spaces" ? "DigitalOcean Spaces" : "AWS S3", plan: config.storage.provider, monthly: price.monthly, ...noteOf(price.note) });
  }
  if (config.cloudflare) {
    lines.push({ resource: "cloudflare", kind: "Cloudflare zone", plan: "free", monthly: prices.cloudflareZone.monthly, ...noteOf(prices.cloudflareZone.note) });
    if (config.stage === 5) {
      lines.push({ resource: "cloudflare.loadBalancer", kind: "Cloudflare load balancer", plan: "load balancing", monthly: prices.cloudflareLoadBalancer.monthly, ...noteOf(prices.cloudflareLoadBalancer.note) });
    }
  }
  return lines;
}

export interface EstimateOptions {
  /** What the stack had before (default: a fresh stack); disks it had are kept, and billed, at stage 2+. */
  previous?: PreviousState;
  /** Name of the stack component, which the disk names in `previous` derive from (default: namePrefix). */
  componentName?: string;
}

/** Webhooks and the metrics stream: billed through the workspace plan, listed so the plan requirement shows. */
function workspaceFeatureLines(config: StackConfig, prices: PriceCatalog): CostLine[] {
  const feature = (name: string) => prices.workspaceFeatures?.[name] ?? { monthly: 0, note: "billed through the workspace plan" };
  const lines: CostLine[] = Object.keys(config.webhooks).map((key) => {
    const p = feature("webhook");
    return { resource: `webhooks.${key}`, kind: "webhook", plan: "workspace", monthly: p.monthly, ...noteOf(p.note) };
  });
  if (config.metricsStream) {
    const p = feature("metricsStream");
    lines.push({ resource: "metricsStream", kind: "metrics stream", plan: "workspace", monthly: p.monthly, ...noteOf(p.note) });
  }
  return lines;
}

/** Monthly cost of everything the config's stage builds. Throws CostError for a plan the catalog lacks. */
export function estimateCost(config: StackConfig, prices: PriceCatalog = loadPriceCatalog(), opts: EstimateOptions = {}): CostEstimate {
  const lines: CostLine[] = [];
  const { copies } = placeApps({ stage: config.stage, region: config.region, regions: config.multiRegion?.regions ?? [], apps: config.apps });
  for (const [key, app] of Object.entries(config.apps)) lines.push(...appLines(key, app, copies[key], prices));
  lines.push(...diskLines(config, opts.componentName ?? config.namePrefix, opts.previous ?? FRESH_STACK, prices));
  if (config.stage >= 2) lines.push(...postgresLines(config, prices));
  if (config.stage >= 3) {
    const kv = planPrice(prices.keyValue, config.cache.plan, "cache.plan", "keyValue");
    lines.push({ resource: "cache", kind: "key value", plan: config.cache.plan, monthly: kv.monthly, ...noteOf(kv.note) });
  }
  if (config.stage >= 4) lines.push(...storageLines(config, prices));
  lines.push(...workspaceFeatureLines(config, prices));
  const sumCents = (pick: (l: CostLine) => number) => lines.reduce((acc, l) => acc + Math.round(pick(l) * 100), 0) / 100;
  const total = sumCents((l) => l.monthly);
  const totalMax = sumCents((l) => l.monthlyMax ?? l.monthly);
  return { total, ...(totalMax !== total ? { totalMax } : {}), currency: prices.currency, lines };
}
