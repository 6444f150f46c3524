/**
 * RenderClient: the only code that speaks HTTP to Render. Methods are thin and named after the API;
 * every response is parsed by its schema (schemas.ts), lists are fully paged (paging.ts), and retries
 * follow the policy written at the top of http.ts. Creates never blindly repeat: each one carries a
 * lookup by owner + name that adopts what an ambiguous failure may have created.
 *
 * This file holds services and what hangs off them (env vars, secret files, domains, static-site rules,
 * scaling, deploys, disks); Postgres, Key Value, env groups and projects come from clientWorkspace.ts,
 * settings, owner resolution and polling from clientBase.ts.
 *
 * One client per provider process, built at run time (`configure`), never captured by a closure.
 */
import { z } from "zod";
import { ConfigSource, DEFAULT_BASE_URL, onlyMatch, RenderClientOptions, WaitCallOptions } from "./clientBase";
import { Body, EnvVarInput, RenderWorkspaceClient } from "./clientWorkspace";
import { WaitCheck } from "./poll";
import * as s from "./schemas";

export type { ConfigSource, RenderClientOptions, WaitCallOptions } from "./clientBase";
export type { Body, EnvVarInput, OwnedQuery } from "./clientWorkspace";

export type CreateServiceBody = Body & { type: s.ServiceType; name: string; ownerId?: string };
export type ServiceQuery = { name?: string; type?: s.ServiceType | s.ServiceType[]; ownerId?: string; environmentId?: string; region?: string; suspended?: "suspended" | "not_suspended" };
export type AutoscalingInput = {
  enabled: boolean; min: number; max: number;
  criteria: { cpu: { enabled: boolean; percentage: number }; memory: { enabled: boolean; percentage: number } };
};

const FAILED_DEPLOY_STATUSES = ["build_failed", "update_failed", "pre_deploy_failed", "canceled"];

export class RenderClient extends RenderWorkspaceClient {
  // Explicit: Pulumi's closure serializer drops the arguments of an implicit derived constructor.
  constructor(options: RenderClientOptions) {
    super(options);
  }

  /**
   * Reads, when called: `RENDER_API_URL` and `RENDER_OWNER_ID` now, and the API key on every request
   * (stack config `renderApiKey` first, then `RENDER_API_KEY`). `overrides` wins over both.
   */
  static fromEnv(config?: ConfigSource, overrides: Partial<RenderClientOptions> = {}): RenderClient {
    const env = process.env;
    return new RenderClient({
      apiKey: () => config?.get("renderApiKey") || env.RENDER_API_KEY,
      baseUrl: env.RENDER_API_URL || DEFAULT_BASE_URL,
      ownerId: env.RENDER_OWNER_ID || undefined,
      ...overrides,
    });
  }

  /** Same as `fromEnv(config)`, named for a provider's `configure(req)`. */
  static fromConfig(config?: ConfigSource): RenderClient {
    return RenderClient.fromEnv(config);
  }

  // Services -----------------------------------------------------------------------------------------

  /** `deployId` is undefined when the service was adopted after an ambiguous failure. */
  async createService(body: CreateServiceBody): Promise<{ service: s.Service; deployId: string | undefined }> {
    const owned = await this.withOwner(body);
    const res = await this.call("POST", "/services", {}, {
      body: owned,
      schema: s.createServiceResponseSchema(),
      recover: async (since) => {
        const found = onlyMatch("service", owned.name, await this.listServices({ name: owned.name, ownerId: owned.ownerId, type: owned.type }), {
          since, same: (x) => x.type === owned.type && (x.repo ?? "") === ((owned.repo as string | undefined) ?? ""),
        });
        return found && { service: found, deployId: undefined };
      },
    });
    return { service: res.service, deployId: res.deployId ?? undefined };
  }

  getService(serviceId: string): Promise<s.Service> {
    return this.call("GET", "/services/{serviceId}", { serviceId }, { schema: s.serviceSchema() });
  }

  listServices(query: ServiceQuery = {}): Promise<s.Service[]> {
    return this.list("/services", {}, "service", s.serviceSchema(), query);
  }

  updateService(serviceId: string, patch: Body): Promise<s.Service> {
    return this.call("PATCH", "/services/{serviceId}", { serviceId }, { body: patch, schema: s.serviceSchema() });
  }

