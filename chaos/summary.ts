/** Per-case results and the figures `npm run chaos` ends with. */
import type { SecretLeak } from "./secretScan";

export interface FaultCaseResult {
  id: string;
  scenario: string;
  kind: string;
  /** The injected fault was consumed by at least one request (or the out-of-band action happened). */
  faultFired: boolean;
  /** The faulty run ended in an error (retries may legitimately absorb a fault). */
  faultyRunFailed: boolean;
  /** For a failed faulty run: what its error output lacks (empty = clear). */
  errorMissing: string[];
  converged: boolean;
  duplicates: number;
  orphans: number;
  lost: number;
  secretLeaks: SecretLeak[];
  /** Why the case did not converge, or anything else worth reading. */
  notes: string[];
  durationMs: number;
}

export interface BadInputResult {
  id: string;
  rejected: boolean;
  /** Render API calls the emulator counted during the refused run. */
  apiCalls: number;
  clear: boolean;
  missing: string[];
  message: string;
  secretLeaks: SecretLeak[];
}

export interface ChaosFigures {
  cases: number;
  converged: number;
  duplicates: number;
  orphans: number;
  lost: number;
  unclearErrors: number;
  badInputs: number;
  rejectedBeforeApi: number;
  clearMessages: number;
  secretLeaks: number;
  /** Generated data-safety cases run (each with and without a preview pass), and how many held in both. */
  dataSafetyCases?: number;
  dataSafetyHeld?: number;
}

export function summarize(faults: readonly FaultCaseResult[], badInputs: readonly BadInputResult[]): ChaosFigures {
  const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
  return {
    cases: faults.length,
    converged: faults.filter((r) => r.converged).length,
    duplicates: sum(faults.map((r) => r.duplicates)),
    orphans: sum(faults.map((r) => r.orphans)),
    lost: sum(faults.map((r) => r.lost)),
    unclearErrors: faults.filter((r) => r.faultyRunFailed && r.errorMissing.length > 0).length,
    badInputs: badInputs.length,
    rejectedBeforeApi: badInputs.filter((r) => r.rejected && r.apiCalls === 0).length,
    clearMessages: badInputs.filter((r) => r.rejected && r.clear).length,
    secretLeaks: sum(faults.map((r) => r.secretLeaks.length)) + sum(badInputs.map((r) => r.secretLeaks.length)),
  };
}

/** True when the figures meet the bar: every case converged cleanly and every bad input was refused well. */
export function figuresPass(f: ChaosFigures, minCases: number, minBadInputs: number): boolean {
  return f.cases >= minCases && f.converged === f.cases && f.duplicates === 0 && f.orphans === 0 && f.lost === 0 &&
    f.unclearErrors === 0 && f.badInputs >= minBadInputs && f.rejectedBeforeApi === f.badInputs &&
    f.clearMessages === f.badInputs && f.secretLeaks === 0 && f.dataSafetyHeld === f.dataSafetyCases;
}
