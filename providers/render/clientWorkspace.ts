/**
 * The RenderClient calls for objects that stand alone in a workspace: Postgres, Key Value, env groups,
 * projects and their environments. Same rules as client.ts: schema-parsed responses, full paging, and
 * creates that adopt (by owner + name) what an ambiguous failure may have created.
 */
import { onlyMatch, RenderClientBase, RenderClientOptions, WaitCallOptions } from "./clientBase";
import { WaitCheck } from "./poll";
import * as s from "./schemas";

/** Open-ended create/patch bodies: the named fields are the ones the client itself relies on. */
export type Body = Record<string, unknown>;
export type EnvVarInput = { key: string; value: string } | { key: string; generateValue: true };
export type OwnedQuery = { name?: string; ownerId?: string; environmentId?: string; region?: string };

const FAILED_DATABASE_STATUSES = ["recovery_failed", "suspended"];

/** True when every setting the create body gives has the value Render reports. */
function sameWhereGiven(body: Body, reported: Record<string, unknown>): boolean {
  return Object.entries(reported).every(([key, value]) => body[key] === undefined || body[key] === value);
}

export abstract class RenderWorkspaceClient extends RenderClientBase {
  // Explicit: Pulumi's closure serializer drops the arguments of an implicit derived constructor.
  constructor(options: RenderClientOptions) {
    super(options);
  }

  // Postgres -----------------------------------------------------------------------------------------

  async createPostgres(body: Body & { name: string; ownerId?: string }): Promise<s.Postgres> {
    const owned = await this.withOwner(body);
    return this.call("POST", "/postgres", {}, {
      body: owned,
      schema: s.postgresSchema(),
      recover: async (since) => onlyMatch("Postgres", owned.name, await this.listPostgres({ name: owned.name, ownerId: owned.ownerId }), {
        since, same: (x) => sameWhereGiven(owned, { plan: x.plan, region: x.region, version: x.version }),
      }),
    });
  }

  getPostgres(postgresId: string): Promise<s.Postgres> {
    return this.call("GET", "/postgres/{postgresId}", { postgresId }, { schema: s.postgresSchema() });
  }

  listPostgres(query: OwnedQuery = {}): Promise<s.Postgres[]> {
    return this.list("/postgres", {}, "postgres", s.postgresSchema(), query);
  }

  updatePostgres(postgresId: string, patch: Body): Promise<s.Postgres> {
    return this.call("PATCH", "/postgres/{postgresId}", { postgresId }, { body: patch, schema: s.postgresSchema() });
  }

  async deletePostgres(postgresId: string): Promise<void> {
    await this.call("DELETE", "/postgres/{postgresId}", { postgresId }, { notFoundOk: true });
  }

  getPostgresConnectionInfo(postgresId: string): Promise<s.PostgresConnectionInfo> {
    return this.call("GET", "/postgres/{postgresId}/connection-info", { postgresId }, { schema: s.postgresConnectionInfoSchema() });
  }

  waitForPostgresAvailable(postgresId: string, opts: WaitCallOptions = {}): Promise<s.Postgres> {
    return this.waitForDatabase("Postgres", postgresId, () => this.getPostgres(postgresId), opts);
  }

  // Key Value ----------------------------------------------------------------------------------------

  async createKeyValue(body: Body & { name: string; ownerId?: string }): Promise<s.KeyValue> {
    const owned = await this.withOwner(body);
    return this.call("POST", "/key-value", {}, {
      body: owned,
      schema: s.keyValueSchema(),
      recover: async (since) => onlyMatch("Key Value", owned.name, await this.listKeyValue({ name: owned.name, ownerId: owned.ownerId }), {
        since, same: (x) => sameWhereGiven(owned, { plan: x.plan, region: x.region }),
      }),
    });
  }

  getKeyValue(keyValueId: string): Promise<s.KeyValue> {
    return this.call("GET", "/key-value/{keyValueId}", { keyValueId }, { schema: s.keyValueSchema() });
  }

  listKeyValue(query: OwnedQuery = {}): Promise<s.KeyValue[]> {
    return this.list("/key-value", {}, "keyValue", s.keyValueSchema(), query);
  }

