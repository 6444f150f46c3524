import * as fs from "fs";
import { adminFetch } from "../../emulator/adminClient";
import * as os from "os";
import * as path from "path";
import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { REPO_ROOT } from "../../sandbox/engine";
import { runSandboxIsolated } from "../../sandbox/isolated";

jest.setTimeout(120_000);

describe("runSandbox against a running emulator, stage 1 on its own", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-stage1-"));
  const stackFile = path.join(dir, "Pulumi.solo.yaml");
  let emulator: EmulatorHandle;

  beforeAll(async () => {
    fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), stackFile);
    emulator = await startEmulator({ port: 0, timeScale: 0.01 });
  });
  afterAll(async () => {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = () => runSandboxIsolated({
    stack: stackFile, stage: 1, stateDir: dir, emulatorUrl: emulator.url,
    env: { ...process.env, RENDER_API_KEY: emulator.apiKey },
  });

  it("creates the web service, the private service and the disk it owns, then has nothing to do", async () => {
    const first = await run();
    expect(first.errors).toEqual([]);
    expect(first.stack).toBe("solo");
    expect(first.plan.replace + first.plan.delete + first.plan.update).toBe(0);
    const inventory = await (await adminFetch(emulator.url, "GET", "/state")).json() as { services: unknown[]; disks: unknown[] };
    expect(inventory.services).toHaveLength(2);
    expect(inventory.disks).toHaveLength(1);

    const second = await run();
    expect(second.plan).toEqual({ create: 0, update: 0, replace: 0, delete: 0, same: first.resources.length });
    expect(second.apiCalls.POST + second.apiCalls.PUT + second.apiCalls.PATCH + second.apiCalls.DELETE).toBe(0);
  });

  it("needs the emulator's key in RENDER_API_KEY", async () => {
    const env = { ...process.env };
    delete env.RENDER_API_KEY;
    await expect(runSandboxIsolated({ stack: stackFile, stage: 1, stateDir: dir, emulatorUrl: emulator.url, env }))
      .rejects.toThrow(`--emulator ${emulator.url}: set RENDER_API_KEY to that emulator's API key`);
  });
});
