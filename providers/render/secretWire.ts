/**
 * Secrets in what `read` returns. The plugin passes a read result to the engine as plain JSON (Struct), and the
 * engine stores `read`'s inputs as the resource's new inputs on refresh and import, re-marking as secret only
 * keys that were secret before (none, on an import). A value wrapped in Pulumi's secret marker stays a secret
 * on that path, so `read` wraps every field that can hold one: env var values, secret file contents,
 * passwords and connection strings.
 */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export interface WireSecret {
  [SIG_KEY]: typeof SECRET_SIG;
  value: unknown;
}

export function wireSecret(value: unknown): WireSecret {
  return { [SIG_KEY]: SECRET_SIG, value };
}

export function isWireSecret(value: unknown): value is WireSecret {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** A copy of `props` with each listed field that is set wrapped as a secret. */
export function withSecretFields<T extends object>(props: T, keys: readonly string[]): T {
  const out = { ...props } as Record<string, unknown>;
  for (const key of keys) if (out[key] !== undefined && out[key] !== null && !isWireSecret(out[key])) out[key] = wireSecret(out[key]);
  return out as T;
}

/** Output fields of the data stores and their references that hold credentials. */
export const READ_SECRET_FIELDS = ["password", "internalConnectionString", "externalConnectionString"] as const;
