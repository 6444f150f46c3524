/**
 * Translation between our Service inputs and Render's service API shapes: the create body, the PATCH body
 * of just the changed fields, autoscaling, and the inputs rebuilt from what Render returns (refresh, import).
 */
import type { AutoscalingInput, CreateServiceBody, EnvVarInput } from "./client";
import type { ServiceAutoscaling, ServiceInputs, ServiceOutputs } from "./inputs";
import type { CustomDomain, EnvVar, SecretFile, Service } from "./schemas";
import { dropUndefined } from "./validate";

type Body = Record<string, unknown>;

/** Fields the top-level service PATCH changes (render-api README §6). */
const TOP_LEVEL = ["name", "repo", "branch", "rootDir", "autoDeploy", "image"] as const;
/** Fields inside `serviceDetails` of the PATCH. */
const DETAILS = ["plan", "runtime", "healthCheckPath", "preDeployCommand", "publishPath", "schedule"] as const;
const NATIVE = ["buildCommand", "startCommand"] as const;
const DOCKER = ["dockerCommand", "dockerfilePath", "dockerContext"] as const;

/** Render wants both criteria with a valid percentage even when one is off; 60 is a placeholder. */
export function toApiAutoscaling(a: ServiceAutoscaling): AutoscalingInput {
  return {
    enabled: true, min: a.minInstances, max: a.maxInstances,
    criteria: {
      cpu: { enabled: a.targetCPUPercent !== undefined, percentage: a.targetCPUPercent ?? 60 },
      memory: { enabled: a.targetMemoryPercent !== undefined, percentage: a.targetMemoryPercent ?? 60 },
    },
  };
}

/** Optional fields Render fills in when left out (branch → the repo's default…). */
export const SERVER_DEFAULTED = ["branch", "rootDir", "dockerfilePath", "dockerContext"] as const;

function envSpecificDetails(inputs: ServiceInputs): Body | undefined {
  const keys = inputs.runtime === "docker" ? DOCKER : inputs.runtime === "image" ? [] : NATIVE;
  const out: Body = {};
  for (const key of keys) if (inputs[key] !== undefined) out[key] = inputs[key];
  return Object.keys(out).length ? out : undefined;
}

/** Env vars to send: plain values, generated keys with their stored value, new generated keys minted once. */
export function envVarBody(inputs: ServiceInputs, generated: Record<string, string>): EnvVarInput[] {
  return [
    ...Object.entries(inputs.envVars).map(([key, value]) => ({ key, value })),
    ...inputs.generatedEnvVars.map((key): EnvVarInput =>
      generated[key] !== undefined ? { key, value: generated[key] } : { key, generateValue: true }),
  ];
}

export function secretFileBody(files: Record<string, string>): { name: string; content: string }[] {
  return Object.entries(files).map(([name, content]) => ({ name, content }));
}

/** `POST /services`: env vars, secret files and autoscaling inline (one write). */
export function createServiceBody(inputs: ServiceInputs): CreateServiceBody {
  const details: Body = {};
  if (inputs.type === "static_site") {
    Object.assign(details, {
      buildCommand: inputs.buildCommand, publishPath: inputs.publishPath, headers: inputs.headers,
      routes: inputs.routes,
    });
  } else {
    Object.assign(details, {
      runtime: inputs.runtime, plan: inputs.plan, region: inputs.region,
      envSpecificDetails: envSpecificDetails(inputs),
    });
    if (inputs.type === "cron_job") details.schedule = inputs.schedule;
    else {
      details.numInstances = inputs.numInstances ?? (inputs.autoscaling ? inputs.autoscaling.minInstances : 1);
      if (inputs.autoscaling) details.autoscaling = toApiAutoscaling(inputs.autoscaling);
      if (inputs.preDeployCommand !== undefined) details.preDeployCommand = inputs.preDeployCommand;
    }
    if (inputs.type === "web_service" && inputs.healthCheckPath !== undefined) details.healthCheckPath = inputs.healthCheckPath;
  }
  const body: CreateServiceBody = {
    type: inputs.type, name: inputs.name,
    autoDeploy: inputs.autoDeploy ? "yes" : "no",
    envVars: envVarBody(inputs, {}),
    secretFiles: secretFileBody(inputs.secretFiles),
    serviceDetails: dropUndefined(details),
  };
  if (inputs.image !== undefined) body.image = dropUndefined({ imagePath: inputs.image, registryCredentialId: inputs.registryCredentialId });
  for (const key of ["repo", "branch", "rootDir", "environmentId"] as const) {
    if (inputs[key] !== undefined) body[key] = inputs[key];
  }
  return body;
}

/** The `PATCH /services/{id}` body holding only what changed, or undefined when nothing did. */
export function servicePatchBody(news: ServiceInputs, changed: readonly string[]): Body | undefined {
  const body: Body = {};
  const details: Body = {};
  const has = (key: string) => changed.includes(key);
  for (const key of TOP_LEVEL) {
    if (!has(key)) continue;
    if (key === "autoDeploy") body.autoDeploy = news.autoDeploy ? "yes" : "no";
    else if (key === "image") body.image = { imagePath: news.image, registryCredentialId: news.registryCredentialId ?? "" };
    else body[key] = news[key] ?? "";
  }
  // The credential travels inside `image`; "" detaches it.
  if (has("registryCredentialId") && !body.image) body.image = { imagePath: news.image, registryCredentialId: news.registryCredentialId ?? "" };
  for (const key of DETAILS) if (has(key)) details[key] = news[key] ?? "";
  if (news.type === "static_site") {
    if (has("buildCommand")) details.buildCommand = news.buildCommand ?? "";
  } else {
    const env: Body = {};
    for (const key of [...NATIVE, ...DOCKER]) if (has(key)) env[key] = news[key] ?? "";
    if (Object.keys(env).length) details.envSpecificDetails = env;
  }
  if (Object.keys(details).length) body.serviceDetails = details;
  return Object.keys(body).length ? body : undefined;
}

