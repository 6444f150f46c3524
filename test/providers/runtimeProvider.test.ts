import { execFileSync } from "child_process";
import * as path from "path";
import { checkDisk } from "../../providers/render/diskProvider";
import { RUNTIME_PROVIDERS } from "../../providers/render/runtime";
import { RUNTIME_MODULE, makeProvider, projectProvider } from "../../providers/render/runtimeProvider";

const ROOT = path.resolve(__dirname, "../..");

describe("provider runtime loaded from the project", () => {
  it("gives each resource class one provider object that answers like the implementation", async () => {
    const provider = makeProvider("Disk");
    expect(makeProvider("Disk")).toBe(provider);
    const news = { serviceId: "srv-1", name: "data", mountPath: "/var/data" };
    await expect(provider.check!({}, news)).resolves.toEqual(checkDisk({}, news));
  });

  it("throws native errors that keep their message", async () => {
    const olds = { serviceId: "srv-1", name: "data", mountPath: "/var/data", sizeGB: 10 };
    const err = await makeProvider("Disk").diff!("dsk-1", olds, { ...olds, sizeGB: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('disk "data": sizeGB 5 < current 10; Render disks only grow. Keep 10 or create a new disk.');
  });

  it("names the missing runtime and the fix when the working directory is not the project", async () => {
    const provider = projectProvider("Disk", "nowhere/runtimeLoader.js");
    const err = await (async () => provider.check!({}, {}))().catch((e: unknown) => e);
    expect((err as Error).message).toContain(path.join(ROOT, "nowhere/runtimeLoader.js"));
    expect((err as Error).message).toContain("npm ci");
  });

  it("runs from the sources in a plain Node process, as the plugin has no TypeScript loader", () => {
    // The plugin's situation: `node` in the program directory, nothing registered for `.ts`.
    const script = `const r = require(require("path").resolve(process.cwd(), ${JSON.stringify(RUNTIME_MODULE)}));
      const d = r.RUNTIME_PROVIDERS.Disk;
      Promise.resolve(d.check({}, { serviceId: "srv-1", name: "data", mountPath: "/var/data" }))
        .then((res) => console.log(JSON.stringify({ kinds: Object.keys(r.RUNTIME_PROVIDERS), res })));`;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH } });
    const parsed = JSON.parse(out.trim().split("\n").pop()!);
    expect(parsed.kinds).toEqual(Object.keys(RUNTIME_PROVIDERS));
    expect(parsed.res).toEqual(JSON.parse(JSON.stringify(checkDisk({}, { serviceId: "srv-1", name: "data", mountPath: "/var/data" }))));
  });
});
