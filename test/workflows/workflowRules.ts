/**
 * The project's own rules for its GitHub workflows, on top of GitHub's workflow schema (validateWorkflows.mjs).
 * Each rule returns readable violations naming the file, the job or step and what to do instead.
 */
import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { readStackConfig } from "../../cost/readStack";

type Json = Record<string, unknown>;

/** One GitHub environment as `.github/environments.yml` records it. */
export interface EnvironmentSpec {
  deploymentBranches: "all" | string[];
  requiredReviewers: boolean;
  secrets: Record<string, string>;
  variables: Record<string, string>;
}

/** What the rules know about the repository. */
export interface RuleContext {
  /** npm scripts of package.json. */
  scripts: Record<string, string>;
  /** GitHub environments by name. */
  environments: Record<string, EnvironmentSpec>;
  /** Stage and native providers of a stack, from its `Pulumi.<stack>.yaml`; undefined when there is no such file. */
  stackInfo: (stack: string) => StackInfo | undefined;
}

export interface StackInfo {
  stage: number;
  storage?: "spaces" | "s3";
  cloudflare: boolean;
}

export interface Violation {
  rule: RuleId;
  message: string;
}

export const RULE_IDS = [
  "prod-secret-outside-production",
  "secret-from-own-environment",
  "pull-request-in-preview",
  "prod-stack-in-production",
  "action-pinned-to-sha",
  "job-permissions",
  "oidc-id-token",
  "native-credentials",
  "pulumi-concurrency",
  "npm-scripts",
  "run-injection",
  "literal-credential",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** What each rule asks for, in one sentence. */
export const RULE_DESCRIPTIONS: Record<RuleId, string> = {
  "prod-secret-outside-production": "a secret held by the production environment is read only by jobs running in it",
  "secret-from-own-environment": "every secret a job reads comes from its own environment (none at repository level)",
  "pull-request-in-preview": "jobs started by pull requests use secrets or OIDC only in the preview environment",
  "prod-stack-in-production": "Pulumi touches the prod stack only in production (production-preview: preview only)",
  "action-pinned-to-sha": "every third-party action is pinned to a full commit SHA with its tag in a comment",
  "job-permissions": "every job declares its own permissions, scope by scope",
  "oidc-id-token": "a job has id-token: write exactly when it uses OIDC (Pulumi Cloud, AWS role)",
  "native-credentials": "a stage 4+ stack is previewed or applied with the DigitalOcean/Spaces, AWS and Cloudflare credentials it needs",
  "pulumi-concurrency": "a Pulumi job runs in a concurrency group naming its stack; up and destroy are never cancelled",
  "npm-scripts": "run steps use npm ci and only npm scripts package.json defines",
  "run-injection": "run scripts never interpolate event fields (script injection); they go through env",
  "literal-credential": "no credential is written into a workflow",
};

const SHA_PINNED = /^[\w.-]+\/[\w.\/-]+@[0-9a-f]{40}$/;
const TAG_COMMENT = /#\s*v\d+(\.\d+)*\S*\s*$/;
const SECRET_REF = /secrets\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\])/g;
const LITERAL_CREDENTIALS: [string, RegExp][] = [
  ["a Pulumi access token", /\bpul-[0-9a-f]{40}\b/],
  ["a Render API key", /\brnd_[A-Za-z0-9]{20,}\b/],
  ["a DigitalOcean token", /\bdop_v1_[0-9a-f]{64}\b/],
  ["an AWS access key id", /\b(AKIA|ASIA)[A-Z0-9]{16}\b/],
];
const NATIVE_SECRETS = {
  spaces: ["DIGITALOCEAN_TOKEN", "SPACES_ACCESS_KEY_ID", "SPACES_SECRET_ACCESS_KEY"],
  cloudflare: ["CLOUDFLARE_API_TOKEN"],
};
const PULUMI_COMMANDS = new Set(["preview", "up", "update", "refresh", "destroy"]);

function asObject(value: unknown): Json {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}

function steps(job: Json): Json[] {
  return Array.isArray(job.steps) ? job.steps.map(asObject) : [];
}

