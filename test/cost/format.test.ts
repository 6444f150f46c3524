import { spawnSync } from "child_process";
import { join } from "path";
import { formatDeltaMarkdown, money } from "../../cost/format";
import type { CostDelta } from "../../cost/delta";

describe("money", () => {
  test.each([
    [9.5, false, "$9.50"], [-2.5, true, "-$2.50"], [4.5, true, "+$4.50"], [0, true, "$0.00"],
  ])("writes %d (signed %s) as %s", (amount, signed, expected) => {
    expect(money(amount, "USD", signed)).toBe(expected);
  });

  it("writes other currencies by code", () => {
    expect(money(3, "EUR")).toBe("EUR 3.00");
  });
});

describe("formatDeltaMarkdown", () => {
  const delta: CostDelta = {
    currency: "USD", before: 9.5, after: 14, change: 4.5,
    lines: [
      { resource: "apps.web", kind: "web service", plan: "starter", before: 7, after: 7, change: 0 },
      { resource: "database", kind: "postgres", plan: "starter", after: 7, change: 7 },
      { resource: "apps.web.disk", kind: "disk 10 GB", plan: "10 GB", before: 2.5, change: -2.5 },
    ],
  };

  it("leads with the total change and lists what moved", () => {
    expect(formatDeltaMarkdown("Monthly cost of dev", delta)).toBe([
      "### Monthly cost of dev: $9.50 → $14.00 per month (+$4.50)",
      "",
      "| resource | kind | plan | before | after | change |",
      "|---|---|---|---:|---:|---:|",
      "| database | postgres | starter | — | $7.00 | +$7.00 |",
      "| apps.web.disk | disk 10 GB | 10 GB | $2.50 | — | -$2.50 |",
    ].join("\n"));
  });

  it("says so when nothing changes", () => {
    expect(formatDeltaMarkdown("x", { ...delta, after: 9.5, change: 0, lines: [delta.lines[0]] }))
      .toBe("### x: $9.50 → $9.50 per month (no change)\n\nNo resource changes cost.");
  });
});

describe("npm run cost", () => {
  const root = join(__dirname, "..", "..");
  const run = (...args: string[]) => spawnSync(process.execPath, [join(root, "node_modules/ts-node/dist/bin.js"), "--transpile-only", "tools/cost.ts", ...args], { cwd: root, encoding: "utf8" });

  it("prints the estimate as JSON with --json and explains bad flags", () => {
    const ok = run("--stack", "dev", "--stage", "1", "--json");
    expect(ok.status).toBe(0);
    const json = JSON.parse(ok.stdout);
    expect([json.total, json.currency, json.lines.length]).toEqual([16.5, "USD", 3]);
    const bad = run("--stage", "7");
    expect([bad.status, bad.stderr.split("\n")[0]]).toEqual([2, 'cost: --stage: "7" is not a stage; use 0, 1, 2, 3, 4 or 5.']);
  });
});
