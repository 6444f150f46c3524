/**
 * npm run app-config -- [--stack NAME] [--format dotenv|json] [--app KEY] [--out DIR] [--show-secrets]
 * Writes each app's `appConfig` (its env vars, as the stack exports them) as a .env file or JSON. Reads the
 * sandbox state `.sandbox/<stack>.json` (secrets decrypted with the stack's key), or, when stdin is piped and
 * no --stack is given, `pulumi stack output --json --show-secrets`. Secrets are never printed to a terminal
 * unless --show-secrets says so; files written with --out are mode 0600.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { SECRET_NAME_RE } from "../components/config";
import { plaintextSecretReason } from "../policy/secretShapes";
import { ROOT_STACK_TYPE } from "../sandbox/urns";
import { isObject, isSecret } from "../sandbox/wire";
import { statePaths, StateStore } from "../sandbox/stateStore";
import { loadProject } from "../sandbox/stackConfig";

/** One env var of one app, with whether it is secret. */
export interface ConfigValue { value: string; secret: boolean }
/** App key → env var → value. */
export type AppConfig = Record<string, Record<string, ConfigValue>>;

export type Format = "dotenv" | "json";

const CREDENTIAL_URL = /:\/\/[^:@/\s]*:[^@/\s]+@/;

/** Reads `appConfig` from the sandbox's stack outputs: secret wrappers mark secrets, at any depth. */
export function appConfigFromState(outputs: Record<string, unknown>): AppConfig {
  const walk = (v: unknown, secret: boolean): { value: unknown; secret: boolean } =>
    isSecret(v) ? walk(v.value, true) : { value: v, secret };
  const top = walk(outputs.appConfig, false);
  if (!isObject(top.value)) throw new Error("the stack has no appConfig output; run the program (npm run sandbox) first.");
  const config: AppConfig = {};
  for (const [app, vars] of Object.entries(top.value)) {
    const appLevel = walk(vars, top.secret);
    if (!isObject(appLevel.value)) continue;
    config[app] = {};
    for (const [key, raw] of Object.entries(appLevel.value)) {
      const v = walk(raw, appLevel.secret);
      config[app][key] = { value: v.value === undefined || v.value === null ? "" : String(v.value), secret: v.secret };
    }
  }
  return config;
}

/**
 * Reads `appConfig` from `pulumi stack output --json --show-secrets`. That JSON no longer says which values
 * were secret, so names and values that look like credentials count as secrets.
 */
export function appConfigFromStackOutput(json: string): AppConfig {
  let outputs: unknown;
  try {
    outputs = JSON.parse(json);
  } catch (err) {
    throw new Error(`stdin is not JSON (expected \`pulumi stack output --json --show-secrets\`): ${(err as Error).message}`);
  }
  const appConfig = isObject(outputs) ? outputs.appConfig : undefined;
  if (!isObject(appConfig)) throw new Error("stdin has no appConfig output; pipe `pulumi stack output --json --show-secrets`.");
  const config: AppConfig = {};
  for (const [app, vars] of Object.entries(appConfig)) {
    if (!isObject(vars)) throw new Error(`appConfig.${app} is not an object; run \`pulumi stack output --json --show-secrets\`.`);
    config[app] = {};
    for (const [key, raw] of Object.entries(vars)) {
      const value = raw === null || raw === undefined ? "" : String(raw);
      if (value === "[secret]") throw new Error(`appConfig.${app}.${key} is hidden; run \`pulumi stack output --json --show-secrets\`.`);
      const secret = SECRET_NAME_RE.test(key) || CREDENTIAL_URL.test(value) || plaintextSecretReason(key, value) !== undefined;
      config[app][key] = { value, secret };
    }
  }
  return config;
}

function dotenvValue(value: string): string {
  return /^[A-Za-z0-9_./:@%+,=-]*$/.test(value) ? value : JSON.stringify(value);
}

/** One app's variables as a .env file or a JSON object. */
export function renderApp(vars: Record<string, ConfigValue>, format: Format): string {
  const entries = Object.entries(vars).sort(([a], [b]) => a.localeCompare(b));
  if (format === "json") return `${JSON.stringify(Object.fromEntries(entries.map(([k, v]) => [k, v.value])), null, 2)}\n`;
  return entries.map(([k, v]) => `${k}=${dotenvValue(v.value)}\n`).join("");
}

