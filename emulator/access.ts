/** Looks resources up for the caller: another owner's resource is indistinguishable from a missing one. */
import { notFound, type RequestContext } from "./http";
import type { EnvGroupRecord, EnvironmentRecord, KeyValueRecord, PostgresRecord, ProjectRecord, ServiceRecord } from "./store";

function owned<T extends { ownerId: string }>(ctx: RequestContext, record: T | undefined, id: string): T {
  if (!record || !ctx.ownerIds.includes(record.ownerId)) throw notFound(id);
  return record;
}

export const findService = (ctx: RequestContext, id: string): ServiceRecord => owned(ctx, ctx.store.data.services[id], id);
export const findPostgres = (ctx: RequestContext, id: string): PostgresRecord => owned(ctx, ctx.store.data.postgres[id], id);
export const findKeyValue = (ctx: RequestContext, id: string): KeyValueRecord => owned(ctx, ctx.store.data.keyValue[id], id);
export const findEnvGroup = (ctx: RequestContext, id: string): EnvGroupRecord => owned(ctx, ctx.store.data.envGroups[id], id);
export const findProject = (ctx: RequestContext, id: string): ProjectRecord => owned(ctx, ctx.store.data.projects[id], id);

export function findEnvironment(ctx: RequestContext, id: string): EnvironmentRecord {
  const environment = ctx.store.data.environments[id];
  if (!environment) throw notFound(id);
  findProject(ctx, environment.projectId);
  return environment;
}

/** The owner a create names must be one the key may act for. */
export function checkOwner(ctx: RequestContext, ownerId: string): void {
  if (!ctx.ownerIds.includes(ownerId)) throw notFound(ownerId);
}

/** Filters a list to the caller's owners (and to `ownerId=` when given). */
export function visible<T extends { ownerId: string }>(ctx: RequestContext, items: T[], ownerFilter: string[] | undefined): T[] {
  return items.filter((item) => ctx.ownerIds.includes(item.ownerId) && (!ownerFilter || ownerFilter.includes(item.ownerId)));
}
