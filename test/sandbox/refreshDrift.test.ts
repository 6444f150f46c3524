/** `--refresh` end to end: a change made behind the program's back is seen (and undone) only by a refreshed run. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type EmulatorHandle } from "../../emulator/server";
import { REPO_ROOT } from "../../sandbox/engine";
import { runSandboxIsolated } from "../../sandbox/isolated";

describe("--refresh end to end", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-refresh-"));
  const stackFile = path.join(dir, "Pulumi.drift.yaml");
  let emulator: EmulatorHandle;
  jest.setTimeout(180_000);

  beforeAll(async () => {
    fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), stackFile);
    emulator = await startEmulator({ port: 0, timeScale: 0.002 });
  });
  afterAll(async () => {
    await emulator.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (refresh: boolean) => runSandboxIsolated({
    stack: stackFile, stage: 0, stateDir: dir, emulatorUrl: emulator.url, refresh,
    env: { ...process.env, RENDER_API_KEY: emulator.apiKey },
  });

  it("sees a change made behind the program's back only when refreshing, and undoes it", async () => {
    const first = await run(false);
    expect(first.errors).toEqual([]);
    const web = first.resources.find((r) => r.type.endsWith(":Service") && r.name === "drift-web")!;
    const api = `${emulator.url}/v1/services/${web.id}`;
    const headers = { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" };
    const before = await (await fetch(api, { headers })).json() as { serviceDetails: { plan: string } };
    const other = before.serviceDetails.plan === "standard" ? "pro" : "standard";
    const patched = await fetch(api, { method: "PATCH", headers, body: JSON.stringify({ serviceDetails: { plan: other } }) });
    expect(patched.status).toBe(200);

    const blind = await run(false);
    expect(blind.errors).toEqual([]);
    expect(blind.plan.update).toBe(0);

    const refreshed = await run(true);
    expect(refreshed.errors).toEqual([]);
    expect(refreshed.resources.filter((r) => r.action !== "same").map((r) => `${r.action} ${r.name}`)).toEqual(["update drift-web"]);
    const after = await (await fetch(api, { headers })).json() as { serviceDetails: { plan: string } };
    expect(after.serviceDetails.plan).toBe(before.serviceDetails.plan);
  });
});