/** Every app for one output stream: .env sections headed by the app, or one JSON object keyed by app. */
export function renderAll(config: AppConfig, format: Format): string {
  if (format === "json") {
    const plain = Object.fromEntries(Object.entries(config).map(([app, vars]) => [app, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.value]))]));
    return `${JSON.stringify(plain, null, 2)}\n`;
  }
  return Object.entries(config).map(([app, vars]) => `# ${app}\n${renderApp(vars, "dotenv")}`).join("\n");
}

/** `web: DATABASE_URL, SECRET_KEY` for each app holding secrets. */
export function secretNames(config: AppConfig): string[] {
  return Object.entries(config).flatMap(([app, vars]) => {
    const names = Object.entries(vars).filter(([, v]) => v.secret).map(([k]) => k);
    return names.length > 0 ? [`${app}: ${names.join(", ")}`] : [];
  });
}

/** Writes `<dir>/<app>.env` (or `.json`) readable by the owner only; returns the paths. */
export function writeAppFiles(config: AppConfig, format: Format, dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return Object.entries(config).map(([app, vars]) => {
    const file = path.join(dir, `${app}.${format === "json" ? "json" : "env"}`);
    fs.writeFileSync(file, renderApp(vars, format), { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    return file;
  });
}

/** The sandbox's stack outputs, from `.sandbox/<stack>.json` (decrypting its secrets). */
export function readSandboxOutputs(projectDir: string, stack: string, stateDir = path.join(projectDir, ".sandbox")): Record<string, unknown> {
  const paths = statePaths(stateDir, stack);
  if (!fs.existsSync(paths.state)) {
    throw new Error(`no sandbox state for stack "${stack}" (${paths.state}); run \`npm run sandbox -- --stack ${stack}\` first, ` +
      "or pipe `pulumi stack output --json --show-secrets` into this command.");
  }
  const { state } = StateStore.open(paths, loadProject(projectDir).name, stack, process.env.PULUMI_CONFIG_PASSPHRASE);
  const root = state.resources.find((r) => r.type === ROOT_STACK_TYPE);
  return root?.outputs ?? {};
}

export interface CliIo {
  stdin: () => string;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  write: (text: string) => void;
  projectDir: string;
}

/** The command; returns the exit code. */
export function runAppConfig(argv: string[], io: CliIo): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      stack: { type: "string" }, format: { type: "string", default: "dotenv" }, app: { type: "string" },
      out: { type: "string" }, "show-secrets": { type: "boolean", default: false }, "state-dir": { type: "string" },
    },
  });
  if (values.format !== "dotenv" && values.format !== "json") {
    throw new Error(`--format: "${values.format}" is not a format; use dotenv or json.`);
  }
  const format = values.format;
  let config = values.stack === undefined && !io.stdinIsTTY
    ? appConfigFromStackOutput(io.stdin())
    : appConfigFromState(readSandboxOutputs(io.projectDir, values.stack ?? "dev", values["state-dir"]));
  if (values.app !== undefined) {
    if (!config[values.app]) throw new Error(`--app: "${values.app}" is not an app of this stack; apps: ${Object.keys(config).join(", ")}.`);
    config = { [values.app]: config[values.app] };
  }
  if (values.out !== undefined) {
    for (const file of writeAppFiles(config, format, values.out)) io.write(`wrote ${file} (mode 0600)\n`);
    return 0;
  }
  const secrets = secretNames(config);
  if (io.stdoutIsTTY && secrets.length > 0 && !values["show-secrets"]) {
    throw new Error(`refusing to print secrets to a terminal (${secrets.join("; ")}); pass --show-secrets, redirect to a file, or use --out DIR.`);
  }
  io.write(renderAll(config, format));
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = runAppConfig(process.argv.slice(2), {
      stdin: () => fs.readFileSync(0, "utf8"),
      stdinIsTTY: process.stdin.isTTY === true,
      stdoutIsTTY: process.stdout.isTTY === true,
      write: (text) => process.stdout.write(text),
      projectDir: path.join(__dirname, ".."),
    });
  } catch (err) {
    process.stderr.write(`app-config: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
