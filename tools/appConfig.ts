/**
 * npm run app-config -- [--stack NAME] [--format dotenv|json] [--app KEY] [--out FILE] [--show-secrets]
 * Writes each app's `appConfig` (its env vars, as the stack exports them) as a .env file or JSON. Reads the
 * sandbox state `.sandbox/<stack>.json` (secrets decrypted with the stack's key), or, when stdin is piped and
 * no --stack is given, `pulumi stack output --json --show-secrets`. Standard output never carries a secret
 * value unless --show-secrets says so, whether it is a terminal, a pipe or a file (`> .env` is created 0644):
 * secrets are shown as `[secret]` there. `--out FILE` writes every value to FILE with mode 0600 and refuses a
 * symbolic link; `--out DIR` (an existing directory) writes `<app>.env` (or `.json`) files the same way.
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
/** How a hidden value is shown: Pulumi's own placeholder. */
export const MASK = "[secret]";

/** Whether a value looks like a credential by its name or its shape, whatever its source marked it. */
export function looksSecret(key: string, value: string): boolean {
  return value !== "" && (SECRET_NAME_RE.test(key) || CREDENTIAL_URL.test(value) || plaintextSecretReason(key, value) !== undefined);
}

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
      const value = v.value === undefined || v.value === null ? "" : String(v.value);
      // A value the stack forgot to mark secret still counts as one when it looks like a credential.
      config[app][key] = { value, secret: v.secret || looksSecret(key, value) };
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
      config[app][key] = { value, secret: looksSecret(key, value) };
    }
  }
  return config;
}

function dotenvValue(value: string): string {
  return /^[A-Za-z0-9_./:@%+,=-]*$/.test(value) ? value : JSON.stringify(value);
}

/** The config with every secret value replaced by MASK. */
export function maskSecrets(config: AppConfig): AppConfig {
  return Object.fromEntries(Object.entries(config).map(([app, vars]) => [app,
    Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v.secret ? { value: MASK, secret: true } : v]))]));
}

/** One app's variables as a .env file or a JSON object. */
export function renderApp(vars: Record<string, ConfigValue>, format: Format): string {
  const entries = Object.entries(vars).sort(([a], [b]) => a.localeCompare(b));
  if (format === "json") return `${JSON.stringify(Object.fromEntries(entries.map(([k, v]) => [k, v.value])), null, 2)}\n`;
  // A masked secret is a comment, so sourcing the output never sets a variable to the placeholder.
  return entries.map(([k, v]) => (v.secret && v.value === MASK ? `# ${k}=${MASK}\n` : `${k}=${dotenvValue(v.value)}\n`)).join("");
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

function symlinkRefused(file: string): Error {
  return new Error(`--out: "${file}" is a symbolic link; refusing to follow it (remove it or choose another path).`);
}

/**
 * Writes `content` to `file` readable by the owner only. A symbolic link is refused, never followed: checked
 * with lstat for a clear message, and opened with O_NOFOLLOW (writeNoFollow) so a link put there in between
 * fails too. An existing file is narrowed to 0600 before a byte is written.
 */
export function writePrivateFile(file: string, content: string): void {
  let existing: fs.Stats | undefined;
  try {
    existing = fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  if (existing?.isSymbolicLink()) throw symlinkRefused(file);
  if (existing && !existing.isFile()) throw new Error(`--out: "${file}" is not a regular file; give a file path (or an existing directory).`);
  writeNoFollow(file, content);
}

/** The open and write of writePrivateFile: O_NOFOLLOW, mode 0600 set on the descriptor before writing. */
export function writeNoFollow(file: string, content: string): void {
  const { O_WRONLY, O_CREAT, O_NOFOLLOW } = fs.constants;
  let fd: number;
  try {
    fd = fs.openSync(file, O_WRONLY | O_CREAT | O_NOFOLLOW, 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ELOOP") throw symlinkRefused(file);
    if (code === "ENOENT") throw new Error(`--out: the directory of "${file}" does not exist; create it first.`);
    throw err;
  }
  try {
    fs.fchmodSync(fd, 0o600);
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `<dir>/<app>.env` (or `.json`) readable by the owner only; returns the paths. */
export function writeAppFiles(config: AppConfig, format: Format, dir: string): string[] {
  return Object.entries(config).map(([app, vars]) => {
    const file = path.join(dir, `${app}.${format === "json" ? "json" : "env"}`);
    writePrivateFile(file, renderApp(vars, format));
    return file;
  });
}

/** `--out`: an existing directory (not a link to one) gets a file per app; anything else is one file. */
function writeOut(config: AppConfig, format: Format, out: string): string[] {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(out);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  if (stat?.isDirectory()) return writeAppFiles(config, format, out);
  writePrivateFile(out, renderAll(config, format));
  return [out];
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
  write: (text: string) => void;
  /** Notes for the person running the command (standard error). */
  warn: (text: string) => void;
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
    for (const file of writeOut(config, format, values.out)) io.write(`wrote ${file} (mode 0600)\n`);
    return 0;
  }
  const secrets = secretNames(config);
  if (values["show-secrets"] || secrets.length === 0) {
    io.write(renderAll(config, format));
    return 0;
  }
  io.write(renderAll(maskSecrets(config), format));
  io.warn(`app-config: secret values hidden (${secrets.join("; ")}); pass --show-secrets to print them, or --out FILE to write them to a file only you can read.\n`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = runAppConfig(process.argv.slice(2), {
      stdin: () => fs.readFileSync(0, "utf8"),
      stdinIsTTY: process.stdin.isTTY === true,
      write: (text) => process.stdout.write(text),
      warn: (text) => process.stderr.write(text),
      projectDir: path.join(__dirname, ".."),
    });
  } catch (err) {
    process.stderr.write(`app-config: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
