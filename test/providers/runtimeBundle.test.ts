import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkDisk } from "../../providers/render/diskProvider";
import { RUNTIME_PROVIDERS } from "../../providers/render/runtime";
import { buildRuntimeBundle, RUNTIME_ENTRY, runtimeBundle } from "../../providers/render/runtimeBundle";
import { bundlesIn, moduleCandidates, packFiles, unpackFiles } from "../../providers/render/runtimePack";
import { loadRuntime, makeProvider } from "../../providers/render/runtimeProvider";

const RENDER_DIR = path.resolve(__dirname, "../../providers/render");

/** Writes `files` into a fresh directory and bundles `entry.js` from it. */
function bundleOf(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-bundle-"));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return buildRuntimeBundle(dir, "entry.js");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("runtime bundle", () => {
  it("packs the implementations and their helpers, never a resource class or @pulumi/pulumi", () => {
    const { files } = runtimeBundle();
    expect(Object.keys(files)).toEqual(expect.arrayContaining([
      "runtime.js", "serviceProvider.js", "diskProvider.js", "postgresProvider.js", "client.js", "errors.js", "schemas.js"]));
    expect(Object.keys(files).filter((name) => !name.endsWith("Provider.js") && !name.includes("/")).sort()).toEqual([
      "client.js", "clientBase.js", "clientWorkspace.js", "diffProps.js", "enums.js", "errors.js", "http.js",
      "ipAllowList.js", "paging.js", "poll.js", "providerBase.js", "runtime.js", "schemas.js", "serviceCheck.js",
      "serviceWire.js", "validate.js"]);
    // A kind in a folder of its own travels as its check, field table, wire mapping and provider; never its resource.ts.
    const folders = ["logStream", "maintenanceMode", "metricsStream", "notificationOverride", "notificationSettings",
      "registryCredential", "resourceLogStream", "webhook"];
    expect(Object.keys(files).filter((name) => name.includes("/")).sort())
      .toEqual(folders.flatMap((k) => ["check", "fields", "provider", "wire"].map((f) => `${k}/${f}.js`)));
    expect(Object.entries(files).filter(([, code]) => /@pulumi\/pulumi|dynamic\.Resource/.test(code)).map(([n]) => n)).toEqual([]);
  });

  it("gives the same text for the same sources", () => {
    const again = buildRuntimeBundle(RENDER_DIR, RUNTIME_ENTRY);
    expect(again.packed).toBe(runtimeBundle().packed);
    expect(again.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("packs files in name order and unpacks them unchanged", () => {
    const packed = packFiles({ "b.js": "exports.b = 2;", "a.js": "exports.a = 1;" });
    expect(packFiles({ "a.js": "exports.a = 1;", "b.js": "exports.b = 2;" })).toBe(packed);
    expect(packed.startsWith("H4sI")).toBe(true);
    expect(unpackFiles(packed)).toEqual({ "a.js": "exports.a = 1;", "b.js": "exports.b = 2;" });
    expect(bundlesIn(`var p = { packed: "${packed}", hash: "0" };`)).toEqual([{ "a.js": "exports.a = 1;", "b.js": "exports.b = 2;" }]);
  });

  test.each([
    ["runtime.js", "./client", ["client.js", "client/index.js"]],
    ["runtime.js", "./client.js", ["client.js", "client/index.js"]],
    ["a/b.js", "../c", ["c.js", "c/index.js"]],
    ["a/b.js", "./d/e", ["a/d/e.js", "a/d/e/index.js"]],
  ])("resolves require(%s → %s) inside the bundle", (from, spec, names) => {
    expect(moduleCandidates(from, spec)).toEqual(names);
  });

  it("transpiles .ts, uses a .js when there is no .ts, drops type-only imports and comments", () => {
    const { files } = bundleOf({
      "entry.ts": 'import type { Shape } from "./types";\nimport { make } from "./lib/make";\n' +
        "/** Doc. */\nexport const RUNTIME_PROVIDERS: Record<string, Shape> = { X: make() };\n",
      "types.ts": "export interface Shape { kind: string }\n",
      "lib/make.js": '// Compiled.\nconst { z } = require("zod");\nexports.make = () => ({ kind: z.string().parse("x") });\n',
    });
    expect(Object.keys(files).sort()).toEqual(["entry.js", "lib/make.js"]);
    expect(files["lib/make.js"]).toBe('const { z } = require("zod");\nexports.make = () => ({ kind: z.string().parse("x") });\n');
    expect(files["entry.js"]).toContain('require("./lib/make")');
    expect(files["entry.js"]).not.toMatch(/Doc|types/);
  });

  it("bundles a compiled copy (only .js files, comments kept) to the same modules", () => {
    const ts = require("typescript") as typeof import("typescript");
    const sources = (fs.readdirSync(RENDER_DIR, { recursive: true }) as string[]).map((f) => f.split(path.sep).join("/"));
    const compiled = Object.fromEntries(sources.filter((f) => f.endsWith(".ts")).map((f) => [
      f.replace(/\.ts$/, ".js"),
      ts.transpileModule(fs.readFileSync(path.join(RENDER_DIR, f), "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true } }).outputText,
    ]));
    const fromJs = bundleOf({ ...compiled, "entry.js": compiled["runtime.js"] });
    const { files } = runtimeBundle();
    expect(Object.keys(fromJs.files).sort()).toEqual(Object.keys(files).map((n) => (n === "runtime.js" ? "entry.js" : n)).sort());
    expect(fromJs.files["diskProvider.js"]).toBe(files["diskProvider.js"]);
  });

  it.each([
    [{ "entry.ts": 'import * as pulumi from "@pulumi/pulumi";\nexport const x = pulumi.output(1);\n' },
      'entry.ts loads @pulumi/pulumi at run time, which the runtime bundle must not carry; import what it needs from there with "import type".'],
    [{ "entry.ts": 'export { y } from "../outside";\n' }, 'require("../outside") in entry.js leaves the runtime bundle'],
    [{ "entry.ts": 'export { y } from "./missing";\n' }, 'entry.js: require("./missing") matches none of missing.js, missing/index.js (as .ts or .js)'],
  ])("refuses a bundle that cannot run alone (%#)", (files, message) => {
    expect(() => bundleOf(files)).toThrow(message);
  });
});

describe("bundle loader", () => {
  it("loads a bundle once per hash, with its own copy of each implementation", () => {
    const { packed, hash } = runtimeBundle();
    const loaded = loadRuntime(packed, hash, RUNTIME_ENTRY);
    expect(loadRuntime(packed, hash, RUNTIME_ENTRY)).toBe(loaded);
    expect(Object.keys(loaded)).toEqual(Object.keys(RUNTIME_PROVIDERS));
    expect(loaded.Disk).not.toBe(RUNTIME_PROVIDERS.Disk);
  });

  it("runs npm packages and relative modules of a bundle from its entry", () => {
    const { packed, hash } = bundleOf({
      "entry.ts": 'import { make } from "./lib/make";\nexport const RUNTIME_PROVIDERS = { X: make() };\n',
      "lib/make.ts": 'import { z } from "zod";\nimport { suffix } from "../suffix";\nexport const make = () => ({ kind: z.string().parse("x") + suffix });\n',
      "suffix.ts": 'export const suffix = "!";\n',
    });
    expect(loadRuntime(packed, hash, "entry.js")).toEqual({ X: { kind: "x!" } });
  });

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
});
