/**
 * One fault case: start from the scenario's baseline, inject the fault, run the action (the faulty run), clear
 * the fault, run the action again (the clean re-run), then judge: converged (the run succeeded, the emulator
 * matches the probe's fingerprint, and the state holds no half-created or pending-delete resource, so the next
 * run has nothing left to do), no duplicate, no orphan, no stateful object lost or replaced, a clear error from
 * the faulty run, and no secret anywhere.
 */
import { advanceClock } from "./emulatorAdmin";
import { NO_RESPONSE, judgeFaultError, statusAnswer, type FaultErrorExpectation } from "./clarity";
import { withCaseEnv, type CaseEnv, type ChaosSettings } from "./caseEnv";
import { caseLeaks, stateText, writeRunLogs } from "./evidence";
import type { FaultCase } from "./faultCases";
import { runAndKill } from "./killedRun";
import { findDuplicates, findLost, findOrphans, fingerprint, fingerprintDiff, statefulIds, type StatefulIds } from "./oracle";
import { apiClient, createDecoy, deleteOutOfBand } from "./outOfBand";
import type { ProbeResult } from "./probe";
import { caseSeed } from "./random";
import { familyOfRoute } from "./resourceNames";
import { scenario as scenarioById } from "./scenarios";
import { runStack, type RunOutcome } from "./stackRun";
import type { FaultCaseResult } from "./summary";
import { stateFileResources } from "../sandbox/stateStore";

/** Render's real durations: Postgres takes ≈ 40 s to become available, longer than the chaos wait limit. */
const REAL_TIME = 1;

/** Long enough for any emulator lifecycle (Postgres ≈ 40 s at time scale 1) to finish. */
const CLOCK_JUMP_MS = 60 * 60_000;

interface Armed {
  fired: () => Promise<boolean>;
  expectation: FaultErrorExpectation;
  forgiven: Set<string>;
  decoys: Set<string>;
  /** Undoes what the person would undo after reading the error (e.g. delete the conflicting object). */
  afterFaultyRun: (faultyOk: boolean) => Promise<void>;
}

const NOTHING = async (): Promise<void> => undefined;

async function arm(c: FaultCase, env: CaseEnv, probe: ProbeResult): Promise<Armed> {
  const { admin, emulator } = env;
  const names = probe.names;
  const forgiven = new Set<string>();
  const decoys = new Set<string>();
  const allNames = Object.values(names).flat();
  switch (c.kind) {
    case "postgresStuck":
      return {
        fired: async () => true, forgiven, decoys,
        expectation: { resourceNames: names.postgres, answers: ["creating"] },
        afterFaultyRun: () => advanceClock(emulator.url, CLOCK_JUMP_MS),
      };
    case "drift": {
      const gone = await deleteOutOfBand(apiClient(emulator.url, emulator.apiKey), await admin.state(), c.object!);
      forgiven.add(gone.id);
      return {
        fired: async () => true, forgiven, decoys, afterFaultyRun: NOTHING,
        expectation: { resourceNames: [...allNames, gone.name], answers: [statusAnswer(404), "not found", gone.id] },
      };
    }
    case "nameConflict": {
      const name = probe.renderNames[c.object!];
      if (!name) throw new Error(`${c.id}: the probe saw no ${c.object} to take the name of`);
      const client = apiClient(emulator.url, emulator.apiKey);
      const decoy = await createDecoy(client, c.object!, name);
      decoys.add(decoy);
      forgiven.add(decoy);
      return {
        fired: async () => true, forgiven, decoys,
        expectation: { resourceNames: [name, ...allNames], answers: [decoy, "already", statusAnswer(409)] },
        afterFaultyRun: async (faultyOk) => {
          if (faultyOk) return;
          if (c.object === "services") await client.deleteService(decoy);
          if (c.object === "postgres") await client.deletePostgres(decoy);
          if (c.object === "keyValue") await client.deleteKeyValue(decoy);
          decoys.delete(decoy);
        },
      };
    }
    case "kill":
      return { fired: async () => true, forgiven, decoys, afterFaultyRun: NOTHING, expectation: { resourceNames: [], answers: [] } };
    default: {
      const rule = c.rule!;
      await admin.addFault(rule);
      const family = familyOfRoute(rule.path);
      const answers: (string | RegExp)[] = [];
      if (rule.status !== undefined) answers.push(statusAnswer(rule.status));
      if (rule.message) answers.push(rule.message);
      if (rule.commitThenFail === "error") answers.push(statusAnswer(500));
      if (rule.drop || rule.latencyMs || rule.commitThenFail === "timeout") answers.push(NO_RESPONSE);
      return {
        fired: async () => (await admin.faults() as { hits?: number }[]).some((f) => (f.hits ?? 0) > 0),
        forgiven, decoys, afterFaultyRun: NOTHING,
        expectation: { resourceNames: names[family], answers },
      };
    }
  }
}

