/**
 * Checking a Service's inputs: field syntax, the rules Render enforces per service type (render-api README
 * §5.2, §9), and Render's defaults filled in so the next diff is empty. Pure: no network.
 */
import { z } from "zod";
import { REGIONS, SERVICE_PLANS, SERVICE_RUNTIMES, SERVICE_TYPES } from "./enums";
import type { ServiceInputs } from "./inputs";
import {
  CheckOutcome, bool, checkWith, integer, listChoices, oneOf, show, sortedSet, stringMap, text,
} from "./validate";

/** Env var keys: letters, digits, `_`, `-`, `.`; not starting with a digit (Render's rule). */
export const ENV_KEY = /^[A-Za-z_.-][A-Za-z0-9_.-]*$/;
export const ENV_KEY_RULE = "an env var name (letters, digits, _ . -; not starting with a digit)";
/** A DNS name with at least two labels, e.g. `www.example.com`. */
export const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;
export const DOMAIN_RULE = "a lowercase domain name like www.example.com";

const CRON_RANGES: [string, number, number][] = [["minute", 0, 59], ["hour", 0, 23], ["day of month", 1, 31],
  ["month", 1, 12], ["day of week", 0, 7]];

/** Why `schedule` is not a five-field cron expression, or undefined when it is. */
export function cronProblem(schedule: string): string | undefined {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) {
    return `${show(schedule)} has ${fields.length} field(s); use five (minute hour day-of-month month day-of-week), e.g. "0 3 * * *"`;
  }
  for (let i = 0; i < 5; i++) {
    const [what, min, max] = CRON_RANGES[i];
    for (const part of fields[i].split(",")) {
      const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
      const numbers = m ? [m[2], m[3]].filter((n) => n !== undefined).map(Number) : [];
      if (!m || numbers.some((n) => n < min || n > max) || m[4] === "0") {
        return `${show(schedule)}: ${what} field ${show(fields[i])} is not *, a number ${min}–${max}, a range, a list or a step`;
      }
    }
  }
  return undefined;
}

