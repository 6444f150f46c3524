/**
 * Cloudflare in front of the custom domains (stage 4+): one CNAME per domain to the service's onrender.com
 * host (proxied by default, so Cloudflare's CDN serves it) and one zone cache ruleset for static assets. The
 * host comes from the service's endpoint reference, so updating the service previews no DNS change.
 */
import type * as cloudflare from "@pulumi/cloudflare";
import * as pulumi from "@pulumi/pulumi";
import type { AppsBlock } from "./apps";
import type { CacheRuleSpec, CloudflareSpec, StackConfig } from "./config";
import { nativeSdks } from "./nativeSdks";
import { childName } from "./naming";

/** A name usable inside a logical name (`*.example.com` → `wildcard.example.com`). */
export function domainKey(domain: string): string {
  return domain.replace(/^\*\./, "wildcard.");
}

const quoted = (items: readonly string[]) => `{${items.map((i) => JSON.stringify(i)).join(" ")}}`;

/** Cloudflare rules language: the rule's hosts, and any of its extensions or path prefixes. */
export function cacheExpression(rule: CacheRuleSpec, hosts: readonly string[]): string {
  const what = [
    ...(rule.extensions?.length ? [`http.request.uri.path.extension in ${quoted(rule.extensions)}`] : []),
    ...(rule.pathPrefixes ?? []).map((p) => `starts_with(http.request.uri.path, ${JSON.stringify(p)})`),
  ].join(" or ");
  return hosts.length > 0 ? `(http.host in ${quoted(hosts)}) and (${what})` : `(${what})`;
}

/** A site Cloudflare fronts: its domains and the onrender.com host they point at. */
export interface EdgeSite {
  appKey: string;
  domains: string[];
  host: pulumi.Output<string>;
}

/** The web services and static sites that have custom domains. */
export function edgeSites(apps: AppsBlock): EdgeSite[] {
  return Object.values(apps.apps)
    .filter((h) => h.spec.domains.length > 0)
    .map((h) => ({ appKey: h.key, domains: h.spec.domains, host: h.primary.onrenderHost }));
}

export interface EdgeBlock {
  records: cloudflare.DnsRecord[];
  cacheRules: cloudflare.Ruleset;
}

function settings(config: StackConfig): CloudflareSpec {
  if (!config.cloudflare) throw new Error("cloudflare: stage 4 needs cloudflare settings (zoneId)");
  return config.cloudflare;
}

export function createEdge(parent: pulumi.Resource, name: string, config: StackConfig, sites: EdgeSite[]): EdgeBlock {
  const cf = settings(config);
  const cloudflare = nativeSdks.cloudflare();
  const records = sites.flatMap((site) => site.domains.map((domain) =>
    new cloudflare.DnsRecord(childName.dnsRecord(name, domainKey(domain)), {
      zoneId: cf.zoneId, name: domain, type: "CNAME", content: site.host,
      proxied: cf.proxied, ttl: 1, comment: `Render app ${site.appKey} (${config.namePrefix})`,
    }, { parent })));
  const hosts = sites.flatMap((s) => s.domains);
  // One entry-point ruleset per zone and phase is all Cloudflare allows, so every rule lives in this one.
  const cacheRules = new cloudflare.Ruleset(childName.cacheRules(name), {
    zoneId: cf.zoneId, kind: "zone", phase: "http_request_cache_settings",
    name: `${config.namePrefix} cache rules`,
    rules: cf.cacheRules.map((rule) => ({
      action: "set_cache_settings", description: rule.name, enabled: true, expression: cacheExpression(rule, hosts),
      actionParameters: {
        cache: true,
        edgeTtl: { mode: "override_origin", default: rule.edgeTtlSeconds },
        browserTtl: { mode: "override_origin", default: rule.browserTtlSeconds },
      },
    })),
  }, { parent });
  return { records, cacheRules };
}
