import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GUARD_CASES } from "../../chaos/guardCases";
import { guardHeld, runGuard } from "../../chaos/runGuard";
import { stageConfig } from "../../chaos/stackConfigs";
import { parseStackConfig } from "../../components/config";
import type { Stage } from "../../components/enums";
import { dataLossProblems, plannedStateful, type PreviousState } from "../../components/statefulPlan";

/** What a run at `stage` of the chaos config exported as its stateful resources. */
function previousAt(stage: Stage): PreviousState {
  const config = parseStackConfig(stageConfig(stage), { stackName: "chaos" });
  return { stage, statefulResources: plannedStateful(config, "chaos", stage, { statefulResources: [] }) };
}

function problems(from: Stage, to: Stage, allow: Record<string, boolean> = {}): string[] {
  const raw = { ...stageConfig(to), allowDataLoss: allow };
  return dataLossProblems(parseStackConfig(raw, { stackName: "chaos" }), "chaos", to, previousAt(from));
}

describe("data-loss guards of the chaos stack", () => {
  it.each([
    ["lowering stage 3 → 2 deletes the Key Value instance", 3, 2, "keyValue"],
    ["lowering stage 3 → 1 deletes Postgres", 3, 1, "postgres"],
    ["lowering stage 4 → 3 deletes the bucket", 4, 3, "bucket"],
    ["moving the disk to a private service (stage 0 → 1)", 0, 1, "disk"],
  ] as const)("refuses %s and says how to allow it", (_what, from, to, kind) => {
    const refused = problems(from, to);
    expect(refused.some((p) => p.includes(`pulumi config set --path allowDataLoss.${kind} true`))).toBe(true);
    const allowed = problems(from, to, { disk: true, postgres: true, keyValue: true, bucket: true });
    expect(allowed).toEqual([]);
  });

  it("retires the disk at stage 2: refused when its data would go, kept while the config still has it", () => {
    expect(problems(0, 2).some((p) => p.includes("allowDataLoss.disk true"))).toBe(true);
    const withDisk = { ...stageConfig(2), apps: { web: { ...(stageConfig(0).apps as Record<string, object>).web, env: {} } } };
    const kept = parseStackConfig(withDisk, { stackName: "chaos" });
    expect(dataLossProblems(kept, "chaos", 2, previousAt(0))).toEqual([]);
    expect(plannedStateful(kept, "chaos", 2, previousAt(0)).map((r) => r.kind)).toEqual(["disk", "postgres"]);
  });

});

describe("chaos guard runs on the sandbox", () => {
  const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-guards-"));
  afterAll(() => fs.rmSync(workRoot, { recursive: true, force: true }));
  const settings = { seed: 11, workRoot, timeScale: 0.005, keepFailed: false };

  // One guard that starts from a fresh stage 0 stack (no baseline needed) keeps the suite short;
  // `npm run chaos` runs all of them.
  it.each(GUARD_CASES.filter((g) => g.id === "guard-stage-0-to-1-moves-disk").map((g) => [g.id, g] as const))(
    "%s: refused with nothing lost, says how to allow it, then goes through once allowed", async (_id, guard) => {
      const result = await runGuard(settings, guard, "");
      expect(result.notes).toEqual([]);
      expect(result).toMatchObject({ kept: true, refused: true, saysHow: true, allowedWorks: true, secretLeaks: [] });
      expect(guardHeld(result)).toBe(true);
    }, 600_000);
});