function serviceShape() {
  const optionalText = (rule?: string, pattern?: RegExp) => text(rule, pattern).optional();
  return z.strictObject({
    type: oneOf(SERVICE_TYPES, "a Render service type"),
    name: text("a service name"),
    region: oneOf(REGIONS, "a Render region").optional(),
    plan: oneOf(SERVICE_PLANS, "a Render service plan").optional(),
    runtime: oneOf(SERVICE_RUNTIMES, "a Render runtime").optional(),
    repo: optionalText("an https Git repository URL", /^https:\/\/\S+$/),
    branch: optionalText(),
    rootDir: optionalText(),
    image: optionalText("an image URL like docker.io/library/nginx:latest", /^\S+$/),
    registryCredentialId: optionalText("a registry credential id (rgc-…)", /^rgc-\S+$/),
    buildCommand: optionalText(),
    startCommand: optionalText(),
    preDeployCommand: optionalText(),
    dockerCommand: optionalText(),
    dockerfilePath: optionalText(),
    dockerContext: optionalText(),
    healthCheckPath: optionalText("a path starting with /", /^\//),
    numInstances: integer(1, 100).optional(),
    autoscaling: z.strictObject({
      minInstances: integer(1, 100),
      maxInstances: integer(1, 100),
      targetCPUPercent: integer(1, 90).optional(),
      targetMemoryPercent: integer(1, 90).optional(),
    }).optional(),
    publishPath: optionalText(),
    headers: z.array(z.strictObject({
      path: text("a path pattern like /*"),
      name: text("an HTTP header name", /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/),
      value: z.string(),
    })).optional(),
    routes: z.array(z.strictObject({
      type: oneOf(["redirect", "rewrite"] as const, "a route type"),
      source: text("a path like /old/*"),
      destination: text("a path or URL"),
    })).optional(),
    schedule: z.string().superRefine((s, ctx) => {
      const problem = cronProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }).optional(),
    autoDeploy: bool().default(true),
    envVars: stringMap(ENV_KEY_RULE, ENV_KEY).default({}),
    generatedEnvVars: sortedSet(text(ENV_KEY_RULE, ENV_KEY)).default([]),
    secretFiles: stringMap("a file name (letters, digits, . _ -)", /^[A-Za-z0-9._-]+$/).default({}),
    customDomains: sortedSet(text(DOMAIN_RULE, DOMAIN)).optional(),
    environmentId: optionalText(),
  });
}

type Shape = z.output<ReturnType<typeof serviceShape>>;
type Issue = { path: string; message: string };

const NATIVE_ONLY = ["buildCommand", "startCommand"] as const;
const DOCKER_ONLY = ["dockerCommand", "dockerfilePath", "dockerContext"] as const;
const STATIC_ONLY = ["publishPath", "headers", "routes"] as const;
const RUNNING_ONLY = ["region", "plan", "runtime", "numInstances", "autoscaling", "preDeployCommand"] as const;

/** Cross-field rules; each names the fields involved and what to do. */
export function serviceRuleIssues(s: Shape): Issue[] {
  const issues: Issue[] = [];
  const forbid = (keys: readonly (keyof Shape)[], why: string) => {
    for (const key of keys) if (s[key] !== undefined) issues.push({ path: key, message: `${why}; remove ${key}` });
  };
  const require = (key: keyof Shape, why: string) => {
    if (s[key] === undefined) issues.push({ path: key, message: `required: ${why}` });
  };
  const kind = s.type;
  if (kind === "static_site") {
    forbid([...RUNNING_ONLY, "schedule", "healthCheckPath", "startCommand", "image", ...DOCKER_ONLY],
      "static sites have no instances, plan, region or runtime");
    require("repo", "a static site builds from a Git repository");
    require("buildCommand", "a static site needs a build command");
  } else {
    forbid(STATIC_ONLY, `only static sites have ${listChoices(STATIC_ONLY)} (this is a ${kind})`);
    require("runtime", `a ${kind} needs a runtime: ${listChoices(SERVICE_RUNTIMES)}`);
  }
  if (kind !== "web_service") forbid(["healthCheckPath"], `only web services have a health check (this is a ${kind})`);
  if (kind !== "web_service" && kind !== "static_site") {
    forbid(["customDomains"], `only web services and static sites take custom domains (this is a ${kind})`);
    if (s.plan === "free") issues.push({ path: "plan", message: `"free" exists only for web services; use ${listChoices(SERVICE_PLANS.slice(1))}` });
  }
  if (kind === "cron_job") {
    forbid(["numInstances", "autoscaling"], "cron jobs run one instance per schedule tick");
    require("schedule", 'a cron job needs a five-field schedule, e.g. "0 3 * * *"');
  } else {
    forbid(["schedule"], `only cron jobs have a schedule (this is a ${kind})`);
  }
  if (s.runtime === "image") {
    require("image", "runtime image deploys a prebuilt image URL");
    forbid(["repo", "branch", "rootDir", ...NATIVE_ONLY, ...DOCKER_ONLY], "runtime image deploys a prebuilt image, not a repository");
  } else if (s.runtime !== undefined) {
    forbid(["image", "registryCredentialId"], `image and registryCredentialId are only for runtime "image" (runtime is ${show(s.runtime)})`);
    require("repo", `runtime ${show(s.runtime)} builds from a Git repository`);
    if (s.runtime === "docker") forbid(NATIVE_ONLY, "docker services build with their Dockerfile; use dockerCommand");
    else {
      forbid(DOCKER_ONLY, `runtime ${show(s.runtime)} is not docker`);
      require("buildCommand", `runtime ${show(s.runtime)} needs a build command`);
      require("startCommand", `runtime ${show(s.runtime)} needs a start command`);
    }
  }
  if (s.autoscaling) {
    const a = s.autoscaling;
    if (a.minInstances > a.maxInstances) {
      issues.push({ path: "autoscaling.minInstances", message: `minInstances ${a.minInstances} > maxInstances ${a.maxInstances}; make min ≤ max` });
    }
    if (a.targetCPUPercent === undefined && a.targetMemoryPercent === undefined) {
      issues.push({ path: "autoscaling", message: "set targetCPUPercent and/or targetMemoryPercent (1–90)" });
    }
    if (s.numInstances !== undefined && s.numInstances > 1) {
      issues.push({ path: "numInstances", message: `numInstances ${s.numInstances} conflicts with autoscaling; set one of them` });
    }
    if (s.plan === "free") issues.push({ path: "autoscaling", message: 'autoscaling needs a paid plan, not "free"' });
  }
  if (s.plan === "free" && s.numInstances !== undefined && s.numInstances > 1) {
    issues.push({ path: "numInstances", message: `the free plan runs one instance, not ${s.numInstances}; use a paid plan` });
  }
  for (const key of s.generatedEnvVars) {
    if (key in s.envVars) issues.push({ path: "generatedEnvVars", message: `${show(key)} is also in envVars; list it in one of them` });
  }
  return issues;
}

/** Render's defaults for what the user left out (render-api README §5.2, §8). */
export function withServiceDefaults(s: Shape): Shape {
  const out: Shape = { ...s };
  if (s.type === "static_site") {
    out.publishPath = s.publishPath ?? "public";
    out.headers = s.headers ?? [];
    out.routes = s.routes ?? [];
    return out;
  }
  out.region = s.region ?? "oregon";
  out.plan = s.plan ?? "starter";
  if (s.type === "cron_job") return out;
  // With autoscaling Render reports the current count, which moves on its own: leave it out.
  if (s.autoscaling) delete out.numInstances;
  else out.numInstances = s.numInstances ?? 1;
  return out;
}

export function serviceInputsSchema() {
  return serviceShape()
    .superRefine((s, ctx) => {
      for (const issue of serviceRuleIssues(s)) {
        ctx.addIssue({ code: "custom", path: issue.path.split("."), message: issue.message });
      }
    })
    .transform(withServiceDefaults);
}

export function checkService(news: Record<string, unknown>): CheckOutcome<ServiceInputs> {
  return checkWith(serviceInputsSchema, news) as CheckOutcome<ServiceInputs>;
}
