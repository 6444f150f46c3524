import { spawnSync } from "child_process";
import * as path from "path";
import { transpileHook } from "../../sandbox/isolated";

describe("InlineProgram", () => {
  it("ends a pass after a failed step, and nothing the program registers later reaches the engine", () => {
    const child = spawnSync(process.execPath, ["-r", transpileHook(), path.join(__dirname, "inlineProgram.child.ts")], {
      encoding: "utf8", timeout: 60_000,
    });
    expect(child.stderr).not.toMatch(/Error:/);
    const run = JSON.parse(child.stdout.trim().split("\n").pop()!) as {
      errors: string[]; duringPass: string[]; afterPass: string[];
    };
    // The failed step is the engine's to report, not a program error; the pass is over before the late resource.
    expect(run.errors).toEqual([]);
    expect(run.duringPass).toEqual(expect.arrayContaining(["app", "app-db", "app-web"]));
    expect(run.duringPass).not.toContain("late");
    // The program keeps running in that process: its late resource (1.5 s after the database) is not asked for.
    expect(run.afterPass).toEqual([]);
  });
});
