/**
 * The price catalog: monthly prices as data (`cost/prices.json` by default), each naming its source and the
 * date it was read. `--prices FILE` swaps in another catalog of the same shape.
 */
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";

export interface Price {
  readonly monthly: number;
  /** Where the number comes from and when it was read. */
  readonly source: string;
  readonly date: string;
  readonly note?: string;
}

export interface PriceCatalog {
  readonly currency: string;
  readonly service: Readonly<Record<string, Price>>;
  readonly cron: Readonly<Record<string, Price>>;
  readonly staticSite: Price;
  readonly diskPerGB: Price;
  readonly postgres: Readonly<Record<string, Price>>;
  readonly postgresStoragePerGB: Price;
  readonly keyValue: Readonly<Record<string, Price>>;
  readonly spaces: Price;
  readonly s3: Price;
  readonly cloudflareZone: Price;
  readonly cloudflareLoadBalancer: Price;
  /** Workspace features billed through the workspace plan, not per resource (webhook, metricsStream). */
  readonly workspaceFeatures?: Readonly<Record<string, Price>>;
}

export const DEFAULT_PRICES_FILE = path.join(__dirname, "prices.json");

function catalogSchema() {
  const entry = z.strictObject({ monthly: z.number().nonnegative(), source: z.string(), note: z.string().optional() });
  const plans = z.record(z.string(), entry);
  return z.strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/, "a three-letter currency code"),
    sources: z.record(z.string(), z.strictObject({ url: z.string(), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD") })),
    service: plans, cron: plans, staticSite: entry, diskPerGB: entry, postgres: plans, postgresStoragePerGB: entry,
    keyValue: plans, spaces: entry, s3: entry, cloudflareZone: entry, cloudflareLoadBalancer: entry,
    workspaceFeatures: plans.optional(),
  });
}

/** Checks a catalog and resolves every entry's source to its URL and date. */
export function parsePriceCatalog(raw: unknown, origin = "price catalog"): PriceCatalog {
  const result = catalogSchema().safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(`${origin} is invalid:\n  - ${problems.join("\n  - ")}`);
  }
  const { sources, ...data } = result.data;
  const missing: string[] = [];
  const resolve = (where: string, e: { monthly: number; source: string; note?: string }): Price => {
    const source = sources[e.source];
    if (!source) missing.push(`${where}.source: "${e.source}" is not in sources (${Object.keys(sources).join(", ")})`);
    return { monthly: e.monthly, source: source?.url ?? e.source, date: source?.date ?? "", ...(e.note ? { note: e.note } : {}) };
  };
  const plans = (where: string, p: Record<string, { monthly: number; source: string; note?: string }>) =>
    Object.fromEntries(Object.entries(p).map(([plan, e]) => [plan, resolve(`${where}.${plan}`, e)]));
  const catalog: PriceCatalog = {
    currency: data.currency,
    service: plans("service", data.service),
    cron: plans("cron", data.cron),
    staticSite: resolve("staticSite", data.staticSite),
    diskPerGB: resolve("diskPerGB", data.diskPerGB),
    postgres: plans("postgres", data.postgres),
    postgresStoragePerGB: resolve("postgresStoragePerGB", data.postgresStoragePerGB),
    keyValue: plans("keyValue", data.keyValue),
    spaces: resolve("spaces", data.spaces),
    s3: resolve("s3", data.s3),
    cloudflareZone: resolve("cloudflareZone", data.cloudflareZone),
    cloudflareLoadBalancer: resolve("cloudflareLoadBalancer", data.cloudflareLoadBalancer),
    ...(data.workspaceFeatures ? { workspaceFeatures: plans("workspaceFeatures", data.workspaceFeatures) } : {}),
  };
  if (missing.length > 0) throw new Error(`${origin} is invalid:\n  - ${missing.join("\n  - ")}`);
  return catalog;
}

/** Reads a catalog file (the bundled Render prices when no file is given). */
export function loadPriceCatalog(file: string = DEFAULT_PRICES_FILE): PriceCatalog {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`price catalog ${file} cannot be read: ${(err as Error).message}`);
  }
  return parsePriceCatalog(raw, `price catalog ${file}`);
}
