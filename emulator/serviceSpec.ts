/**
 * Turns `serviceDetails` request bodies into the `serviceDetails` Render returns: defaults filled
 * (plan starter, region oregon, one instance, port 10000, build plan starter, previews off),
 * `env` mirroring `runtime`, `preDeployCommand` moved into `envSpecificDetails` (cas: web_service#0).
 */
import { badRequest } from "./http";
import { cronProblem } from "./cron";
import {
  asObject,
  optionalBoolean,
  optionalInteger,
  optionalObject,
  optionalString,
  oneOf,
  REGIONS,
  type Body,
} from "./validate";

export const SERVICE_TYPES = ["web_service", "private_service", "background_worker", "static_site", "cron_job"] as const;
export const RUNTIMES = ["docker", "elixir", "go", "node", "python", "ruby", "rust", "image"] as const;
export const PAID_PLANS = ["starter", "standard", "pro", "pro_plus", "pro_max", "pro_ultra"] as const;
const WEB_PLANS = ["free", ...PAID_PLANS] as const;

export type ServiceType = (typeof SERVICE_TYPES)[number];

const isNative = (runtime: string) => runtime !== "docker" && runtime !== "image";
export const hasInstances = (type: string) => type === "web_service" || type === "private_service" || type === "background_worker";

export interface DetailsInput {
  type: ServiceType;
  id: string;
  slug: string;
  hasImage: boolean;
  hasRepo: boolean;
}

/** The stored `serviceDetails` for a new service (without `disk`). */
export function createDetails(input: DetailsInput, raw: Body | undefined): Record<string, unknown> {
  const d = raw ?? {};
  const { type } = input;
  if (type === "static_site") return staticDetails(input, d);
  const runtime = oneOf(optionalString(d, "runtime", "serviceDetails.runtime") ?? optionalString(d, "env", "serviceDetails.env") ?? (input.hasImage ? "image" : undefined), RUNTIMES, "serviceDetails.runtime");
  if (!runtime) throw badRequest("serviceDetails.runtime is required");
  if (runtime === "image" && !input.hasImage) throw badRequest('image is required when serviceDetails.runtime is "image"');
  if (runtime !== "image" && !input.hasRepo) throw badRequest(`repo is required for runtime ${JSON.stringify(runtime)}; send image.imagePath with runtime "image" for a prebuilt image`);
  const plan = oneOf(optionalString(d, "plan", "serviceDetails.plan"), type === "web_service" ? WEB_PLANS : PAID_PLANS, "serviceDetails.plan") ?? "starter";
  const region = oneOf(optionalString(d, "region", "serviceDetails.region"), REGIONS, "serviceDetails.region") ?? "oregon";
  const details: Record<string, unknown> = {
    buildPlan: "starter",
    env: runtime,
    envSpecificDetails: envSpecific(runtime, optionalObject(d, "envSpecificDetails", "serviceDetails.envSpecificDetails") ?? {}, optionalString(d, "preDeployCommand", "serviceDetails.preDeployCommand") ?? "", true),
    plan,
    region,
    runtime,
  };
  if (type === "cron_job") {
    const schedule = optionalString(d, "schedule", "serviceDetails.schedule");
    if (!schedule) throw badRequest("serviceDetails.schedule is required for cron_job");
    details.schedule = checkedSchedule(schedule);
    details.lastSuccessfulRunAt = null;
    return details;
  }
  details.numInstances = optionalInteger(d, "numInstances", 1, 100, "serviceDetails.numInstances") ?? 1;
  Object.assign(details, previewSettings(d, "off"));
  details.sshAddress = `${input.id}@ssh.${region}.render.com`;
  const autoscaling = optionalObject(d, "autoscaling", "serviceDetails.autoscaling");
  if (autoscaling) details.autoscaling = checkedAutoscaling(autoscaling);
  details.maxShutdownDelaySeconds = optionalInteger(d, "maxShutdownDelaySeconds", 1, 300, "serviceDetails.maxShutdownDelaySeconds") ?? 30;
  if (type !== "background_worker") details.openPorts = [{ port: 10000, protocol: "TCP" }];
  if (type === "private_service") details.url = `${input.slug}:10000`;
  if (type === "web_service") {
    details.url = `https://${input.slug}.onrender.com`;
    details.healthCheckPath = optionalString(d, "healthCheckPath", "serviceDetails.healthCheckPath") ?? "";
    details.maintenanceMode = maintenanceMode(d, { enabled: false, uri: "" });
    details.renderSubdomainPolicy = subdomainPolicy(d) ?? "enabled";
  }
  return details;
}

