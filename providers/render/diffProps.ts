/**
 * The diff every Render provider shares: compare the checked inputs with the state, property by property,
 * on normalised values. A property still unknown during preview counts as a possible change (and as a
 * replacement when it is create-only); `changes: false` is said explicitly when nothing moved.
 */
import { containsUnknown } from "./validate";

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  changed: string[];
  deleteBeforeReplace?: boolean;
}

export interface DiffSpec {
  /** The input properties to compare. */
  keys: readonly string[];
  /** Create-only properties: a change replaces the resource. */
  createOnly?: readonly string[];
  /** Per-property equality when plain deep equality is wrong (e.g. a name Render suffixes). */
  same?: Record<string, (old: unknown, news: unknown) => boolean>;
  /** True when the replacement must delete the old copy first (names unique at Render). */
  deleteBeforeReplace?: boolean;
}

/** Deep equality of JSON-like values; object key order is ignored, `undefined` keys count as absent. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return ka.length === kb.length &&
      ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

export function diffProps(olds: Record<string, unknown>, news: Record<string, unknown>, spec: DiffSpec): DiffOutcome {
  const changed = spec.keys.filter((key) => {
    if (containsUnknown(news[key])) return true;
    const same = spec.same?.[key] ?? sameValue;
    return !same(olds[key], news[key]);
  });
  const replaces = changed.filter((key) => spec.createOnly?.includes(key));
  const outcome: DiffOutcome = { changes: changed.length > 0, replaces, changed };
  if (replaces.length > 0 && spec.deleteBeforeReplace) outcome.deleteBeforeReplace = true;
  return outcome;
}
