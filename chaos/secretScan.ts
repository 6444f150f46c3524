/**
 * Secret scanner: takes the real secret values from the emulator's inventory (the test oracle) and looks for
 * them, in any common encoding, in everything a run leaves behind: state files, outputs, logs, error text and
 * serialized providers. A leak names where it was found and what kind of secret it was, never the value.
 */

export interface KnownSecret {
  /** What it is, e.g. `postgres password`, `env var SECRET_KEY`; safe to print. */
  kind: string;
  value: string;
}

export interface ScanTarget {
  /** Where the text came from, e.g. `state .sandbox/chaos-3.json`, `stderr of the faulty run`. */
  source: string;
  text: string;
}

export interface SecretLeak {
  source: string;
  kind: string;
}

/** Values shorter than this are too likely to occur by chance (a port, "true") to count as a leak. */
const MIN_SECRET_LENGTH = 8;

/** Keys whose string values are always secret, wherever they sit in the inventory. */
const SECRET_KEY_PATTERN = /(password|connectionstring|connection_string|connectioninfo|secret|token|apikey|psqlcommand|rediscli|^content$)/i;

/** Env var names whose values are secrets even when the value is given, not generated. */
const SECRET_ENV_NAME = /(secret|password|token|api_?key|database_url|redis_url|connection)/i;

/**
 * Every secret value in an emulator inventory (`GET /__emulator/state`): values under secret-looking keys,
 * generated env var values and env vars with secret-looking names. `extra` adds values the caller knows
 * (the API key, secrets it put into config).
 */
export function collectSecrets(inventory: unknown, extra: readonly KnownSecret[] = []): KnownSecret[] {
  const found = new Map<string, KnownSecret>();
  const add = (kind: string, value: unknown): void => {
    if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH || found.has(value)) return;
    found.set(value, { kind, value });
  };
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item) => walk(item, path));
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (typeof record.key === "string" && "value" in record && isSecretEnvVar(record)) {
      add(`env var ${record.key}`, record.value);
    }
    for (const [key, value] of Object.entries(record)) {
      if (typeof value === "string" && SECRET_KEY_PATTERN.test(key)) add(`${path.slice(0, 1).join("")} ${key}`.trim(), value);
      else walk(value, path.length === 0 ? [key] : path);
    }
  };
  walk(inventory, []);
  for (const secret of extra) add(secret.kind, secret.value);
  return [...found.values()];
}

function isSecretEnvVar(envVar: Record<string, unknown>): boolean {
  return envVar.generateValue === true || envVar.generated === true || SECRET_ENV_NAME.test(String(envVar.key));
}

/** The forms a secret can take once written somewhere: raw, JSON-escaped, URL-encoded, base64. */
export function secretEncodings(value: string): string[] {
  const forms = new Set<string>([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]);
  forms.add(Buffer.from(value, "utf8").toString("base64").replace(/=+$/, ""));
  return [...forms];
}

/** Every (source, secret kind) pair where a known secret appears in a target's text. */
export function scanForSecrets(targets: readonly ScanTarget[], secrets: readonly KnownSecret[]): SecretLeak[] {
  const leaks: SecretLeak[] = [];
  for (const target of targets) {
    for (const secret of secrets) {
      if (secretEncodings(secret.value).some((form) => target.text.includes(form))) {
        leaks.push({ source: target.source, kind: secret.kind });
      }
    }
  }
  return leaks;
}

/** Files that hold an encryption key and nothing else: the sandbox's `<stack>.key`, the emulator's `<data>.key`. */
export const KEY_FILE = /\.key$/;

/**
 * Every file a run wrote is scanned, the emulator's data file and the sandbox's state included (both hold secrets
 * only sealed). A key file is the one exception: its text is the key, so instead the key becomes a secret that
 * must appear in no other file or output.
 */
export function keyFileSecrets(files: readonly { name: string; text: string }[]): KnownSecret[] {
  return files
    .filter((file) => KEY_FILE.test(file.name) && file.text.trim().length >= MIN_SECRET_LENGTH)
    .map((file) => ({ kind: `encryption key ${file.name.split(/[\\/]/).pop()}`, value: file.text.trim() }));
}
