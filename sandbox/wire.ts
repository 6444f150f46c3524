/**
 * The values that travel between program, engine and plugin: plain JSON plus two special shapes,
 * the unknown sentinel (a preview value not known yet) and the secret wrapper (Pulumi's sig object).
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** Pulumi's wire marker for a value unknown during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Key and value that mark an object as a special Pulumi value. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

export type PropertyMap = Record<string, unknown>;

export interface SecretValue {
  [SIG_KEY]: typeof SECRET_SIG;
  value: unknown;
}

export function secret(value: unknown): SecretValue {
  return { [SIG_KEY]: SECRET_SIG, value };
}

export function isSecret(value: unknown): value is SecretValue {
  return isObject(value) && value[SIG_KEY] === SECRET_SIG && "value" in value;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when the value is, or contains, a secret wrapper. */
export function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (isObject(value)) return Object.values(value).some(containsSecret);
  return false;
}

/** True when the value is, or contains, the unknown sentinel. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/** Removes every secret wrapper, as the engine does before calling a plugin that does not accept secrets. */
export function revealSecrets(value: unknown): unknown {
  if (isSecret(value)) return revealSecrets(value.value);
  if (Array.isArray(value)) return value.map(revealSecrets);
  if (isObject(value)) {
    if (value[SIG_KEY] === RESOURCE_SIG) return revealSecrets(value.id ?? value.urn);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealSecrets(v)]));
  }
  return value;
}

/** Top-level keys whose value is or holds a secret. */
export function secretKeys(props: PropertyMap): string[] {
  return Object.keys(props).filter((k) => containsSecret(props[k]));
}

/** Wraps the listed top-level keys as secrets (nested secrets are lifted to the top, like the SDK does). */
export function markSecrets(props: PropertyMap, keys: Iterable<string>): PropertyMap {
  const wanted = new Set(keys);
  return Object.fromEntries(
    Object.entries(props).map(([k, v]) => {
      const plain = revealSecrets(v);
      return [k, wanted.has(k) || containsSecret(v) ? secret(plain) : plain];
    }),
  );
}

/** Drops `undefined` members (a Struct cannot hold them) and turns the rest into JSON-safe values. */
export function toJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : toJson(v)));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) out[k] = toJson(v);
  }
  return out;
}

export function toStruct(props: PropertyMap | undefined): Struct {
  return Struct.fromJavaScript((toJson(props ?? {}) ?? {}) as Parameters<typeof Struct.fromJavaScript>[0]);
}

export function fromStruct(struct: Struct | undefined): PropertyMap {
  return shareLargeStrings((struct?.toJavaScript() ?? {}) as PropertyMap);
}

/** Strings at least this long are kept once per process (see shareLargeStrings). */
const SHARED_STRING_MIN = 4096;
const sharedStrings = new Map<string, string>();

/**
 * Replaces, in place, every string of 4 KB or more with one shared copy per distinct text. Every resource's
 * `__provider` is the same ~40 KB closure text, and each message decoded from the program or the plugin would
 * otherwise keep its own copy in every state and plan.
 */
export function shareLargeStrings<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = shareLargeStrings(value[i]);
  } else if (value !== null && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) obj[k] = shareLargeStrings(obj[k]);
  } else if (typeof value === "string" && value.length >= SHARED_STRING_MIN) {
    const known = sharedStrings.get(value);
    if (known !== undefined) return known as T;
    sharedStrings.set(value, value);
  }
  return value;
}

/** Structural equality of two JSON-like values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}
