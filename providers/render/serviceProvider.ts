/**
 * A Render service of any type (web, private, worker, static site, cron job) with its env vars, secret files,
 * generated secrets, scaling and custom domains. Create is one `POST /services` plus one POST per domain;
 * refresh is at most three reads; update sends only the calls the change needs.
 */
import type * as pulumi from "@pulumi/pulumi";
import { RenderClient } from "./client";
import { DiffOutcome, diffProps, sameValue } from "./diffProps";
import { isNotFound } from "./errors";
import { SERVICE_CREATE_ONLY } from "./replaceKeys";
import { withSecretFields } from "./secretWire";
import type { ServiceInputs, ServiceOutputs, StaticHeader, StaticRoute } from "./inputs";
import { waitUntil } from "./poll";
import { RenderProvider, adoptTwin, finishCreate, loggedWait, moveToEnvironment, pollIntervalMs } from "./providerBase";
import type { Service as RenderService } from "./schemas";
import { checkService } from "./serviceCheck";
import {
  SERVER_DEFAULTED, canonicalImage, createServiceBody, envVarBody, secretFileBody, serviceComputed, serviceInputsFrom,
  servicePatchBody, toApiAutoscaling,
} from "./serviceWire";

const SERVICE_KEYS = [
  "type", "name", "region", "plan", "runtime", "repo", "branch", "rootDir", "image", "buildCommand", "startCommand",
  "preDeployCommand", "dockerCommand", "dockerfilePath", "dockerContext", "healthCheckPath", "numInstances",
  "autoscaling", "publishPath", "headers", "routes", "schedule", "autoDeploy", "envVars", "generatedEnvVars",
  "secretFiles", "customDomains", "environmentId", "registryCredentialId",
] as const;

/** Fields of a service that can hold secret values (the `Service` class marks the same outputs secret). */
const SERVICE_SECRET_FIELDS = ["envVars", "secretFiles", "generatedEnvVarValues"];

/** Changes that only reach running instances through a new deploy. */
const DEPLOY_KEYS = [
  "repo", "branch", "rootDir", "image", "runtime", "buildCommand", "startCommand", "preDeployCommand",
  "dockerCommand", "dockerfilePath", "dockerContext", "publishPath", "envVars", "generatedEnvVars", "secretFiles",
  "registryCredentialId",
];

/** Optional inputs Render fills in itself when left out: leaving them out is never a change. */
const unsetMeansAny = (old: unknown, news: unknown) => news === undefined || sameValue(old, news);

export function diffService(olds: Record<string, unknown>, news: Record<string, unknown>): DiffOutcome {
  return diffProps(olds, news, {
    keys: SERVICE_KEYS,
    createOnly: SERVICE_CREATE_ONLY,
    deleteBeforeReplace: true,
    same: {
      ...Object.fromEntries(SERVER_DEFAULTED.map((key) => [key, unsetMeansAny])),
      customDomains: unsetMeansAny,
      image: (old, n) => typeof old === "string" && typeof n === "string" ? canonicalImage(old) === canonicalImage(n) : old === n,
    },
  });
}

function inputsOf(props: Record<string, unknown>): ServiceInputs {
  const out: Record<string, unknown> = {};
  for (const key of SERVICE_KEYS) if (props[key] !== undefined) out[key] = props[key];
  return out as unknown as ServiceInputs;
}

function outputsOf(inputs: ServiceInputs, service: RenderService, generated: Record<string, string>): ServiceOutputs {
  return { ...inputsOf(inputs as unknown as Record<string, unknown>), ...serviceComputed(service), generatedEnvVarValues: generated };
}

/** Deploy states that mean the first deploy will never go live; `deactivated` only means a newer one took over. */
const DEPLOY_FAILED = ["build_failed", "update_failed", "pre_deploy_failed", "canceled"];

const DEPLOY_START_TIMEOUT_MS = 10 * 60_000;

/** Waits until the first deploy has started building (not until it is live: builds can take many minutes). */
async function waitForDeployStart(api: RenderClient, serviceId: string, deployId: string | undefined): Promise<void> {
  const interval = pollIntervalMs() ?? 1000;
  const { timeoutMs, onWait } = loggedWait(DEPLOY_START_TIMEOUT_MS);
  await waitUntil({
    timeoutMs: timeoutMs ?? DEPLOY_START_TIMEOUT_MS, onWait,
    what: `the first deploy of service ${serviceId} to start`,
    intervalMs: interval, maxIntervalMs: interval * 10,
    check: async () => {
      const deploy = deployId ? await api.getDeploy(serviceId, deployId) : await api.latestDeploy(serviceId);
      if (!deploy) return { done: false, status: "no deploy yet" };
      if (DEPLOY_FAILED.includes(deploy.status)) {
        throw new Error(`deploy ${deploy.id} of service ${serviceId} ended "${deploy.status}"; see its logs in the Render dashboard`);
      }
      return deploy.status === "created" || deploy.status === "queued"
        ? { done: false, status: deploy.status } : { done: true, value: undefined };
    },
  });
}

