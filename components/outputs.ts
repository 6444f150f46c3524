/**
 * The stack's outputs, the same shape at every stage (absent parts are left out): URLs and internal hosts,
 * domains, secret connection strings, storage, load-balanced hostnames, retired disks, the stateful
 * resources the next run's data-loss guard compares against, and `appConfig`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AppsBlock } from "./apps";
import type { CacheBlock } from "./cache";
import type { DatabaseBlock } from "./database";
import type { Stage } from "./enums";
import type { StorageBlock } from "./storage";
import type { StatefulItem } from "./dataSafety";
import type { StatefulRef } from "./statefulPlan";

export interface StackOutputs {
  stage: Stage;
  /** App key → public URL (web, static) or `<host>:<port>` (private service). */
  urls: pulumi.Output<Record<string, string>>;
  /** App key → hostname on Render's private network (web and private services). */
  internalHosts: pulumi.Output<Record<string, string>>;
  /** App key → region → URL of each stage 5 copy (primary included). */
  regionalUrls?: pulumi.Output<Record<string, Record<string, string>>>;
  /** App key → custom domains. */
  domains: Record<string, string[]>;
  /** Secret. */
  databaseUrl?: pulumi.Output<string>;
  /** Secret. */
  redisUrl?: pulumi.Output<string>;
  bucketName?: pulumi.Output<string>;
  bucketEndpoint?: pulumi.Output<string>;
  cdnUrl?: pulumi.Output<string>;
  /** Hostnames behind a Cloudflare load balancer (stage 5). */
  loadBalancedHostnames?: string[];
  /** Disks kept only because their data was not released yet (allowDataLoss.disk). */
  retiredDisks: string[];
  statefulResources: StatefulRef[];
  /** What the next run's data-safety plan compares against (components/dataSafety.ts); no secrets. */
  statefulInventory: StatefulItem[];
  /** App key → env var → value (secrets stay secret). */
  appConfig: Record<string, Record<string, pulumi.Output<string>>>;
}

export interface OutputParts {
  stage: Stage;
  apps: AppsBlock;
  database?: DatabaseBlock;
  cache?: CacheBlock;
  storage?: StorageBlock;
  loadBalancedHostnames?: string[];
  statefulResources: StatefulRef[];
  statefulInventory: StatefulItem[];
}

const HOSTED = ["web", "pserv"];

export function collectOutputs(p: OutputParts): StackOutputs {
  const handles = Object.values(p.apps.apps);
  const urls = pulumi.all(Object.fromEntries(handles.filter((h) => h.spec.type !== "worker" && h.spec.type !== "cron")
    .map((h) => [h.key, h.primary.url])));
  const internalHosts = pulumi.all(Object.fromEntries([
    ...handles.filter((h) => HOSTED.includes(h.spec.type)).map((h) => [h.key, h.primary.host] as const),
    ...Object.entries(p.apps.diskServices).map(([key, app]) => [key, app.host] as const),
  ]));
  const out: StackOutputs = {
    stage: p.stage,
    urls,
    internalHosts,
    domains: Object.fromEntries(handles.filter((h) => h.spec.domains.length > 0).map((h) => [h.key, h.spec.domains])),
    retiredDisks: p.apps.disks.filter((d) => d.retired).map((d) => d.name),
    statefulResources: p.statefulResources,
    statefulInventory: p.statefulInventory,
    appConfig: p.apps.appConfig,
  };
  if (p.stage === 5) {
    out.regionalUrls = pulumi.all(Object.fromEntries(handles.filter((h) => Object.keys(h.regional).length > 0).map((h) => [
      h.key, pulumi.all({ [h.region]: h.primary.url, ...Object.fromEntries(Object.entries(h.regional).map(([r, a]) => [r, a!.url])) }),
    ])));
  }
  if (p.database) out.databaseUrl = p.database.refs.connectionString;
  if (p.cache) out.redisUrl = p.cache.refs.connectionString;
  if (p.storage) {
    out.bucketName = p.storage.refs.bucket;
    out.bucketEndpoint = p.storage.refs.endpoint;
    if (p.storage.refs.cdnUrl) out.cdnUrl = p.storage.refs.cdnUrl;
  }
  if (p.loadBalancedHostnames) out.loadBalancedHostnames = p.loadBalancedHostnames;
  return out;
}