  async deleteService(serviceId: string): Promise<void> {
    await this.call("DELETE", "/services/{serviceId}", { serviceId }, { notFoundOk: true });
  }

  async suspendService(serviceId: string): Promise<void> {
    await this.call("POST", "/services/{serviceId}/suspend", { serviceId }, { idempotent: true });
  }

  async resumeService(serviceId: string): Promise<void> {
    await this.call("POST", "/services/{serviceId}/resume", { serviceId }, { idempotent: true });
  }

  async scaleService(serviceId: string, numInstances: number): Promise<void> {
    await this.call("POST", "/services/{serviceId}/scale", { serviceId }, { body: { numInstances }, idempotent: true });
  }

  putAutoscaling(serviceId: string, config: AutoscalingInput): Promise<s.Autoscaling> {
    return this.call("PUT", "/services/{serviceId}/autoscaling", { serviceId }, { body: config, schema: s.autoscalingSchema() });
  }

  async deleteAutoscaling(serviceId: string): Promise<void> {
    await this.call("DELETE", "/services/{serviceId}/autoscaling", { serviceId }, { notFoundOk: true });
  }

  listEnvVars(serviceId: string): Promise<s.EnvVar[]> {
    return this.list("/services/{serviceId}/env-vars", { serviceId }, "envVar", s.envVarSchema());
  }

  /** Replaces the whole set (omitted keys are deleted); returns it with generated values filled in. */
  async putEnvVars(serviceId: string, envVars: EnvVarInput[]): Promise<s.EnvVar[]> {
    const rows = await this.call("PUT", "/services/{serviceId}/env-vars", { serviceId }, {
      body: envVars,
      schema: z.array(z.looseObject({ envVar: s.envVarSchema() })),
    });
    return rows.map((r) => r.envVar);
  }

  listSecretFiles(serviceId: string): Promise<s.SecretFile[]> {
    return this.list("/services/{serviceId}/secret-files", { serviceId }, "secretFile", s.secretFileSchema());
  }

  /** Replaces the whole set (omitted files are deleted). */
  async putSecretFiles(serviceId: string, files: { name: string; content: string }[]): Promise<s.SecretFile[]> {
    const rows = await this.call("PUT", "/services/{serviceId}/secret-files", { serviceId }, {
      body: files,
      schema: z.array(z.looseObject({ secretFile: s.secretFileSchema() })),
    });
    return rows.map((r) => r.secretFile);
  }

  listCustomDomains(serviceId: string): Promise<s.CustomDomain[]> {
    return this.list("/services/{serviceId}/custom-domains", { serviceId }, "customDomain", s.customDomainSchema());
  }

  /** Returns the domain and any companion redirect domain Render added for it. */
  async createCustomDomain(serviceId: string, name: string): Promise<s.CustomDomain[]> {
    const existing = async () => {
      const domains = await this.listCustomDomains(serviceId);
      return domains.some((d) => d.name === name) ? domains.filter((d) => d.name === name || d.redirectForName === name) : undefined;
    };
    try {
      return await this.call("POST", "/services/{serviceId}/custom-domains", { serviceId }, {
        body: { name }, schema: z.array(s.customDomainSchema()), recover: existing,
      });
    } catch (err) {
      // 409 "already in use": an earlier, interrupted run may have added it to this very service.
      const found = (err as { status?: unknown }).status === 409 ? await existing() : undefined;
      if (found) return found;
      throw err;
    }
  }

  async deleteCustomDomain(serviceId: string, name: string): Promise<void> {
    await this.call("DELETE", "/services/{serviceId}/custom-domains/{customDomainIdOrName}", { serviceId, customDomainIdOrName: name }, { notFoundOk: true });
  }

  // Static site headers and routes ------------------------------------------------------------------

  listHeaders(serviceId: string): Promise<s.Header[]> {
    return this.list("/services/{serviceId}/headers", { serviceId }, "header", s.headerSchema());
  }

  /** Replaces every header rule of the static site. */
  putHeaders(serviceId: string, headers: { path: string; name: string; value: string }[]): Promise<s.Header[]> {
    return this.call("PUT", "/services/{serviceId}/headers", { serviceId }, { body: headers, schema: z.array(s.headerSchema()) });
  }

  /** Redirect and rewrite rules in priority order. */
  listRoutes(serviceId: string): Promise<s.Route[]> {
    return this.list("/services/{serviceId}/routes", { serviceId }, "route", s.routeSchema());
  }

