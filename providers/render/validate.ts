/**
 * Check helpers shared by every Render provider: run a zod schema over the engine's `news`, skip fields
 * still unknown during preview, and turn zod issues into `failures` that name the value and what is allowed.
 * Schemas are passed in as factories so no zod tree is built when a module loads, only when a check runs.
 */
import { z } from "zod";

/** The engine's placeholder for a value not yet known during preview (`pulumi.runtime.unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure { property: string; reason: string }
export interface CheckOutcome<T> { inputs?: T; failures?: CheckFailure[] }

/** True when `value` is, or contains, a value unknown during preview. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** Keys of `news` whose value is (or holds) an unknown. */
export function unknownKeys(news: Record<string, unknown>): string[] {
  return Object.keys(news).filter((k) => containsUnknown(news[k]));
}

/** The value as it should appear in a message (JSON). Callers never pass secret values. */
export function show(value: unknown): string {
  if (value === undefined) return "undefined";
  return JSON.stringify(value);
}

/** `a, b or c` */
export function listChoices(values: readonly (string | number)[]): string {
  const items = values.map(String);
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`;
    const k = String(key);
    return acc === "" ? k : /^[A-Za-z_$][\w$]*$/.test(k) ? `${acc}.${k}` : `${acc}[${JSON.stringify(k)}]`;
  }, "");
}

/**
 * Validates `news` (stripped of `__provider` and of unknown fields) with `schema()`, and returns the parsed,
 * defaulted inputs with the unknown fields put back unchanged, or one failure per problem.
 * Issues about an unknown field (including cross-field rules that point at it) are dropped.
 */
export function checkWith<T>(schema: () => z.ZodType<T>, news: Record<string, unknown>): CheckOutcome<T> {
  const unknown = unknownKeys(news);
  const known: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(news)) {
    if (k !== "__provider" && !unknown.includes(k) && v !== null) known[k] = v;
  }
  const result = schema().safeParse(known);
  if (result.success) {
    const inputs = { ...(result.data as Record<string, unknown>) };
    for (const k of unknown) inputs[k] = news[k];
    return { inputs: dropUndefined(inputs) as T };
  }
  const failures = result.error.issues.flatMap((issue): CheckFailure[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ property: key, reason: `${show(key)} is not a field of this resource` }));
    }
    if (issue.path.length > 0 && unknown.includes(String(issue.path[0]))) return [];
    return [{ property: issuePath(issue.path), reason: issue.message }];
  });
  return failures.length > 0 ? { failures } : { inputs: news as T };
}

/** A copy without keys whose value is `undefined` (the engine drops them anyway; diffs stay exact). */
export function dropUndefined<T extends Record<string, unknown>>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as T;
}

// Field builders: each failure names the bad value and what is allowed.

/** One of `values`; `what` completes "… is not <what>". */
export function oneOf<T extends string>(values: readonly T[], what: string) {
  return z.enum(values as unknown as [T, ...T[]], {
    error: (iss) => iss.input === undefined
      ? `required; use ${listChoices(values)}`
      : `${show(iss.input)} is not ${what}; use ${listChoices(values)}`,
  });
}

/** A non-empty string matching `pattern` (if given), described by `rule` in the failure. */
export function text(rule = "a non-empty string", pattern?: RegExp) {
  const bad = (input: unknown) => input === undefined ? `required; use ${rule}` : `${show(input)} is not ${rule}`;
  const base = z.string({ error: (iss) => bad(iss.input) }).min(1, { error: (iss) => bad(iss.input) });
  return pattern ? base.regex(pattern, { error: (iss) => bad(iss.input) }) : base;
}

/** An integer in [min, max]. */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  const rule = max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
  const bad = (input: unknown) => input === undefined ? `required; use ${rule}` : `${show(input)} is not ${rule}`;
  return z.number({ error: (iss) => bad(iss.input) })
    .int({ error: (iss) => bad(iss.input) })
    .min(min, { error: (iss) => bad(iss.input) })
    .max(max, { error: (iss) => bad(iss.input) });
}

export function bool() {
  return z.boolean({ error: (iss) => `${show(iss.input)} is not true or false` });
}

/** A map of string → string whose keys match `keyPattern`. */
export function stringMap(keyRule: string, keyPattern: RegExp) {
  return z.record(
    z.string().regex(keyPattern),
    // Values may be secrets: name their type, never the value.
    z.string({ error: (iss) => `must be a string, not ${iss.input === null ? "null" : typeof iss.input}` }),
    {
      error: (iss) => iss.code === "invalid_key"
        ? `key ${show(iss.path?.[iss.path.length - 1] ?? iss.input)} is not ${keyRule}`
        : `${show(iss.input)} is not a map of strings`,
    },
  );
}

/** A list of distinct items, sorted so that order never shows up as a change. */
export function sortedSet<T extends z.ZodType<string>>(item: T) {
  return z.array(item, { error: (iss) => `${show(iss.input)} is not a list` })
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: "custom", path: [i], message: `${show(v)} is listed twice` });
        seen.add(v);
      });
    })
    .transform((items) => [...items].sort());
}
