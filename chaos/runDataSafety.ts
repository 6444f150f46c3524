/**
 * One data-safety case on the emulator, from a clean stack at the case's stage, once with a preview pass and
 * once without (`--skip-preview`, as CI applies run): a change that loses data must be refused with 0 write
 * calls and name `allowDataLoss.<kind>` for every kind it loses; any other change must apply without deleting
 * or replacing a stateful resource. With the permission set (in the run without a preview), the loss happens,
 * and only for the kinds the case names.
 */
import * as path from "path";
import { withCaseEnv, saveBaseline, type ChaosSettings } from "./caseEnv";
import type { DataSafetyCase } from "./dataSafetyCases";
import { caseLeaks, writeRunLogs } from "./evidence";
import { statefulIds, STATEFUL_KINDS as RENDER_KINDS } from "./oracle";
import { caseSeed } from "./random";
import type { SecretLeak } from "./secretScan";
import { stageConfig } from "./stackConfigs";
import { runStack, type RunOutcome } from "./stackRun";
import type { Stage, StatefulKind } from "../components/enums";

export type SafetyMode = "preview" | "skip-preview";
export const SAFETY_MODES: readonly SafetyMode[] = ["preview", "skip-preview"];

export interface DataSafetyResult {
  id: string;
  mode: SafetyMode;
  held: boolean;
  /** The change was refused (expected when the case loses something). */
  refused: boolean;
  /** Render API write calls of the change's run. */
  writes: number;
  /** Kinds that lost a resource in the change's run, then in the allowed run. */
  lost: StatefulKind[];
  lostWhenAllowed?: StatefulKind[];
  secretLeaks: SecretLeak[];
  notes: string[];
}

const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;
const KIND_OF: Record<(typeof RENDER_KINDS)[number], StatefulKind> = { disks: "disk", postgres: "postgres", keyValue: "keyValue" };
const BUCKET_TYPE = /(spacesBucket:SpacesBucket|s3\/bucket:Bucket)$/;

function writesOf(out: RunOutcome): number {
  return out.result ? WRITE_METHODS.reduce((n, m) => n + out.result!.apiCalls[m], 0) : Number.NaN;
}

/**
 * Kinds that lost a resource between two inventories (a Render id gone), plus a bucket the run deleted, replaced or
 * (planned offline, where create-only keys of a native provider are not known) changed.
 */
function lostKinds(before: ReturnType<typeof statefulIds>, after: ReturnType<typeof statefulIds>, out: RunOutcome): StatefulKind[] {
  const lost = new Set<StatefulKind>();
  for (const kind of RENDER_KINDS) {
    const now = new Set(Object.values(after[kind]));
    if (Object.values(before[kind]).some((id) => !now.has(id))) lost.add(KIND_OF[kind]);
  }
  const bucketSteps = (out.result?.resources ?? []).filter((r) => BUCKET_TYPE.test(r.type));
  if (bucketSteps.some((r) => r.action === "delete" || r.action === "replace")) lost.add("bucket");
  return [...lost].sort();
}

const sameKinds = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/** A clean stack at every stage a case starts from, kept in `<root>/data-safety-baseline-<stage>`. */
export async function saveSafetyBaselines(settings: ChaosSettings, stages: readonly Stage[], pool: (fn: (s: Stage) => Promise<void>) => Promise<void>): Promise<Record<number, string>> {
  const dirs: Record<number, string> = {};
  await pool(async (stage) => {
    const dir = path.join(settings.workRoot, `data-safety-baseline-${stage}`);
    // A loaded machine can fail to start a plugin in time: one more attempt before the matrix gives up.
    for (let attempt = 1; ; attempt++) {
      try {
        await saveBaseline(settings, dir, caseSeed(settings.seed, `data-safety-baseline-${stage}`), async (target) => {
          const out = await runStack(target, stageConfig(stage));
          if (!out.ok) throw new Error(`data-safety baseline: the clean stage ${stage} run failed:\n${out.errors.join("\n")}`);
        });
        break;
      } catch (err) {
        if (attempt >= 2) throw err;
      }
    }
    dirs[stage] = dir;
  });
  return dirs;
}

export async function runDataSafetyCase(settings: ChaosSettings, c: DataSafetyCase, mode: SafetyMode, baseline: string): Promise<DataSafetyResult> {
  const id = `${c.id}-${mode}`;
  return withCaseEnv(settings, id, { seed: caseSeed(settings.seed, id), baseline }, async ({ admin, target }) => {
    const skipPreview = mode === "skip-preview";
    const runs: { label: string; outcome: RunOutcome }[] = [];
    const notes: string[] = [];
    const before = statefulIds(await admin.state());
    const out = await runStack(target, c.change, { skipPreview });
    runs.push({ label: `change (${mode})`, outcome: out });
    const after = statefulIds(await admin.state());
    const lost = lostKinds(before, after, out);
    const writes = writesOf(out);
    const text = `${out.log}\n${out.errors.join("\n")}`;
    let held: boolean;
    if (c.loses.length > 0) {
      const missing = c.loses.filter((k) => !text.includes(`pulumi config set --path allowDataLoss.${k} true`));
      held = !out.ok && writes === 0 && lost.length === 0 && missing.length === 0;
      if (out.ok) notes.push("the change was not refused");
      if (writes !== 0) notes.push(`the refused run made ${writes} write calls`);
      if (missing.length > 0) notes.push(`the refusal does not name allowDataLoss.${missing.join(", allowDataLoss.")}: ${out.errors.join(" | ").slice(0, 400)}`);
    } else {
      held = out.ok && lost.length === 0;
      if (!out.ok) notes.push(`the change failed: ${out.errors.join(" | ").slice(0, 400)}`);
    }
    if (lost.length > 0) notes.push(`lost without permission: ${lost.join(", ")}`);
    let lostWhenAllowed: StatefulKind[] | undefined;
    if (held && c.allowed && skipPreview) {
      const beforeAllowed = statefulIds(await admin.state());
      const allowed = await runStack(target, c.allowed, { skipPreview });
      runs.push({ label: "allowed change", outcome: allowed });
      let allowedLost = lostKinds(beforeAllowed, statefulIds(await admin.state()), allowed);
      // Offline, a native bucket's replacement shows as a change of its inputs: count a changed bucket as the loss.
      const bucketChanged = (allowed.result?.resources ?? []).some((r) => BUCKET_TYPE.test(r.type) && r.action !== "same");
      if (c.loses.includes("bucket") && bucketChanged && !allowedLost.includes("bucket")) allowedLost = [...allowedLost, "bucket" as const].sort();
      if (!allowed.ok) notes.push(`the allowed change failed: ${allowed.errors.join(" | ").slice(0, 400)}`);
      if (!sameKinds(allowedLost, c.loses)) notes.push(`the allowed change lost ${allowedLost.join(", ") || "nothing"}, expected ${c.loses.join(", ")}`);
      held = allowed.ok && sameKinds(allowedLost, c.loses);
      lostWhenAllowed = allowedLost;
    }
    const secretLeaks = caseLeaks(target, await admin.state(), runs);
    if (secretLeaks.length > 0) notes.push(`secret leaks: ${secretLeaks.map((l) => `${l.kind} in ${l.source}`).join(", ")}`);
    held = held && secretLeaks.length === 0;
    writeRunLogs(target.workDir, runs);
    const value: DataSafetyResult = { id, mode, held, refused: !out.ok, writes, lost, lostWhenAllowed, secretLeaks, notes };
    return { value, passed: held };
  });
}