  /** Replaces every route rule of the static site; list order is priority order. */
  putRoutes(serviceId: string, routes: { type: "redirect" | "rewrite"; source: string; destination: string }[]): Promise<s.Route[]> {
    return this.call("PUT", "/services/{serviceId}/routes", { serviceId }, { body: routes, schema: z.array(s.routeSchema()) });
  }

  // Deploys ------------------------------------------------------------------------------------------

  /** Render may answer 202 with no body ("queued"): then the result is undefined. */
  triggerDeploy(serviceId: string, body: { clearCache?: "clear" | "do_not_clear"; commitId?: string; imageUrl?: string } = {}): Promise<s.Deploy | undefined> {
    return this.call<s.Deploy | undefined>("POST", "/services/{serviceId}/deploys", { serviceId }, { body, schema: s.deploySchema(), allowEmpty: true });
  }

  listDeploys(serviceId: string, query: { status?: string[] } = {}): Promise<s.Deploy[]> {
    return this.list("/services/{serviceId}/deploys", { serviceId }, "deploy", s.deploySchema(), query);
  }

  getDeploy(serviceId: string, deployId: string): Promise<s.Deploy> {
    return this.call("GET", "/services/{serviceId}/deploys/{deployId}", { serviceId, deployId }, { schema: s.deploySchema() });
  }

  /** The newest deploy by `createdAt` among the most recent page, or undefined if there is none. */
  async latestDeploy(serviceId: string): Promise<s.Deploy | undefined> {
    const page = await this.call("GET", "/services/{serviceId}/deploys", { serviceId }, {
      query: { limit: 20 },
      schema: z.array(z.looseObject({ deploy: s.deploySchema() })),
    });
    return page.map((r) => r.deploy).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
  }

  /**
   * Waits until the deploy (default: the newest one) is `live`; throws when it ends failed or canceled.
   * A deploy `deactivated` by a newer one hands the wait over to the newest deploy.
   */
  async waitForDeploy(serviceId: string, deployId?: string, opts: WaitCallOptions = {}): Promise<s.Deploy> {
    let target = deployId;
    return this.waitFor(`service ${serviceId} deploy to go live`, opts, 30 * 60_000, async (): Promise<WaitCheck<s.Deploy>> => {
      const deploy = target ? await this.getDeploy(serviceId, target) : await this.latestDeploy(serviceId);
      if (!deploy) return { done: false, status: "no deploy yet" };
      if (deploy.status === "live") return { done: true, value: deploy };
      if (deploy.status === "deactivated") target = undefined;
      if (FAILED_DEPLOY_STATUSES.includes(deploy.status)) {
        throw new Error(`Deploy ${deploy.id} of service ${serviceId} ended "${deploy.status}"; see its logs in the Render dashboard.`);
      }
      return { done: false, status: deploy.status };
    });
  }

  // Disks --------------------------------------------------------------------------------------------

  createDisk(body: { name: string; sizeGB: number; mountPath: string; serviceId: string }): Promise<s.Disk> {
    return this.call("POST", "/disks", {}, {
      body,
      schema: s.diskSchema(),
      recover: async (since) => onlyMatch("disk", body.name, await this.listDisks({ serviceId: body.serviceId, name: body.name }), {
        since, same: (x) => x.serviceId === body.serviceId && x.mountPath === body.mountPath && x.sizeGB === body.sizeGB,
      }),
    });
  }

  getDisk(diskId: string): Promise<s.Disk> {
    return this.call("GET", "/disks/{diskId}", { diskId }, { schema: s.diskSchema() });
  }

  listDisks(query: { serviceId?: string; name?: string; ownerId?: string } = {}): Promise<s.Disk[]> {
    return this.list("/disks", {}, "disk", s.diskSchema(), query);
  }

  /** Size may only grow. */
  updateDisk(diskId: string, patch: { name?: string; sizeGB?: number; mountPath?: string }): Promise<s.Disk> {
    return this.call("PATCH", "/disks/{diskId}", { diskId }, { body: patch, schema: s.diskSchema() });
  }

  async deleteDisk(diskId: string): Promise<void> {
    await this.call("DELETE", "/disks/{diskId}", { diskId }, { notFoundOk: true });
  }
}