/** Resources the state marks as unfinished: created but failed to initialise, or waiting to be deleted. */
function unfinished(stateJson: string): string[] {
  if (!stateJson) return [];
  return stateFileResources(stateJson).filter((r) => (r.initErrors?.length ?? 0) > 0 || r.pendingDelete === true)
    .map((r) => `${r.urn.split("::").pop()} is ${r.pendingDelete ? "pending delete" : "not fully created"}`);
}

export async function runFaultCase(settings: ChaosSettings, c: FaultCase, probe: ProbeResult, baseline: string): Promise<FaultCaseResult> {
  const started = Date.now();
  const sc = scenarioById(c.scenario);
  const opts = {
    seed: caseSeed(settings.seed, c.id),
    baseline: sc.fromBaseline ? baseline : undefined,
    timeScale: c.kind === "postgresStuck" ? REAL_TIME : settings.timeScale,
  };
  return withCaseEnv(settings, c.id, opts, async (env) => {
    const { admin, target } = env;
    const runs: { label: string; outcome: RunOutcome }[] = [];
    const notes: string[] = [];
    const result = (fields: Partial<FaultCaseResult>): FaultCaseResult => ({
      id: c.id, scenario: c.scenario, kind: c.kind, faultFired: false, faultyRunFailed: false, errorMissing: [],
      converged: false, duplicates: 0, orphans: 0, lost: 0, secretLeaks: [], notes, durationMs: Date.now() - started, ...fields,
    });
    const seen: StatefulIds[] = [statefulIds(await admin.state())];
    const armed = await arm(c, env, probe);

    let faulty: RunOutcome;
    if (c.kind === "kill") {
      const killed = await runAndKill(target, sc.action, c.killAfterWrites!);
      faulty = { ok: !killed.killed && killed.exitCode === 0, errors: [], log: killed.log };
      if (!killed.killed) notes.push(`the run finished before ${c.killAfterWrites} writes; not killed`);
      else notes.push(`killed after ${killed.writesAtKill} writes`);
    } else {
      faulty = await runStack(target, sc.action);
    }
    runs.push({ label: "faulty run", outcome: faulty });
    const faultFired = c.kind === "kill" ? !faulty.ok || notes.some((n) => n.startsWith("killed")) : await armed.fired();
    await admin.clearFaults();
    seen.push(statefulIds(await admin.state()));
    const faultyRunFailed = c.kind !== "kill" && !faulty.ok;
    const errorMissing = faultyRunFailed ? judgeFaultError(faulty.errors.join("\n"), armed.expectation).missing : [];
    if (errorMissing.length > 0) notes.push(`unclear error (missing ${errorMissing.join(", ")}): ${faulty.errors.join(" | ").slice(0, 600)}`);
    await armed.afterFaultyRun(faulty.ok);

    // After drift the person does what the error says: refresh, then re-run.
    const clean = await runStack(target, c.kind === "kill" && sc.action !== "destroy" ? "existing" : sc.action, { refresh: c.kind === "drift" });
    runs.push({ label: "clean re-run", outcome: clean });

    const inventory = await admin.state();
    const text = stateText(target.workDir, target.stack);
    const duplicates = findDuplicates(inventory);
    const orphans = findOrphans(inventory, text, armed.decoys);
    const lost = findLost(seen, statefulIds(inventory), probe.desired, armed.forgiven);
    const drift = fingerprintDiff(probe.desired, fingerprint(inventory));
    if (!clean.ok) notes.push(`clean re-run failed: ${clean.errors.join(" | ").slice(0, 600)}`);
    const leftovers = unfinished(text);
    notes.push(...leftovers.map((l) => `not converged: ${l}`));
    notes.push(...duplicates.map((d) => `duplicate: ${d}`), ...orphans.map((o) => `orphan: ${o}`), ...lost.map((l) => `lost: ${l}`));
    notes.push(...drift.map((d) => `not converged: ${d}`));
    if (!faultFired) notes.push("the fault never fired");

    const leaks = caseLeaks(target, inventory, runs);
    writeRunLogs(target.workDir, runs);
    notes.push(...leaks.map((l) => `secret leak: ${l.kind} in ${l.source}`));
    const converged = clean.ok && drift.length === 0 && leftovers.length === 0;
    const value = result({
      faultFired, faultyRunFailed, errorMissing, converged,
      duplicates: duplicates.length, orphans: orphans.length, lost: lost.length, secretLeaks: leaks,
    });
    const passed = converged && faultFired && duplicates.length + orphans.length + lost.length + leaks.length === 0 && errorMissing.length === 0;
    return { value, passed };
  });
}
