/**
 * Mutation scores per module from a Stryker JSON report (mutation-testing-report-schema), and the gate CI applies:
 * every module, and all of them together, must reach the target. A killed or timed-out mutant counts as detected;
 * a survivor or a mutant no test covers counts against the score; ignored (static) mutants and ones that do not
 * compile are left out, as Stryker itself counts them.
 */
import * as fs from "fs";

export const TARGET = 85;

interface Mutant { status: string; mutatorName?: string; location?: { start: { line: number } }; replacement?: string }
interface Report { files: Record<string, { mutants: Mutant[] }> }

export interface ModuleScore {
  file: string;
  detected: number;
  undetected: number;
  /** Percent, one decimal; 100 for a module without valid mutants. */
  score: number;
  survivors: string[];
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

export function moduleScores(report: Report): ModuleScore[] {
  return Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b)).map(([file, { mutants }]) => {
    const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
    const missed = mutants.filter((m) => UNDETECTED.has(m.status));
    const valid = detected + missed.length;
    return {
      file, detected, undetected: missed.length,
      score: valid === 0 ? 100 : Math.floor((detected / valid) * 1000) / 10,
      survivors: missed.map((m) => `${file}:${m.location?.start.line ?? "?"} ${m.mutatorName ?? "?"} → ${JSON.stringify(m.replacement ?? "")} (${m.status})`),
    };
  });
}

export function totalScore(scores: ModuleScore[]): number {
  const detected = scores.reduce((n, s) => n + s.detected, 0);
  const valid = detected + scores.reduce((n, s) => n + s.undetected, 0);
  return valid === 0 ? 100 : Math.floor((detected / valid) * 1000) / 10;
}

/** The modules under the target (and "total" when the whole is), empty when the gate passes. */
export function belowTarget(scores: ModuleScore[], target = TARGET): string[] {
  const low = scores.filter((s) => s.score < target).map((s) => `${s.file} ${s.score}%`);
  const total = totalScore(scores);
  return total < target ? [...low, `total ${total}%`] : low;
}

function main(argv: string[]): void {
  const file = argv[0] ?? "mutation/report/mutation.json";
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
  const scores = moduleScores(report);
  const width = Math.max(...scores.map((s) => s.file.length), 5);
  for (const s of scores) process.stdout.write(`${s.file.padEnd(width)}  ${String(s.score).padStart(5)}%  ${s.detected} detected, ${s.undetected} not\n`);
  process.stdout.write(`${"total".padEnd(width)}  ${String(totalScore(scores)).padStart(5)}%  (target ${TARGET}% per module)\n`);
  if (argv.includes("--survivors")) for (const s of scores) for (const line of s.survivors) process.stdout.write(`  ${line}\n`);
  const low = belowTarget(scores);
  if (low.length > 0) {
    process.stderr.write(`Mutation score below ${TARGET}%: ${low.join(", ")}. Add tests that fail on these mutants ` +
      `(npm run mutation -- --survivors lists them), then re-run npm run mutation.\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) main(process.argv.slice(2));
