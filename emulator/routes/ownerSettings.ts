/**
 * Workspace-level settings Render's Terraform provider manages: registry credentials (a bare list,
 * spec `list-registry-credentials`; the auth token is write-only), notification settings, the default
 * log stream and the metrics stream.
 */
import { checkOwner } from "../access";
import { rfc3339 } from "../clock";
import { notFound, type RequestContext, type Reply } from "../http";
import { bySeqDesc, pageOf, queryList } from "../pagination";
import type { Router } from "../router";
import type { OwnerSettingsRecord, RegistryCredentialRecord } from "../store";
import { asObject, oneOf, optionalBoolean, optionalString, requiredString } from "../validate";

const REGISTRIES = ["GITHUB", "GITLAB", "DOCKER", "GOOGLE_ARTIFACT", "AWS_ECR"] as const;
const METRICS_PROVIDERS = ["BETTER_STACK", "GRAFANA", "DATADOG", "NEW_RELIC", "HONEYCOMB", "CUSTOM"] as const;

const credentialView = (record: RegistryCredentialRecord) => ({
  id: record.id,
  name: record.name,
  registry: record.registry,
  updatedAt: rfc3339(record.updatedAt),
  username: record.username,
});

function findCredential(ctx: RequestContext): RegistryCredentialRecord {
  const record = ctx.store.data.registryCredentials[ctx.params.registryCredentialId];
  if (!record || !ctx.ownerIds.includes(record.ownerId)) throw notFound(ctx.params.registryCredentialId);
  return record;
}

function writeCredential(ctx: RequestContext, record: RegistryCredentialRecord | undefined, ownerId: string): RegistryCredentialRecord {
  const body = asObject(ctx.body);
  const next: RegistryCredentialRecord = {
    id: record?.id ?? ctx.store.random.id("rgc"),
    seq: record?.seq ?? ctx.store.nextSeq(),
    ownerId,
    name: requiredString(body, "name"),
    registry: oneOf(requiredString(body, "registry"), REGISTRIES, "registry") as string,
    username: requiredString(body, "username"),
    authToken: requiredString(body, "authToken"),
    updatedAt: ctx.now,
  };
  ctx.store.data.registryCredentials[next.id] = next;
  return next;
}

function settings(ctx: RequestContext): OwnerSettingsRecord {
  checkOwner(ctx, ctx.params.ownerId);
  return (ctx.store.data.ownerSettings[ctx.params.ownerId] ??= {});
}

function notificationsView(ctx: RequestContext, record: OwnerSettingsRecord): Reply {
  const n = record.notifications ?? { emailEnabled: true, slackEnabled: false, previewNotificationsEnabled: false, notificationsToSend: "failure" };
  return { status: 200, body: { ownerId: ctx.params.ownerId, ...n } };
}

export function registerOwnerSettings(router: Router): void {
  router
    .add("POST", "/registrycredentials", (ctx) => {
      const ownerId = requiredString(asObject(ctx.body), "ownerId");
      checkOwner(ctx, ownerId);
      return { status: 200, body: credentialView(writeCredential(ctx, undefined, ownerId)) };
    })
    .add("GET", "/registrycredentials", (ctx) => {
      const [names, registries, owners] = [queryList(ctx.query, "name"), queryList(ctx.query, "type"), queryList(ctx.query, "ownerId")];
      const records = bySeqDesc(Object.values(ctx.store.data.registryCredentials)).filter(
        (record) => ctx.ownerIds.includes(record.ownerId) && (!owners || owners.includes(record.ownerId)) && (!names || names.includes(record.name)) && (!registries || registries.includes(record.registry)),
      );
      return { status: 200, body: pageOf(records, ctx.query).map(credentialView) };
    })
    .add("GET", "/registrycredentials/{registryCredentialId}", (ctx) => ({ status: 200, body: credentialView(findCredential(ctx)) }))
    .add("PATCH", "/registrycredentials/{registryCredentialId}", (ctx) => {
      const record = findCredential(ctx);
      return { status: 200, body: credentialView(writeCredential(ctx, record, record.ownerId)) };
    })
    .add("DELETE", "/registrycredentials/{registryCredentialId}", (ctx) => {
      delete ctx.store.data.registryCredentials[findCredential(ctx).id];
      return { status: 204 };
    })
    .add("GET", "/notification-settings/owners/{ownerId}", (ctx) => notificationsView(ctx, settings(ctx)))
    .add("PATCH", "/notification-settings/owners/{ownerId}", (ctx) => {
      const record = settings(ctx);
      const body = asObject(ctx.body);
      const current = record.notifications ?? { emailEnabled: true, slackEnabled: false, previewNotificationsEnabled: false, notificationsToSend: "failure" };
      record.notifications = {
        emailEnabled: optionalBoolean(body, "emailEnabled") ?? current.emailEnabled,
        slackEnabled: current.slackEnabled,
        previewNotificationsEnabled: optionalBoolean(body, "previewNotificationsEnabled") ?? current.previewNotificationsEnabled,
        notificationsToSend: oneOf(optionalString(body, "notificationsToSend"), ["none", "failure", "all"], "notificationsToSend") ?? current.notificationsToSend,
      };
      return notificationsView(ctx, record);
    })
    .add("GET", "/logs/streams/owner/{ownerId}", (ctx) => {
      const stream = settings(ctx).logStream;
      if (!stream) throw notFound(ctx.params.ownerId);
      return { status: 200, body: { endpoint: stream.endpoint, ownerId: ctx.params.ownerId, preview: stream.preview } };
    })
    .add("PUT", "/logs/streams/owner/{ownerId}", (ctx) => {
      const record = settings(ctx);
      const body = asObject(ctx.body);
      record.logStream = { endpoint: optionalString(body, "endpoint") ?? "", preview: oneOf(requiredString(body, "preview"), ["send", "drop"], "preview") as string, token: optionalString(body, "token") };
      return { status: 200, body: { endpoint: record.logStream.endpoint, ownerId: ctx.params.ownerId, preview: record.logStream.preview } };
    })
    .add("DELETE", "/logs/streams/owner/{ownerId}", (ctx) => {
      const record = settings(ctx);
      if (!record.logStream) throw notFound(ctx.params.ownerId);
      delete record.logStream;
      return { status: 204 };
    })
    .add("GET", "/metrics-stream/{ownerId}", (ctx) => {
      const stream = settings(ctx).metricsStream;
      if (!stream) throw notFound(ctx.params.ownerId);
      return { status: 200, body: { ownerId: ctx.params.ownerId, provider: stream.provider, url: stream.url } };
    })
    .add("PUT", "/metrics-stream/{ownerId}", (ctx) => {
      const record = settings(ctx);
      const body = asObject(ctx.body);
      record.metricsStream = { provider: oneOf(requiredString(body, "provider"), METRICS_PROVIDERS, "provider") as string, url: requiredString(body, "url"), token: optionalString(body, "token") };
      return { status: 200, body: { ownerId: ctx.params.ownerId, provider: record.metricsStream.provider, url: record.metricsStream.url } };
    })
    .add("DELETE", "/metrics-stream/{ownerId}", (ctx) => {
      const record = settings(ctx);
      if (!record.metricsStream) throw notFound(ctx.params.ownerId);
      delete record.metricsStream;
      return { status: 204 };
    });
}
