/**
 * The chaos matrix: a baseline stack, one clean probe per scenario, then every fault case, data-loss guard and
 * bad-input case in a bounded pool (each case with its own emulator and directory), summed up into the figures.
 */
import * as os from "os";
import * as path from "path";
import * as fs from "fs";
import { BAD_INPUT_CASES, type BadInputCase } from "./badInputCases";
import { GUARD_CASES, type GuardCase } from "./guardCases";
import { buildDataSafetyCases, type DataSafetyCase } from "./dataSafetyCases";
import { runDataSafetyCase, saveSafetyBaselines, SAFETY_MODES, type DataSafetyResult, type SafetyMode } from "./runDataSafety";
import { guardHeld, runGuard, type GuardResult } from "./runGuard";
import { saveBaseline, type ChaosSettings } from "./caseEnv";
import { CLIENT_TIMEOUT_MS, buildFaultMatrix, type FaultCase } from "./faultCases";
import { runPool } from "./pool";
import { probeScenario, type ProbeResult } from "./probe";
import { caseSeed } from "./random";
import { runBadInput } from "./runBadInput";
import { runFaultCase } from "./runFaultCase";
import { BASELINE_CONFIG, SCENARIOS, type ScenarioId } from "./scenarios";
import { runStack } from "./stackRun";
import { summarize, type BadInputResult, type ChaosFigures, type FaultCaseResult } from "./summary";

export interface ChaosOptions {
  seed: number;
  /** Cases run at once (default 2). */
  pool?: number;
  /** Only cases whose id matches (fault and bad-input cases alike). */
  only?: RegExp;
  /** Kill points per scenario (default 2). */
  kills?: number;
  /** Scenarios to probe and run (default all). */
  scenarios?: readonly ScenarioId[];
  /** Skip the bad-input cases. */
  skipBadInputs?: boolean;
  /** Skip the data-loss guards. */
  skipGuards?: boolean;
  /** Skip the generated data-safety matrix. */
  skipDataSafety?: boolean;
  workRoot?: string;
  keepFailed?: boolean;
  timeScale?: number;
  /** Progress, one line per finished case. */
  log?: (line: string) => void;
}

export interface ChaosReport {
  figures: ChaosFigures;
  faults: FaultCaseResult[];
  badInputs: BadInputResult[];
  guards: GuardResult[];
  /** Each data-safety case, with and without a preview pass. */
  dataSafety: DataSafetyResult[];
  wallMs: number;
}

/**
 * Settings every plugin process inherits: fast polls for the fast emulator clock, a short per-request timeout
 * (so a hung request costs seconds) and a short wait limit (so Postgres stuck in `creating` fails fast).
 */
export const CHAOS_PROVIDER_ENV: Readonly<Record<string, string>> = {
  RENDER_POLL_INTERVAL_MS: "20",
  RENDER_HTTP_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS),
  RENDER_WAIT_TIMEOUT_MS: "5000",
  SANDBOX_PLUGIN_START_TIMEOUT_MS: "60000",
};

type Job = { fault: FaultCase } | { bad: BadInputCase } | { guard: GuardCase } | { safety: DataSafetyCase; mode: SafetyMode };

