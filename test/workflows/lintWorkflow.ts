import { parse } from "yaml";

/** What a workflow may rely on from the repository: the npm scripts in package.json. */
export interface LintContext {
  readonly scripts: Record<string, string>;
}

type Json = Record<string, unknown>;

const REQUIRED_SECRETS = ["PULUMI_ACCESS_TOKEN", "RENDER_API_KEY"];
const PINNED_REF = /^[\w.-]+\/[\w.\/-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/;
const NPM_BUILTINS = new Set(["ci", "test", "t"]);
// Tokens pasted by mistake: Pulumi access tokens and Render API keys.
const TOKEN_SHAPES = [/\bpul-[0-9a-f]{40}\b/, /\brnd_[A-Za-z0-9]{20,}\b/];

function asObject(value: unknown): Json {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}

function steps(job: Json): Json[] {
  return Array.isArray(job.steps) ? job.steps.map(asObject) : [];
}

function isPulumiAction(step: Json): boolean {
  return typeof step.uses === "string" && step.uses.startsWith("pulumi/actions@");
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

function lintStep(where: string, step: Json, ctx: LintContext, problems: string[]): void {
  if (typeof step.uses === "string" && !step.uses.startsWith("./") && !PINNED_REF.test(step.uses)) {
    problems.push(`${where}: uses "${step.uses}" is not pinned to an exact version (vX.Y.Z) or a commit SHA`);
  }
  if (typeof step.run === "string") {
    if (/\$\{\{\s*github\.(event|head_ref)/.test(step.run)) {
      problems.push(`${where}: run interpolates github.event/head_ref directly; pass it through env instead`);
    }
    for (const script of npmScriptsUsed(step.run)) {
      if (script === "ci") continue;
      if (NPM_BUILTINS.has(script) ? !("test" in ctx.scripts) : !(script in ctx.scripts)) {
        problems.push(`${where}: run uses npm script "${script}" which package.json does not define`);
      }
    }
    if (/\bnpm\s+(install|i)\b/.test(step.run)) problems.push(`${where}: run uses npm install; use npm ci`);
  }
  if (isPulumiAction(step)) {
    const withArgs = asObject(step.with);
    for (const key of ["command", "stack-name", "work-dir"]) {
      if (typeof withArgs[key] !== "string" && typeof withArgs[key] !== "boolean") {
        problems.push(`${where}: pulumi/actions step has no "${key}"`);
      }
    }
    const env = asObject(step.env);
    for (const secret of REQUIRED_SECRETS) {
      const value = env[secret];
      if (value === undefined) problems.push(`${where}: pulumi/actions step does not pass ${secret}`);
      else if (typeof value !== "string" || !new RegExp(`^\\$\\{\\{\\s*secrets\\.${secret}\\s*\\}\\}$`).test(value)) {
        problems.push(`${where}: ${secret} must be \${{ secrets.${secret} }}, not an inline value`);
      }
    }
  }
}

function lintConcurrency(where: string, job: Json, workflow: Json, problems: string[]): void {
  const pulumiSteps = steps(job).filter(isPulumiAction);
  if (pulumiSteps.length === 0) return;
  const concurrency = asObject(job.concurrency ?? workflow.concurrency);
  const group = typeof concurrency.group === "string" ? concurrency.group : undefined;
  if (group === undefined) {
    problems.push(`${where}: runs pulumi/actions without a concurrency group`);
    return;
  }
  for (const step of pulumiSteps) {
    const withArgs = asObject(step.with);
    const stack = resolveStackName(String(withArgs["stack-name"] ?? ""), job, workflow);
    if (!group.includes(stack)) problems.push(`${where}: concurrency group "${group}" does not name stack "${stack}"`);
    const mutates = withArgs.command === "up" || withArgs.command === "destroy";
    if (mutates && concurrency["cancel-in-progress"] !== false) {
      problems.push(`${where}: "${withArgs.command}" on "${stack}" may be cancelled halfway; set cancel-in-progress: false`);
    }
  }
}

/** A stack name as the concurrency group would spell it: `${{ env.X }}` expanded, `${{ matrix.x }}` kept. */
function resolveStackName(stackName: string, job: Json, workflow: Json): string {
  const envRef = /^\$\{\{\s*env\.(\w+)\s*\}\}$/.exec(stackName);
  if (envRef) {
    const value = asObject(job.env)[envRef[1]] ?? asObject(workflow.env)[envRef[1]];
    return typeof value === "string" ? value : stackName;
  }
  return stackName;
}

/** Every problem in one workflow file, as readable sentences; empty when the workflow is sound. */
export function lintWorkflow(file: string, text: string, ctx: LintContext): string[] {
  const problems: string[] = [];
  for (const shape of TOKEN_SHAPES) if (shape.test(text)) problems.push(`${file}: contains what looks like a literal token`);
  let workflow: Json;
  try {
    workflow = asObject(parse(text));
  } catch (err) {
    return [...problems, `${file}: not valid YAML: ${(err as Error).message}`];
  }
  if (workflow.on === undefined) problems.push(`${file}: no "on" triggers`);
  const permissions = workflow.permissions;
  if (permissions === undefined) problems.push(`${file}: no top-level permissions (defaults are too broad)`);
  else if (typeof permissions === "string") problems.push(`${file}: permissions "${permissions}"; list each scope`);
  const jobs = asObject(workflow.jobs);
  if (Object.keys(jobs).length === 0) problems.push(`${file}: no jobs`);
  for (const [jobId, rawJob] of Object.entries(jobs)) {
    const job = asObject(rawJob);
    steps(job).forEach((step, index) => lintStep(`${file} jobs.${jobId}.steps[${index}]`, step, ctx, problems));
    lintConcurrency(`${file} jobs.${jobId}`, job, workflow, problems);
  }
  return problems;
}