/** Every string anywhere under a value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

/** Stands for every secret at once: `toJSON(secrets)`, or `secrets: inherit` on a reusable-workflow call. */
export const ALL_SECRETS = "*";

/** Secret names referenced in `${{ }}` expressions under a value (ALL_SECRETS for the whole context). */
export function secretsReferenced(value: unknown): string[] {
  const names = new Set<string>();
  for (const text of strings(value)) {
    for (const expr of text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
      for (const m of expr[1].matchAll(SECRET_REF)) {
        const name = m[1] ?? m[2];
        if (name !== "GITHUB_TOKEN") names.add(name);
      }
      if (/\bsecrets\b(?!\s*[.[])/.test(expr[1])) names.add(ALL_SECRETS);
    }
  }
  if (value !== null && typeof value === "object" && (value as Json).secrets === "inherit") names.add(ALL_SECRETS);
  return [...names];
}

function environmentOf(job: Json): string | undefined {
  if (typeof job.environment === "string") return job.environment;
  const name = asObject(job.environment).name;
  return typeof name === "string" ? name : undefined;
}

function triggers(workflow: Json): string[] {
  const on = workflow.on;
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys(asObject(on));
}

function permissionsOf(job: Json): Json | undefined {
  return job.permissions !== null && typeof job.permissions === "object" && !Array.isArray(job.permissions)
    ? (job.permissions as Json) : undefined;
}

/** `npm <builtin>` and `npm run [flags] <script>` in a shell script, as script names. */
export function npmScriptsUsed(script: string): string[] {
  const used: string[] = [];
  for (const match of script.matchAll(/\bnpm\s+(?:(run|run-script)\s+((?:-{1,2}[\w-]+\s+)*)([\w:.-]+)|([\w-]+))/g)) {
    if (match[3] !== undefined) used.push(match[3]);
    else if (match[4] !== undefined) used.push(match[4] === "t" ? "test" : match[4]);
  }
  return used;
}

/** One Pulumi operation of a job: a pulumi/actions step with a command, or `pulumi <command>` in a run step. */
interface PulumiOp {
  index: number;
  command: string;
  stacks: string[];
  step: Json;
}

/** Stack names a `stack-name` or `--stack` value stands for: matrix values expanded, env values resolved. */
function resolveStacks(raw: string, job: Json, workflow: Json): string[] {
  const matrixRef = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(raw);
  if (matrixRef) {
    const values = asObject(asObject(job.strategy).matrix)[matrixRef[1]];
    return Array.isArray(values) ? values.map(String) : [raw];
  }
  const envRef = /^\$\{\{\s*env\.(\w+)\s*\}\}$/.exec(raw) ?? /^\$\{?(\w+)\}?$/.exec(raw.startsWith("$") ? raw.slice(1) : "");
  if (envRef) {
    const value = asObject(job.env)[envRef[1]] ?? asObject(workflow.env)[envRef[1]];
    if (typeof value === "string") return [value];
  }
  return [raw.replace(/^["']|["']$/g, "")];
}

function pulumiOps(job: Json, workflow: Json): PulumiOp[] {
  const ops: PulumiOp[] = [];
  steps(job).forEach((step, index) => {
    if (typeof step.uses === "string" && step.uses.startsWith("pulumi/actions@")) {
      const withArgs = asObject(step.with);
      const command = String(withArgs.command ?? "");
      if (PULUMI_COMMANDS.has(command)) ops.push({ index, command, stacks: resolveStacks(String(withArgs["stack-name"] ?? ""), job, workflow), step });
    }
    if (typeof step.run === "string") {
      for (const m of step.run.matchAll(/\bpulumi\s+(preview|up|update|refresh|destroy)\b([^\n]*)/g)) {
        const stack = /(?:--stack|-s)[ =]("[^"]+"|\S+)/.exec(m[2]);
        ops.push({ index, command: m[1], stacks: stack ? resolveStacks(stack[1].replace(/^"|"$/g, ""), job, workflow) : [""], step });
      }
    }
  });
  return ops;
}

/** Where a stack's config comes from: its own file, or the file a run step copies into `Pulumi.<stack>.yaml`. */
function stackInfoFor(stack: string, job: Json, ctx: RuleContext): StackInfo | undefined {
  const own = ctx.stackInfo(stack);
  if (own) return own;
  for (const step of steps(job)) {
    const copied = typeof step.run === "string" ? /\bcp\s+Pulumi\.([\w-]+)\.yaml\s/.exec(step.run) : null;
    if (copied) return ctx.stackInfo(copied[1]);
  }
  return undefined;
}

/** Env vars a step sees from the workflow, its job and itself. */
function stepEnv(step: Json, job: Json, workflow: Json): Json {
  return { ...asObject(workflow.env), ...asObject(job.env), ...asObject(step.env) };
}

type Check = (file: string, text: string, workflow: Json, jobs: [string, Json][], ctx: RuleContext) => string[];

const checks: Record<RuleId, Check> = {
  "prod-secret-outside-production": (file, _t, workflow, jobs, ctx) => {
    const prod = Object.keys(ctx.environments.production?.secrets ?? {});
    const out: string[] = [];
    for (const name of secretsReferenced(workflow.env)) {
      if (prod.includes(name)) out.push(`${file} env: reads the production secret ${name} outside any environment`);
    }
    for (const [id, job] of jobs) {
      const env = environmentOf(job);
      if (env === "production") continue;
      const own = Object.keys(ctx.environments[env ?? ""]?.secrets ?? {});
      for (const name of secretsReferenced(job)) {
        if (name === ALL_SECRETS) {
          out.push(`${file} jobs.${id}: hands over every secret (toJSON(secrets) or secrets: inherit), production's included; name the ones needed`);
        } else if (prod.includes(name) && !own.includes(name)) {
          out.push(`${file} jobs.${id}: reads the production secret ${name} from ${env ? `environment "${env}"` : "no environment"}; only jobs with environment: production may`);
        }
      }
    }
    return out;
  },

  "secret-from-own-environment": (file, _t, _w, jobs, ctx) => {
    const prod = Object.keys(ctx.environments.production?.secrets ?? {});
    const out: string[] = [];
    for (const [id, job] of jobs) {
      const env = environmentOf(job);
      const own = Object.keys(ctx.environments[env ?? ""]?.secrets ?? {});
      for (const name of secretsReferenced(job)) {
        if (name === ALL_SECRETS) {
          if (env === "production") out.push(`${file} jobs.${id}: hands over every secret of production (toJSON(secrets) or secrets: inherit); name the ones needed`);
          continue;
        }
        if (own.includes(name) || (env !== "production" && prod.includes(name))) continue;
        out.push(env === undefined
          ? `${file} jobs.${id}: reads secrets.${name} without an environment (a repository-level secret); run the job in the environment that holds it`
          : `${file} jobs.${id}: reads secrets.${name}, which environment "${env}" does not hold (.github/environments.yml)`);
      }
      if (env !== undefined && !ctx.environments[env]) out.push(`${file} jobs.${id}: environment "${env}" is not in .github/environments.yml`);
    }
    return out;
  },

  "pull-request-in-preview": (file, _t, workflow, jobs) => {
    const prTriggers = triggers(workflow).filter((t) => t === "pull_request" || t === "pull_request_target");
    if (prTriggers.length === 0) return [];
    const out: string[] = [];
    for (const [id, job] of jobs) {
      const env = environmentOf(job);
      const oidc = permissionsOf(job)?.["id-token"] === "write";
      if (env !== undefined && env !== "preview") {
        out.push(`${file} jobs.${id}: runs on ${prTriggers.join(", ")} in environment "${env}"; pull requests run in "preview" only`);
      } else if (env === undefined && (secretsReferenced(job).length > 0 || oidc)) {
        out.push(`${file} jobs.${id}: runs on ${prTriggers.join(", ")} with ${oidc ? "OIDC" : "secrets"} but no environment; use environment: preview`);
      }
    }
    return out;
  },

  "prod-stack-in-production": (file, _t, workflow, jobs) => {
    const out: string[] = [];
    for (const [id, job] of jobs) {
      const env = environmentOf(job);
      for (const op of pulumiOps(job, workflow)) {
        if (!op.stacks.some((s) => /(^|\/)prod$/.test(s))) continue;
        const allowed = env === "production" || (env === "production-preview" && op.command === "preview");
        if (!allowed) out.push(`${file} jobs.${id}.steps[${op.index}]: pulumi ${op.command} on prod in ${env ? `environment "${env}"` : "no environment"}; prod is previewed in production-preview and changed in production`);
      }
    }
    return out;
  },

  "action-pinned-to-sha": (file, text, _w, jobs) => {
    const out: string[] = [];
    const lines = text.split("\n");
    for (const [id, job] of jobs) {
      const refs = [job.uses, ...steps(job).map((s) => s.uses)].filter((u): u is string => typeof u === "string");
      for (const ref of refs) {
        if (ref.startsWith("./")) continue;
        if (ref.startsWith("docker://")) {
          if (!/@sha256:[0-9a-f]{64}$/.test(ref)) out.push(`${file} jobs.${id}: "${ref}" is not pinned to an image digest`);
          continue;
        }
        if (!SHA_PINNED.test(ref)) {
          out.push(`${file} jobs.${id}: uses "${ref}" is not pinned to a full commit SHA`);
          continue;
        }
        const line = lines.find((l) => new RegExp(`^\\s*(-\\s+)?uses:\\s*["']?${ref.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}["']?`).test(l));
        if (line !== undefined && !TAG_COMMENT.test(line)) out.push(`${file} jobs.${id}: uses "${ref}" has no "# vX.Y.Z" comment naming its tag`);
      }
    }
    return out;
  },

  "job-permissions": (file, _t, _w, jobs) => jobs.flatMap(([id, job]) => {
    if (job.permissions === undefined) return [`${file} jobs.${id}: no permissions; list the scopes the job needs (the default token is too broad)`];
    if (typeof job.permissions === "string") return [`${file} jobs.${id}: permissions "${job.permissions}"; list each scope`];
    return [];
  }),

  "oidc-id-token": (file, _t, _w, jobs) => {
    const out: string[] = [];
    for (const [id, job] of jobs) {
      const usesOidc = steps(job).some((s) => typeof s.uses === "string" && (s.uses.startsWith("pulumi/auth-actions@")
        || (s.uses.startsWith("aws-actions/configure-aws-credentials@") && asObject(s.with)["role-to-assume"] !== undefined)));
      const granted = permissionsOf(job)?.["id-token"] === "write";
      if (usesOidc && !granted) out.push(`${file} jobs.${id}: uses OIDC without permissions id-token: write`);
      if (!usesOidc && granted) out.push(`${file} jobs.${id}: has id-token: write but uses no OIDC step; drop it`);
    }
    return out;
  },

  "native-credentials": (file, _t, workflow, jobs, ctx) => {
    const out: string[] = [];
    for (const [id, job] of jobs) {
      for (const op of pulumiOps(job, workflow)) {
        for (const stack of op.stacks) {
          const info = stackInfoFor(stack, job, ctx);
          if (!info || info.stage < 4) continue;
          const env = stepEnv(op.step, job, workflow);
          const needed = [...(info.storage === "spaces" ? NATIVE_SECRETS.spaces : []), ...(info.cloudflare ? NATIVE_SECRETS.cloudflare : [])];
          const missing = needed.filter((name) => typeof env[name] !== "string" || secretsReferenced(env[name]).length === 0);
          if (info.storage === "s3") {
            const aws = steps(job).slice(0, op.index).some((s) => typeof s.uses === "string"
              && s.uses.startsWith("aws-actions/configure-aws-credentials@") && asObject(s.with)["role-to-assume"] !== undefined);
            if (!aws) missing.push("AWS credentials (aws-actions/configure-aws-credentials with role-to-assume before the step)");
          }
          if (missing.length > 0) {
            out.push(`${file} jobs.${id}.steps[${op.index}]: pulumi ${op.command} on stage ${info.stage} stack "${stack}" without ${missing.join(", ")}`);
          }
        }
      }
    }
    return out;
  },

  "pulumi-concurrency": (file, _t, workflow, jobs) => {
    const out: string[] = [];
    for (const [id, job] of jobs) {
      const ops = pulumiOps(job, workflow);
      if (ops.length === 0) continue;
      const concurrency = asObject(job.concurrency ?? workflow.concurrency);
      const group = typeof concurrency.group === "string" ? concurrency.group : undefined;
      if (group === undefined) {
        out.push(`${file} jobs.${id}: runs Pulumi without a concurrency group`);
        continue;
      }
      for (const op of ops) {
        const stack = String(asObject(op.step.with)["stack-name"] ?? op.stacks[0]);
        const named = op.stacks.every((s) => group.includes(s)) || group.includes(resolveStacks(stack, job, workflow)[0]) || group.includes(stack);
        if (!named) out.push(`${file} jobs.${id}: concurrency group "${group}" does not name stack "${op.stacks.join(", ")}"`);
        if ((op.command === "up" || op.command === "update" || op.command === "destroy") && concurrency["cancel-in-progress"] !== false) {
          out.push(`${file} jobs.${id}: pulumi ${op.command} may be cancelled halfway; set cancel-in-progress: false`);
        }
      }
    }
    return out;
  },

  "npm-scripts": (file, _t, _w, jobs, ctx) => {
    const out: string[] = [];
    for (const [id, job] of jobs) {
      steps(job).forEach((step, index) => {
        if (typeof step.run !== "string") return;
        for (const script of npmScriptsUsed(step.run)) {
          if (script === "ci") continue;
          if (script === "install" || script === "i") {
            out.push(`${file} jobs.${id}.steps[${index}]: npm ${script}; use npm ci (the lock file, exactly)`);
          } else if (!(script in ctx.scripts)) {
            out.push(`${file} jobs.${id}.steps[${index}]: npm script "${script}" is not defined in package.json`);
          }
        }
      });
    }
    return out;
  },

  "run-injection": (file, _t, _w, jobs) => {
    const out: string[] = [];
    for (const [id, job] of jobs) {
      steps(job).forEach((step, index) => {
        if (typeof step.run === "string" && /\$\{\{[^}]*\bgithub\.(event|head_ref)\b/.test(step.run)) {
          out.push(`${file} jobs.${id}.steps[${index}]: run interpolates github.event/head_ref; pass it through env`);
        }
      });
    }
    return out;
  },

  "literal-credential": (file, text) => LITERAL_CREDENTIALS.filter(([, shape]) => shape.test(text))
    .map(([what]) => `${file}: contains what looks like ${what}; use a secret of the job's environment`),
};

/** Every rule's violations for one workflow file; empty when it follows them all. */
export function checkWorkflow(file: string, text: string, ctx: RuleContext, only?: RuleId[]): Violation[] {
  const workflow = asObject(parse(text));
  const jobs = Object.entries(asObject(workflow.jobs)).map(([id, job]) => [id, asObject(job)] as [string, Json]);
  return (only ?? RULE_IDS).flatMap((rule) => checks[rule](file, text, workflow, jobs, ctx).map((message) => ({ rule, message })));
}

/** The repository's context: package.json scripts, .github/environments.yml and the stack files. */
export function repositoryContext(root: string): RuleContext {
  const environments = asObject(asObject(parse(readFileSync(join(root, ".github", "environments.yml"), "utf8"))).environments);
  return {
    scripts: JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts,
    environments: Object.fromEntries(Object.entries(environments).map(([name, spec]) => {
      const s = asObject(spec);
      return [name, {
        deploymentBranches: s.deploymentBranches as EnvironmentSpec["deploymentBranches"],
        requiredReviewers: s.requiredReviewers === true,
        secrets: asObject(s.secrets) as Record<string, string>,
        variables: asObject(s.variables) as Record<string, string>,
      }];
    })),
    stackInfo: (stack) => {
      if (!/^[\w-]+$/.test(stack) || !existsSync(join(root, `Pulumi.${stack}.yaml`))) return undefined;
      const config = readStackConfig(stack, {}, root);
      return { stage: config.stage, storage: config.storage?.provider, cloudflare: config.cloudflare !== undefined };
    },
  };
}
