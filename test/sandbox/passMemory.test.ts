import { spawnSync } from "child_process";
import * as path from "path";
import { transpileHook } from "../../sandbox/isolated";

/**
 * The engine runs the program twice in one process (preview, then apply): nothing of a finished pass may stay
 * alive, or the apply of a large stack holds two copies of every resource's SDK objects.
 */
describe("program passes in one process", () => {
  it("leave nothing of a pass alive once it is over", () => {
    const child = spawnSync(process.execPath, ["--expose-gc", "-r", transpileHook(), path.join(__dirname, "passMemory.child.ts")], {
      encoding: "utf8", env: { ...process.env, PASS_MEMORY_WORKERS: "300" }, timeout: 90_000,
    });
    expect(child.status).toBe(0);
    const { during, after } = JSON.parse(child.stdout.trim().split("\n").pop()!) as { during: number[]; after: number[] };
    // What one pass holds while it runs: its ~300 resources, their outputs and promises (about 20 MB).
    const passMb = during[4] - after[4];
    expect(passMb).toBeGreaterThan(5);
    // The first pass is not kept (the SDK holds its first store for a leak check at exit) ...
    expect(after[1] - after[0]).toBeLessThan(0.1 * passMb);
    // ... nor any later one (the closure serializer's inspector keeps the provider functions it looked into).
    expect((after[4] - after[1]) / 3).toBeLessThan(0.05 * passMb);
  }, 100_000);
});
