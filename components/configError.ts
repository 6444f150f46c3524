/**
 * ConfigError: every problem of a stack config at once, each naming the key path, the bad value and what is
 * allowed. Also the small formatting helpers the schema's messages share.
 */
import type { z } from "zod";

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid stack config (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
      problems.map((p) => `  - ${p}`).join("\n"));
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** A value as it appears in a message: strings quoted, objects as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  return JSON.stringify(value);
}

/** `a, b, c` */
export function choices(values: readonly (string | number)[]): string {
  return values.map(String).join(", ");
}

/** `apps.web.plan`, `apps.web.domains[1]`, `apps.web.env["my-var"]` */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`;
    const k = String(key);
    if (!/^[A-Za-z_$][\w$]*$/.test(k)) return `${acc}[${JSON.stringify(k)}]`;
    return acc === "" ? k : `${acc}.${k}`;
  }, "");
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string", number: "a number", int: "an integer", boolean: "true or false",
  object: "an object", array: "a list", record: "an object",
};

/** zod's own wording; any other message was written by our schema and already names value and allowed set. */
const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized key)/;

/** One line per zod issue: `<path>: <message>` (custom messages already say value and allowed set). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path) || "stack config";
  const input = (issue as { input?: unknown }).input;
  if (!ZOD_DEFAULT_MESSAGE.test(issue.message) && issue.code !== "unrecognized_keys") return `${where}: ${issue.message}`;
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return `${where}: is required (${TYPE_NAMES[issue.expected] ?? issue.expected})`;
      return `${where}: ${show(input)} is not ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "unrecognized_keys":
      return `${where}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => show(k)).join(", ")}` +
        `${issue.message.startsWith("allowed:") ? `; ${issue.message}` : ""}`;
    case "too_small":
      if (issue.origin === "array") return `${where}: needs at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`;
      if (issue.origin === "string") return `${where}: ${show(input)} is too short (at least ${issue.minimum} characters)`;
      return `${where}: ${show(input)} is less than ${issue.minimum}${issue.inclusive ? "" : " (exclusive)"}`;
    case "too_big":
      if (issue.origin === "string") return `${where}: ${show(input)} is too long (at most ${issue.maximum} characters)`;
      if (issue.origin === "array") return `${where}: has more than ${issue.maximum} items`;
      return `${where}: ${show(input)} is more than ${issue.maximum}`;
    default:
      return `${where}: ${issue.message}`;
  }
}
