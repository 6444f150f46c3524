/** Human-readable plan, progress and summary lines, in the shape of the Pulumi CLI's output. */
import { Action, Step } from "./deployment";
import { MASK } from "./redactor";
import { PropertyMap, containsSecret, containsUnknown, revealSecrets } from "./wire";

export type PlanCounts = Record<"create" | "update" | "replace" | "delete" | "same", number>;

const SYMBOLS: Record<Action, string> = { create: "+ ", update: "~ ", replace: "+-", delete: "- ", same: "  ", read: "> " };
const PAST: Record<Action, string> = {
  create: "created", update: "updated", replace: "replaced", delete: "deleted", same: "unchanged", read: "read",
};

export function countSteps(steps: Step[]): PlanCounts {
  const counts: PlanCounts = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
  for (const s of steps) if (s.action !== "read") counts[s.action]++;
  return counts;
}

export function hasChanges(counts: PlanCounts): boolean {
  return counts.create + counts.update + counts.replace + counts.delete > 0;
}

function detail(step: Step): string {
  const parts: string[] = [];
  if (step.diffs.length > 0) {
    parts.push(`[diff: ${step.diffs.map((k) => `~${k}${step.replaces.includes(k) ? "*" : ""}`).join(", ")}]`);
  }
  const hidden = step.replaces.filter((k) => !step.diffs.includes(k));
  if (step.action === "replace" && hidden.length > 0) parts.push(`[replaces: ${hidden.join(", ")}]`);
  if (step.deleteBeforeReplace) parts.push("(delete before replace)");
  if (step.offline && step.action !== "same") parts.push("(not applied offline)");
  if (step.error === "protected") parts.push("(protected)");
  return parts.length ? `  ${parts.join(" ")}` : "";
}

/** The preview: one line per change, then the counts. */
export function formatPlan(title: string, steps: Step[]): string {
  const lines = [title];
  for (const s of steps) {
    if (s.action === "same" || s.action === "read") continue;
    lines.push(`  ${SYMBOLS[s.action]} ${s.type}  ${s.name}  ${s.action}${detail(s)}`);
  }
  lines.push("", formatCounts(countSteps(steps), "to "));
  return lines.join("\n");
}

/** One progress line for an applied step (nothing for unchanged resources). */
export function formatProgress(step: Step): string | undefined {
  if (step.action === "same" || step.action === "read") return undefined;
  return `  ${SYMBOLS[step.action]} ${step.type}  ${step.name}  ${PAST[step.action]}${step.offline ? "  (not applied offline)" : ""}`;
}

export function formatCounts(counts: PlanCounts, verbPrefix: "to " | ""): string {
  if (!hasChanges(counts)) return `Resources:\n    no changes (${counts.same} unchanged)`;
  const verbs = verbPrefix ? ["create", "update", "replace", "delete"] : ["created", "updated", "replaced", "deleted"];
  const lines = ["Resources:"];
  (["create", "update", "replace", "delete"] as const).forEach((a, i) => {
    if (counts[a] > 0) lines.push(`    ${SYMBOLS[a]}${counts[a]} ${verbPrefix}${verbs[i]}`);
  });
  if (counts.same > 0) lines.push(`    ${counts.same} unchanged`);
  return lines.join("\n");
}

/** Stack outputs for display and JSON: secrets as `[secret]`, values unknown in preview as `[unknown]`. */
export function maskOutputs(outputs: PropertyMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k,
    containsSecret(v) ? MASK : containsUnknown(v) ? "[unknown]" : revealSecrets(v)]));
}

export function formatOutputs(masked: Record<string, unknown>): string {
  const keys = Object.keys(masked).sort();
  if (keys.length === 0) return "Outputs: (none)";
  return ["Outputs:", ...keys.map((k) => `    ${k}: ${masked[k] === MASK ? MASK : JSON.stringify(masked[k])}`)].join("\n");
}

