/**
 * A service's own env vars and secret files. Lists come newest first; a bulk PUT replaces the whole
 * set and answers in request order with fresh cursors (render-api README §5.3, pitfall 6).
 */
import { findService } from "../access";
import { notFound, type RequestContext, type Reply } from "../http";
import { bySeqDesc, encodeCursor, envelope, pageOf } from "../pagination";
import type { Router } from "../router";
import type { EnvVarRecord, SecretFileRecord } from "../store";
import { asObject, optionalString } from "../validate";
import { envVarInputs, envVarValue, secretFileInputs } from "./envVarInput";

const envVarView = (record: EnvVarRecord) => ({ key: record.key, value: record.value });
const fileView = (record: SecretFileRecord) => ({ content: record.content, name: record.name });

function envVarsOf(ctx: RequestContext, serviceId: string): EnvVarRecord[] {
  return ctx.store.data.envVars.filter((record) => record.serviceId === serviceId);
}

function filesOf(ctx: RequestContext, serviceId: string): SecretFileRecord[] {
  return ctx.store.data.secretFiles.filter((record) => record.serviceId === serviceId);
}

function replaceEnvVars(ctx: RequestContext): Reply {
  const service = findService(ctx, ctx.params.serviceId);
  const inputs = envVarInputs(ctx.body, ctx.store.random, "request body");
  const records = inputs.map((input) => ({ seq: ctx.store.nextSeq(), serviceId: service.id, ...input }));
  ctx.store.data.envVars = ctx.store.data.envVars.filter((record) => record.serviceId !== service.id).concat(records);
  return { status: 200, body: records.map((record) => ({ envVar: envVarView(record), cursor: encodeCursor(record.seq) })) };
}

function putEnvVar(ctx: RequestContext): Reply {
  const service = findService(ctx, ctx.params.serviceId);
  const value = envVarValue(asObject(ctx.body), ctx.store.random, "request body");
  const key = ctx.params.envVarKey;
  const existing = envVarsOf(ctx, service.id).find((record) => record.key === key);
  if (existing) existing.value = value;
  else ctx.store.data.envVars.push({ seq: ctx.store.nextSeq(), serviceId: service.id, key, value });
  return { status: 200, body: { key, value } };
}

function findEnvVar(ctx: RequestContext): EnvVarRecord {
  const service = findService(ctx, ctx.params.serviceId);
  const record = envVarsOf(ctx, service.id).find((envVar) => envVar.key === ctx.params.envVarKey);
  if (!record) throw notFound(ctx.params.envVarKey);
  return record;
}

function replaceFiles(ctx: RequestContext): Reply {
  const service = findService(ctx, ctx.params.serviceId);
  const records = secretFileInputs(ctx.body, "request body").map((input) => ({ seq: ctx.store.nextSeq(), serviceId: service.id, ...input }));
  ctx.store.data.secretFiles = ctx.store.data.secretFiles.filter((record) => record.serviceId !== service.id).concat(records);
  return { status: 200, body: records.map((record) => ({ secretFile: fileView(record), cursor: encodeCursor(record.seq) })) };
}

/** Per-file PUT answers 201 (spec `add-or-update-secret-file`). */
function putFile(ctx: RequestContext): Reply {
  const service = findService(ctx, ctx.params.serviceId);
  const content = optionalString(asObject(ctx.body), "content") ?? "";
  const name = ctx.params.secretFileName;
  const existing = filesOf(ctx, service.id).find((record) => record.name === name);
  if (existing) existing.content = content;
  else ctx.store.data.secretFiles.push({ seq: ctx.store.nextSeq(), serviceId: service.id, name, content });
  return { status: 201, body: { content, name } };
}

function findFile(ctx: RequestContext): SecretFileRecord {
  const service = findService(ctx, ctx.params.serviceId);
  const record = filesOf(ctx, service.id).find((file) => file.name === ctx.params.secretFileName);
  if (!record) throw notFound(ctx.params.secretFileName);
  return record;
}

export function registerServiceEnv(router: Router): void {
  router
    .add("GET", "/services/{serviceId}/env-vars", (ctx) => {
      const service = findService(ctx, ctx.params.serviceId);
      return { status: 200, body: envelope(pageOf(bySeqDesc(envVarsOf(ctx, service.id)), ctx.query), "envVar", envVarView) };
    })
    .add("PUT", "/services/{serviceId}/env-vars", replaceEnvVars)
    .add("GET", "/services/{serviceId}/env-vars/{envVarKey}", (ctx) => ({ status: 200, body: envVarView(findEnvVar(ctx)) }))
    .add("PUT", "/services/{serviceId}/env-vars/{envVarKey}", putEnvVar)
    .add("DELETE", "/services/{serviceId}/env-vars/{envVarKey}", (ctx) => {
      const record = findEnvVar(ctx);
      ctx.store.data.envVars = ctx.store.data.envVars.filter((envVar) => envVar !== record);
      return { status: 204 };
    })
    .add("GET", "/services/{serviceId}/secret-files", (ctx) => {
      const service = findService(ctx, ctx.params.serviceId);
      return { status: 200, body: envelope(pageOf(bySeqDesc(filesOf(ctx, service.id)), ctx.query), "secretFile", fileView) };
    })
    .add("PUT", "/services/{serviceId}/secret-files", replaceFiles)
    .add("GET", "/services/{serviceId}/secret-files/{secretFileName}", (ctx) => ({ status: 200, body: fileView(findFile(ctx)) }))
    .add("PUT", "/services/{serviceId}/secret-files/{secretFileName}", putFile)
    .add("DELETE", "/services/{serviceId}/secret-files/{secretFileName}", (ctx) => {
      const record = findFile(ctx);
      ctx.store.data.secretFiles = ctx.store.data.secretFiles.filter((file) => file !== record);
      return { status: 204 };
    });
}
