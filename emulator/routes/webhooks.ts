/** Workspace webhooks (`whk-…`): create answers 201 with the webhook and its signing secret. */
import { checkOwner, visible } from "../access";
import { badRequest, notFound, type RequestContext, type Reply } from "../http";
import { bySeqDesc, envelope, pageOf, queryList } from "../pagination";
import { WEBHOOK_EVENTS } from "../../providers/render/webhook/fields";
import type { Router } from "../router";
import type { WebhookRecord } from "../store";
import { asObject, optionalBoolean, optionalString, requiredString, stringArray, type Body } from "../validate";

const view = (hook: WebhookRecord) => ({ enabled: hook.enabled, eventFilter: hook.eventFilter, id: hook.id, name: hook.name, secret: hook.secret, url: hook.url });

function checkedUrl(url: string): string {
  if (!/^https?:\/\/\S+$/.test(url)) throw badRequest(`invalid url ${JSON.stringify(url)}: expected an http(s) URL`);
  return url;
}

/** Spec `webhookEventFilter`, the events a webhook may name. */
const EVENTS = new Set(WEBHOOK_EVENTS);

function eventFilter(body: Body): string[] | undefined {
  if (body.eventFilter === null) return [];
  const events = stringArray(body, "eventFilter");
  const bad = events?.find((e) => !EVENTS.has(e as (typeof WEBHOOK_EVENTS)[number]));
  if (bad !== undefined) throw badRequest(`invalid eventFilter ${JSON.stringify(bad)}: not a webhook event`);
  return events;
}

function findWebhook(ctx: RequestContext): WebhookRecord {
  const hook = ctx.store.data.webhooks[ctx.params.webhookId];
  if (!hook || !ctx.ownerIds.includes(hook.ownerId)) throw notFound(ctx.params.webhookId);
  return hook;
}

function create(ctx: RequestContext): Reply {
  const body = asObject(ctx.body);
  const ownerId = requiredString(body, "ownerId");
  checkOwner(ctx, ownerId);
  const hook: WebhookRecord = {
    id: ctx.store.random.id("whk"),
    seq: ctx.store.nextSeq(),
    ownerId,
    name: requiredString(body, "name"),
    url: checkedUrl(requiredString(body, "url")),
    enabled: optionalBoolean(body, "enabled") ?? true,
    eventFilter: eventFilter(body) ?? [],
    secret: `whsec_${ctx.store.random.generatedValue()}`,
  };
  ctx.store.data.webhooks[hook.id] = hook;
  return { status: 201, body: view(hook) };
}

function update(ctx: RequestContext): Reply {
  const hook = findWebhook(ctx);
  const body = asObject(ctx.body);
  const name = optionalString(body, "name");
  if (name) hook.name = name;
  const url = optionalString(body, "url");
  if (url !== undefined) hook.url = checkedUrl(url);
  const enabled = optionalBoolean(body, "enabled");
  if (enabled !== undefined) hook.enabled = enabled;
  const filter = eventFilter(body);
  if (filter !== undefined) hook.eventFilter = filter;
  return { status: 200, body: view(hook) };
}

export function registerWebhooks(router: Router): void {
  router
    .add("POST", "/webhooks", create)
    .add("GET", "/webhooks", (ctx) => {
      const hooks = bySeqDesc(visible(ctx, Object.values(ctx.store.data.webhooks), queryList(ctx.query, "ownerId")));
      return { status: 200, body: envelope(pageOf(hooks, ctx.query), "webhook", view) };
    })
    .add("GET", "/webhooks/{webhookId}", (ctx) => ({ status: 200, body: view(findWebhook(ctx)) }))
    .add("PATCH", "/webhooks/{webhookId}", update)
    .add("DELETE", "/webhooks/{webhookId}", (ctx) => {
      delete ctx.store.data.webhooks[findWebhook(ctx).id];
      return { status: 204 };
    })
    .add("GET", "/webhooks/{webhookId}/events", (ctx) => {
      findWebhook(ctx);
      return { status: 200, body: [] };
    });
}
