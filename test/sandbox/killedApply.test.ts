import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, type SandboxResult } from "../../sandbox/engine";
import { runSandboxIsolated } from "../../sandbox/isolated";
import { SecretBox } from "../../sandbox/secretBox";
import { stateFileResources } from "../../sandbox/stateStore";

// Several runs of the stage 3 stack, some killed mid-apply; a loaded 2-core machine needs the margin.
jest.setTimeout(300_000);

const RENDER_ID = /^(srv|crn|dpg|red|dsk|evg|cdm|prj|evm)-[0-9a-v]{20}(-[a-z])?$/;
const WRITES = ["POST", "PUT", "PATCH", "DELETE"] as const;

/** A small deterministic generator: the kill points differ per round but repeat run to run. */
function points(seed: number, count: number, max: number): number[] {
  let x = seed >>> 0;
  return Array.from({ length: count }, () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return 1 + (x % max);
  });
}

describe("a sandbox apply killed with SIGKILL at random points", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-killed-"));
  const stateDir = path.join(dir, "state");
  const stackFile = path.join(dir, "Pulumi.killed.yaml");
  fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), stackFile);
  const dataFile = path.join(stateDir, "killed.emulator.json");
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The emulator's inventory as saved (the sandbox seals it with the stack's key). */
  const saved = (): Record<string, unknown> => {
    const sealed = (JSON.parse(fs.readFileSync(dataFile, "utf8")) as { sealed: string }).sealed;
    return JSON.parse(SecretBox.open(path.join(stateDir, "killed.key"), undefined, { kind: "keyfile" }).decrypt(sealed)) as Record<string, unknown>;
  };
  const savedIds = (data: Record<string, unknown>): Set<string> => new Set(Object.values(data)
    .filter((c): c is Record<string, unknown> => c !== null && typeof c === "object" && !Array.isArray(c))
    .flatMap((c) => Object.keys(c)));
  /** Render ids the sandbox state knows (each was answered by the emulator before the state recorded it). */
  const stateIds = (): string[] => {
    const file = path.join(stateDir, "killed.json");
    if (!fs.existsSync(file)) return [];
    return stateFileResources(fs.readFileSync(file, "utf8")).map((r) => r.id ?? "").filter((id) => RENDER_ID.test(id));
  };

  const run = (onStart?: (pid: number) => void): Promise<SandboxResult> =>
    runSandboxIsolated({ stack: stackFile, stage: 3, stateDir, timeScale: 0.002, onStart, print: () => undefined });

  /** Runs the stack and kills its worker (which hosts the emulator) once the data file has been saved `saves` times. */
  async function killAfterSaves(saves: number): Promise<{ killed: boolean; seen: number; error: string }> {
    let seen = 0;
    let last = "";
    let killed = false;
    let watching = true;
    const outcome = run((pid) => {
      const watch = () => {
        if (!watching) return;
        try {
          const stat = fs.statSync(dataFile);
          const version = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
          if (version !== last) { last = version; seen++; }
        } catch { /* not written yet */ }
        if (seen >= saves) {
          try { process.kill(pid, "SIGKILL"); killed = true; } catch { /* already gone */ }
          watching = false;
          return;
        }
        setTimeout(watch, 2);
      };
      watch();
    }).then((result) => result.errors.join("; ").slice(0, 300), (err: Error) => (killed ? "" : err.message.slice(0, 300)));
    const error = await outcome;
    watching = false;
    return { killed, seen, error };
  }

  it("keeps every resource Render acknowledged in the emulator's data file, and the rerun converges", async () => {
    const kills = [];
    // The first round dies at the first write it sees; the others at a drawn one (a round that finishes first
    // simply leaves a converged stack for the next to change nothing on).
    for (const saves of [1, ...points(20261204, 2, 4)]) {
      // Each round continues from what the previous killed round left behind.
      const killed = await killAfterSaves(saves);
      kills.push(killed);
      if (!fs.existsSync(dataFile)) {
        expect(stateIds()).toEqual([]);
        continue;
      }
      const ids = savedIds(saved());
      expect(stateIds().filter((id) => !ids.has(id))).toEqual([]);
      expect(fs.statSync(dataFile).mode & 0o777).toBe(0o600);
    }
    process.stdout.write(`kill rounds: ${JSON.stringify(kills)}\n`);
    expect(kills.filter((k) => k.killed).length).toBeGreaterThan(0);
    // A round the kill missed ran to its end without an error.
    expect(kills.filter((k) => !k.killed && k.error)).toEqual([]);

    const rerun = await run();
    expect(rerun.errors).toEqual([]);
    const data = saved();
    const ids = savedIds(data);
    expect(stateIds().filter((id) => !ids.has(id))).toEqual([]);
    // Every database and cache an env var points at still exists.
    const referenced = JSON.stringify(data.envVars).match(/\b(dpg-[0-9a-v]{20}-a|red-[0-9a-v]{20})\b/g) ?? [];
    expect(referenced.length).toBeGreaterThan(0);
    expect(referenced.filter((id) => !ids.has(id))).toEqual([]);

    const again = await run();
    expect(again.errors).toEqual([]);
    expect(again.plan.create + again.plan.update + again.plan.replace + again.plan.delete).toBe(0);
    expect(WRITES.reduce((n, m) => n + again.apiCalls[m], 0)).toBe(0);
  });
});
