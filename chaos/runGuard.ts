/**
 * One data-loss guard: set the stack up, make the dangerous change (it must keep every stateful object and
 * say how to allow it), then make it with the config's permission (it must go through).
 */
import { withCaseEnv, type ChaosSettings } from "./caseEnv";
import { caseLeaks, writeRunLogs } from "./evidence";
import type { GuardCase } from "./guardCases";
import { STATEFUL_KINDS, statefulIds } from "./oracle";
import { caseSeed } from "./random";
import type { SecretLeak } from "./secretScan";
import { stageConfig } from "./stackConfigs";
import { runStack, type RunOutcome } from "./stackRun";

export interface GuardResult {
  id: string;
  /** No stateful object was deleted or replaced by the unallowed change. */
  kept: boolean;
  /** The unallowed run failed (rather than keeping the object and going on). */
  refused: boolean;
  /** Its output says how to allow the change. */
  saysHow: boolean;
  /** The allowed runs succeeded. */
  allowedWorks: boolean;
  secretLeaks: SecretLeak[];
  notes: string[];
}

export function guardHeld(r: GuardResult): boolean {
  return r.kept && r.saysHow && r.allowedWorks && r.secretLeaks.length === 0;
}

export async function runGuard(settings: ChaosSettings, g: GuardCase, baseline: string): Promise<GuardResult> {
  const opts = { seed: caseSeed(settings.seed, g.id), baseline: g.from === "baseline" ? baseline : undefined };
  return withCaseEnv(settings, g.id, opts, async ({ admin, target }) => {
    const runs: { label: string; outcome: RunOutcome }[] = [];
    const notes: string[] = [];
    const setup = g.from === "stage0" ? [stageConfig(0), ...g.setup] : g.setup;
    for (const [i, config] of setup.entries()) {
      const out = await runStack(target, config);
      runs.push({ label: `setup run ${i + 1}`, outcome: out });
      if (!out.ok) notes.push(`setup run ${i + 1} failed: ${out.errors.join(" | ").slice(0, 400)}`);
    }
    const before = statefulIds(await admin.state());
    const refusedRun = await runStack(target, g.change);
    runs.push({ label: "unallowed run", outcome: refusedRun });
    const after = statefulIds(await admin.state());
    const lost = STATEFUL_KINDS.flatMap((kind) => Object.entries(before[kind])
      .filter(([name, id]) => after[kind][name] !== id).map(([name]) => `${kind} "${name}"`));
    notes.push(...lost.map((l) => `deleted or replaced without permission: ${l}`));
    const text = `${refusedRun.log}\n${refusedRun.errors.join("\n")}`;
    const saysHow = text.includes(g.says);
    if (!saysHow) notes.push(`the unallowed run does not say "${g.says}": ${refusedRun.errors.join(" | ").slice(0, 400) || "(it succeeded)"}`);
    let allowedWorks = true;
    for (const [i, step] of g.allowed.entries()) {
      const out = await runStack(target, step);
      runs.push({ label: `allowed run ${i + 1}`, outcome: out });
      if (!out.ok) {
        allowedWorks = false;
        notes.push(`allowed run ${i + 1} failed: ${out.errors.join(" | ").slice(0, 400)}`);
      }
    }
    const secretLeaks = caseLeaks(target, await admin.state(), runs);
    writeRunLogs(target.workDir, runs);
    const value: GuardResult = { id: g.id, kept: lost.length === 0, refused: !refusedRun.ok, saysHow, allowedWorks, secretLeaks, notes };
    return { value, passed: guardHeld(value) };
  });
}
