/**
 * A clean run of a scenario, no faults: it shows which write routes the action calls (the steps faults are
 * injected at), what the converged inventory looks like (the desired fingerprint), and the names of every
 * resource (what a clear error must mention). A second run must then change nothing, or no case of the
 * scenario could ever converge.
 */
import type { ObjectKind, RouteUse, ScenarioProbe } from "./faultCases";
import { caseSeed } from "./random";
import { withCaseEnv, type ChaosSettings } from "./caseEnv";
import { stateText } from "./evidence";
import { fingerprint, records, type Fingerprint } from "./oracle";
import { collectNames, type FamilyNames } from "./resourceNames";
import { scenario as scenarioById, type ScenarioId } from "./scenarios";
import { runStack, type RunOutcome } from "./stackRun";

export interface ProbeResult {
  probe: ScenarioProbe;
  desired: Fingerprint;
  names: FamilyNames;
  /** Render names by object kind after setup or action (what a name conflict reuses). */
  renderNames: Partial<Record<ObjectKind, string>>;
  durationMs: number;
}

/** Package resources (storage, CDN) are planned from inputs only offline, never applied: only Render counts. */
const OFFLINE_TYPE = /^(aws|digitalocean|cloudflare):/;

/** `"update Service chaos-web"` for each resource the run changed, offline package resources left out. */
export function appliedChanges(out: RunOutcome): string[] {
  return (out.result?.resources ?? [])
    .filter((r) => r.action !== "same" && r.action !== "read" && !OFFLINE_TYPE.test(r.type))
    .map((r) => `${r.action} ${r.type.split(":").pop()} ${r.name}`);
}

const DRIFT_KINDS: readonly ObjectKind[] = ["services", "keyValue", "customDomains"];

export async function probeScenario(settings: ChaosSettings, id: ScenarioId, baseline: string): Promise<ProbeResult> {
  const started = Date.now();
  const sc = scenarioById(id);
  const opts = { seed: caseSeed(settings.seed, `probe-${id}`), baseline: sc.fromBaseline ? baseline : undefined };
  return withCaseEnv(settings, `probe-${id}`, opts, async ({ admin, target }) => {
    const before = await admin.state();
    const names = collectNames(before, stateText(target.workDir, target.stack));
    const out = await runStack(target, sc.action);
    if (!out.ok) throw new Error(`probe ${id}: the clean action run failed:\n${out.errors.join("\n")}`);
    const counts = await admin.requests();
    const writes: RouteUse[] = counts.routes.filter((r) => r.method !== "GET").map((r) => ({ method: r.method, path: r.path, count: r.count }))
      .sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
    const after = await admin.state();
    collectNames(after, stateText(target.workDir, target.stack), names);
    const again = await runStack(target, sc.action);
    const changed = appliedChanges(again);
    if (!again.ok || changed.length > 0) {
      throw new Error(`probe ${id}: a second clean run is not a no-op (${changed.join(", ")}): ${again.errors.join(" | ")}`);
    }
    const renderNames: Partial<Record<ObjectKind, string>> = {};
    for (const kind of ["services", "postgres", "keyValue"] as const) {
      const rec = records(after, kind)[0] ?? records(before, kind)[0];
      if (rec) renderNames[kind] = String(rec.name);
    }
    const probe: ScenarioProbe = {
      scenario: id, writes, totalWrites: writes.reduce((n, r) => n + r.count, 0),
      existing: DRIFT_KINDS.filter((kind) => records(before, kind).length > 0),
    };
    return { value: { probe, desired: fingerprint(after), names, renderNames, durationMs: Date.now() - started }, passed: true };
  });
}
