/**
 * Custom domains of web services and static sites. Adding an apex name also adds `www.<apex>`
 * redirecting to it, and adding `www.<apex>` adds the apex redirecting to the www name; the create
 * answers an array of everything it added (render-api README §5.5, pitfall 8).
 */
import { findService } from "../access";
import { badRequest, conflict, notFound, type RequestContext, type Reply } from "../http";
import { bySeqDesc, envelope, pageOf, queryList } from "../pagination";
import type { Router } from "../router";
import type { CustomDomainRecord, ServiceRecord } from "../store";
import { asObject, requiredString } from "../validate";
import { customDomainView } from "../views";

const DOMAIN_TYPES = ["web_service", "static_site"];
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;
/** Second-level labels under country codes that act as public suffixes (`example.co.uk`). */
const SECOND_LEVEL = new Set(["co", "com", "org", "net", "gov", "ac", "edu"]);

export function publicSuffixOf(name: string): string {
  const labels = name.split(".");
  const last = labels[labels.length - 1];
  const secondLast = labels[labels.length - 2];
  return labels.length > 2 && last.length === 2 && SECOND_LEVEL.has(secondLast) ? `${secondLast}.${last}` : last;
}

export function isApex(name: string): boolean {
  return name.split(".").length === publicSuffixOf(name).split(".").length + 1;
}

function domainService(ctx: RequestContext): ServiceRecord {
  const service = findService(ctx, ctx.params.serviceId);
  if (!DOMAIN_TYPES.includes(service.type)) throw badRequest(`custom domains are only supported for web_service and static_site, not ${service.type}`);
  return service;
}

function addRecord(ctx: RequestContext, serviceId: string, name: string, redirectForName: string): CustomDomainRecord {
  const record: CustomDomainRecord = {
    id: ctx.store.random.id("cdm"),
    seq: ctx.store.nextSeq(),
    serviceId,
    name,
    domainType: isApex(name) ? "apex" : "subdomain",
    publicSuffix: publicSuffixOf(name),
    redirectForName,
    verificationStatus: "unverified",
    createdAt: ctx.now,
  };
  ctx.store.data.customDomains[record.id] = record;
  return record;
}

function create(ctx: RequestContext): Reply {
  const service = domainService(ctx);
  const name = requiredString(asObject(ctx.body), "name").trim().toLowerCase();
  if (!HOSTNAME.test(name)) throw badRequest(`invalid name ${JSON.stringify(name)}: expected a domain name such as app.example.com`);
  const taken = (candidate: string) => Object.values(ctx.store.data.customDomains).some((domain) => domain.name === candidate);
  if (taken(name)) throw conflict(`custom domain ${name} is already in use`);
  const added = [addRecord(ctx, service.id, name, "")];
  const companion = isApex(name) ? `www.${name}` : name.startsWith("www.") && isApex(name.slice(4)) ? name.slice(4) : undefined;
  if (companion && !taken(companion)) added.push(addRecord(ctx, service.id, companion, name));
  return { status: 201, body: added.map((domain) => customDomainView(domain, ctx.store.data)) };
}

function findDomain(ctx: RequestContext): CustomDomainRecord {
  const service = domainService(ctx);
  const key = ctx.params.customDomainIdOrName.toLowerCase();
  const domain = Object.values(ctx.store.data.customDomains).find((record) => record.serviceId === service.id && (record.id === key || record.name === key));
  if (!domain) throw notFound(ctx.params.customDomainIdOrName);
  return domain;
}

function list(ctx: RequestContext): Reply {
  const service = domainService(ctx);
  const [names, types, statuses] = [queryList(ctx.query, "name"), queryList(ctx.query, "domainType"), queryList(ctx.query, "verificationStatus")];
  const domains = bySeqDesc(Object.values(ctx.store.data.customDomains)).filter(
    (domain) => domain.serviceId === service.id && (!names || names.includes(domain.name)) && (!types || types.includes(domain.domainType)) && (!statuses || statuses.includes(domain.verificationStatus)),
  );
  return { status: 200, body: envelope(pageOf(domains, ctx.query), "customDomain", (domain) => customDomainView(domain, ctx.store.data)) };
}

/** Deleting a name also deletes the redirect Render added for it. */
function remove(ctx: RequestContext): Reply {
  const domain = findDomain(ctx);
  for (const record of Object.values(ctx.store.data.customDomains)) {
    if (record.id === domain.id || (record.serviceId === domain.serviceId && record.redirectForName === domain.name)) delete ctx.store.data.customDomains[record.id];
  }
  return { status: 204 };
}

export function registerCustomDomains(router: Router): void {
  router
    .add("POST", "/services/{serviceId}/custom-domains", create)
    .add("GET", "/services/{serviceId}/custom-domains", list)
    .add("GET", "/services/{serviceId}/custom-domains/{customDomainIdOrName}", (ctx) => ({ status: 200, body: customDomainView(findDomain(ctx), ctx.store.data) }))
    .add("DELETE", "/services/{serviceId}/custom-domains/{customDomainIdOrName}", remove)
    .add("POST", "/services/{serviceId}/custom-domains/{customDomainIdOrName}/verify", (ctx) => {
      findDomain(ctx);
      return { status: 202 };
    });
}
