/**
 * Reads the project (`Pulumi.yaml`) and a stack's config (`Pulumi.<stack>.yaml`) into what the CLI would hand a
 * program: namespaced keys, string values (objects as JSON), and the list of secret keys. `secure:` values cannot
 * be decrypted offline: they come from `SANDBOX_SECRET_<KEY>` (see `secretEnvName`) or a per-stack placeholder.
 */
import { isStackName, STACK_NAME_RULE } from "./stackName";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

export interface ProjectInfo {
  name: string;
  dir: string;
  /** Program entry point, from `main` in Pulumi.yaml (default: the project directory). */
  main: string;
  /** Defaults declared in Pulumi.yaml's `config` block, namespaced. */
  defaults: Record<string, unknown>;
}

export interface StackConfig {
  stack: string;
  file: string;
  config: Record<string, string>;
  secretKeys: string[];
  /** Secret keys that got a placeholder because no `SANDBOX_SECRET_*` variable was set. */
  placeholders: string[];
}

export function loadProject(dir: string): ProjectInfo {
  const file = path.join(dir, "Pulumi.yaml");
  const doc = YAML.parse(fs.readFileSync(file, "utf8")) as { name?: unknown; main?: unknown; config?: unknown } | null;
  if (!doc || typeof doc.name !== "string") throw new Error(`${file}: "name" is missing; a Pulumi project needs a name.`);
  const defaults: Record<string, unknown> = {};
  for (const [key, decl] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
    const value = decl !== null && typeof decl === "object" && !Array.isArray(decl)
      ? (decl as Record<string, unknown>).default ?? (decl as Record<string, unknown>).value
      : decl;
    if (value !== undefined) defaults[namespaced(doc.name, key)] = value;
  }
  return { name: doc.name, dir, main: path.resolve(dir, typeof doc.main === "string" ? doc.main : "."), defaults };
}

/** `--stack dev` names `Pulumi.dev.yaml` in the project; a value with a path separator or `.yaml` is a file. */
export function resolveStackFile(project: ProjectInfo, stackOrFile: string): { stack: string; file: string } {
  if (stackOrFile.includes("/") || stackOrFile.includes(path.sep) || /\.ya?ml$/.test(stackOrFile)) {
    const file = path.resolve(stackOrFile);
    const base = path.basename(file).replace(/\.ya?ml$/, "");
    const stack = base.startsWith("Pulumi.") ? base.slice("Pulumi.".length) : base;
    if (!isStackName(stack)) {
      throw new Error(`--stack: the file ${JSON.stringify(path.basename(file))} gives the stack name ${JSON.stringify(stack)}, which is not valid; ${STACK_NAME_RULE}: name the file Pulumi.<stack>.yaml.`);
    }
    return { stack, file };
  }
  if (!isStackName(stackOrFile)) {
    throw new Error(`--stack: "${stackOrFile}" is not a stack name; ${STACK_NAME_RULE} (or a path to a stack file).`);
  }
  return { stack: stackOrFile, file: path.join(project.dir, `Pulumi.${stackOrFile}.yaml`) };
}

export function loadStackConfig(project: ProjectInfo, stackOrFile: string, opts: {
  env?: NodeJS.ProcessEnv; overrides?: Record<string, unknown>;
} = {}): StackConfig {
  const { stack, file } = resolveStackFile(project, stackOrFile);
  let doc: { config?: unknown } | null;
  try {
    doc = YAML.parse(fs.readFileSync(file, "utf8")) as { config?: unknown } | null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`stack "${stack}": ${file} does not exist; create it or pass --stack with an existing stack file.`);
    }
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  const raw: Record<string, unknown> = { ...project.defaults };
  for (const [key, value] of Object.entries((doc?.config ?? {}) as Record<string, unknown>)) {
    raw[namespaced(project.name, key)] = value;
  }
  for (const [key, value] of Object.entries(opts.overrides ?? {})) raw[namespaced(project.name, key)] = value;

  const env = opts.env ?? process.env;
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const placeholders: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (isSecure(value)) {
      const fromEnv = env[secretEnvName(project.name, key)];
      if (fromEnv === undefined) placeholders.push(key);
      config[key] = fromEnv ?? placeholderSecret(stack, key);
      secretKeys.push(key);
    } else {
      config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { stack, file, config, secretKeys, placeholders };
}

/**
 * The variable a `secure:` config value is read from: `SANDBOX_SECRET_` + the key in UPPER_SNAKE_CASE, prefixed by
 * its namespace unless that is the project (`render-stages:renderApiKey` → `SANDBOX_SECRET_RENDER_API_KEY`,
 * `cloudflare:apiToken` → `SANDBOX_SECRET_CLOUDFLARE_API_TOKEN`).
 */
export function secretEnvName(project: string, key: string): string {
  const [ns, name] = key.includes(":") ? [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)] : [project, key];
  const words = (ns === project ? name : `${ns}_${name}`).replace(/([a-z0-9])([A-Z])/g, "$1_$2");
  return `SANDBOX_SECRET_${words.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase()}`;
}

function placeholderSecret(stack: string, key: string): string {
  return `sandbox-${crypto.createHash("sha256").update(`${stack}\0${key}`).digest("hex").slice(0, 24)}`;
}

function namespaced(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

function isSecure(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    && Object.keys(value).length === 1 && typeof (value as Record<string, unknown>).secure === "string";
}
