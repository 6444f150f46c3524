/**
 * Env groups. `GET /env-groups` is the one list without the cursor wrapper (spec `list-env-groups`);
 * per-key writes and linking answer the whole group and leave `updatedAt` alone, PATCH (name only)
 * moves it (cas: env_group#3, #12).
 */
import { checkOwner, findEnvGroup, findEnvironment, findService, visible } from "../access";
import { notFound, type RequestContext, type Reply } from "../http";
import { bySeqDesc, pageOf, queryList } from "../pagination";
import type { Router } from "../router";
import type { EnvGroupRecord } from "../store";
import { asObject, optionalString, requiredString, stringArray, createBody } from "../validate";
import { envGroupMetaView, envGroupView } from "../views";
import { envVarInputs, envVarValue, secretFileInputs } from "./envVarInput";

function create(ctx: RequestContext): Reply {
  const body = createBody(ctx.body);
  const name = requiredString(body, "name");
  const ownerId = requiredString(body, "ownerId");
  checkOwner(ctx, ownerId);
  const environmentId = optionalString(body, "environmentId");
  if (environmentId) findEnvironment(ctx, environmentId);
  const serviceIds = (stringArray(body, "serviceIds") ?? []).map((id) => findService(ctx, id).id);
  const group: EnvGroupRecord = {
    id: ctx.store.random.id("evg"),
    seq: ctx.store.nextSeq(),
    ownerId,
    name,
    environmentId: environmentId || undefined,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    envVars: envVarInputs(body.envVars, ctx.store.random).map((input) => ({ ...input, seq: ctx.store.nextSeq() })),
    secretFiles: secretFileInputs(body.secretFiles).map((input) => ({ ...input, seq: ctx.store.nextSeq() })),
    serviceIds: [...new Set(serviceIds)],
  };
  ctx.store.data.envGroups[group.id] = group;
  return { status: 201, body: envGroupView(group, ctx.store.data) };
}

function list(ctx: RequestContext): Reply {
  const [names, environments] = [queryList(ctx.query, "name"), queryList(ctx.query, "environmentId")];
  const groups = bySeqDesc(visible(ctx, Object.values(ctx.store.data.envGroups), queryList(ctx.query, "ownerId"))).filter(
    (group) => (!names || names.includes(group.name)) && (!environments || (group.environmentId !== undefined && environments.includes(group.environmentId))),
  );
  return { status: 200, body: pageOf(groups, ctx.query).map((group) => envGroupMetaView(group, ctx.store.data)) };
}

function putEnvVar(ctx: RequestContext): Reply {
  const group = findEnvGroup(ctx, ctx.params.envGroupId);
  const value = envVarValue(asObject(ctx.body), ctx.store.random, "request body");
  const existing = group.envVars.find((envVar) => envVar.key === ctx.params.envVarKey);
  if (existing) existing.value = value;
  else group.envVars.push({ key: ctx.params.envVarKey, value, seq: ctx.store.nextSeq() });
  return { status: 200, body: envGroupView(group, ctx.store.data) };
}

function putFile(ctx: RequestContext): Reply {
  const group = findEnvGroup(ctx, ctx.params.envGroupId);
  const content = optionalString(asObject(ctx.body), "content") ?? "";
  const existing = group.secretFiles.find((file) => file.name === ctx.params.secretFileName);
  if (existing) existing.content = content;
  else group.secretFiles.push({ name: ctx.params.secretFileName, content, seq: ctx.store.nextSeq() });
  return { status: 200, body: envGroupView(group, ctx.store.data) };
}

function removeEntry(kind: "envVars" | "secretFiles") {
  return (ctx: RequestContext): Reply => {
    const group = findEnvGroup(ctx, ctx.params.envGroupId);
    if (kind === "envVars") {
      const before = group.envVars.length;
      group.envVars = group.envVars.filter((envVar) => envVar.key !== ctx.params.envVarKey);
      if (group.envVars.length === before) throw notFound(ctx.params.envVarKey);
    } else {
      const before = group.secretFiles.length;
      group.secretFiles = group.secretFiles.filter((file) => file.name !== ctx.params.secretFileName);
      if (group.secretFiles.length === before) throw notFound(ctx.params.secretFileName);
    }
    return { status: 204 };
  };
}

function link(ctx: RequestContext): Reply {
  const group = findEnvGroup(ctx, ctx.params.envGroupId);
  const service = findService(ctx, ctx.params.serviceId);
  if (!group.serviceIds.includes(service.id)) group.serviceIds.push(service.id);
  return { status: 200, body: envGroupView(group, ctx.store.data) };
}

function unlink(ctx: RequestContext): Reply {
  const group = findEnvGroup(ctx, ctx.params.envGroupId);
  const service = findService(ctx, ctx.params.serviceId);
  if (!group.serviceIds.includes(service.id)) throw notFound(service.id);
  group.serviceIds = group.serviceIds.filter((id) => id !== service.id);
  return { status: 204 };
}

export function registerEnvGroups(router: Router): void {
  router
    .add("POST", "/env-groups", create)
    .add("GET", "/env-groups", list)
    .add("GET", "/env-groups/{envGroupId}", (ctx) => ({ status: 200, body: envGroupView(findEnvGroup(ctx, ctx.params.envGroupId), ctx.store.data) }))
    .add("PATCH", "/env-groups/{envGroupId}", (ctx) => {
      const group = findEnvGroup(ctx, ctx.params.envGroupId);
      const name = optionalString(asObject(ctx.body), "name");
      if (name) group.name = name;
      group.updatedAt = ctx.now;
      return { status: 200, body: envGroupView(group, ctx.store.data) };
    })
    .add("DELETE", "/env-groups/{envGroupId}", (ctx) => {
      delete ctx.store.data.envGroups[findEnvGroup(ctx, ctx.params.envGroupId).id];
      return { status: 204 };
    })
    .add("GET", "/env-groups/{envGroupId}/env-vars/{envVarKey}", (ctx) => {
      const envVar = findEnvGroup(ctx, ctx.params.envGroupId).envVars.find((entry) => entry.key === ctx.params.envVarKey);
      if (!envVar) throw notFound(ctx.params.envVarKey);
      return { status: 200, body: { key: envVar.key, value: envVar.value } };
    })
    .add("PUT", "/env-groups/{envGroupId}/env-vars/{envVarKey}", putEnvVar)
    .add("DELETE", "/env-groups/{envGroupId}/env-vars/{envVarKey}", removeEntry("envVars"))
    .add("GET", "/env-groups/{envGroupId}/secret-files/{secretFileName}", (ctx) => {
      const file = findEnvGroup(ctx, ctx.params.envGroupId).secretFiles.find((entry) => entry.name === ctx.params.secretFileName);
      if (!file) throw notFound(ctx.params.secretFileName);
      return { status: 200, body: { content: file.content, name: file.name } };
    })
    .add("PUT", "/env-groups/{envGroupId}/secret-files/{secretFileName}", putFile)
    .add("DELETE", "/env-groups/{envGroupId}/secret-files/{secretFileName}", removeEntry("secretFiles"))
    .add("POST", "/env-groups/{envGroupId}/services/{serviceId}", link)
    .add("DELETE", "/env-groups/{envGroupId}/services/{serviceId}", unlink);
}