  updateKeyValue(keyValueId: string, patch: Body): Promise<s.KeyValue> {
    return this.call("PATCH", "/key-value/{keyValueId}", { keyValueId }, { body: patch, schema: s.keyValueSchema() });
  }

  async deleteKeyValue(keyValueId: string): Promise<void> {
    await this.call("DELETE", "/key-value/{keyValueId}", { keyValueId }, { notFoundOk: true });
  }

  getKeyValueConnectionInfo(keyValueId: string): Promise<s.KeyValueConnectionInfo> {
    return this.call("GET", "/key-value/{keyValueId}/connection-info", { keyValueId }, { schema: s.keyValueConnectionInfoSchema() });
  }

  waitForKeyValueAvailable(keyValueId: string, opts: WaitCallOptions = {}): Promise<s.KeyValue> {
    return this.waitForDatabase("Key Value", keyValueId, () => this.getKeyValue(keyValueId), opts);
  }

  // Env groups ---------------------------------------------------------------------------------------

  async createEnvGroup(body: Body & { name: string; ownerId?: string; envVars: EnvVarInput[] }): Promise<s.EnvGroup> {
    const owned = await this.withOwner(body);
    return this.call("POST", "/env-groups", {}, {
      body: owned,
      schema: s.envGroupSchema(),
      recover: async (since) => {
        const meta = onlyMatch("env group", owned.name, await this.listEnvGroups({ name: owned.name, ownerId: owned.ownerId }), { since });
        return meta && this.getEnvGroup(meta.id);
      },
    });
  }

  getEnvGroup(envGroupId: string): Promise<s.EnvGroup> {
    return this.call("GET", "/env-groups/{envGroupId}", { envGroupId }, { schema: s.envGroupSchema() });
  }

  /** Render lists env groups as bare objects (no cursor wrapper) without vars or files. */
  listEnvGroups(query: OwnedQuery = {}): Promise<s.EnvGroupMeta[]> {
    return this.list("/env-groups", {}, undefined, s.envGroupMetaSchema(), query);
  }

  /** Only the name can change here; vars, files and links have their own calls. */
  updateEnvGroup(envGroupId: string, patch: { name: string }): Promise<s.EnvGroup> {
    return this.call("PATCH", "/env-groups/{envGroupId}", { envGroupId }, { body: patch, schema: s.envGroupSchema() });
  }

  async deleteEnvGroup(envGroupId: string): Promise<void> {
    await this.call("DELETE", "/env-groups/{envGroupId}", { envGroupId }, { notFoundOk: true });
  }

  putEnvGroupEnvVar(envGroupId: string, key: string, value: { value: string } | { generateValue: true }): Promise<s.EnvGroup> {
    return this.call("PUT", "/env-groups/{envGroupId}/env-vars/{envVarKey}", { envGroupId, envVarKey: key }, { body: value, schema: s.envGroupSchema() });
  }

  async deleteEnvGroupEnvVar(envGroupId: string, key: string): Promise<void> {
    await this.call("DELETE", "/env-groups/{envGroupId}/env-vars/{envVarKey}", { envGroupId, envVarKey: key }, { notFoundOk: true });
  }

  putEnvGroupSecretFile(envGroupId: string, name: string, content: string): Promise<s.EnvGroup> {
    return this.call("PUT", "/env-groups/{envGroupId}/secret-files/{secretFileName}", { envGroupId, secretFileName: name }, { body: { content }, schema: s.envGroupSchema() });
  }

  async deleteEnvGroupSecretFile(envGroupId: string, name: string): Promise<void> {
    await this.call("DELETE", "/env-groups/{envGroupId}/secret-files/{secretFileName}", { envGroupId, secretFileName: name }, { notFoundOk: true });
  }

  linkEnvGroupService(envGroupId: string, serviceId: string): Promise<s.EnvGroup> {
    return this.call("POST", "/env-groups/{envGroupId}/services/{serviceId}", { envGroupId, serviceId }, { schema: s.envGroupSchema(), idempotent: true });
  }

