import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withCaseEnv } from "../../chaos/caseEnv";
import { runStack, stateDir } from "../../chaos/stackRun";
import { stageConfig, variant } from "../../chaos/stackConfigs";

describe("sandbox state safety", () => {
  it("refuses a second run on a stack while the first one holds the lock", async () => {
    const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), "chaos-lock-"));
    const settings = { seed: 3, workRoot, timeScale: 0.01, keepFailed: false };
    try {
      const outcome = await withCaseEnv(settings, "lock", { seed: 3 }, async ({ target, admin }) => {
        // A refused config keeps the first run short; it still takes the lock before the program starts.
        const first = runStack(target, variant(stageConfig(3), (c) => { c.apps.web.plan = "huge"; }));
        const lock = path.join(stateDir(target), `${target.stack}.lock`);
        while (!fs.existsSync(lock)) await new Promise((resolve) => setTimeout(resolve, 10));
        const second = await runStack(target, "existing");
        await first;
        return { value: { second, calls: (await admin.requests()).total, lockLeft: fs.existsSync(lock) }, passed: true };
      });
      expect(outcome.second.ok).toBe(false);
      expect(outcome.second.errors.join("\n")).toMatch(/stack "chaos" is locked by another sandbox run \(pid \d+/);
      expect(outcome.calls).toBe(0);
      expect(outcome.lockLeft).toBe(false);
    } finally {
      fs.rmSync(workRoot, { recursive: true, force: true });
    }
  }, 60_000);
});