function staticDetails(input: DetailsInput, d: Body): Record<string, unknown> {
  if (!input.hasRepo) throw badRequest("repo is required for static_site");
  for (const field of ["plan", "region", "numInstances", "disk", "autoscaling"]) {
    if (d[field] !== undefined) throw badRequest(`serviceDetails.${field} is not supported for static_site`);
  }
  const details: Record<string, unknown> = {
    buildCommand: optionalString(d, "buildCommand", "serviceDetails.buildCommand") ?? "",
    buildPlan: "starter",
    ...previewSettings(d, "off"),
    publishPath: optionalString(d, "publishPath", "serviceDetails.publishPath") || "public",
    url: `https://${input.slug}.onrender.com`,
  };
  details.renderSubdomainPolicy = subdomainPolicy(d) ?? "enabled";
  return details;
}

/** Applies a PATCH `serviceDetails` to stored details; returns the new details. */
export function patchDetails(type: ServiceType, current: Record<string, unknown>, raw: unknown): Record<string, unknown> {
  const d = asObject(raw, "serviceDetails");
  const next = { ...current };
  for (const field of ["region", "disk", "numInstances", "autoscaling"]) {
    if (d[field] !== undefined && d[field] !== null && JSON.stringify(d[field]) !== JSON.stringify(current[field])) throw badRequest(`serviceDetails.${field} cannot be changed with PATCH /services/{serviceId}; ${field === "region" ? "create a new service in the other region" : "use its own endpoint"}`);
  }
  if (type === "static_site") {
    const buildCommand = optionalString(d, "buildCommand", "serviceDetails.buildCommand");
    if (buildCommand !== undefined) next.buildCommand = buildCommand;
    const publishPath = optionalString(d, "publishPath", "serviceDetails.publishPath");
    if (publishPath !== undefined) next.publishPath = publishPath || "public";
    patchCommon(d, next);
    return next;
  }
  // The runtime may change (native ↔ docker ↔ image); envSpecificDetails then take the new runtime's keys.
  const runtime = oneOf(optionalString(d, "runtime", "serviceDetails.runtime") ?? optionalString(d, "env", "serviceDetails.env"), RUNTIMES, "serviceDetails.runtime");
  const runtimeChanged = runtime !== undefined && runtime !== current.runtime;
  if (runtime !== undefined) next.runtime = next.env = runtime;
  const plan = oneOf(optionalString(d, "plan", "serviceDetails.plan"), type === "web_service" ? WEB_PLANS : PAID_PLANS, "serviceDetails.plan");
  if (plan !== undefined) next.plan = plan;
  const envDetails = optionalObject(d, "envSpecificDetails", "serviceDetails.envSpecificDetails");
  const preDeploy = optionalString(d, "preDeployCommand", "serviceDetails.preDeployCommand");
  if (envDetails || preDeploy !== undefined || runtimeChanged) {
    const kept = runtimeChanged && isNative(String(current.runtime)) !== isNative(String(runtime)) ? pick(current.envSpecificDetails as Body, ["preDeployCommand"]) : current.envSpecificDetails as Body;
    const merged = { ...kept, ...withoutNulls(envDetails ?? {}) };
    if (preDeploy !== undefined) merged.preDeployCommand = preDeploy;
    next.envSpecificDetails = envSpecific(String(next.runtime), merged, (merged.preDeployCommand as string | undefined) ?? "", false);
  }
  if (type === "cron_job") {
    const schedule = optionalString(d, "schedule", "serviceDetails.schedule");
    if (schedule !== undefined) next.schedule = checkedSchedule(schedule);
    return next;
  }
  const delay = optionalInteger(d, "maxShutdownDelaySeconds", 1, 300, "serviceDetails.maxShutdownDelaySeconds");
  if (delay !== undefined) next.maxShutdownDelaySeconds = delay;
  if (type === "web_service") {
    const healthCheckPath = optionalString(d, "healthCheckPath", "serviceDetails.healthCheckPath");
    if (healthCheckPath !== undefined) next.healthCheckPath = healthCheckPath;
    if (d.maintenanceMode !== undefined) next.maintenanceMode = maintenanceMode(d, next.maintenanceMode as Body);
  }
  patchCommon(d, next);
  return next;
}

function pick(body: Body | undefined, fields: string[]): Body {
  return Object.fromEntries(fields.filter((field) => body?.[field] !== undefined).map((field) => [field, body![field]]));
}

function withoutNulls(body: Body): Body {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null));
}

function patchCommon(d: Body, next: Record<string, unknown>): void {
  if (d.previews !== undefined || d.pullRequestPreviewsEnabled !== undefined) {
    Object.assign(next, previewSettings(d, (next.previews as { generation: string } | undefined)?.generation ?? "off"));
  }
  const policy = subdomainPolicy(d);
  if (policy !== undefined) next.renderSubdomainPolicy = policy;
}

