/**
 * Static-site response headers and redirect/rewrite rules (`/services/{id}/headers`, `/routes`),
 * with the envelopes the spec gives (`list-headers`, `add-headers`, `put-routes`, `patch-route`).
 */
import { findService } from "../access";
import { badRequest, notFound, type RequestContext, type Reply } from "../http";
import { envelope, pageOf, queryList } from "../pagination";
import type { Router } from "../router";
import type { HeaderRule, RouteRule, ServiceRecord } from "../store";
import { asObject, oneOf, optionalArray, optionalInteger, requiredString, type Body } from "../validate";

function staticSite(ctx: RequestContext): ServiceRecord {
  const service = findService(ctx, ctx.params.serviceId);
  if (service.type !== "static_site") throw badRequest(`headers and routes are only supported for static sites; ${service.id} is a ${service.type}`);
  return service;
}

function headerInput(ctx: RequestContext, raw: unknown, where: string): HeaderRule {
  const body = asObject(raw, where);
  return {
    id: ctx.store.random.id("hdr"),
    path: requiredString(body, "path", `${where}.path`),
    name: requiredString(body, "name", `${where}.name`),
    value: requiredString(body, "value", `${where}.value`),
  };
}

function routeInput(ctx: RequestContext, raw: unknown, where: string): RouteRule {
  const body = asObject(raw, where);
  return {
    id: ctx.store.random.id("rdr"),
    type: oneOf(requiredString(body, "type", `${where}.type`), ["redirect", "rewrite"], `${where}.type`) as string,
    source: requiredString(body, "source", `${where}.source`),
    destination: requiredString(body, "destination", `${where}.destination`),
    priority: 0,
  };
}

const renumber = (routes: RouteRule[]) => routes.forEach((route, i) => (route.priority = i));

/** `serviceDetails.headers` / `routes` sent when creating a static site. */
export function staticRulesFromCreate(ctx: RequestContext, details: Body): Pick<ServiceRecord, "headers" | "routes"> {
  const headers = (optionalArray(details, "headers", "serviceDetails.headers") ?? []).map((item, i) => headerInput(ctx, item, `serviceDetails.headers[${i}]`));
  const routes = (optionalArray(details, "routes", "serviceDetails.routes") ?? []).map((item, i) => routeInput(ctx, item, `serviceDetails.routes[${i}]`));
  renumber(routes);
  return { headers, routes };
}

/** Rules carry no sequence of their own; list position stands in for it. */
const indexed = <T>(items: T[]) => items.map((item, i) => ({ item, seq: i + 1 }));

function listHeaders(ctx: RequestContext): Reply {
  const service = staticSite(ctx);
  const [paths, names, values] = [queryList(ctx.query, "path"), queryList(ctx.query, "name"), queryList(ctx.query, "value")];
  const matching = indexed(service.headers).filter(({ item }) => (!paths || paths.includes(item.path)) && (!names || names.includes(item.name)) && (!values || values.includes(item.value)));
  return { status: 200, body: envelope(pageOf(matching, ctx.query, false), "header", ({ item }) => ({ ...item })) };
}

function listRoutes(ctx: RequestContext): Reply {
  const service = staticSite(ctx);
  const [types, sources, destinations] = [queryList(ctx.query, "type"), queryList(ctx.query, "source"), queryList(ctx.query, "destination")];
  const matching = indexed(service.routes).filter(({ item }) => (!types || types.includes(item.type)) && (!sources || sources.includes(item.source)) && (!destinations || destinations.includes(item.destination)));
  return { status: 200, body: envelope(pageOf(matching, ctx.query, false), "route", ({ item }) => ({ ...item })) };
}

function addRoute(ctx: RequestContext): Reply {
  const service = staticSite(ctx);
  const route = routeInput(ctx, ctx.body, "route");
  const priority = optionalInteger(asObject(ctx.body), "priority", 0, 10_000) ?? service.routes.length;
  service.routes.splice(Math.min(priority, service.routes.length), 0, route);
  renumber(service.routes);
  return { status: 201, body: { ...route } };
}

function moveRoute(ctx: RequestContext): Reply {
  const service = staticSite(ctx);
  const body = asObject(ctx.body);
  const id = requiredString(body, "id");
  const priority = optionalInteger(body, "priority", 0, 10_000);
  if (priority === undefined) throw badRequest("priority is required");
  const index = service.routes.findIndex((route) => route.id === id);
  if (index < 0) throw notFound(id);
  const [route] = service.routes.splice(index, 1);
  service.routes.splice(Math.min(priority, service.routes.length), 0, route);
  renumber(service.routes);
  return { status: 200, body: { headers: { ...route } } };
}

function removeRule(kind: "headers" | "routes", param: string) {
  return (ctx: RequestContext): Reply => {
    const service = staticSite(ctx);
    const rules: { id: string }[] = service[kind];
    const index = rules.findIndex((rule) => rule.id === ctx.params[param]);
    if (index < 0) throw notFound(ctx.params[param]);
    rules.splice(index, 1);
    if (kind === "routes") renumber(service.routes);
    return { status: 204 };
  };
}

function bulkArray(ctx: RequestContext, what: string): unknown[] {
  if (ctx.body === null) return [];
  if (!Array.isArray(ctx.body)) throw badRequest(`request body: expected an array of ${what}`);
  return ctx.body;
}

export function registerStaticSite(router: Router): void {
  router
    .add("GET", "/services/{serviceId}/headers", listHeaders)
    .add("POST", "/services/{serviceId}/headers", (ctx) => {
      const service = staticSite(ctx);
      const header = headerInput(ctx, ctx.body, "header");
      service.headers.push(header);
      return { status: 201, body: { headers: { ...header } } };
    })
    .add("PUT", "/services/{serviceId}/headers", (ctx) => {
      const service = staticSite(ctx);
      service.headers = bulkArray(ctx, "{path, name, value}").map((item, i) => headerInput(ctx, item, `[${i}]`));
      return { status: 200, body: service.headers.map((header) => ({ ...header })) };
    })
    .add("DELETE", "/services/{serviceId}/headers/{headerId}", removeRule("headers", "headerId"))
    .add("GET", "/services/{serviceId}/routes", listRoutes)
    .add("POST", "/services/{serviceId}/routes", addRoute)
    .add("PATCH", "/services/{serviceId}/routes", moveRoute)
    .add("PUT", "/services/{serviceId}/routes", (ctx) => {
      const service = staticSite(ctx);
      service.routes = bulkArray(ctx, "{type, source, destination}").map((item, i) => routeInput(ctx, item, `[${i}]`));
      renumber(service.routes);
      return { status: 200, body: service.routes.map((route) => ({ ...route })) };
    })
    .add("DELETE", "/services/{serviceId}/routes/{routeId}", removeRule("routes", "routeId"));
}
