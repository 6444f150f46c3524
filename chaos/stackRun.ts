/**
 * One sandbox run of a chaos stack against a given emulator: writes `Pulumi.<stack>.yaml` in the case's work
 * directory, runs the sandbox engine in its worker process (which starts the plugin) and collects what it
 * printed. Never throws for a failed run: the failure is the outcome.
 */
import { ADMIN_TOKEN_ENV, adminTokenFor } from "../emulator/adminClient";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import type { SandboxResult } from "../sandbox/engine";
import { runSandboxIsolated } from "../sandbox/isolated";
import type { RawConfig } from "./stackConfigs";

export interface StackTarget {
  /** The case's own directory: stack file and state (`state/`) live here. */
  workDir: string;
  stack: string;
  /** Emulator base URL (without `/v1`) and its API key. */
  emulatorUrl: string;
  apiKey: string;
  /** Secret config values by key (`secure:` in the stack file, the value through `SANDBOX_SECRET_*`). */
  secrets: Record<string, string>;
}

export interface RunOutcome {
  ok: boolean;
  errors: string[];
  /** Everything the run printed, errors included. */
  log: string;
  result?: SandboxResult;
}

export function stackFile(target: StackTarget): string {
  return path.join(target.workDir, `Pulumi.${target.stack}.yaml`);
}

export function stateDir(target: StackTarget): string {
  return path.join(target.workDir, "state");
}

/** `apiToken` → `SANDBOX_SECRET_API_TOKEN`, the variable the sandbox reads a `secure:` value from. */
export function secretEnvVar(key: string): string {
  return `SANDBOX_SECRET_${key.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toUpperCase()}`;
}

export function writeStackFile(target: StackTarget, config: RawConfig, unsetSecrets: readonly string[] = []): void {
  const secure = Object.fromEntries(Object.keys(target.secrets).filter((k) => !unsetSecrets.includes(k)).map((k) => [k, { secure: "v1:chaos" }]));
  fs.mkdirSync(target.workDir, { recursive: true });
  fs.writeFileSync(stackFile(target), YAML.stringify({ config: { ...config, ...secure } }));
}

export function runEnv(target: StackTarget): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, RENDER_API_KEY: target.apiKey };
  const adminToken = adminTokenFor(target.emulatorUrl);
  if (adminToken) env[ADMIN_TOKEN_ENV] = adminToken;
  for (const [key, value] of Object.entries(target.secrets)) env[secretEnvVar(key)] = value;
  return env;
}

/**
 * A watchdog per run: a case's runs take seconds, so one still going after this long is stuck, and is stopped
 * (and reported as a failed run) instead of holding up the whole matrix.
 */
const RUN_TIMEOUT_MS = 5 * 60_000;

export interface RunOptions {
  /** Secret config keys to leave unset. */
  unsetSecrets?: readonly string[];
  /** Read every Render resource first (`pulumi up --refresh`). */
  refresh?: boolean;
  /** Apply without a preview pass (`pulumi up --yes --skip-preview`, as CI runs it). */
  skipPreview?: boolean;
}

/** Runs `up` with `config` (written to the stack file first), `up` with the stack file as it is, or a destroy. */
export async function runStack(target: StackTarget, config: RawConfig | "existing" | "destroy", opts: RunOptions = {}): Promise<RunOutcome> {
  if (typeof config === "object") writeStackFile(target, config, opts.unsetSecrets);
  const printed: string[] = [];
  try {
    const result = await runSandboxIsolated({
      stack: stackFile(target),
      stateDir: stateDir(target),
      emulatorUrl: target.emulatorUrl,
      destroy: config === "destroy",
      refresh: opts.refresh,
      skipPreview: opts.skipPreview,
      env: runEnv(target),
      print: (text) => printed.push(text),
      timeoutMs: RUN_TIMEOUT_MS,
    });
    return { ok: result.errors.length === 0, errors: result.errors, log: printed.join("\n"), result };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    printed.push(`error: ${message}`);
    return { ok: false, errors: [message], log: printed.join("\n") };
  }
}