export async function runChaos(opts: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  Object.assign(process.env, CHAOS_PROVIDER_ENV);
  const log = opts.log ?? (() => undefined);
  const settings: ChaosSettings = {
    seed: opts.seed,
    workRoot: opts.workRoot ?? fs.mkdtempSync(path.join(os.tmpdir(), "chaos-")),
    timeScale: opts.timeScale ?? 0.01,
    keepFailed: opts.keepFailed ?? false,
  };
  const wanted = (id: string): boolean => !opts.only || opts.only.test(id);
  const scenarios = SCENARIOS.filter((s) => (opts.scenarios ?? SCENARIOS.map((x) => x.id)).includes(s.id));
  const baseline = path.join(settings.workRoot, "baseline");
  const guards = opts.skipGuards ? [] : GUARD_CASES.filter((g) => wanted(g.id));
  if (scenarios.some((s) => s.fromBaseline) || guards.some((g) => g.from === "baseline")) {
    await saveBaseline(settings, baseline, caseSeed(opts.seed, "baseline"), async (target) => {
      const out = await runStack(target, BASELINE_CONFIG);
      if (!out.ok) throw new Error(`chaos baseline: the clean stage 3 run failed:\n${out.errors.join("\n")}`);
    });
    log(`baseline ready (${Math.round((Date.now() - started) / 1000)}s)`);
  }
  const probes = await runPool(scenarios, opts.pool ?? 2, (s) => probeScenario(settings, s.id, baseline));
  const probeOf = new Map<ScenarioId, ProbeResult>(probes.map((p) => [p.probe.scenario, p]));
  for (const p of probes) {
    log(`probe ${p.probe.scenario}: ${p.probe.totalWrites} writes on ${p.probe.writes.map((w) => `${w.method} ${w.path}×${w.count}`).join(", ")} (${Math.round(p.durationMs / 1000)}s)`);
  }
  const matrix = buildFaultMatrix(probes.map((p) => p.probe), { seed: opts.seed, kills: opts.kills ?? 2 }).filter((c) => wanted(c.id));
  const bad = opts.skipBadInputs ? [] : BAD_INPUT_CASES.filter((c) => wanted(c.id));
  const safety = opts.skipDataSafety ? [] : buildDataSafetyCases().filter((c) => wanted(c.id));
  const safetyStages = [...new Set(safety.map((c) => c.stage))];
  const safetyBaselines = await saveSafetyBaselines(settings, safetyStages, async (fn) => { await runPool(safetyStages, opts.pool ?? 2, fn); });
  if (safety.length > 0) log(`data-safety baselines ready for stages ${safetyStages.join(", ")} (${Math.round((Date.now() - started) / 1000)}s)`);
  const jobs: Job[] = [
    ...matrix.map((fault) => ({ fault })), ...guards.map((guard) => ({ guard })), ...bad.map((b) => ({ bad: b })),
    ...safety.flatMap((c) => SAFETY_MODES.map((mode) => ({ safety: c, mode }))),
  ];
  const faults: FaultCaseResult[] = [];
  const badInputs: BadInputResult[] = [];
  const guardResults: GuardResult[] = [];
  const safetyResults: DataSafetyResult[] = [];
  await runPool(jobs, opts.pool ?? 2, async (job) => {
    if ("safety" in job) {
      const r = await runDataSafetyCase(settings, job.safety, job.mode, safetyBaselines[job.safety.stage]);
      safetyResults.push(r);
      log(`${r.held ? "ok  " : "FAIL"} ${r.id}${r.refused ? " (refused)" : " (applied)"}${r.held ? "" : `\n       ${r.notes.join("\n       ")}`}`);
    } else if ("fault" in job) {
      const r = await runFaultCase(settings, job.fault, probeOf.get(job.fault.scenario)!, baseline);
      faults.push(r);
      const ok = r.converged && r.faultFired && r.errorMissing.length + r.duplicates + r.orphans + r.lost + r.secretLeaks.length === 0;
      log(`${ok ? "ok  " : "FAIL"} ${r.id} (${Math.round(r.durationMs / 1000)}s)${ok ? "" : `\n       ${r.notes.join("\n       ")}`}`);
    } else if ("guard" in job) {
      const r = await runGuard(settings, job.guard, baseline);
      guardResults.push(r);
      const ok = guardHeld(r);
      log(`${ok ? "ok  " : "FAIL"} ${r.id}${r.refused ? " (refused)" : " (kept, not refused)"}${ok ? "" : `\n       ${r.notes.join("\n       ")}`}`);
    } else {
      const r = await runBadInput(settings, job.bad);
      badInputs.push(r);
      const ok = r.rejected && r.apiCalls === 0 && r.clear && r.secretLeaks.length === 0;
      log(`${ok ? "ok  " : "FAIL"} bad input ${r.id}${ok ? "" : `: rejected=${r.rejected} apiCalls=${r.apiCalls} missing=${r.missing.join(", ")}\n       ${r.message.slice(0, 400)}`}`);
    }
  });
  if (!settings.keepFailed) {
    fs.rmSync(baseline, { recursive: true, force: true });
    for (const dir of Object.values(safetyBaselines)) fs.rmSync(dir, { recursive: true, force: true });
  }
  const order = (ids: string[]) => (a: { id: string }, b: { id: string }) => ids.indexOf(a.id) - ids.indexOf(b.id);
  faults.sort(order(matrix.map((c) => c.id)));
  badInputs.sort(order(bad.map((c) => c.id)));
  guardResults.sort(order(guards.map((g) => g.id)));
  const safetyIds = safety.flatMap((c) => SAFETY_MODES.map((m) => `${c.id}-${m}`));
  safetyResults.sort(order(safetyIds));
  const figures = {
    ...summarize(faults, badInputs),
    ...dataSafetyFigures(safety, safetyResults),
  };
  figures.secretLeaks += guardResults.reduce((n, g) => n + g.secretLeaks.length, 0) + safetyResults.reduce((n, r) => n + r.secretLeaks.length, 0);
  return { figures, faults, badInputs, guards: guardResults, dataSafety: safetyResults, wallMs: Date.now() - started };
}

/** A data-safety case holds when it held with and without a preview pass. */
export function dataSafetyFigures(cases: readonly DataSafetyCase[], results: readonly DataSafetyResult[]): { dataSafetyCases: number; dataSafetyHeld: number } {
  const held = cases.filter((c) => SAFETY_MODES.every((m) => results.some((r) => r.id === `${c.id}-${m}` && r.held)));
  return { dataSafetyCases: cases.length, dataSafetyHeld: held.length };
}
