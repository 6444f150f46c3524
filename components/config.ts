/**
 * The stack config: `parseStackConfig` (pure: raw object → validated config, or one ConfigError listing every
 * problem) and `loadStackConfig` (reads `pulumi.Config`, secrets through `getSecret` so they stay secret).
 * The enums and inferred types other modules use are exported from here.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, describeIssue } from "./configError";
import { StackConfigSchema, type ParsedStackConfig } from "./configSchema";
import { SETTINGS_CONFIG_KEYS, settingsSecretUses } from "./configSettings";

export * from "./enums";
export { ConfigError } from "./configError";
export type {
  AppSpec, AutoscalingSpec, CacheRuleSpec, CacheSpec, CloudflareSpec, DatabaseSpec, DiskSpec, EnvGroupSpec,
  EnvSource, MultiRegionSpec, PrivateServiceSpec, StorageSpec,
} from "./configSchema";
export { privateServiceKey } from "./configRules";
export { SECRET_NAME_RE } from "./patterns";

/** The validated stack config with stack-dependent defaults resolved. */
export type StackConfig = Omit<ParsedStackConfig, "namePrefix" | "protectData"> & {
  /** Prefix of every Render name (default: the stack name). */
  namePrefix: string;
  /** Protect stateful resources (default: true for stacks named prod*). */
  protectData: boolean;
};

/** Secret values by stack config key, as secret Outputs. */
export type SecretValues = Record<string, pulumi.Output<string>>;

export interface ParseOptions {
  /** The stack name: `protectData` defaults to true for `prod*`, and `namePrefix` to the stack name. */
  stackName?: string;
}

/** Top-level config keys of this project (besides secrets that `secretEnv` names). */
export const CONFIG_KEYS = [
  "stage", "namePrefix", "protectData", "allowDataLoss", "region", "apps", "envGroups",
  "database", "cache", "storage", "cloudflare", "multiRegion", ...SETTINGS_CONFIG_KEYS,
] as const;

/** Keys the providers read from this project's config, never the program. */
const PROVIDER_KEYS = ["renderApiKey"];

function problemsOf(raw: unknown, opts: ParseOptions): { config?: StackConfig; problems: string[] } {
  const result = StackConfigSchema.safeParse(raw, { reportInput: true });
  if (!result.success) return { problems: result.error.issues.map(describeIssue) };
  const stackName = opts.stackName ?? "";
  const parsed = result.data;
  return {
    problems: [],
    config: {
      ...parsed,
      namePrefix: parsed.namePrefix ?? (stackName || "app"),
      protectData: parsed.protectData ?? /^prod/i.test(stackName),
    },
  };
}

/** Validates a raw stack config; throws one ConfigError naming every problem. */
export function parseStackConfig(raw: unknown, opts: ParseOptions = {}): StackConfig {
  const { config, problems } = problemsOf(raw, opts);
  if (!config) throw new ConfigError(problems);
  return config;
}

/** Stack config keys that `secretEnv` entries name, with the path of each use. */
export function secretKeyUses(config: Pick<ParsedStackConfig, "apps" | "envGroups"> &
  Partial<Pick<ParsedStackConfig, "registryCredentials" | "logStream" | "metricsStream">>): { key: string; path: string }[] {
  const uses: { key: string; path: string }[] = settingsSecretUses(config);
  for (const [app, spec] of Object.entries(config.apps)) {
    for (const [env, key] of Object.entries(spec.secretEnv)) uses.push({ key, path: `apps.${app}.secretEnv.${env}` });
  }
  for (const [group, spec] of Object.entries(config.envGroups)) {
    for (const [env, key] of Object.entries(spec.secretEnv)) uses.push({ key, path: `envGroups.${group}.secretEnv.${env}` });
  }
  return uses;
}

/**
 * A config value as the user wrote it: JSON when it parses (numbers, booleans, objects), else the string.
 * Not `getObject`/`getNumber`: they throw on the first malformed key, before the schema can report them all.
 */
function rawValue(cfg: pulumi.Config, key: string): unknown {
  const text = cfg.get(key);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Reads this project's stack config and secrets. Unknown keys in the project namespace, missing secrets
 * and every schema problem are reported together in one ConfigError.
 */
export function loadStackConfig(
  cfg: pulumi.Config = new pulumi.Config(),
  stackName: string = pulumi.getStack(),
): { config: StackConfig; secrets: SecretValues } {
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const v = rawValue(cfg, key);
    if (v !== undefined) raw[key] = v;
  }
  const { config, problems } = problemsOf(raw, { stackName });
  const secrets: SecretValues = {};
  const secretKeys = new Set<string>();
  if (config) {
    for (const { key, path } of secretKeyUses(config)) {
      secretKeys.add(key);
      if (secrets[key]) continue;
      const value = cfg.getSecret(key);
      if (value === undefined) problems.push(`${path}: stack config ${JSON.stringify(key)} is not set; run: pulumi config set --secret ${key} <value>`);
      else secrets[key] = value;
    }
  }
  const prefix = `${cfg.name}:`;
  const known = new Set<string>([...CONFIG_KEYS, ...PROVIDER_KEYS, ...secretKeys]);
  for (const full of Object.keys(pulumi.runtime.allConfig())) {
    if (!full.startsWith(prefix)) continue;
    const key = full.slice(prefix.length);
    if (!known.has(key) && config) {
      problems.push(`${key}: unknown config key; allowed: ${[...CONFIG_KEYS, ...PROVIDER_KEYS].join(", ")} or a key named in secretEnv`);
    }
  }
  if (!config || problems.length > 0) throw new ConfigError(problems);
  return { config, secrets };
}
