/**
 * What makes an error message useful (STYLE.md §7): a failed apply names the resource, Render's answer and the
 * next step; a refused config names the field, the bad value and what is allowed.
 */

export interface FaultErrorExpectation {
  /** Any of these names (Pulumi logical name or Render name) identifies the resource that failed. */
  resourceNames: readonly string[];
  /** What Render answered, any one of which the error must quote: its message, its status, a lifecycle status. */
  answers: readonly (string | RegExp)[];
}

export interface ClarityVerdict {
  clear: boolean;
  /** What is missing, e.g. `resource name`, `Render's message or status`, `next step`. */
  missing: string[];
}

/** What an error says when no answer came back at all (dropped connection, timeout). */
export const NO_RESPONSE = /(timed? ?out|timeout|ETIMEDOUT|ECONNRESET|ECONNREFUSED|ECONNABORTED|socket hang up|network error|connection (was )?(reset|closed|dropped))/i;
const NEXT_STEP = /(re-?run|npm run sandbox|pulumi (up|refresh|import|config set)|\bset\b [\w.`"[\]-]+|\bremove\b|\bdelete\b [\w`"]+|\bimport\b|\brename\b|try again|retry later)/i;

/** `500` as a whole number, for the HTTP status an error must quote. */
export function statusAnswer(status: number): RegExp {
  return new RegExp(`\\b${status}\\b`);
}

export function judgeFaultError(text: string, expected: FaultErrorExpectation): ClarityVerdict {
  const missing: string[] = [];
  if (!expected.resourceNames.some((name) => name.length > 0 && text.includes(name))) missing.push("resource name");
  const quotes = (answer: string | RegExp): boolean => (typeof answer === "string" ? text.includes(answer) : answer.test(text));
  if (!expected.answers.some(quotes)) missing.push("Render's message or status");
  if (!NEXT_STEP.test(text)) missing.push("next step");
  return { clear: missing.length === 0, missing };
}

export interface ConfigMessageExpectation {
  /** The config path, e.g. `apps[0].plan` or `postgres.version`. */
  field: string;
  /** The bad value as the message must quote it (without quotes), e.g. `huge`, `0`. */
  value: string;
  /** Fragments that together say what is allowed: every one must appear (e.g. `starter`, `pro_ultra`). */
  allowed: readonly string[];
}

export function judgeConfigMessage(text: string, expected: ConfigMessageExpectation): ClarityVerdict {
  const missing: string[] = [];
  if (!fieldMentioned(text, expected.field)) missing.push(`field ${expected.field}`);
  if (!valueMentioned(text, expected.value)) missing.push(`value ${expected.value}`);
  const absent = expected.allowed.filter((fragment) => !text.toLowerCase().includes(fragment.toLowerCase()));
  if (absent.length > 0) missing.push(`allowed (${absent.join(", ")})`);
  return { clear: missing.length === 0, missing };
}

/** The value as a whole token: `0` is not found inside `100`. */
function valueMentioned(text: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w.-])${escaped}(?![\\w-])`).test(text);
}

/** `apps[0].plan` also matches `apps.0.plan` (the two usual spellings of a config path). */
function fieldMentioned(text: string, field: string): boolean {
  const dotted = field.replace(/\[(\d+)\]/g, ".$1");
  return text.includes(field) || text.includes(dotted);
}
