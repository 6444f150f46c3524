import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { STAGE1_WARNING, retiredDiskWarning } from "../../components/warnings";
import { loadPriceCatalog } from "../../cost/catalog";
import { compareConfigs } from "../../cost/delta";
import { money } from "../../cost/format";
import { readStackConfig } from "../../cost/readStack";
import { SandboxResult } from "../../sandbox/engine";
import { runSandboxIsolated } from "../../sandbox/isolated";

// Three runs of the real program (two of them side by side); a loaded 2-core machine needs the margin.
jest.setTimeout(120_000);

const STACK_COMPONENT = "urn:pulumi:dev::render-stages::hosting:index:Stack::dev";

interface Run {
  result: SandboxResult;
  text: string;
}

describe("runSandbox diagnostics and monthly cost, on the real program's dev stack", () => {
  const dirs: string[] = [];
  const run = async (stage: number, stateDir: string): Promise<Run> => {
    const printed: string[] = [];
    const result = await runSandboxIsolated({ stack: "dev", stage, stateDir, timeScale: 0.002, print: (t) => printed.push(t) });
    expect(result.errors).toEqual([]);
    return { result, text: printed.join("\n") };
  };
  const newDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-reporting-"));
    dirs.push(dir);
    return dir;
  };
  let stage0: Run;
  let stage1: Run;
  let stage2: Run;

  beforeAll(async () => {
    const grown = newDir();
    [stage0, stage1] = await Promise.all([run(0, grown), run(1, newDir())]);
    stage2 = await run(2, grown);
  });
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("shows stage 1's warning once, after the apply, under the stack component", () => {
    expect(stage1.result.diagnostics).toEqual([
      { severity: "warning", urn: STACK_COMPONENT, type: "hosting:index:Stack", name: "dev", message: STAGE1_WARNING },
    ]);
    const section = `Diagnostics:\n  hosting:index:Stack (dev):\n    warning: ${STAGE1_WARNING}`;
    expect(stage1.text).toContain(section);
    expect(stage1.text.indexOf(section)).toBeGreaterThan(stage1.text.indexOf("Updating (dev):"));
    expect(stage1.text.split(STAGE1_WARNING)).toHaveLength(2);
  });

  it("shows no diagnostics at stage 0 and prices it at $9.50", () => {
    expect(stage0.result.diagnostics).toEqual([]);
    expect(stage0.text).not.toContain("Diagnostics:");
    expect(stage0.result.cost).toEqual({
      total: 9.5, currency: "USD", lines: [
        { resource: "apps.web", kind: "web service", plan: "starter", monthly: 7 },
        { resource: "apps.web.disk", kind: "disk 10 GB", plan: "10 GB", monthly: 2.5 },
      ],
    });
    expect(stage0.text).toContain("\nMonthly cost: $9.50\n");
    expect(stage0.text.indexOf("Monthly cost:")).toBeGreaterThan(stage0.text.indexOf("Outputs:"));
  });

  it("warns about the retired disk at stage 2 over stage 0", () => {
    expect(stage2.result.diagnostics).toEqual([
      { severity: "warning", urn: STACK_COMPONENT, type: "hosting:index:Stack", name: "dev", message: retiredDiskWarning(["dev-web-disk"]) },
    ]);
    expect(stage2.text).toContain(`  hosting:index:Stack (dev):\n    warning: ${retiredDiskWarning(["dev-web-disk"])}`);
  });

  it("prices stage 2 and its change as `npm run cost -- --stage 2 --base Pulumi.dev.yaml` does", () => {
    const { head, delta } = compareConfigs(readStackConfig("dev"), readStackConfig("dev", { stage: 2 }), loadPriceCatalog());
    expect(stage2.result.cost).toEqual({ ...head, before: delta.before, change: delta.change });
    expect(stage2.text).toContain(
      `\nMonthly cost: ${money(delta.before, "USD")} → ${money(delta.after, "USD")} (${money(delta.change, "USD", true)})\n`);
  });
});
