/**
 * Per-service notification overrides and per-resource log stream overrides, which Terraform reads
 * and writes around every service (render-api README §5.13). A resource without a log stream
 * override answers 404 (cas: autoscaling#6).
 */
import { findService, visible } from "../access";
import { bySeqDesc, envelope, pageOf, queryList } from "../pagination";
import { notFound, type RequestContext, type Reply } from "../http";
import type { Router } from "../router";
import type { NotificationOverrideRecord } from "../store";
import { asObject, oneOf, optionalString } from "../validate";

function override(ctx: RequestContext): NotificationOverrideRecord {
  const service = findService(ctx, ctx.params.serviceId);
  return ctx.store.data.notificationOverrides[service.id] ?? { serviceId: service.id, notificationsToSend: "default", previewNotificationsEnabled: "default" };
}

const overrideView = (record: NotificationOverrideRecord) => ({
  notificationsToSend: record.notificationsToSend,
  previewNotificationsEnabled: record.previewNotificationsEnabled,
  serviceId: record.serviceId,
});

function patchOverride(ctx: RequestContext): Reply {
  const record = { ...override(ctx) };
  const body = asObject(ctx.body);
  record.notificationsToSend = oneOf(optionalString(body, "notificationsToSend"), ["default", "none", "failure", "all"], "notificationsToSend") ?? record.notificationsToSend;
  record.previewNotificationsEnabled = oneOf(optionalString(body, "previewNotificationsEnabled"), ["default", "false", "true"], "previewNotificationsEnabled") ?? record.previewNotificationsEnabled;
  ctx.store.data.notificationOverrides[record.serviceId] = record;
  return { status: 200, body: overrideView(record) };
}

/** Log streams attach to services, cron jobs, Postgres and Key Value owned by the caller. */
function streamResource(ctx: RequestContext): string {
  const id = ctx.params.resourceId;
  const data = ctx.store.data;
  const owner = (data.services[id] ?? data.postgres[id] ?? data.keyValue[id])?.ownerId;
  if (owner === undefined || !ctx.ownerIds.includes(owner)) throw notFound(id);
  return id;
}

function putStream(ctx: RequestContext): Reply {
  const resourceId = streamResource(ctx);
  const body = asObject(ctx.body);
  const setting = oneOf(optionalString(body, "setting"), ["send", "drop"], "setting") ?? "send";
  const record = { resourceId, setting, endpoint: optionalString(body, "endpoint") ?? "", token: optionalString(body, "token") };
  ctx.store.data.logStreams[resourceId] = record;
  return { status: 200, body: { endpoint: record.endpoint, resourceId, setting } };
}

/** The override of every visible service (or of those the query names), spec `list-notification-overrides`. */
function listOverrides(ctx: RequestContext): Reply {
  const [owners, services] = [queryList(ctx.query, "ownerId"), queryList(ctx.query, "serviceId")];
  const records = bySeqDesc(visible(ctx, Object.values(ctx.store.data.services), owners))
    .filter((s) => !services || services.includes(s.id))
    .map((s) => ({ ...overrideView(ctx.store.data.notificationOverrides[s.id] ?? { serviceId: s.id, notificationsToSend: "default", previewNotificationsEnabled: "default" }), seq: s.seq }));
  return { status: 200, body: envelope(pageOf(records, ctx.query), "override", ({ seq: _seq, ...view }) => ({ type: "service", ...view })) };
}

/** Every override of the caller's resources, spec `list-resource-log-streams` (a bare list). */
function listStreams(ctx: RequestContext): Reply {
  const [owners, resources, settings] = [queryList(ctx.query, "ownerId"), queryList(ctx.query, "resourceId"), queryList(ctx.query, "setting")];
  const data = ctx.store.data;
  const rows = Object.values(data.logStreams).filter((r) => {
    const owner = (data.services[r.resourceId] ?? data.postgres[r.resourceId] ?? data.keyValue[r.resourceId])?.ownerId;
    return owner !== undefined && ctx.ownerIds.includes(owner) && (!owners || owners.includes(owner)) &&
      (!resources || resources.includes(r.resourceId)) && (!settings || settings.includes(r.setting));
  }).sort((a, b) => a.resourceId.localeCompare(b.resourceId));
  return { status: 200, body: rows.map((r) => ({ endpoint: r.endpoint, resourceId: r.resourceId, setting: r.setting })) };
}

export function registerNotifications(router: Router): void {
  router
    .add("GET", "/notification-settings/overrides", listOverrides)
    .add("GET", "/logs/streams/resource", listStreams)
    .add("GET", "/notification-settings/overrides/services/{serviceId}", (ctx) => ({ status: 200, body: overrideView(override(ctx)) }))
    .add("PATCH", "/notification-settings/overrides/services/{serviceId}", patchOverride)
    .add("GET", "/logs/streams/resource/{resourceId}", (ctx) => {
      const record = ctx.store.data.logStreams[streamResource(ctx)];
      if (!record) throw notFound(ctx.params.resourceId);
      return { status: 200, body: { endpoint: record.endpoint, resourceId: record.resourceId, setting: record.setting } };
    })
    .add("PUT", "/logs/streams/resource/{resourceId}", putStream)
    .add("DELETE", "/logs/streams/resource/{resourceId}", (ctx) => {
      const resourceId = streamResource(ctx);
      if (!ctx.store.data.logStreams[resourceId]) throw notFound(resourceId);
      delete ctx.store.data.logStreams[resourceId];
      return { status: 204 };
    });
}
