/**
 * The data-safety plan on the real program and emulator: a region change on a stack holding a disk would replace
 * the service and its disk; it is refused with 0 write calls with and without a preview pass (CI applies skip
 * it), and once allowed the disk is replaced and nothing else stateful is lost.
 */
import * as fs from "fs";
import { SecretBox } from "../../sandbox/secretBox";
import { stateFileResources } from "../../sandbox/stateStore";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { REPO_ROOT, SandboxResult } from "../../sandbox/engine";
import { runSandboxIsolated } from "../../sandbox/isolated";

const WRITES = ["POST", "PUT", "PATCH", "DELETE"] as const;
const writes = (res: SandboxResult) => WRITES.reduce((n, m) => n + res.apiCalls[m], 0);

jest.setTimeout(180_000);

describe("a region change on a stack holding a disk", () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-safety-"));
  const file = path.join(stateDir, "Pulumi.dev.yaml");
  afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  function configure(edit: (config: Record<string, unknown>) => void): void {
    const doc = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.dev.yaml"), "utf8"));
    edit(doc.config);
    fs.writeFileSync(file, YAML.stringify(doc));
  }
  const run = (skipPreview: boolean) => runSandboxIsolated({ stack: file, stateDir, timeScale: 0.002, skipPreview });
  /** Render disk and service ids, from the emulator's data file. */
  function renderIds(): { disks: string[]; services: string[] } {
    // The emulator's data file is sealed with the stack's key.
    const sealed = JSON.parse(fs.readFileSync(path.join(stateDir, "dev.emulator.json"), "utf8"));
    const inventory = SecretBox.open(path.join(stateDir, "dev.key"), undefined, { kind: "keyfile" }).decrypt(sealed.sealed);
    return { disks: [...new Set(inventory.match(/dsk-[a-z0-9]+/g) ?? [])].sort(), services: [...new Set(inventory.match(/srv-[a-z0-9]+/g) ?? [])].sort() };
  }
  function diskIdInState(): string {
    const resources = stateFileResources(fs.readFileSync(path.join(stateDir, "dev.json"), "utf8"));
    return resources.find((r) => r.urn.endsWith("::dev-web-disk"))!.id!;
  }

  it("is refused before any write, with and without a preview, and goes through once allowed", async () => {
    configure(() => undefined);
    const first = await run(true);
    expect(first.errors).toEqual([]);
    expect(first.preview).toEqual([]);
    expect(first.resources.map((r) => r.name)).toContain("dev-web-disk");
    const disk = diskIdInState();

    configure((c) => { c["render-stages:region"] = "ohio"; });
    for (const skipPreview of [false, true]) {
      const refused = await run(skipPreview);
      expect(refused.errors).toHaveLength(1);
      expect(refused.errors[0]).toContain('disk "dev-web-disk" (Render "qrcards-data") would be replaced by a new, empty disk');
      expect(refused.errors[0]).toContain('region: "oregon" → "ohio" (service "dev-web")');
      expect(refused.errors[0]).toContain("Render cannot move a service to another region");
      expect(refused.errors[0]).toContain("pulumi config set --path allowDataLoss.disk true");
      expect(writes(refused)).toBe(0);
      expect(refused.resources.filter((r) => r.action !== "same" && r.action !== "read")).toEqual([]);
      expect(diskIdInState()).toBe(disk);
    }

    configure((c) => { c["render-stages:region"] = "ohio"; c["render-stages:allowDataLoss"] = { disk: true }; });
    const allowed = await run(true);
    expect(allowed.errors).toEqual([]);
    expect(allowed.resources.filter((r) => r.action === "replace").map((r) => r.name).sort()).toEqual(["dev-web", "dev-web-disk", "dev-web-endpoint"]);
    expect(diskIdInState()).not.toBe(disk);
    expect(renderIds().disks).toEqual([diskIdInState()]);
    expect(renderIds().services).toHaveLength(1);
  });
});