class ServiceProvider extends RenderProvider implements pulumi.dynamic.ResourceProvider {
  async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
    return checkService(news);
  }

  async diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
    return diffService(olds, news);
  }

  async create(inputs: ServiceInputs) {
    const api = this.api();
    const twin = adoptTwin("service", inputs.name, await api.listServices({ name: inputs.name, ownerId: await api.resolveOwnerId() }),
      (found) => found.type === inputs.type && (found.repo ?? "") === (inputs.repo ?? ""));
    const { service, deployId } = twin ? { service: twin, deployId: undefined } : await api.createService(createServiceBody(inputs));
    let outs = outputsOf(inputs, service, {});
    // A half-made service is recorded with only the domains really added, so the next run's diff adds the rest.
    const added: string[] = [];
    const partial = () => ({ ...outs, ...(inputs.customDomains ? { customDomains: [...added] } : {}) });
    return finishCreate(service.id, inputs as unknown as Record<string, unknown>, partial, async () => {
      for (const name of inputs.customDomains ?? []) {
        await api.createCustomDomain(service.id, name);
        added.push(name);
      }
      if (inputs.generatedEnvVars.length) {
        const vars = await api.listEnvVars(service.id);
        const generated = Object.fromEntries(vars.filter((v) => inputs.generatedEnvVars.includes(v.key)).map((v) => [v.key, v.value]));
        outs = { ...outs, generatedEnvVarValues: generated };
      }
      await waitForDeployStart(api, service.id, deployId);
      return { id: service.id, outs };
    });
  }

  /**
   * Reads the service, its env vars and (web services and static sites that manage them) its custom domains:
   * at most three GETs. Secret files are write-only here: refresh keeps the applied contents, import reads them.
   */
  async read(id: string, props: Partial<ServiceOutputs>) {
    const api = this.api();
    const importing = props.type === undefined;
    let service: RenderService;
    try {
      service = await api.getService(id);
    } catch (err) {
      if (isNotFound(err)) return { id: "" };
      throw err;
    }
    const domainsApply = service.type === "web_service" || service.type === "static_site";
    const [envVars, customDomains, secretFiles, headers, routes] = await Promise.all([
      api.listEnvVars(id),
      domainsApply && (importing || props.customDomains !== undefined) ? api.listCustomDomains(id) : undefined,
      importing ? api.listSecretFiles(id) : undefined,
      importing && service.type === "static_site" ? api.listHeaders(id) : undefined,
      importing && service.type === "static_site" ? api.listRoutes(id) : undefined,
    ]);
    const prior: Partial<ServiceOutputs> = { ...props };
    if (headers) prior.headers = headers.map((h: StaticHeader) => ({ path: h.path, name: h.name, value: h.value }));
    if (routes) prior.routes = routes.map((r: StaticRoute) => ({ type: r.type as "redirect" | "rewrite", source: r.source, destination: r.destination }));
    const { inputs, generatedEnvVarValues } = serviceInputsFrom(service, { envVars, customDomains, secretFiles }, prior);
    const outs = outputsOf(inputs, service, generatedEnvVarValues);
    // Env var values and secret file contents stay secret when the engine stores these as inputs (refresh, import).
    return { id, props: withSecretFields(outs, SERVICE_SECRET_FIELDS), inputs: withSecretFields(inputs, SERVICE_SECRET_FIELDS) };
  }

  async update(id: string, olds: ServiceOutputs, news: ServiceInputs) {
    const api = this.api();
    const { changed } = diffService(olds as unknown as Record<string, unknown>, news as unknown as Record<string, unknown>);
    const has = (key: string) => changed.includes(key);
    const scalingOut = (has("numInstances") && (news.numInstances ?? 1) > 1) || (has("autoscaling") && news.autoscaling);
    let service: RenderService | undefined = scalingOut ? await api.getService(id) : undefined;
    const disk = (service?.serviceDetails as { disk?: { id: string } | null } | undefined)?.disk;
    if (disk) {
      throw new Error(`service "${news.name}": has disk ${disk.id}, which pins it to one instance; ` +
        `keep numInstances 1 without autoscaling, or remove the disk first.`);
    }
    if (has("autoscaling")) {
      if (news.autoscaling) await api.putAutoscaling(id, toApiAutoscaling(news.autoscaling));
      else await api.deleteAutoscaling(id);
    }
    if (has("numInstances") && news.numInstances !== undefined) await api.scaleService(id, news.numInstances);
    const patch = servicePatchBody(news, changed);
    if (patch) service = await api.updateService(id, patch);
    let generated = olds.generatedEnvVarValues ?? {};
    if (has("envVars") || has("generatedEnvVars")) {
      const vars = await api.putEnvVars(id, envVarBody(news, generated));
      generated = Object.fromEntries(vars.filter((v) => news.generatedEnvVars.includes(v.key)).map((v) => [v.key, v.value]));
    }
    if (has("secretFiles")) await api.putSecretFiles(id, secretFileBody(news.secretFiles));
    if (has("headers")) await api.putHeaders(id, news.headers ?? []);
    if (has("routes")) await api.putRoutes(id, news.routes ?? []);
    if (has("customDomains") && news.customDomains) {
      const before = olds.customDomains ?? [];
      for (const name of news.customDomains) if (!before.includes(name)) await api.createCustomDomain(id, name);
      for (const name of before) if (!news.customDomains.includes(name)) await api.deleteCustomDomain(id, name);
    }
    if (has("environmentId")) await moveToEnvironment(api, id, olds.environmentId, news.environmentId);
    if (DEPLOY_KEYS.some(has)) await api.triggerDeploy(id);
    const computed = service ? serviceComputed(service) : {
      ownerId: olds.ownerId, slug: olds.slug, url: olds.url, host: olds.host, dashboardUrl: olds.dashboardUrl,
      ...(olds.diskId ? { diskId: olds.diskId } : {}),
    };
    const outs: ServiceOutputs = { ...inputsOf(news as unknown as Record<string, unknown>), ...computed, generatedEnvVarValues: generated };
    return { outs };
  }

  async delete(id: string) {
    await this.api().deleteService(id);
  }
}

/** What the `Service` resource runs in the plugin (loaded there from the runtime bundle, see runtime.ts). */
export const serviceProvider = new ServiceProvider();
