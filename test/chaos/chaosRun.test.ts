import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runChaos, type ChaosReport } from "../../chaos/runChaos";

/** A few cases of every family, end to end on the emulator: the full matrix is `npm run chaos`. */
const SUBSET = /^(destroy-delete-postgres-commitThen(Error|Timeout)|destroy-kill-1|plan-unknown)$/;

describe("chaos matrix (subset)", () => {
  let report: ChaosReport;
  let workRoot: string;

  beforeAll(async () => {
    workRoot = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-test-"));
    report = await runChaos({ seed: 7, scenarios: ["destroy"], only: SUBSET, workRoot, skipGuards: true });
  }, 180_000);

  afterAll(() => fs.rmSync(workRoot, { recursive: true, force: true }));

  it("converges after a commit-then-fail and after a kill, with nothing duplicated, orphaned or lost", () => {
    expect(report.faults.map((r) => [r.kind, r.faultFired, r.converged, r.duplicates, r.orphans, r.lost, r.errorMissing, r.secretLeaks]))
      .toEqual([
        [expect.stringMatching(/^commitThen(Error|Timeout)$/), true, true, 0, 0, 0, [], []],
        ["kill", true, true, 0, 0, 0, [], []],
      ]);
  });

  it("refuses a bad input before any API call with a clear message", () => {
    expect(report.badInputs.map((r) => [r.id, r.rejected, r.apiCalls, r.clear, r.secretLeaks])).toEqual([["plan-unknown", true, 0, true, []]]);
  });

  it("sums the cases into the figures", () => {
    expect(report.figures).toEqual({
      cases: 2, converged: 2, duplicates: 0, orphans: 0, lost: 0, unclearErrors: 0,
      badInputs: 1, rejectedBeforeApi: 1, clearMessages: 1, secretLeaks: 0, dataSafetyCases: 0, dataSafetyHeld: 0,
    });
  });
});