/** Render's canonical form of an image reference: `nginx` → `docker.io/library/nginx:latest` (README §9.3). */
export function canonicalImage(image: string): string {
  let ref = image;
  const first = ref.split("/")[0];
  if (!ref.includes("/")) ref = `docker.io/library/${ref}`;
  else if (!first.includes(".") && !first.includes(":") && first !== "localhost") ref = `docker.io/${ref}`;
  const lastPart = ref.slice(ref.lastIndexOf("/") + 1);
  if (!lastPart.includes(":") && !lastPart.includes("@")) ref = `${ref}:latest`;
  return ref;
}

const blank = (v: string | null | undefined): string | undefined => (v === null || v === undefined || v === "" ? undefined : v);

export interface ServiceExtras {
  envVars?: EnvVar[];
  secretFiles?: SecretFile[];
  customDomains?: CustomDomain[];
}

/**
 * Inputs rebuilt from Render's answer. `prior` (the state, maybe empty on import) decides which env vars are
 * generated ones, keeps the user's spelling of the image and of lists Render does not report back (static
 * headers and routes), and supplies parts not read this time.
 */
export function serviceInputsFrom(service: Service, extras: ServiceExtras, prior: Partial<ServiceOutputs>): {
  inputs: ServiceInputs; generatedEnvVarValues: Record<string, string>;
} {
  const generatedKeys = prior.generatedEnvVars ?? [];
  const envVars: Record<string, string> = {};
  const generated: Record<string, string> = {};
  if (extras.envVars) {
    for (const v of extras.envVars) (generatedKeys.includes(v.key) ? generated : envVars)[v.key] = v.value;
  }
  const inputs: Record<string, unknown> = {
    type: service.type, name: service.name,
    repo: blank(service.repo), branch: blank(service.branch), rootDir: blank(service.rootDir),
    autoDeploy: service.autoDeploy === "yes",
    envVars: extras.envVars ? envVars : prior.envVars ?? {},
    generatedEnvVars: extras.envVars ? generatedKeys.filter((k) => k in generated) : generatedKeys,
    secretFiles: extras.secretFiles
      ? Object.fromEntries(extras.secretFiles.map((f) => [f.name, f.content])) : prior.secretFiles ?? {},
    environmentId: blank(service.environmentId),
  };
  if (extras.customDomains) {
    inputs.customDomains = extras.customDomains.filter((d) => !d.redirectForName).map((d) => d.name).sort();
  } else if (prior.customDomains) inputs.customDomains = prior.customDomains;
  if (service.imagePath) {
    inputs.image = prior.image && canonicalImage(prior.image) === canonicalImage(service.imagePath) ? prior.image : service.imagePath;
    inputs.registryCredentialId = service.registryCredential?.id ?? undefined;
  }
  if (service.type === "static_site") {
    const d = service.serviceDetails;
    Object.assign(inputs, {
      buildCommand: blank(d.buildCommand), publishPath: d.publishPath,
      headers: prior.headers ?? [], routes: prior.routes ?? [],
    });
  } else {
    const d = service.serviceDetails;
    const env = d.envSpecificDetails ?? {};
    Object.assign(inputs, {
      runtime: d.runtime, plan: d.plan, region: d.region,
      preDeployCommand: blank(env.preDeployCommand),
    });
    const keys = d.runtime === "docker" ? DOCKER : d.runtime === "image" ? [] : NATIVE;
    for (const key of keys) inputs[key] = blank(env[key]);
    if (service.type === "cron_job") inputs.schedule = service.serviceDetails.schedule;
    else {
      const running = service.serviceDetails;
      if (running.autoscaling?.enabled) inputs.autoscaling = fromApiAutoscaling(running.autoscaling);
      else inputs.numInstances = running.numInstances;
      if (service.type === "web_service") inputs.healthCheckPath = blank(service.serviceDetails.healthCheckPath);
    }
  }
  // On refresh, a field the user left to Render stays unset; import (no prior state) shows Render's value.
  if (prior.type !== undefined) for (const key of SERVER_DEFAULTED) if (prior[key] === undefined) delete inputs[key];
  return { inputs: dropUndefined(inputs) as unknown as ServiceInputs, generatedEnvVarValues: generated };
}

function fromApiAutoscaling(a: AutoscalingInput): ServiceAutoscaling {
  return dropUndefined({
    minInstances: a.min, maxInstances: a.max,
    targetCPUPercent: a.criteria.cpu.enabled ? a.criteria.cpu.percentage : undefined,
    targetMemoryPercent: a.criteria.memory.enabled ? a.criteria.memory.percentage : undefined,
  }) as ServiceAutoscaling;
}

/** Computed outputs: URL, private hostname, dashboard link, attached disk. */
export function serviceComputed(service: Service): Omit<ServiceOutputs, keyof ServiceInputs | "generatedEnvVarValues"> {
  const details = service.serviceDetails as { url?: string | null; disk?: { id: string } | null };
  return dropUndefined({
    ownerId: service.ownerId, slug: service.slug, url: details.url ?? "", host: service.slug,
    dashboardUrl: service.dashboardUrl ?? "", diskId: details.disk?.id,
  });
}

