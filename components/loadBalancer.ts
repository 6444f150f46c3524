/**
 * Stage 5: a Cloudflare load balancer per custom domain over one pool per region, each pool health-checked
 * on the app's health check path. Origins are the regional onrender.com hosts (from each copy's endpoint
 * reference), with that host as the Host header, since Render routes by host and a custom domain can belong
 * to one service only.
 */
import type * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { AppsBlock } from "./apps";
import type { StackConfig } from "./config";
import { nativeSdks } from "./nativeSdks";
import { domainKey } from "./cdn";
import { childName } from "./naming";

export interface BalancedApp {
  appKey: string;
  domains: string[];
  healthCheckPath: string | undefined;
  /** Copies of the service, by region; the first is the primary. */
  copies: { region: string; host: pulumi.Output<string> }[];
}

/** Web services with their copies, primary region first. */
export function balancedApps(apps: AppsBlock): BalancedApp[] {
  return Object.values(apps.apps).filter((h) => h.spec.type === "web").map((h) => ({
    appKey: h.key, domains: h.spec.domains, healthCheckPath: h.spec.healthCheckPath,
    copies: [
      { region: h.region, host: h.primary.onrenderHost },
      ...Object.entries(h.regional).map(([region, copy]) => ({ region, host: copy!.onrenderHost })),
    ],
  }));
}

export interface LoadBalancerBlock {
  monitors: cloudflare.LoadBalancerMonitor[];
  pools: cloudflare.LoadBalancerPool[];
  balancers: cloudflare.LoadBalancer[];
  /** Hostnames served through a load balancer. */
  hostnames: string[];
}

export function createLoadBalancers(parent: pulumi.Resource, name: string, config: StackConfig, apps: BalancedApp[]): LoadBalancerBlock {
  const cf = config.cloudflare;
  if (!cf?.accountId) throw new Error("cloudflare.accountId: stage 5 needs the Cloudflare account id");
  const cloudflare = nativeSdks.cloudflare();
  const block: LoadBalancerBlock = { monitors: [], pools: [], balancers: [], hostnames: [] };
  for (const app of apps.filter((a) => a.domains.length > 0)) {
    const monitor = new cloudflare.LoadBalancerMonitor(childName.monitor(name, app.appKey), {
      accountId: cf.accountId, type: "https", method: "GET", path: app.healthCheckPath ?? "/",
      expectedCodes: "2xx", interval: 60, timeout: 5, retries: 2, followRedirects: true,
      description: `${config.namePrefix}-${app.appKey} health`,
    }, { parent });
    const pools = app.copies.map((copy) => new cloudflare.LoadBalancerPool(childName.pool(name, app.appKey, copy.region), {
      accountId: cf.accountId!, name: `${config.namePrefix}-${app.appKey}-${copy.region}`, monitor: monitor.id,
      minimumOrigins: 1, origins: [{ name: copy.region, address: copy.host, enabled: true, header: { hosts: [copy.host] } }],
    }, { parent }));
    const balancers = app.domains.map((domain) => new cloudflare.LoadBalancer(childName.loadBalancer(name, domainKey(domain)), {
      zoneId: cf.zoneId, name: domain, defaultPools: pools.map((p) => p.id), fallbackPool: pools[0].id,
      proxied: cf.proxied, steeringPolicy: cf.steeringPolicy,
    }, { parent }));
    block.monitors.push(monitor);
    block.pools.push(...pools);
    block.balancers.push(...balancers);
    block.hostnames.push(...app.domains);
  }
  return block;
}