function subdomainPolicy(d: Body): string | undefined {
  return oneOf(optionalString(d, "renderSubdomainPolicy", "serviceDetails.renderSubdomainPolicy"), ["enabled", "disabled"], "serviceDetails.renderSubdomainPolicy");
}

function envSpecific(runtime: string, e: Body, preDeployCommand: string, creating: boolean): Record<string, unknown> {
  const text = (field: string) => optionalString(e, field, `serviceDetails.envSpecificDetails.${field}`);
  if (isNative(runtime)) {
    const buildCommand = text("buildCommand");
    const startCommand = text("startCommand");
    if (creating && !buildCommand) throw badRequest("serviceDetails.envSpecificDetails.buildCommand is required for native runtimes");
    if (creating && !startCommand) throw badRequest("serviceDetails.envSpecificDetails.startCommand is required for native runtimes");
    return { buildCommand: buildCommand ?? "", preDeployCommand, startCommand: startCommand ?? "" };
  }
  const docker = runtime === "docker";
  const details: Record<string, unknown> = {
    dockerCommand: text("dockerCommand") ?? "",
    dockerContext: text("dockerContext") || (docker ? "." : ""),
    dockerfilePath: text("dockerfilePath") || (docker ? "./Dockerfile" : ""),
  };
  if (preDeployCommand) details.preDeployCommand = preDeployCommand;
  return details;
}

/**
 * `previews.generation` and the deprecated `pullRequestPreviewsEnabled` describe one setting: Render
 * answers `pullRequestPreviewsEnabled: "yes"` exactly when generation is `automatic`, even if the
 * request said "no" (TF background_worker recording). An explicit generation wins; `previews: {}`
 * means off.
 */
function previewSettings(d: Body, current: string): { previews: { generation: string }; pullRequestPreviewsEnabled: string } {
  const p = optionalObject(d, "previews", "serviceDetails.previews");
  const explicit = p ? oneOf(optionalString(p, "generation", "serviceDetails.previews.generation"), ["off", "manual", "automatic"], "serviceDetails.previews.generation") : undefined;
  const legacy = yesNo(d, "pullRequestPreviewsEnabled");
  const generation = explicit ?? (legacy === "yes" ? "automatic" : legacy === "no" || p ? "off" : current);
  return { previews: { generation }, pullRequestPreviewsEnabled: generation === "automatic" ? "yes" : "no" };
}

function yesNo(d: Body, field: string): string | undefined {
  return oneOf(optionalString(d, field, `serviceDetails.${field}`), ["yes", "no"], `serviceDetails.${field}`);
}

function maintenanceMode(d: Body, current: Body): { enabled: boolean; uri: string } {
  const m = optionalObject(d, "maintenanceMode", "serviceDetails.maintenanceMode") ?? {};
  return {
    enabled: optionalBoolean(m, "enabled", "serviceDetails.maintenanceMode.enabled") ?? Boolean(current.enabled),
    uri: optionalString(m, "uri", "serviceDetails.maintenanceMode.uri") ?? String(current.uri ?? ""),
  };
}

function checkedSchedule(schedule: string): string {
  const problem = cronProblem(schedule);
  if (problem) throw badRequest(`invalid serviceDetails.schedule ${JSON.stringify(schedule)}: ${problem}`);
  return schedule;
}

/** `{enabled, min, max, criteria:{cpu:{enabled,percentage}, memory:{enabled,percentage}}}`. */
export function checkedAutoscaling(raw: Body, where = "serviceDetails.autoscaling"): Record<string, unknown> {
  const enabled = optionalBoolean(raw, "enabled", `${where}.enabled`) ?? false;
  const min = optionalInteger(raw, "min", 1, 100, `${where}.min`);
  const max = optionalInteger(raw, "max", 1, 100, `${where}.max`);
  if (min === undefined) throw badRequest(`${where}.min is required`);
  if (max === undefined) throw badRequest(`${where}.max is required`);
  if (min > max) throw badRequest(`invalid ${where}: min ${min} is greater than max ${max}`);
  const criteria = optionalObject(raw, "criteria", `${where}.criteria`) ?? {};
  const criterion = (name: string) => {
    const c = optionalObject(criteria, name, `${where}.criteria.${name}`) ?? {};
    return {
      enabled: optionalBoolean(c, "enabled", `${where}.criteria.${name}.enabled`) ?? false,
      percentage: optionalInteger(c, "percentage", 1, 90, `${where}.criteria.${name}.percentage`) ?? (name === "cpu" ? 60 : 70),
    };
  };
  return { criteria: { cpu: criterion("cpu"), memory: criterion("memory") }, enabled, max, min };
}

