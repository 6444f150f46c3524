/**
 * Everything a case leaves behind that must hold no secret: every file (the sandbox state with its serialized
 * providers, the emulator's data file, the stack file, logs), the runs' printed output and errors, and their
 * outputs. Key files are not scanned for secrets: their keys are secrets themselves, looked for everywhere else.
 */
import * as fs from "fs";
import * as path from "path";
import { collectSecrets, KEY_FILE, keyFileSecrets, scanForSecrets, type ScanTarget, type SecretLeak } from "./secretScan";
import type { RunOutcome, StackTarget } from "./stackRun";
import { stateFileResources } from "../sandbox/stateStore";

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Serialized `__provider` closures found in a state file, one target each. */
function providersIn(file: string, text: string): ScanTarget[] {
  try {
    return stateFileResources(text)
      .filter((r) => typeof r.outputs?.__provider === "string")
      .map((r) => ({ source: `serialized provider of ${r.urn} in ${path.basename(file)}`, text: r.outputs!.__provider as string }));
  } catch {
    return [];
  }
}

export function caseEvidence(workDir: string, runs: readonly { label: string; outcome: Pick<RunOutcome, "log" | "errors" | "result"> }[]): ScanTarget[] {
  const targets: ScanTarget[] = [];
  for (const file of filesUnder(workDir)) {
    if (KEY_FILE.test(file)) continue;
    const text = fs.readFileSync(file, "utf8");
    targets.push({ source: `file ${path.relative(workDir, file)}`, text }, ...providersIn(file, text));
  }
  for (const { label, outcome } of runs) {
    targets.push({ source: `output of ${label}`, text: outcome.log });
    targets.push({ source: `errors of ${label}`, text: outcome.errors.join("\n") });
    if (outcome.result) targets.push({ source: `result of ${label}`, text: JSON.stringify(outcome.result) });
  }
  return targets;
}

/** The state file's text (empty when the stack has none yet). */
export function stateText(workDir: string, stack: string): string {
  const file = path.join(workDir, "state", `${stack}.json`);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

/** Keeps each run's printed output and errors in `<workDir>/logs/` for reading a failed case afterwards. */
export function writeRunLogs(workDir: string, runs: readonly { label: string; outcome: Pick<RunOutcome, "log" | "errors"> }[]): void {
  const dir = path.join(workDir, "logs");
  fs.mkdirSync(dir, { recursive: true });
  runs.forEach(({ label, outcome }, i) => {
    fs.writeFileSync(path.join(dir, `${i + 1}-${label.replace(/\W+/g, "-")}.log`), `${outcome.log}\n\nerrors:\n${outcome.errors.join("\n")}\n`);
  });
}

/** Every leak of a real secret (from the emulator's inventory, the API key, the stack's secret config) a case left behind. */
export function caseLeaks(target: StackTarget, inventory: Record<string, unknown>,
  runs: readonly { label: string; outcome: Pick<RunOutcome, "log" | "errors" | "result"> }[]): SecretLeak[] {
  const secrets = collectSecrets(inventory, [
    { kind: "Render API key", value: target.apiKey },
    ...Object.entries(target.secrets).map(([key, value]) => ({ kind: `secret config ${key}`, value })),
    ...keyFileSecrets(filesUnder(target.workDir).map((file) => ({ name: file, text: fs.readFileSync(file, "utf8") }))),
  ]);
  return scanForSecrets(caseEvidence(target.workDir, runs), secrets);
}
