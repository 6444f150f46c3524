/**
 * Projects and their environments. `POST /projects` answers only environment ids; deleting a
 * project or environment deletes everything in it (spec `delete-project`, `delete-environment`).
 * Moving resources: `POST /environments/{id}/resources` answers 201 with the environment
 * (cas: keyvalue#36); the DELETE form is accepted with either the environment id or, as
 * Terraform sends it, a resource id in the path (render-api README pitfall 15).
 */
import { checkOwner, findEnvironment, findProject, visible } from "../access";
import { deleteEnvironment, deleteProject } from "../cascade";
import { badRequest, notFound, type RequestContext, type Reply } from "../http";
import { bySeqDesc, envelope, pageOf, queryList } from "../pagination";
import type { Router } from "../router";
import type { EnvironmentRecord, StoreData } from "../store";
import { asObject, EVERYWHERE, ipAllowList, oneOf, optionalArray, optionalBoolean, optionalString, requiredString, stringArray, type Body, createBody, unsetEmpty } from "../validate";
import { environmentView, projectView } from "../views";

function newEnvironment(ctx: RequestContext, projectId: string, body: Body, where: string): EnvironmentRecord {
  const environment: EnvironmentRecord = {
    id: ctx.store.random.id("evm"),
    seq: ctx.store.nextSeq(),
    projectId,
    name: requiredString(body, "name", `${where}name`),
    protectedStatus: oneOf(optionalString(body, "protectedStatus", `${where}protectedStatus`), ["protected", "unprotected"], `${where}protectedStatus`) ?? "unprotected",
    networkIsolationEnabled: optionalBoolean(body, "networkIsolationEnabled", `${where}networkIsolationEnabled`) ?? false,
    ipAllowList: ipAllowList(body) ?? EVERYWHERE.map((rule) => ({ ...rule })),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  ctx.store.data.environments[environment.id] = environment;
  return environment;
}

function createProject(ctx: RequestContext): Reply {
  const body = createBody(ctx.body);
  const name = requiredString(body, "name");
  const ownerId = requiredString(body, "ownerId");
  checkOwner(ctx, ownerId);
  const environments = optionalArray(body, "environments") ?? [];
  if (environments.length === 0) throw badRequest("environments is required: a project needs at least one environment");
  const bodies = environments.map((item, i) => unsetEmpty(asObject(item, `environments[${i}]`)));
  bodies.forEach((env, i) => requiredString(env, "name", `environments[${i}].name`));
  const project = { id: ctx.store.random.id("prj"), seq: ctx.store.nextSeq(), ownerId, name, createdAt: ctx.now, updatedAt: ctx.now };
  ctx.store.data.projects[project.id] = project;
  bodies.forEach((env, i) => newEnvironment(ctx, project.id, env, `environments[${i}].`));
  return { status: 201, body: projectView(project, ctx.store.data) };
}

function listProjects(ctx: RequestContext): Reply {
  const names = queryList(ctx.query, "name");
  const projects = bySeqDesc(visible(ctx, Object.values(ctx.store.data.projects), queryList(ctx.query, "ownerId"))).filter((project) => !names || names.includes(project.name));
  return { status: 200, body: envelope(pageOf(projects, ctx.query), "project", (project) => projectView(project, ctx.store.data)) };
}

function listEnvironments(ctx: RequestContext): Reply {
  const projectIds = queryList(ctx.query, "projectId");
  if (!projectIds) throw badRequest("projectId is required");
  projectIds.forEach((id) => findProject(ctx, id));
  const names = queryList(ctx.query, "name");
  const environments = bySeqDesc(Object.values(ctx.store.data.environments)).filter((environment) => projectIds.includes(environment.projectId) && (!names || names.includes(environment.name)));
  return { status: 200, body: envelope(pageOf(environments, ctx.query), "environment", (environment) => environmentView(environment, ctx.store.data)) };
}

function updateEnvironment(ctx: RequestContext): Reply {
  const environment = findEnvironment(ctx, ctx.params.environmentId);
  const body = asObject(ctx.body);
  const name = optionalString(body, "name");
  if (name) environment.name = name;
  const status = oneOf(optionalString(body, "protectedStatus"), ["protected", "unprotected"], "protectedStatus");
  if (status) environment.protectedStatus = status;
  const isolation = optionalBoolean(body, "networkIsolationEnabled");
  if (isolation !== undefined) environment.networkIsolationEnabled = isolation;
  const rules = ipAllowList(body);
  if (rules !== undefined) environment.ipAllowList = rules;
  environment.updatedAt = ctx.now;
  return { status: 200, body: environmentView(environment, ctx.store.data) };
}

type Movable = { id: string; ownerId: string; environmentId?: string };

/** A resource id of any movable kind; a Postgres primary carries its replicas along. */
function movable(data: StoreData, id: string): Movable[] {
  const found: Movable | undefined = data.services[id] ?? data.postgres[id] ?? data.keyValue[id] ?? data.envGroups[id];
  if (!found) return [];
  const replicas = Object.values(data.postgres).filter((pg) => pg.primaryId === id);
  return [found, ...replicas];
}

function resourcesOf(ctx: RequestContext, ids: string[]): Movable[] {
  return ids.flatMap((id) => {
    const found = movable(ctx.store.data, id);
    if (found.length === 0 || !ctx.ownerIds.includes(found[0].ownerId)) throw notFound(id);
    return found;
  });
}

function addResources(ctx: RequestContext): Reply {
  const environment = findEnvironment(ctx, ctx.params.environmentId);
  const ids = stringArray(asObject(ctx.body), "resourceIds");
  if (!ids || ids.length === 0) throw badRequest("resourceIds is required");
  for (const resource of resourcesOf(ctx, ids)) resource.environmentId = environment.id;
  return { status: 201, body: environmentView(environment, ctx.store.data) };
}

function removeResources(ctx: RequestContext): Reply {
  const pathId = ctx.params.environmentId;
  const environment = ctx.store.data.environments[pathId];
  if (environment) findEnvironment(ctx, pathId);
  else if (movable(ctx.store.data, pathId).length === 0) throw notFound(pathId);
  const ids = queryList(ctx.query, "resourceIds");
  if (!ids) throw badRequest("resourceIds is required");
  for (const resource of resourcesOf(ctx, ids)) {
    if (!environment || resource.environmentId === environment.id) resource.environmentId = undefined;
  }
  return { status: 204 };
}

export function registerProjects(router: Router): void {
  router
    .add("POST", "/projects", createProject)
    .add("GET", "/projects", listProjects)
    .add("GET", "/projects/{projectId}", (ctx) => ({ status: 200, body: projectView(findProject(ctx, ctx.params.projectId), ctx.store.data) }))
    .add("PATCH", "/projects/{projectId}", (ctx) => {
      const project = findProject(ctx, ctx.params.projectId);
      const name = optionalString(asObject(ctx.body), "name");
      if (name) project.name = name;
      project.updatedAt = ctx.now;
      return { status: 200, body: projectView(project, ctx.store.data) };
    })
    .add("DELETE", "/projects/{projectId}", (ctx) => {
      deleteProject(ctx.store.data, findProject(ctx, ctx.params.projectId).id);
      return { status: 204 };
    })
    .add("POST", "/environments", (ctx) => {
      const body = asObject(ctx.body);
      const project = findProject(ctx, requiredString(body, "projectId"));
      return { status: 201, body: environmentView(newEnvironment(ctx, project.id, body, ""), ctx.store.data) };
    })
    .add("GET", "/environments", listEnvironments)
    .add("GET", "/environments/{environmentId}", (ctx) => ({ status: 200, body: environmentView(findEnvironment(ctx, ctx.params.environmentId), ctx.store.data) }))
    .add("PATCH", "/environments/{environmentId}", updateEnvironment)
    .add("DELETE", "/environments/{environmentId}", (ctx) => {
      deleteEnvironment(ctx.store.data, findEnvironment(ctx, ctx.params.environmentId).id);
      return { status: 204 };
    })
    .add("POST", "/environments/{environmentId}/resources", addResources)
    .add("DELETE", "/environments/{environmentId}/resources", removeResources);
}