  async unlinkEnvGroupService(envGroupId: string, serviceId: string): Promise<void> {
    await this.call("DELETE", "/env-groups/{envGroupId}/services/{serviceId}", { envGroupId, serviceId }, { notFoundOk: true });
  }

  // Projects and environments ------------------------------------------------------------------------

  async createProject(body: { name: string; ownerId?: string; environments: { name: string; protectedStatus?: "protected" | "unprotected"; networkIsolationEnabled?: boolean }[] }): Promise<s.Project> {
    const owned = await this.withOwner(body);
    return this.call("POST", "/projects", {}, {
      body: owned,
      schema: s.projectSchema(),
      recover: async (since) => onlyMatch("project", owned.name, await this.listProjects({ name: owned.name, ownerId: owned.ownerId }), { since }),
    });
  }

  getProject(projectId: string): Promise<s.Project> {
    return this.call("GET", "/projects/{projectId}", { projectId }, { schema: s.projectSchema() });
  }

  listProjects(query: { name?: string; ownerId?: string } = {}): Promise<s.Project[]> {
    return this.list("/projects", {}, "project", s.projectSchema(), query);
  }

  updateProject(projectId: string, patch: { name: string }): Promise<s.Project> {
    return this.call("PATCH", "/projects/{projectId}", { projectId }, { body: patch, schema: s.projectSchema() });
  }

  /** Irreversible: also deletes every environment and every resource inside them. */
  async deleteProject(projectId: string): Promise<void> {
    await this.call("DELETE", "/projects/{projectId}", { projectId }, { notFoundOk: true });
  }

  createEnvironment(body: { name: string; projectId: string; protectedStatus?: "protected" | "unprotected"; networkIsolationEnabled?: boolean }): Promise<s.Environment> {
    return this.call("POST", "/environments", {}, {
      body,
      schema: s.environmentSchema(),
      recover: async (since) => onlyMatch("environment", body.name, await this.listEnvironments({ projectId: body.projectId, name: body.name })),
    });
  }

  getEnvironment(environmentId: string): Promise<s.Environment> {
    return this.call("GET", "/environments/{environmentId}", { environmentId }, { schema: s.environmentSchema() });
  }

  listEnvironments(query: { projectId: string; name?: string }): Promise<s.Environment[]> {
    return this.list("/environments", {}, "environment", s.environmentSchema(), query);
  }

  updateEnvironment(environmentId: string, patch: { name?: string; protectedStatus?: "protected" | "unprotected"; networkIsolationEnabled?: boolean }): Promise<s.Environment> {
    return this.call("PATCH", "/environments/{environmentId}", { environmentId }, { body: patch, schema: s.environmentSchema() });
  }

  /** Irreversible: also deletes every resource inside the environment. */
  async deleteEnvironment(environmentId: string): Promise<void> {
    await this.call("DELETE", "/environments/{environmentId}", { environmentId }, { notFoundOk: true });
  }

  /** Moves services, Postgres, Key Value or env groups into the environment. */
  addResourcesToEnvironment(environmentId: string, resourceIds: string[]): Promise<s.Environment> {
    return this.call("POST", "/environments/{environmentId}/resources", { environmentId }, { body: { resourceIds }, schema: s.environmentSchema(), idempotent: true });
  }

  async removeResourcesFromEnvironment(environmentId: string, resourceIds: string[]): Promise<void> {
    await this.call("DELETE", "/environments/{environmentId}/resources", { environmentId }, { query: { resourceIds }, notFoundOk: true });
  }

  private waitForDatabase<T extends { status: string }>(kind: string, id: string, get: () => Promise<T>, opts: WaitCallOptions): Promise<T> {
    return this.waitFor(`${kind} ${id} to become available`, opts, 20 * 60_000, async (): Promise<WaitCheck<T>> => {
      const db = await get();
      if (db.status === "available") return { done: true, value: db };
      if (FAILED_DATABASE_STATUSES.includes(db.status)) throw new Error(`${kind} ${id} is "${db.status}", not available; see the Render dashboard.`);
      return { done: false, status: db.status };
    });
  }
}
